/** What both sides store and show. Types only: no DOM, no Node. */
import type { Contact, HandoffReason, PageContext } from './schemas.ts';

export const Role = { visitor: 'visitor', assistant: 'assistant', staff: 'staff', system: 'system' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ConversationStatus = {
  /** Only the assistant has answered so far. */
  bot: 'bot',
  /** Waiting in the staff queue. */
  queued: 'queued',
  /** A staff member has claimed it. */
  active: 'active',
  closed: 'closed',
} as const;
export type ConversationStatus = (typeof ConversationStatus)[keyof typeof ConversationStatus];

/** A message as the server stored it: `seq` is the conversation's gap-free order. */
export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  role: Role;
  text: string;
  authorName?: string;
  /** The author's clock, for display. */
  createdAt: number;
  /** The server's clock when it was stored. */
  storedAt: number;
}

export interface SiteInfo {
  key: string;
  name: string;
  greeting: string;
}

export interface ConversationState {
  conversationId: string;
  status: ConversationStatus;
  staffName?: string;
  lastSeq: number;
}

export interface HandoffSummary {
  conversationId: string;
  siteKey: string;
  siteName: string;
  reason: HandoffReason;
  status: ConversationStatus;
  requestedAt: number;
  firstLine: string;
  messageCount: number;
  context: PageContext;
  contact?: Contact;
  contactMessage?: string;
  assignedTo?: { id: number; name: string };
}

export interface ConversationDetail {
  summary: HandoffSummary;
  messages: StoredMessage[];
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; code: ErrorCode; error: string };

export const ErrorCode = {
  invalid: 'invalid',
  unauthorised: 'unauthorised',
  notFound: 'not_found',
  conflict: 'conflict',
  rateLimited: 'rate_limited',
  closed: 'closed',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
