/**
 * The handoff packet in staff's words: triage labels and signals as plain names, the reasons as
 * chips, the three-line summary and the mood trend described for screen readers. Pure functions,
 * no DOM (shared by the handoff view, the chat's transcript marks and the Insights page).
 */
import type { HandoffSummary } from '../protocol/messages.ts';
import type { Detail, HandoffPacket } from '../protocol/schemas.ts';

const NAMES: Record<string, string> = {
  // The model's labels (src/triage/labels.ts).
  frustration: 'Frustrated',
  human_request: 'Asked for a person',
  medical: 'Health',
  legal: 'Legal',
  financial: 'Money at risk',
  safety: 'Safety',
  deal: 'Price negotiation',
  complaint: 'Complaint',
  exception: 'Outside policy',
  personal: 'Personal circumstances',
  // Rule signals (one message).
  explicit_human_request: 'Asked for a person',
  shouting: 'Shouting',
  repeated_punctuation: 'Repeated “?!”',
  profanity: 'Swearing',
  // Conversation signals.
  repetition: 'Repeating themselves',
  sentiment_drop: 'Mood dropped',
  unresolved: 'Assistant could not help',
  // What the visitor did.
  visitor_asked: 'Asked for a person',
  offer_accepted: 'Accepted the offer of a person',
  policy: 'Flagged by triage',
};

/** A label, signal or handoff trigger in plain words (unknown names fall back to their code). */
export function reasonName(name: string): string {
  return NAMES[name] ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Labels that put someone's safety, health or money at stake: their chips stand out (with an icon, not colour alone). */
export const URGENT = new Set(['safety', 'medical', 'legal', 'financial']);

/** How a reason looks on a queue card: an icon (never colour alone) and a tone for its colour. */
export interface ReasonLook {
  icon: string;
  tone: 'danger' | 'warn' | 'accent' | 'neutral';
}

const LOOKS: Record<string, ReasonLook> = {
  safety: { icon: '⚠', tone: 'danger' },
  medical: { icon: '✚', tone: 'danger' },
  legal: { icon: '⚖', tone: 'warn' },
  financial: { icon: '$', tone: 'warn' },
  frustration: { icon: '☹', tone: 'warn' },
  sentiment_drop: { icon: '↘', tone: 'warn' },
  complaint: { icon: '!', tone: 'warn' },
  human_request: { icon: '☺', tone: 'accent' },
  explicit_human_request: { icon: '☺', tone: 'accent' },
  visitor_asked: { icon: '☺', tone: 'accent' },
  offer_accepted: { icon: '☺', tone: 'accent' },
  repetition: { icon: '↻', tone: 'accent' },
  unresolved: { icon: '?', tone: 'accent' },
};

export const reasonLook = (name: string): ReasonLook => LOOKS[name] ?? { icon: '•', tone: 'neutral' };

/** The reason a waiting chat is shown by: its most urgent triage reason (the server orders them), else what started it. */
export const topReason = (summary: HandoffSummary): string => summary.reasons[0] ?? summary.reason;

/** A score in [0, 1] as staff read it. */
export const percent = (score: number): string => `${Math.round(score * 100)}%`;

/** One reason chip: a named reason, where it came from and how sure triage was. */
export interface ReasonChip {
  /** Stable key (the raw label or signal name). */
  key: string;
  name: string;
  kind: 'label' | 'signal' | 'rule' | 'visitor';
  score?: number;
  messageId?: string;
  evidence: string;
  urgent: boolean;
}

/**
 * The packet's reasons as chips, most urgent first, one per plain name ("Asked for a person" may
 * come from the model, a rule and the button: the first, most urgent, wins). Without a packet the
 * summary's reason names stand in, without evidence.
 */
export function reasonChips(packet: HandoffPacket | undefined, summary: HandoffSummary | undefined): ReasonChip[] {
  const seen = new Set<string>();
  const chips: ReasonChip[] = [];
  const add = (chip: ReasonChip) => {
    if (seen.has(chip.name)) return;
    seen.add(chip.name);
    chips.push(chip);
  };
  for (const r of packet?.why.reasons ?? []) {
    add({
      key: r.name,
      name: reasonName(r.name),
      kind: r.kind,
      ...(r.score === undefined ? {} : { score: r.score }),
      ...(r.messageId ? { messageId: r.messageId } : {}),
      evidence: r.evidence,
      urgent: URGENT.has(r.name),
    });
  }
  for (const name of summary?.reasons ?? [])
    add({ key: name, name: reasonName(name), kind: 'label', evidence: '', urgent: URGENT.has(name) });
  if (!chips.length && summary)
    add({ key: summary.reason, name: reasonName(summary.reason), kind: 'visitor', evidence: '', urgent: false });
  // Urgent ones first, keeping the packet's order (most severe first) within each group.
  return [...chips.filter((c) => c.urgent), ...chips.filter((c) => !c.urgent)];
}

const shorten = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What the assistant records for turns that are not a need of their own: small talk, or asking for a person. */
const CHATTER =
  /^(?:small talk\b|wants to talk to a person$|quiere hablar con una persona$|veut parler à une personne$|möchte mit einer Person sprechen$)/i;

/**
 * What the visitor wants: the need the assistant understood, else the latest real need it
 * recorded, else the visitor's words that triggered the hand-off, else their first line. Never
 * small talk or "wants a person", and not simply the latest line (that is in the transcript).
 */
export function wantedNeed(packet: HandoffPacket | undefined, summary?: HandoffSummary): string {
  const real = (n: string | undefined) => (n && !CHATTER.test(n.trim()) ? n.trim() : '');
  return (
    real(packet?.understood.need) ||
    real([...(packet?.asked.needs ?? [])].reverse().find((n) => real(n))) ||
    summary?.triggerLine?.trim() ||
    packet?.asked.first.trim() ||
    summary?.firstLine ||
    ''
  );
}

/** The visitor's name once known: as the site vouched for it, as they typed it in the contact form, or as they wrote it. */
export function visitorName(summary: HandoffSummary | undefined, packet?: HandoffPacket): string | undefined {
  return (
    summary?.verified?.name ||
    summary?.contact?.name ||
    [...(packet?.collected ?? [])].reverse().find((d) => d.kind === 'name')?.value ||
    undefined
  );
}

/** How upset the latest reading is, for the mood's colour: calm, tense or upset. */
export function moodLevel(frustration: number): 'calm' | 'tense' | 'upset' {
  return frustration >= 0.6 ? 'upset' : frustration >= 0.3 ? 'tense' : 'calm';
}

/** The three lines at the top of a handoff: what they want, what the assistant tried, why a person. */
export function summaryLines(
  packet: HandoffPacket | undefined,
  chips: readonly ReasonChip[],
  summary?: HandoffSummary,
): { wants: string; tried: string; why: string } {
  const need = wantedNeed(packet, summary);
  const wants = need ? shorten(need, 140) : 'Nothing written yet';
  const tried = packet?.tried ?? [];
  let triedLine = 'Nothing: handed off before the assistant answered';
  if (tried.length) {
    const answers = tried.filter((t) => t.kind === 'answer').length;
    const misses = tried.filter((t) => t.kind === 'miss').length;
    const chat = tried.length - answers - misses;
    const counts = [
      answers && plural(answers, 'answer'),
      misses && plural(misses, 'miss', 'misses'),
      chat && plural(chat, 'small-talk reply', 'small-talk replies'),
    ]
      .filter(Boolean)
      .join(', ');
    const titles = [...new Set(tried.flatMap((t) => t.sources.map((s) => s.title)))].slice(-2);
    triedLine = `${counts}${titles.length ? ` — latest from ${titles.map((t) => `“${shorten(t, 48)}”`).join(', ')}` : ''}`;
  }
  const why = chips.length
    ? chips
        .slice(0, 3)
        .map((c) => (c.score === undefined ? c.name : `${c.name} (${percent(c.score)})`))
        .join(', ')
    : 'Asked for a person';
  return { wants, tried: triedLine, why };
}

const DETAIL_NAMES: Record<Detail['kind'], string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  order: 'Order or job no.',
  address: 'Address',
  date: 'Date',
  amount: 'Amount',
};

/** A collected detail's kind in words. */
export const detailName = (kind: Detail['kind']): string => DETAIL_NAMES[kind] ?? kind;

/** The frustration trend per visitor turn, in words, for the chart's text alternative. */
export function moodWords(values: readonly number[]): string {
  if (!values.length) return 'No mood readings.';
  if (values.length === 1) return `Frustration ${percent(values[0]!)} on the only visitor message.`;
  const first = values[0]!;
  const last = values.at(-1)!;
  const peak = Math.max(...values);
  const delta = last - first;
  const trend = Math.abs(delta) < 0.1 ? 'steady' : delta > 0 ? 'rising' : 'falling';
  return `Frustration ${trend}: from ${percent(first)} to ${percent(last)} over ${values.length} visitor messages (peak ${percent(peak)}).`;
}
