/**
 * View-side types of the staff console: what the controller hands to the elements. Types and
 * `const` objects only, so views never depend on the controller (or on socket.io-client).
 */
import type { Insights } from '../protocol/insights.ts';
import type { HandoffSummary, Role, StaffNote } from '../protocol/messages.ts';
import type { AssistantMeta, HandoffPacket, TriageMeta } from '../protocol/schemas.ts';

/** Whether the console knows who is signed in. */
export const AuthStatus = {
  /** `GET /api/staff/me` is in flight. */
  checking: 'checking',
  signedOut: 'signedOut',
  signedIn: 'signedIn',
} as const;
export type AuthStatus = (typeof AuthStatus)[keyof typeof AuthStatus];

/** The live socket, as the console shows it. */
export const ConnectionStatus = {
  /** No socket (signed out). */
  offline: 'offline',
  /** First connection after sign-in. */
  connecting: 'connecting',
  connected: 'connected',
  /** Was connected, lost it, socket.io is trying again. */
  reconnecting: 'reconnecting',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

/** A staff reply's journey to the server. */
export const DeliveryState = {
  /** Composed, not yet acknowledged (also while the socket is down: it is resent on reconnect). */
  sending: 'sending',
  /** Stored by the server (it has a `seq`). */
  sent: 'sent',
  /** Refused or timed out; the view offers a retry with the same id. */
  failed: 'failed',
} as const;
export type DeliveryState = (typeof DeliveryState)[keyof typeof DeliveryState];

/** One line of a transcript as the chat view renders it: a stored message or a pending reply. */
export interface ChatLine {
  id: string;
  role: Role;
  text: string;
  authorName?: string;
  createdAt: number;
  /** Present once the server stored it. */
  seq?: number;
  delivery: DeliveryState;
  /** Why a reply failed, in words for the staff member. */
  error?: string;
  /** Visitor messages: what on-device triage made of it (the chat view marks the ones that triggered). */
  triage?: TriageMeta;
  /** Assistant messages: what the assistant did. */
  assistant?: AssistantMeta;
}

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

/** One of my chats as the "My chats" list shows it (issue 5). */
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
