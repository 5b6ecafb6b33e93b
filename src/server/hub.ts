/** Typed namespaces and the fan-out every handler shares: who hears about what. */
import type { HandoffSummary, StaffDirectoryEntry, StoredMessage } from '../protocol/messages.ts';
import type { SiteConfig } from './config.ts';
import type { StaffNamespace, VisitorNamespace } from './socket-events.ts';
import type { PresenceBoard } from './presence.ts';
import type { Router } from './routing.ts';
import type { ConversationStore, NewMessage } from './store/conversations.ts';
import type { HandoffStore } from './store/handoffs.ts';
import type { StaffStore } from './store/staff.ts';

export const convRoom = (conversationId: string): string => `conv:${conversationId}`;
export const staffRoom = (staffId: number): string => `staff:${staffId}`;
export const ALL_STAFF = 'staff';

/** A notification for staff who may not have the console open (Web Push). */
export interface StaffNotification {
  kind: 'handoff' | 'message' | 'transfer';
  conversationId: string;
  title: string;
  body: string;
}

export interface Notifier {
  notify(staffIds: readonly number[], notification: StaffNotification): void;
}

export const silentNotifier: Notifier = { notify: () => undefined };

export class Hub {
  notifier: Notifier = silentNotifier;
  router!: Router;
  presence!: PresenceBoard;
  /** Set when a site connects its own AI agent: answers a visitor message from the server. */
  agent: ((site: SiteConfig, conversationId: string, message: StoredMessage) => void) | undefined;

  constructor(
    readonly visitors: VisitorNamespace,
    readonly staffNs: StaffNamespace,
    readonly conversations: ConversationStore,
    readonly handoffs: HandoffStore,
    readonly staffStore: StaffStore,
    readonly sites: Map<string, SiteConfig>,
  ) {}

  /** Stores a message and pushes it to everyone in the conversation; a duplicate is not pushed again. */
  append(conversationId: string, message: NewMessage): { message: StoredMessage; duplicate: boolean } {
    const result = this.conversations.append(conversationId, message);
    if (!result.duplicate) this.publish(result.message);
    return result;
  }

  publish(message: StoredMessage): void {
    this.visitors.to(convRoom(message.conversationId)).emit('message', message);
    this.staffNs.to(convRoom(message.conversationId)).emit('message', message);
    const conv = this.conversations.get(message.conversationId);
    if (conv?.status === 'queued') this.queueUpdated(message.conversationId);
    if (conv?.status === 'active' && conv.assignedStaffId !== null && message.role === 'visitor') {
      this.notifier.notify([conv.assignedStaffId], {
        kind: 'message',
        conversationId: conv.id,
        title: `New message · ${this.sites.get(conv.siteKey)?.name ?? conv.siteKey}`,
        body: message.text.slice(0, 140),
      });
    }
  }

  /** The conversation's state, with the visitor's place in the queue while waiting. */
  statusChanged(conversationId: string, waiting?: readonly HandoffSummary[]): void {
    const state = this.conversations.state(conversationId);
    if (!state) return;
    const queue = this.router.queueInfo(conversationId, waiting);
    const full = queue ? { ...state, queue } : state;
    this.visitors.to(convRoom(conversationId)).emit('conversation:status', full);
    this.staffNs.to(convRoom(conversationId)).emit('conversation:status', full);
  }

  /** A new chat in the queue: to every console that may take it, and a notification to those who can now. */
  queueAdded(conversationId: string): void {
    const summary = this.handoffs.summary(conversationId);
    if (!summary) return;
    for (const member of this.router.audience(summary)) this.staffNs.to(staffRoom(member.id)).emit('queue:added', summary);
    const site = this.sites.get(summary.siteKey);
    // Staff whose console is closed are reached by push too: they may be the only ones who can come.
    const reachable = site ? this.router.reachable(site, summary.team.id).map((m) => m.id) : [];
    this.notifier.notify(reachable, {
      kind: 'handoff',
      conversationId,
      title: `${summary.reasons.length ? summary.reasons.slice(0, 2).map((r) => r.replace(/_/g, ' ')).join(', ') : 'Asked for a person'} · ${summary.siteName}`,
      body: summary.firstLine.slice(0, 140) || 'A visitor is waiting.',
    });
    this.refreshQueue(summary.siteKey);
  }

  queueUpdated(conversationId: string): void {
    const summary = this.handoffs.summary(conversationId);
    if (!summary) return;
    for (const member of this.router.audience(summary)) this.staffNs.to(staffRoom(member.id)).emit('queue:updated', summary);
  }

  queueRemoved(conversationId: string, claimedBy?: { id: number; name: string }): void {
    this.staffNs.to(ALL_STAFF).emit('queue:removed', { conversationId, ...(claimedBy ? { claimedBy } : {}) });
    const siteKey = this.conversations.get(conversationId)?.siteKey;
    if (siteKey) this.refreshQueue(siteKey);
  }

  /** Places in the queue moved: tell every waiting visitor of the site theirs. */
  refreshQueue(siteKey: string): void {
    // One read of the queue for every waiting visitor, not one per visitor.
    const waiting = this.handoffs.queue();
    for (const s of waiting) if (s.siteKey === siteKey) this.statusChanged(s.conversationId, waiting);
  }

  directoryEntry(staffId: number): StaffDirectoryEntry | undefined {
    const member = this.staffStore.byId(staffId);
    if (!member) return undefined;
    const teams = [...this.sites.values()].flatMap((site) => site.teams.filter((t) => t.members.some((m) => m.toLowerCase() === member.email.toLowerCase())).map((t) => t.id));
    return {
      id: member.id,
      name: member.name,
      presence: this.presence.status(member.id),
      openChats: this.handoffs.openChats(member.id),
      maxChats: member.maxChats,
      teams,
    };
  }

  presenceChanged(staffId: number): void {
    const entry = this.directoryEntry(staffId);
    if (entry) this.staffNs.to(ALL_STAFF).emit('staff:presence', entry);
    // Someone became available or unavailable: waiting visitors' expected waits change.
    for (const siteKey of this.sites.keys()) this.refreshQueue(siteKey);
  }
}
