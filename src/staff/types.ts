/**
 * View-side types of the staff console: what the controller hands to the elements. Types and
 * `const` objects only, so views never depend on the controller (or on socket.io-client).
 */
import type { Insights } from '../protocol/insights.ts';
import type { HandoffSummary, Role, StaffNote } from '../protocol/messages.ts';
import type { HandoffPacket } from '../protocol/schemas.ts';
import type { MessageRow } from '../sync/rows.ts';

/** Whether the console knows who is signed in (`checking`: `GET /api/staff/me` is in flight). */
export const AuthStatus = { checking: 'checking', signedOut: 'signedOut', signedIn: 'signedIn' } as const;
export type AuthStatus = (typeof AuthStatus)[keyof typeof AuthStatus];

/**
 * The live socket, as the console shows it: `offline` (no socket: signed out), `connecting` (first
 * connection after sign-in), `connected`, `reconnecting` (was connected, socket.io is trying again).
 */
export const ConnectionStatus = {
  offline: 'offline',
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

/** A staff reply's journey to the server: the same states as a visitor message's. */
export { Delivery as DeliveryState } from '../sync/rows.ts';

/**
 * One line of a transcript as the chat view renders it: a stored message or a pending reply. The
 * chat view marks the visitor messages whose `triage` triggered something.
 */
export type ChatLine = MessageRow;

/** The open chat as the chat view needs it. */
export interface OpenChat {
  conversationId: string;
  summary?: HandoffSummary;
  /** Stored messages in `seq` order, then replies still on their way. */
  lines: ChatLine[];
  visitorTyping: boolean;
  /** The first fetch of the transcript has not answered yet. */
  loading: boolean;
  /** Why the chat could not be loaded or changed, in words. */
  error?: string;
  closed: boolean;
  /** Everything triage and the assistant gathered before the handoff (absent for old or packet-less handoffs). */
  packet?: HandoffPacket;
  /** Staff-only notes (e.g. with a transfer); never shown to the visitor. */
  notes?: StaffNote[];
  /** Set when the chat left me (transferred, handed back, returned to the queue): why, in words. */
  leftReason?: string;
}

export type { Insights, InsightsDay, InsightsReason } from '../protocol/insights.ts';

/** The Insights page's data as the controller holds it. */
export interface InsightsState {
  /** The period asked for, in days. */
  days: number;
  loading: boolean;
  data?: Insights;
  error?: string;
}

/** One of my chats as the "My chats" list shows it. */
export interface MyChat {
  summary: HandoffSummary;
  /** Visitor messages I have not seen. */
  unread: number;
  /** The newest line of the conversation, and who wrote it. */
  latest?: { role: Role; text: string; at: number };
  /** A reply is being written (kept on this device). */
  hasDraft: boolean;
}

/** A short in-console notice about something that happened elsewhere (a new chat, a message, a transfer). */
export interface Toast {
  id: number;
  kind: 'handoff' | 'message' | 'transfer' | 'presence';
  title: string;
  body: string;
  /** Tapping it opens this chat (or the queue for a waiting chat). */
  conversationId?: string;
}
