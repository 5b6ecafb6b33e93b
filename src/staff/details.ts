/**
 * The details staff can copy: what the packet collected at the handoff, plus what the visitor has
 * written since (an email typed after the assistant asked for one), read by the same extractor the
 * widget uses; less the dates and amounts the visitor only asked about ("Are you open on
 * Saturday?" is not a date they gave). Pure; no DOM.
 */
import { extractDetails, normaliseDetail } from '../assistant/extract.ts';
import type { Detail, HandoffPacket } from '../protocol/schemas.ts';
import type { ChatLine } from './types.ts';

/** Kinds that a question asks about rather than gives: a name, email or phone in a question is still theirs. */
const ASKED_ABOUT = new Set<Detail['kind']>(['date', 'amount']);

/** The sentence of `text` around `value` is a question (ends in "?", or opens with "¿"). */
export function askedAbout(text: string, value: string): boolean {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  if (at < 0) return false;
  const before = text.slice(0, at);
  const start = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n')) + 1;
  const rest = text.slice(at + value.length);
  const end = rest.search(/[.!?\n]/);
  const sentence = text.slice(start, end < 0 ? text.length : at + value.length + end + 1).trim();
  return sentence.endsWith('?') || sentence.startsWith('¿');
}

export function withLaterDetails(packet: HandoffPacket | undefined, lines: readonly ChatLine[]): HandoffPacket | undefined {
  if (!packet) return packet;
  const textOf = new Map(lines.map((l) => [l.id, l.text]));
  const given = (d: Detail) => !ASKED_ABOUT.has(d.kind) || !askedAbout(textOf.get(d.messageId) ?? '', d.value);
  const collected = packet.collected.filter(given);
  const known = new Set(packet.collected.map((d) => `${d.kind}:${normaliseDetail(d.kind, d.value)}`));
  const later = extractDetails(lines.map((l) => ({ id: l.id, role: l.role, text: l.text }))).filter(
    (d) => !known.has(`${d.kind}:${normaliseDetail(d.kind, d.value)}`) && given(d),
  );
  if (!later.length && collected.length === packet.collected.length) return packet;
  return { ...packet, collected: [...collected, ...later].slice(0, 50) };
}
