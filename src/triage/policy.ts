/**
 * A site's triage policy: what each label and signal does (hand off now, offer a person, only flag
 * for staff, or nothing), the score threshold per label, and how many misses make `unresolved`.
 * No DOM and no Node: the widget, the worker and the server (validating site configs) share it.
 */
import { z } from 'zod';
import modelInfo from './model-info.json' with { type: 'json' };
import { ConversationSignal, Label, LABELS, RuleSignal, SIGNALS, type SignalName } from './labels.ts';

/**
 * `offer` offers the visitor a person with one tap and also flags the chat for staff;
 * `flag` only marks it for staff; `off` ignores the label or signal.
 */
export const Action = { handoff: 'handoff', offer: 'offer', flag: 'flag', off: 'off' } as const;
export type Action = (typeof Action)[keyof typeof Action];

/** What a decision asks for; `none` when nothing fired. */
export type Outcome = Exclude<Action, 'off'> | 'none';

const SEVERITY: Record<Outcome, number> = { handoff: 3, offer: 2, flag: 1, none: 0 };

export interface LabelRule {
  action: Action;
  /** The score at which the label counts as seen, and its action applies. */
  threshold: number;
  /**
   * With action `handoff`: the score at which the chat is handed off. Between `threshold` and this
   * the visitor is offered a person instead, because a wrong hand-off costs trust and staff time
   * and a wrong offer costs one tap. Absent means `threshold`.
   */
  handoffAt?: number;
}

export interface SitePolicy {
  labels: Record<Label, LabelRule>;
  signals: Record<SignalName, Action>;
  /** `unresolved` fires once the assistant has failed this many times in the conversation. */
  unresolvedAfter: number;
}

/**
 * A part of a message that supports a finding. `text` is that part itself (the whole message for
 * a model label), and `span` is where it sits in the message: [start, end), so
 * `message.slice(...span) === text`.
 */
export interface CitedEvidence {
  messageId: string;
  text: string;
  span: [number, number];
  /** For conversation signals: the per-message figure behind it (similarity, mood). */
  score?: number;
}

/** Something the engine noticed, before the policy says what it means for this site. */
export interface Finding {
  kind: 'label' | 'signal' | 'rule';
  name: Label | SignalName;
  /** The message that triggered it (for conversation signals, the latest visitor message). */
  messageId: string;
  score?: number;
  evidence: CitedEvidence[];
}

export interface Reason extends Finding {
  action: Exclude<Action, 'off'>;
  threshold?: number;
}

export interface Decision {
  action: Outcome;
  /** Most severe first, then by score; empty when `action` is `none`. */
  reasons: Reason[];
}

/** The labels the brief hands off by default; the rest offer a person. */
export const HANDOFF_LABELS: readonly Label[] = [
  Label.frustration,
  Label.medical,
  Label.legal,
  Label.financial,
  Label.safety,
  Label.human_request,
];

/**
 * The brief's defaults. Where it was silent: `unresolved` hands off, because two failed answers
 * are proof the assistant cannot help; `sentiment_drop` only offers, because a mood inferred from
 * a trend is softer evidence than any one message; the single-message rules (shouting, "???",
 * profanity) only flag, because each alone is often harmless ("OMG YES!!", "holy shit that's
 * cheap") and the model's `frustration` label already catches the angry ones.
 */
export const DEFAULT_POLICY: SitePolicy = {
  labels: Object.fromEntries(
    LABELS.map((l) => [
      l,
      HANDOFF_LABELS.includes(l)
        ? {
            action: Action.handoff,
            threshold: modelInfo.thresholds[l],
            // Safety errs towards a person: the cost of a missed emergency outweighs a wrong hand-off.
            handoffAt: l === Label.safety ? modelInfo.thresholds[l] : Math.max(modelInfo.thresholds[l], modelInfo.handoffThresholds[l]),
          }
        : { action: Action.offer, threshold: modelInfo.thresholds[l] },
    ]),
  ) as Record<Label, LabelRule>,
  signals: {
    [RuleSignal.explicit_human_request]: Action.handoff,
    [RuleSignal.shouting]: Action.flag,
    [RuleSignal.repeated_punctuation]: Action.flag,
    [RuleSignal.profanity]: Action.flag,
    [ConversationSignal.repetition]: Action.handoff,
    [ConversationSignal.sentiment_drop]: Action.offer,
    [ConversationSignal.unresolved]: Action.handoff,
  },
  unresolvedAfter: 2,
};

/** A site's overrides, as stored in its configuration: everything optional. */
export interface SitePolicyInput {
  labels?: Partial<Record<Label, Partial<LabelRule>>>;
  signals?: Partial<Record<SignalName, Action>>;
  unresolvedAfter?: number;
}

export function resolvePolicy(input: SitePolicyInput = {}): SitePolicy {
  const labels = { ...DEFAULT_POLICY.labels };
  for (const l of LABELS) {
    const rule: LabelRule = { ...labels[l], ...input.labels?.[l] };
    // A site that lowers or raises only the threshold keeps the gap to the hand-off point sensible.
    const handoffAt = input.labels?.[l]?.handoffAt ?? Math.max(rule.threshold, DEFAULT_POLICY.labels[l].handoffAt ?? rule.threshold);
    labels[l] = rule.action === Action.handoff ? { ...rule, handoffAt } : { action: rule.action, threshold: rule.threshold };
  }
  return {
    labels,
    signals: { ...DEFAULT_POLICY.signals, ...input.signals },
    unresolvedAfter: input.unresolvedAfter ?? DEFAULT_POLICY.unresolvedAfter,
  };
}

function buildSchema() {
  const action = z.enum(Action);
  const score = z.number().min(0).max(1);
  const labelRule = z.strictObject({ action: action.optional(), threshold: score.optional(), handoffAt: score.optional() });
  return z
    .strictObject({
      labels: z.partialRecord(z.enum(Label), labelRule).optional(),
      signals: z.partialRecord(z.enum(SIGNALS as [SignalName, ...SignalName[]]), action).optional(),
      unresolvedAfter: z.number().int().min(1).max(20).optional(),
    })
    .transform((input): SitePolicy => resolvePolicy(input));
}

let schema: ReturnType<typeof buildSchema> | undefined;

/**
 * The zod schema of a site's policy overrides; parsing yields the complete policy. Built on first
 * use so the widget and the worker, which never validate, do not carry zod.
 */
export function sitePolicySchema(): ReturnType<typeof buildSchema> {
  schema ??= buildSchema();
  return schema;
}

function actionFor(finding: Finding, policy: SitePolicy): { action: Action; threshold?: number } | null {
  if (finding.kind !== 'label') return { action: policy.signals[finding.name as SignalName] };
  const rule = policy.labels[finding.name as Label];
  const score = finding.score ?? 0;
  if (score < rule.threshold) return null;
  if (rule.action === Action.handoff && score < (rule.handoffAt ?? rule.threshold))
    return { action: Action.offer, threshold: rule.threshold };
  return { action: rule.action, threshold: rule.action === Action.handoff ? (rule.handoffAt ?? rule.threshold) : rule.threshold };
}

export function decide(findings: readonly Finding[], policy: SitePolicy = DEFAULT_POLICY): Decision {
  const reasons: Reason[] = [];
  for (const finding of findings) {
    const rule = actionFor(finding, policy);
    if (!rule || rule.action === Action.off) continue;
    reasons.push({ ...finding, action: rule.action, ...(rule.threshold === undefined ? {} : { threshold: rule.threshold }) });
  }
  reasons.sort((a, b) => SEVERITY[b.action] - SEVERITY[a.action] || (b.score ?? 1) - (a.score ?? 1));
  return { action: reasons[0]?.action ?? 'none', reasons };
}
