/**
 * The triage engine: rules, model scores and conversation signals, judged by a site's policy.
 * Pure and synchronous (the caller runs the model), with no DOM and no Node, so the worker, the
 * main-thread fallback and the command line all decide the same way.
 */
import { conversationSignals, readVisitorTurn, type Turn, type VisitorTurn } from './conversation.ts';
import { LABELS, type Label, type Scores, type SignalName } from './labels.ts';
import { DEFAULT_POLICY, decide, type Decision, type Finding, type SitePolicy } from './policy.ts';
import { readCues } from './rules.ts';

export interface TriageResult {
  /** The visitor message this result is about: the last visitor turn. */
  messageId: string;
  /** The model's scores for that message, or null while the model is not available. */
  scores: Scores | null;
  /** Labels at or above the policy's thresholds. */
  labels: Label[];
  /** Rule and conversation signals found at that message. */
  signals: SignalName[];
  /** Frustration per visitor turn so far, oldest first: the mood trend staff see. */
  mood: number[];
  decision: Decision;
  /** Set by the worker: its time on this request, model included (the rest of a round trip is messaging). */
  workerMs?: number;
}

function labelFindings(v: VisitorTurn): Finding[] {
  if (!v.scores) return [];
  const scores = v.scores;
  const evidence = [{ messageId: v.messageId, text: v.text, span: [0, v.text.length] as [number, number] }];
  return LABELS.map((name) => ({ kind: 'label', name, messageId: v.messageId, score: scores[name], evidence }));
}

function ruleFindings(v: VisitorTurn): Finding[] {
  return v.cues.hits.map((hit) => ({
    kind: 'rule',
    name: hit.signal,
    messageId: v.messageId,
    evidence: [{ messageId: v.messageId, ...hit.evidence }],
  }));
}

function judge(turns: readonly Turn[], visitors: readonly VisitorTurn[], policy: SitePolicy): TriageResult {
  const now = visitors[visitors.length - 1];
  if (!now) throw new Error('a conversation needs at least one visitor turn');
  const findings = [
    ...labelFindings(now),
    ...ruleFindings(now),
    ...conversationSignals(turns.slice(0, now.index + 1), visitors, policy.unresolvedAfter),
  ];
  return {
    messageId: now.messageId,
    scores: now.scores,
    labels: now.scores ? LABELS.filter((l) => (now.scores?.[l] ?? 0) >= policy.labels[l].threshold) : [],
    signals: findings.filter((f) => f.kind !== 'label').map((f) => f.name as SignalName),
    mood: visitors.map((v) => v.mood),
    decision: decide(findings, policy),
  };
}

function readVisitors(turns: readonly Turn[], scores: readonly (Scores | null)[]): VisitorTurn[] {
  const visitors: VisitorTurn[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== 'visitor') return;
    visitors.push(readVisitorTurn(turn, index, readCues(turn.text), scores[visitors.length] ?? null));
  });
  return visitors;
}

/**
 * Triage as of the last visitor turn. `scores` holds the model's scores per visitor turn, in
 * order (null or missing where the model has not run).
 */
export function triageConversation(
  turns: readonly Turn[],
  scores: readonly (Scores | null)[] = [],
  policy: SitePolicy = DEFAULT_POLICY,
): TriageResult {
  return judge(turns, readVisitors(turns, scores), policy);
}

/** Triage as of each visitor turn in turn, as the widget would have seen it live. */
export function triageTimeline(
  turns: readonly Turn[],
  scores: readonly (Scores | null)[] = [],
  policy: SitePolicy = DEFAULT_POLICY,
): TriageResult[] {
  const visitors = readVisitors(turns, scores);
  return visitors.map((_, k) => judge(turns, visitors.slice(0, k + 1), policy));
}

export function triageMessage(
  text: string,
  scores: Scores | null = null,
  policy: SitePolicy = DEFAULT_POLICY,
  id = 'turn-0',
): TriageResult {
  return triageConversation([{ role: 'visitor', text, id }], [scores], policy);
}
