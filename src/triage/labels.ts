/**
 * The vocabulary of triage: the model's labels, in the order of its logits, and the
 * signals that come from rules and from the conversation rather than from the model.
 */

export const Label = {
  frustration: 'frustration',
  human_request: 'human_request',
  medical: 'medical',
  legal: 'legal',
  financial: 'financial',
  safety: 'safety',
  deal: 'deal',
  complaint: 'complaint',
  exception: 'exception',
  personal: 'personal',
} as const;
export type Label = (typeof Label)[keyof typeof Label];

/** In the order of the model's logits; model-info.json carries the same list and a test keeps them equal. */
export const LABELS: readonly Label[] = Object.values(Label);

export function isLabel(value: string): value is Label {
  return Object.hasOwn(Label, value);
}

/** One score in [0, 1] per label. */
export type Scores = Record<Label, number>;

/** Signals found by rules in one message, without the model. */
export const RuleSignal = {
  explicit_human_request: 'explicit_human_request',
  shouting: 'shouting',
  repeated_punctuation: 'repeated_punctuation',
  profanity: 'profanity',
} as const;
export type RuleSignal = (typeof RuleSignal)[keyof typeof RuleSignal];

/** Signals found across the turns of a conversation. */
export const ConversationSignal = {
  repetition: 'repetition',
  sentiment_drop: 'sentiment_drop',
  unresolved: 'unresolved',
} as const;
export type ConversationSignal = (typeof ConversationSignal)[keyof typeof ConversationSignal];

export type SignalName = RuleSignal | ConversationSignal;
export const SIGNALS: readonly SignalName[] = [...Object.values(RuleSignal), ...Object.values(ConversationSignal)];
