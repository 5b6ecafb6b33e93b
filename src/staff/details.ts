/**
 * The details staff can copy: what the packet collected at the handoff, plus what the visitor has
 * written since (an email typed after the assistant asked for one), read by the same extractor the
 * widget uses. Pure; no DOM.
 */
import { extractDetails, normaliseDetail } from '../assistant/extract.ts';
import type { HandoffPacket } from '../protocol/schemas.ts';
import type { ChatLine } from './types.ts';

export function withLaterDetails(packet: HandoffPacket | undefined, lines: readonly ChatLine[]): HandoffPacket | undefined {
  if (!packet) return packet;
  const known = new Set(packet.collected.map((d) => `${d.kind}:${normaliseDetail(d.kind, d.value)}`));
  const later = extractDetails(lines.map((l) => ({ id: l.id, role: l.role, text: l.text }))).filter(
    (d) => !known.has(`${d.kind}:${normaliseDetail(d.kind, d.value)}`),
  );
  return later.length ? { ...packet, collected: [...packet.collected, ...later].slice(0, 50) } : packet;
}
