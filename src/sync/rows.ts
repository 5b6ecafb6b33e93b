/**
 * A transcript row as both clients show it: a message the server stored, or one still on its way
 * from this device. The widget keeps rows in IndexedDB, the staff console in memory; both map a
 * `StoredMessage` to a row here.
 */
import type { StoredMessage } from '../protocol/messages.ts';

/**
 * A message's journey to the server, as the sender sees it: `sending` (composed and kept here, not
 * acknowledged yet, also while offline: it is resent on reconnect), `sent` (stored by the server, it
 * has a `seq`), `failed` (refused, or not acknowledged in time; the sender can retry with the same id).
 */
export const Delivery = { sending: 'sending', sent: 'sent', failed: 'failed' } as const;
export type Delivery = (typeof Delivery)[keyof typeof Delivery];

export interface MessageRow extends Pick<StoredMessage, 'id' | 'role' | 'text' | 'authorName' | 'createdAt' | 'triage' | 'assistant'> {
  /** Server order, once stored there. */
  seq?: number;
  delivery: Delivery;
  /** Why it was not delivered, in words for the sender. */
  error?: string;
}

/** A stored message as a row; optional fields are left out rather than set to `undefined`. */
export const rowOf = (m: StoredMessage): MessageRow & { seq: number } => ({
  id: m.id,
  role: m.role,
  text: m.text,
  createdAt: m.createdAt,
  seq: m.seq,
  delivery: Delivery.sent,
  ...(m.authorName ? { authorName: m.authorName } : {}),
  ...(m.triage ? { triage: m.triage } : {}),
  ...(m.assistant ? { assistant: m.assistant } : {}),
});
