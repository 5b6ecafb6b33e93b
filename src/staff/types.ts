/**
 * View-side types of the staff console: what the controller hands to the elements. Types and
 * `const` objects only, so views never depend on the controller (or on socket.io-client).
 */
import type { HandoffSummary, Role } from '../protocol/messages.ts';

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
}
