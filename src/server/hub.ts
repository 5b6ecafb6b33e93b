/** Typed namespaces and the fan-out both socket handlers share. */
import type { Namespace, Server } from 'socket.io';
import type { StaffClientEvents, StaffMember, StaffServerEvents, VisitorClientEvents, VisitorServerEvents } from '../protocol/events.ts';
import { STAFF_NAMESPACE, VISITOR_NAMESPACE } from '../protocol/events.ts';
import type { StoredMessage } from '../protocol/messages.ts';
import type { SiteConfig } from './config.ts';
import type { ConversationStore, NewMessage } from './store.ts';

export interface VisitorSocketData {
  site: SiteConfig;
  conversations: Set<string>;
}
export interface StaffSocketData {
  staff: StaffMember;
  sessionToken: string;
}

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorSocketData>;
export type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents, Record<string, never>, StaffSocketData>;

export const convRoom = (conversationId: string): string => `conv:${conversationId}`;
export const staffRoom = (staffId: number): string => `staff:${staffId}`;
export const ALL_STAFF = 'staff';

export class Hub {
  readonly visitors: VisitorNamespace;
  readonly staff: StaffNamespace;

  constructor(
    io: Server,
    readonly conversations: ConversationStore,
  ) {
    this.visitors = io.of(VISITOR_NAMESPACE) as VisitorNamespace;
    this.staff = io.of(STAFF_NAMESPACE) as StaffNamespace;
  }

  /** Stores a message and pushes it to everyone in the conversation; a duplicate is not pushed again. */
  append(conversationId: string, message: NewMessage): { message: StoredMessage; duplicate: boolean } {
    const result = this.conversations.append(conversationId, message);
    if (!result.duplicate) this.publish(result.message);
    return result;
  }

  publish(message: StoredMessage): void {
    this.visitors.to(convRoom(message.conversationId)).emit('message', message);
    this.staff.to(convRoom(message.conversationId)).emit('message', message);
    const conv = this.conversations.get(message.conversationId);
    if (conv?.status === 'queued') this.queueUpdated(message.conversationId);
  }

  statusChanged(conversationId: string): void {
    const state = this.conversations.state(conversationId);
    if (!state) return;
    this.visitors.to(convRoom(conversationId)).emit('conversation:status', state);
    this.staff.to(convRoom(conversationId)).emit('conversation:status', state);
  }

  queueUpdated(conversationId: string): void {
    const summary = this.conversations.summary(conversationId);
    if (summary) this.staff.to(ALL_STAFF).emit('queue:updated', summary);
  }

  /** Distinct staff members with at least one connected console. */
  staffOnline(): number {
    const ids = new Set<number>();
    for (const socket of this.staff.sockets.values()) ids.add(socket.data.staff.id);
    return ids.size;
  }
}
