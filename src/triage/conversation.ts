/**
 * Signals that come from the conversation rather than from one message: the visitor repeating a
 * need after an answer, the mood falling across turns, and the assistant failing again and again.
 */
import { ConversationSignal, type Scores } from './labels.ts';
import type { CitedEvidence, Finding } from './policy.ts';
import type { TextCues } from './rules.ts';
import { FOLLOW_UP, SMALL_TALK_WORDS } from './lexicon.ts';
import { contentTerms, cosine, fold, overlap, trigramVector, words } from './text.ts';

export interface Turn {
  role: 'visitor' | 'assistant';
  text: string;
  /** A stable message id; the engine uses `turn-<index>` when absent. */
  id?: string;
  /** Assistant turns only: `false` when the assistant could not answer (a miss). */
  resolved?: boolean;
}

/** One visitor turn as the engine read it. */
export interface VisitorTurn {
  /** Index in the conversation's turns. */
  index: number;
  messageId: string;
  text: string;
  cues: TextCues;
  scores: Scores | null;
  /** Frustration in [0, 1]: the model's when it ran, never below what the rules saw. */
  mood: number;
  terms: string[];
  trigrams: Map<string, number>;
}

export function messageIdOf(turn: Turn, index: number): string {
  return turn.id ?? `turn-${index}`;
}

export function readVisitorTurn(turn: Turn, index: number, cues: TextCues, scores: Scores | null): VisitorTurn {
  const terms = contentTerms(fold(turn.text).text);
  return {
    index,
    messageId: messageIdOf(turn, index),
    text: turn.text,
    cues,
    scores,
    mood: Math.max(scores?.frustration ?? 0, cues.mood),
    terms,
    trigrams: trigramVector(terms),
  };
}

/**
 * How alike two visitor turns must be to count as one need asked again. After an answer that
 * addressed the question, a turn in the same words is a repeat only when nearly the same
 * ("how much is a haircut" / "price of a haircut?"); after a miss or an answer about something
 * else, the same need reworded is enough ("how many hours does the battery last?" / "ok, but the
 * battery life? like hours on one charge").
 */
const SIMILAR = 0.7;
const SIMILAR_UNANSWERED = 0.4;
/** Share of a question's content an answer must cover to count as addressing it. */
const ADDRESSED = 0.5;

function whole(v: { messageId: string; text: string }, score?: number): CitedEvidence {
  return { messageId: v.messageId, text: v.text, span: [0, v.text.length], ...(score === undefined ? {} : { score }) };
}

export function similarity(a: VisitorTurn, b: VisitorTurn): number {
  if (a.terms.length === 0 || b.terms.length === 0) return 0;
  // Trigrams forgive typos and inflections; whole terms keep a follow-up that shares one long
  // word ("gift card" then "gift card online?") from looking like the same question.
  return (cosine(a.trigrams, b.trigrams) + overlap(a.terms, b.terms)) / 2;
}

/** Acknowledgements, thanks, greetings and small talk: turns that ask for nothing. */
export function isSmallTalk(text: string): boolean {
  return words(fold(text).text).every((w) => SMALL_TALK_WORDS.has(w));
}

/** Whether an assistant turn speaks to the question: it did not miss and covers most of its content. */
function addresses(reply: Turn, question: VisitorTurn): boolean {
  if (reply.resolved === false || question.terms.length === 0) return false;
  const answer = trigramVector(contentTerms(fold(reply.text).text));
  const covered = question.terms.filter((t) => cosine(trigramVector([t]), answer) >= 0.5).length;
  return covered / question.terms.length >= ADDRESSED;
}

function repetition(turns: readonly Turn[], visitors: readonly VisitorTurn[]): Finding | null {
  const now = visitors[visitors.length - 1];
  if (!now) return null;
  const claim = now.cues.repeatClaim;
  // "and what time do you close?" moves on, unless the visitor says they are asking again.
  const movesOn = !claim && FOLLOW_UP.test(fold(now.text).text);
  let best: { turn: VisitorTurn; score: number } | null = null;
  for (const earlier of movesOn ? [] : visitors.slice(0, -1)) {
    const replies = turns.slice(earlier.index + 1, now.index).filter((t) => t.role === 'assistant');
    if (replies.length === 0) continue;
    const bar = replies.some((r) => addresses(r, earlier)) ? SIMILAR : SIMILAR_UNANSWERED;
    const score = similarity(earlier, now);
    if (score >= bar && (!best || score > best.score)) best = { turn: earlier, score };
  }
  if (best) {
    return {
      kind: 'signal',
      name: ConversationSignal.repetition,
      messageId: now.messageId,
      score: best.score,
      evidence: [whole(best.turn), whole(now, best.score)],
    };
  }
  if (claim && turns.slice(0, now.index).some((t) => t.role === 'assistant')) {
    return {
      kind: 'signal',
      name: ConversationSignal.repetition,
      messageId: now.messageId,
      evidence: [{ messageId: now.messageId, ...claim }],
    };
  }
  return null;
}

/** How far the mood must climb, and where it must end, over the last few visitor turns. */
const MOOD_RISE = 0.4;
const MOOD_HIGH = 0.45;
const MOOD_WINDOW = 3;

function sentimentDrop(visitors: readonly VisitorTurn[]): Finding | null {
  const recent = visitors.slice(-MOOD_WINDOW);
  const now = recent[recent.length - 1];
  if (!now || recent.length < 2 || now.mood < MOOD_HIGH) return null;
  const calmest = recent.slice(0, -1).reduce((a, b) => (b.mood < a.mood ? b : a));
  const rise = now.mood - calmest.mood;
  if (rise < MOOD_RISE) return null;
  return {
    kind: 'signal',
    name: ConversationSignal.sentiment_drop,
    messageId: now.messageId,
    score: rise,
    evidence: recent.slice(recent.indexOf(calmest)).map((v) => whole(v, v.mood)),
  };
}

/**
 * Failed assistant turns so far: marked `resolved: false`, or rejected by the visitor's next turn
 * ("that doesn't help"). A miss followed by a rejection is one failure, not two, and a miss after
 * thanks, an acknowledgement or small talk is none: nothing was asked. The score is how far the
 * count has reached the site's bar, so it stays in [0, 1] like every other reason's.
 */
function unresolved(turns: readonly Turn[], visitors: readonly VisitorTurn[], after: number): Finding | null {
  const now = visitors[visitors.length - 1];
  if (!now) return null;
  const failures: CitedEvidence[] = [];
  turns.slice(0, now.index).forEach((turn, i) => {
    if (turn.role !== 'assistant') return;
    const asked = visitors.filter((v) => v.index < i).at(-1);
    const reply = visitors.find((v) => v.index > i);
    const rejected = reply && reply.index <= now.index && reply.cues.rejection;
    if (turn.resolved === false && asked && !isSmallTalk(asked.text)) {
      failures.push(whole({ messageId: messageIdOf(turn, i), text: turn.text }));
    } else if (rejected && reply) failures.push({ messageId: reply.messageId, ...rejected });
  });
  if (failures.length < after) return null;
  return {
    kind: 'signal',
    name: ConversationSignal.unresolved,
    messageId: now.messageId,
    score: Math.min(1, failures.length / after),
    evidence: failures,
  };
}

/** The conversation signals as of the last visitor turn in `visitors`. */
export function conversationSignals(turns: readonly Turn[], visitors: readonly VisitorTurn[], unresolvedAfter: number): Finding[] {
  return [repetition(turns, visitors), sentimentDrop(visitors), unresolved(turns, visitors, unresolvedAfter)].filter(
    (f): f is Finding => f !== null,
  );
}
