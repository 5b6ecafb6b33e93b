/**
 * The socket contract, defined once and imported by the widget, the staff console and the
 * server. Acknowledgements are always the last argument.
 */
import type {
  Ack,
  ConversationDetail,
  ConversationState,
  HandoffSummary,
  Presence,
  SavedReply,
  SiteInfo,
  StaffDirectoryEntry,
  StoredMessage,
  TeamRef,
} from './messages.ts';
import type {
  StaffClose,
  StaffConversationRef,
  StaffOpen,
  StaffPresence,
  StaffTransfer,
  StaffSend,
  StaffTyping,
  VisitorContact,
  VisitorHandoff,
  VisitorHello,
  VisitorIdentity,
  VisitorRate,
  VisitorSend,
  VisitorSync,
  VisitorTyping,
} from './schemas.ts';

export const VISITOR_NAMESPACE = '/visitor';
export const STAFF_NAMESPACE = '/staff';

export interface VisitorHandshake {
  siteKey: string;
}

/** Why the server refused a widget's connection for good (retrying will not help): `connect_error`'s `data.code`. */
export const ConnectRefusalCode = {
  /** The site key in the script tag is not configured on the server. */
  unknownSite: 'unknown_site',
  /** The page's origin is not among the site's allowed origins. */
  originNotAllowed: 'origin_not_allowed',
} as const;
export type ConnectRefusalCode = (typeof ConnectRefusalCode)[keyof typeof ConnectRefusalCode];

/** `connect_error`'s `data` when the server refuses a widget for good: a code to show and, for the site owner, the fix. */
export interface ConnectRefusal {
  code: ConnectRefusalCode;
  fix: string;
  /** A signed-in customer, as the site's server signed them (optional). */
  identity?: VisitorIdentity;
}

/** What the server made of the handshake's identity: `none` when there was none. */
export type IdentityStatus = 'verified' | 'expired' | 'invalid' | 'none';

export interface VisitorClientEvents {
  'visitor:hello': (
    p: VisitorHello,
    ack: (r: Ack<{ site: SiteInfo; conversation?: ConversationState; messages: StoredMessage[]; identity?: IdentityStatus }>) => void,
  ) => void;
  'conversation:start': (p: Record<string, never>, ack: (r: Ack<{ conversationId: string; token: string }>) => void) => void;
  'message:send': (p: VisitorSend, ack: (r: Ack<{ message: StoredMessage; duplicate: boolean }>) => void) => void;
  'conversation:sync': (p: VisitorSync, ack: (r: Ack<{ conversation: ConversationState; messages: StoredMessage[] }>) => void) => void;
  'handoff:request': (p: VisitorHandoff, ack: (r: Ack<{ staffOnline: number; position: number }>) => void) => void;
  'contact:leave': (p: VisitorContact, ack: (r: Ack) => void) => void;
  'conversation:rate': (p: VisitorRate, ack: (r: Ack) => void) => void;
  typing: (p: VisitorTyping) => void;
}

export interface VisitorServerEvents {
  message: (m: StoredMessage) => void;
  'conversation:status': (s: ConversationState) => void;
  typing: (p: { conversationId: string; name: string; typing: boolean }) => void;
  /** The site's own agent could not answer `messageId`: the built-in assistant answers instead. */
  'assistant:fallback': (p: { conversationId: string; messageId: string }) => void;
}

export interface StaffClientEvents {
  'queue:list': (
    p: Record<string, never>,
    ack: (
      r: Ack<{
        queue: HandoffSummary[];
        mine: HandoffSummary[];
        me: { presence: Presence; maxChats: number };
        teams: TeamRef[];
        directory: StaffDirectoryEntry[];
        savedReplies: SavedReply[];
      }>,
    ) => void,
  ) => void;
  'conversation:claim': (p: StaffConversationRef, ack: (r: Ack<{ detail: ConversationDetail }>) => void) => void;
  'conversation:open': (p: StaffOpen, ack: (r: Ack<{ detail: ConversationDetail }>) => void) => void;
  'message:send': (p: StaffSend, ack: (r: Ack<{ message: StoredMessage; duplicate: boolean }>) => void) => void;
  'conversation:close': (p: StaffClose, ack: (r: Ack) => void) => void;
  /** To another team (back to the queue) or straight to a person, with a note that travels with it. */
  'conversation:transfer': (p: StaffTransfer, ack: (r: Ack) => void) => void;
  /** Hand the chat back to the assistant. */
  'conversation:release': (p: StaffConversationRef, ack: (r: Ack) => void) => void;
  'presence:set': (p: StaffPresence, ack: (r: Ack) => void) => void;
  typing: (p: StaffTyping) => void;
}

export interface StaffServerEvents {
  'queue:added': (s: HandoffSummary) => void;
  'queue:updated': (s: HandoffSummary) => void;
  'queue:removed': (p: { conversationId: string; claimedBy?: { id: number; name: string } }) => void;
  message: (m: StoredMessage) => void;
  typing: (p: { conversationId: string; typing: boolean }) => void;
  'conversation:status': (s: ConversationState) => void;
  /** A chat was transferred to you, or returned to you. */
  'conversation:assigned': (s: HandoffSummary) => void;
  /** One of your chats left you (transferred, released, returned to the queue). */
  'conversation:unassigned': (p: { conversationId: string; reason: string }) => void;
  'staff:presence': (p: StaffDirectoryEntry) => void;
}

export interface StaffMember {
  id: number;
  email: string;
  name: string;
}
