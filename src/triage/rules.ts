/**
 * Rules that need no model: they answer at once, before the model has loaded and beside it.
 * Every hit carries the span of the visitor's own text that triggered it.
 */
import { RuleSignal } from './labels.ts';
import { CLAUSE_BREAK, HUMAN_REQUEST, HUMAN_REQUEST_ALONE, NEGATION, NEGATIVE, PROFANITY, REJECTION, REPEAT_CLAIM } from './lexicon.ts';
import { fold, originalSpan, type Folded } from './text.ts';

/** The words that led to a signal: `text` is exactly `message.slice(...span)`. */
export interface Evidence {
  text: string;
  span: [number, number];
}

export interface RuleHit {
  signal: RuleSignal;
  evidence: Evidence;
}

/** What the rules read in one message. */
export interface TextCues {
  hits: RuleHit[];
  /** Frustration in [0, 1] estimated from the rules alone, for the mood trend before the model loads. */
  mood: number;
  /** The visitor rejects the assistant's answer ("that doesn't help"). */
  rejection: Evidence | null;
  /** The visitor says they are repeating themselves ("as I said"). */
  repeatClaim: Evidence | null;
}

function evidence(text: string, span: [number, number]): Evidence {
  return { text: text.slice(span[0], span[1]), span };
}

function firstMatch(pattern: RegExp, folded: Folded, text: string): Evidence | null {
  pattern.lastIndex = 0;
  const m = pattern.exec(folded.text);
  return m ? evidence(text, originalSpan(folded, m.index, m.index + m[0].length)) : null;
}

function isNegated(foldedText: string, start: number): boolean {
  let clauseStart = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(foldedText); m && m.index < start; m = CLAUSE_BREAK.exec(foldedText)) {
    clauseStart = m.index + m[0].length;
  }
  NEGATION.lastIndex = 0;
  return NEGATION.test(foldedText.slice(clauseStart, start));
}

function humanRequest(folded: Folded, text: string): Evidence | null {
  if (HUMAN_REQUEST_ALONE.test(folded.text)) return evidence(text, [0, text.length]);
  for (const pattern of HUMAN_REQUEST) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(folded.text); m; m = pattern.exec(folded.text)) {
      if (!isNegated(folded.text, m.index)) {
        return evidence(text, originalSpan(folded, m.index, m.index + m[0].length));
      }
    }
  }
  return null;
}

// A run of upper-case words; "I NEED THIS FIXED" but not "PDF" or "ASAP".
const CAPS_RUN = /(?<!\p{L})\p{Lu}[\p{Lu}'’]*(?!\p{L})(?:[\s,.!?¡¿:;-]+\p{Lu}[\p{Lu}'’]*(?!\p{L}))*/gu;
const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/gu;

function shouting(text: string): Evidence | null {
  const upper = text.match(UPPER)?.length ?? 0;
  // Under ten capitals is a word or two ("OK THANKS", "ASAP"), not shouting.
  if (upper < 10) return null;
  const lower = text.match(LOWER)?.length ?? 0;
  CAPS_RUN.lastIndex = 0;
  let best: RegExpExecArray | null = null;
  let bestLetters = 0;
  for (let m = CAPS_RUN.exec(text); m; m = CAPS_RUN.exec(text)) {
    const letters = m[0].match(UPPER)?.length ?? 0;
    if (letters > bestLetters) {
      best = m;
      bestLetters = letters;
    }
  }
  if (!best) return null;
  const runWords = best[0].split(/[\s,.!?¡¿:;-]+/u).filter(Boolean).length;
  const mostlyCaps = upper / (upper + lower) >= 0.8;
  if (mostlyCaps || (runWords >= 3 && bestLetters >= 10)) {
    return evidence(text, [best.index, best.index + best[0].length]);
  }
  return null;
}

const PUNCT_RUN = /[?!？！]{2,}/gu;

function repeatedPunctuation(text: string): Evidence | null {
  PUNCT_RUN.lastIndex = 0;
  for (let m = PUNCT_RUN.exec(text); m; m = PUNCT_RUN.exec(text)) {
    const questions = m[0].replace(/[!！]/gu, '').length;
    // "???" and "?!?" read as exasperation; "!!!" is as often delight, so it needs a question mark.
    if (questions >= 1 && m[0].length >= 3) return evidence(text, [m.index, m.index + m[0].length]);
  }
  return null;
}

function countMatches(pattern: RegExp, s: string): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(s)) n++;
  return n;
}

const MOOD_WEIGHTS: Record<RuleSignal, number> = {
  explicit_human_request: 0,
  shouting: 0.45,
  repeated_punctuation: 0.3,
  profanity: 0.4,
};

export function readCues(text: string): TextCues {
  const folded = fold(text);
  const hits: RuleHit[] = [];
  const add = (signal: RuleSignal, found: Evidence | null): void => {
    if (found) hits.push({ signal, evidence: found });
  };
  add(RuleSignal.explicit_human_request, humanRequest(folded, text));
  add(RuleSignal.shouting, shouting(text));
  add(RuleSignal.repeated_punctuation, repeatedPunctuation(text));
  add(RuleSignal.profanity, firstMatch(PROFANITY, folded, text));

  const rejection = firstMatch(REJECTION, folded, text);
  let calm = 1;
  for (const hit of hits) calm *= 1 - MOOD_WEIGHTS[hit.signal];
  calm *= 0.65 ** Math.min(2, countMatches(NEGATIVE, folded.text));
  if (rejection) calm *= 0.7;
  return { hits, mood: 1 - calm, rejection, repeatClaim: firstMatch(REPEAT_CLAIM, folded, text) };
}
