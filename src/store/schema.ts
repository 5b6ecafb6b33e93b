/** The widget's IndexedDB schema: one interface, one version, one step-by-step upgrade. */
import type { DBSchema } from 'idb';
import type { ConversationStatus, QueueInfo } from '../protocol/messages.ts';
import type { Contact, HandoffPacket, HandoffReason, MessageInput, PageContext } from '../protocol/schemas.ts';
import type { MessageRow } from '../sync/rows.ts';

export const DB_NAME = 'baton';
export const DB_VERSION = 1;

export { Delivery } from '../sync/rows.ts';

/** A transcript row on the device; `sending` rows have an outbox item beside them. */
export interface LocalMessage extends MessageRow {
  /** The local conversation this belongs to; stable before the server has issued an id. */
  conversationKey: string;
}

export interface SessionRecord {
  siteKey: string;
  conversationKey: string;
  conversationId?: string;
  token?: string;
  lastSeq: number;
  status: ConversationStatus;
  staffName?: string;
  /** Set once the server has answered a handoff request. */
  handoff?: { staffOnline: number; position: number; contactLeft?: boolean };
  /** While waiting for a person: place in line and expected wait, as the server last said. */
  queue?: QueueInfo;
  /** The assistant asked for a way to reach the visitor (it asks once). */
  askedContact?: boolean;
  /** A closed chat the visitor has rated. */
  rated?: boolean;
  startedAt: number;
}

export type OutboxItem =
  | { id: string; conversationKey: string; createdAt: number; kind: 'message'; message: MessageInput }
  | {
      id: string;
      conversationKey: string;
      createdAt: number;
      kind: 'handoff';
      reason: HandoffReason;
      context: PageContext;
      packet?: HandoffPacket;
    }
  | { id: string; conversationKey: string; createdAt: number; kind: 'contact'; contact: Contact; message: string }
  | { id: string; conversationKey: string; createdAt: number; kind: 'rating'; rating: number; comment?: string };

export interface BatonDB extends DBSchema {
  messages: { key: string; value: LocalMessage; indexes: { 'by-conversation': [string, number] } };
  outbox: { key: string; value: OutboxItem; indexes: { 'by-conversation': [string, number] } };
  sessions: { key: string; value: SessionRecord };
}
