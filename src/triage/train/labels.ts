/** The triage labels, in the fixed order of the model's logits. */
export const LABELS = [
  'frustration',
  'human_request',
  'medical',
  'legal',
  'financial',
  'safety',
  'deal',
  'complaint',
  'exception',
  'personal',
] as const;

export type Label = (typeof LABELS)[number];

export const NUM_LABELS = LABELS.length;

export function isLabel(value: string): value is Label {
  return (LABELS as readonly string[]).includes(value);
}
