/**
 * Signals that come from the conversation rather than from one message: the visitor repeating a
 * need after an answer, the mood falling across turns, and the assistant failing again and again.
 */
import { ConversationSignal, type Scores } from './labels.ts';
import type { CitedEvidence, Finding } from './policy.ts';
import type { TextCues } from './rules.ts';
import { contentTerms, cosine, fold, overlap, trigramVector } from './text.ts';

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

/** Tuned on reworded pairs ("how much is a haircut" / "price of a haircut?") against follow-ups. */
const SIMILAR = 0.7;

function whole(v: { messageId: string; text: string }, score?: number): CitedEvidence {
  return { messageId: v.messageId, text: v.text, span: [0, v.text.length], ...(score === undefined ? {} : { score }) };
}

export function similarity(a: VisitorTurn, b: VisitorTurn): number {
  if (a.terms.length === 0 || b.terms.length === 0) return 0;
  // Trigrams forgive typos and inflections; whole terms keep a follow-up that shares one long
  // word ("gift card" then "gift card online?") from looking like the same question.
  return (cosine(a.trigrams, b.trigrams) + overlap(a.terms, b.terms)) / 2;
}

function repetition(turns: readonly Turn[], visitors: readonly VisitorTurn[]): Finding | null {
  const now = visitors[visitors.length - 1];
  if (!now) return null;
  const answered = (v: VisitorTurn): boolean => turns.slice(v.index + 1, now.index).some((t) => t.role === 'assistant');
  let best: { turn: VisitorTurn; score: number } | null = null;
  for (const earlier of visitors.slice(0, -1)) {
    const score = similarity(earlier, now);
    if (score >= SIMILAR && answered(earlier) && (!best || score > best.score)) best = { turn: earlier, score };
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
  const claim = now.cues.repeatClaim;
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
 * ("that doesn't help"). A miss followed by a rejection is one failure, not two.
 */
function unresolved(turns: readonly Turn[], visitors: readonly VisitorTurn[], after: number): Finding | null {
  const now = visitors[visitors.length - 1];
  if (!now) return null;
  const failures: CitedEvidence[] = [];
  turns.slice(0, now.index).forEach((turn, i) => {
    if (turn.role !== 'assistant') return;
    const reply = visitors.find((v) => v.index > i);
    const rejected = reply && reply.index <= now.index && reply.cues.rejection;
    if (turn.resolved === false) failures.push(whole({ messageId: messageIdOf(turn, i), text: turn.text }));
    else if (rejected && reply) failures.push({ messageId: reply.messageId, ...rejected });
  });
  if (failures.length < after) return null;
  return {
    kind: 'signal',
    name: ConversationSignal.unresolved,
    messageId: now.messageId,
    score: failures.length,
    evidence: failures,
  };
}

/** The conversation signals as of the last visitor turn in `visitors`. */
export function conversationSignals(
  turns: readonly Turn[],
  visitors: readonly VisitorTurn[],
  unresolvedAfter: number,
): Finding[] {
  return [repetition(turns, visitors), sentimentDrop(visitors), unresolved(turns, visitors, unresolvedAfter)].filter(
    (f): f is Finding => f !== null,
  );
}
