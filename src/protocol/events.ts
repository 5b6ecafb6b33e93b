/**
 * The socket contract, defined once and imported by the widget, the staff console and the
 * server. Acknowledgements are always the last argument.
 */
import type { Ack, ConversationDetail, ConversationState, HandoffSummary, SiteInfo, StoredMessage } from './messages.ts';
import type {
  StaffConversationRef,
  StaffOpen,
  StaffSend,
  StaffTyping,
  VisitorContact,
  VisitorHandoff,
  VisitorHello,
  VisitorSend,
  VisitorSync,
  VisitorTyping,
} from './schemas.ts';

export const VISITOR_NAMESPACE = '/visitor';
export const STAFF_NAMESPACE = '/staff';

export interface VisitorHandshake {
  siteKey: string;
}

export interface VisitorClientEvents {
  'visitor:hello': (p: VisitorHello, ack: (r: Ack<{ site: SiteInfo; conversation?: ConversationState; messages: StoredMessage[] }>) => void) => void;
  'conversation:start': (p: Record<string, never>, ack: (r: Ack<{ conversationId: string; token: string }>) => void) => void;
  'message:send': (p: VisitorSend, ack: (r: Ack<{ message: StoredMessage; duplicate: boolean }>) => void) => void;
  'conversation:sync': (p: VisitorSync, ack: (r: Ack<{ conversation: ConversationState; messages: StoredMessage[] }>) => void) => void;
  'handoff:request': (p: VisitorHandoff, ack: (r: Ack<{ staffOnline: number; position: number }>) => void) => void;
  'contact:leave': (p: VisitorContact, ack: (r: Ack) => void) => void;
  typing: (p: VisitorTyping) => void;
}

export interface VisitorServerEvents {
  message: (m: StoredMessage) => void;
  'conversation:status': (s: ConversationState) => void;
  typing: (p: { conversationId: string; name: string; typing: boolean }) => void;
}

export interface StaffClientEvents {
  'queue:list': (p: Record<string, never>, ack: (r: Ack<{ queue: HandoffSummary[]; mine: HandoffSummary[] }>) => void) => void;
  'conversation:claim': (p: StaffConversationRef, ack: (r: Ack<{ detail: ConversationDetail }>) => void) => void;
  'conversation:open': (p: StaffOpen, ack: (r: Ack<{ detail: ConversationDetail }>) => void) => void;
  'message:send': (p: StaffSend, ack: (r: Ack<{ message: StoredMessage; duplicate: boolean }>) => void) => void;
  'conversation:close': (p: StaffConversationRef, ack: (r: Ack) => void) => void;
  typing: (p: StaffTyping) => void;
}

export interface StaffServerEvents {
  'queue:added': (s: HandoffSummary) => void;
  'queue:updated': (s: HandoffSummary) => void;
  'queue:removed': (p: { conversationId: string; claimedBy?: { id: number; name: string } }) => void;
  message: (m: StoredMessage) => void;
  typing: (p: { conversationId: string; typing: boolean }) => void;
  'conversation:status': (s: ConversationState) => void;
}

export interface StaffMember {
  id: number;
  email: string;
  name: string;
}
