/** What both sides store and show. Types only: no DOM, no Node. */
import type { Knowledge } from '../assistant/knowledge.ts';
import type { SitePolicy } from '../triage/policy.ts';
import type { AssistantMeta, Contact, HandoffPacket, HandoffReason, PageContext, TriageMeta } from './schemas.ts';

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
  /** Visitor messages: what on-device triage made of it. */
  triage?: TriageMeta;
  /** Assistant messages: what the assistant did (as the server worked it out, never as a device said). */
  assistant?: AssistantMeta;
  /**
   * The visitor's device sent this as the assistant's line, but the assistant would not have said
   * it: it is stored as what it is, the visitor's (`role: 'visitor'`), and staff see it as theirs.
   */
  claimed?: 'assistant';
}

export interface SiteInfo {
  key: string;
  name: string;
  greeting: string;
  /** What the on-device assistant answers from. */
  knowledge: Knowledge;
  /** What on-device triage does with each label and signal. */
  policy: SitePolicy;
  /** True when the site's own AI agent answers (from the server) instead of the built-in assistant. */
  agent: boolean;
}

export interface QueueInfo {
  /** 1-based place among the chats waiting for the same team. */
  position: number;
  expectedWaitMs: number;
  teamName: string;
  /** False when nobody who could take the chat is online (whatever the posted hours say). */
  available: boolean;
  /** Not available, but staff are signed in: away or at their maximum of chats. */
  busy?: boolean;
  /** When the business is closed: the next opening, in the site's words ("Mon 7:00"). */
  opensAt?: string;
}

export interface ConversationState {
  conversationId: string;
  status: ConversationStatus;
  staffName?: string;
  lastSeq: number;
  queue?: QueueInfo;
  /** Set once the visitor has rated a closed chat. */
  rated?: boolean;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface HandoffSummary {
  conversationId: string;
  siteKey: string;
  siteName: string;
  reason: HandoffReason;
  /** The triage reasons (labels and signals) behind the handoff, most urgent first. */
  reasons: string[];
  /** Lower is more urgent; the queue is ordered by it, then by waiting time. */
  urgency: number;
  team: TeamRef;
  status: ConversationStatus;
  requestedAt: number;
  firstLine: string;
  messageCount: number;
  context: PageContext;
  /** What the visitor typed into the contact form (given by the visitor, not checked). */
  contact?: Contact;
  contactMessage?: string;
  /** Who the site's own server says the visitor is (a valid, unexpired signature). */
  verified?: VerifiedVisitor;
  /** The visitor line that triggered the hand-off: the most urgent reason's message, else the latest visitor line. */
  triggerLine?: string;
  assignedTo?: { id: number; name: string };
}

/** A signed-in customer as the site vouched for them. */
export interface VerifiedVisitor {
  id: string;
  name?: string;
  email?: string;
  /** When the server checked the signature. */
  verifiedAt: number;
}

/** A staff-only note (e.g. with a transfer); never shown to the visitor and outside the message sequence. */
export interface StaffNote {
  id: string;
  author: string;
  text: string;
  createdAt: number;
}

export interface ConversationDetail {
  summary: HandoffSummary;
  messages: StoredMessage[];
  packet?: HandoffPacket;
  notes: StaffNote[];
}

export const Presence = { online: 'online', away: 'away', offline: 'offline' } as const;
export type Presence = (typeof Presence)[keyof typeof Presence];

export interface StaffDirectoryEntry {
  id: number;
  name: string;
  presence: Presence;
  openChats: number;
  maxChats: number;
  teams: string[];
}

export interface SavedReply {
  siteKey: string;
  title: string;
  text: string;
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
