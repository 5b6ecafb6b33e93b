/**
 * Fan-out: who hears about what. The hub decides nothing; it turns a change that has already been
 * stored into socket events for the rooms concerned and Web Push notifications for staff whose
 * console may be closed.
 */
import type { QueueInfo, StaffDirectoryEntry, StoredMessage } from '../protocol/messages.ts';
import type { SiteConfig } from './config.ts';
import type { PresenceBoard } from './presence.ts';
import type { QueueView, Router } from './routing.ts';
import type { StaffNamespace, VisitorNamespace } from './socket-events.ts';
import type { ConversationStore } from './store/conversations.ts';
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

export interface HubDeps {
  visitors: VisitorNamespace;
  staff: StaffNamespace;
  conversations: ConversationStore;
  handoffs: HandoffStore;
  staffStore: StaffStore;
  sites: ReadonlyMap<string, SiteConfig>;
  router: Router;
  presence: PresenceBoard;
  notifier: Notifier;
}

/** What a waiting visitor was last told, as far as it matters to them: the wait to the minute. */
const toldKey = (info: QueueInfo | undefined): string =>
  info ? JSON.stringify({ ...info, expectedWaitMs: Math.round(info.expectedWaitMs / 60_000) }) : '';

export class Hub {
  /** Waiting conversations and what they were last told about their place. */
  private readonly told = new Map<string, string>();
  private readonly visitors: VisitorNamespace;
  private readonly staff: StaffNamespace;
  private readonly conversations: ConversationStore;
  private readonly handoffs: HandoffStore;
  private readonly staffStore: StaffStore;
  private readonly sites: ReadonlyMap<string, SiteConfig>;
  private readonly router: Router;
  private readonly presence: PresenceBoard;
  private readonly notifier: Notifier;

  constructor(deps: HubDeps) {
    ({
      visitors: this.visitors,
      staff: this.staff,
      conversations: this.conversations,
      handoffs: this.handoffs,
      staffStore: this.staffStore,
      sites: this.sites,
      router: this.router,
      presence: this.presence,
      notifier: this.notifier,
    } = deps);
  }

  private siteName(siteKey: string): string {
    return this.sites.get(siteKey)?.name ?? siteKey;
  }

  /** A stored message, to everyone in the conversation; its assigned staff member is notified of a visitor's. */
  publish(message: StoredMessage): void {
    this.visitors.to(convRoom(message.conversationId)).emit('message', message);
    this.staff.to(convRoom(message.conversationId)).emit('message', message);
    const conv = this.conversations.get(message.conversationId);
    if (conv?.status === 'queued') this.queueUpdated(message.conversationId);
    if (conv?.status === 'active' && conv.assignedStaffId !== null && message.role === 'visitor') {
      this.notifier.notify([conv.assignedStaffId], {
        kind: 'message',
        conversationId: conv.id,
        title: `New message · ${this.siteName(conv.siteKey)}`,
        body: message.text.slice(0, 140),
      });
    }
  }

  /** The conversation's state, with the visitor's place in the queue while waiting. */
  statusChanged(conversationId: string, view?: QueueView): void {
    const state = this.router.stateOf(conversationId, view);
    if (!state) return;
    this.told.set(conversationId, toldKey(state.queue));
    this.visitors.to(convRoom(conversationId)).emit('conversation:status', state);
    this.staff.to(convRoom(conversationId)).emit('conversation:status', state);
  }

  /** A new chat in the queue: to every console that may take it, and a notification to those who can now. */
  queueAdded(conversationId: string): void {
    const summary = this.handoffs.summary(conversationId);
    if (!summary) return;
    for (const member of this.router.audience(summary)) this.staff.to(staffRoom(member.id)).emit('queue:added', summary);
    const site = this.sites.get(summary.siteKey);
    // Staff whose console is closed are reached by push too: they may be the only ones who can come.
    const reachable = site ? this.router.reachable(site, summary.team.id).map((m) => m.id) : [];
    this.notifier.notify(reachable, {
      kind: 'handoff',
      conversationId,
      title: `${
        summary.reasons.length
          ? summary.reasons
              .slice(0, 2)
              .map((r) => r.replace(/_/g, ' '))
              .join(', ')
          : 'Asked for a person'
      } · ${summary.siteName}`,
      body: summary.firstLine.slice(0, 140) || 'A visitor is waiting.',
    });
    this.refreshQueue();
  }

  queueUpdated(conversationId: string): void {
    const summary = this.handoffs.summary(conversationId);
    if (!summary) return;
    for (const member of this.router.audience(summary)) this.staff.to(staffRoom(member.id)).emit('queue:updated', summary);
  }

  queueRemoved(conversationId: string, claimedBy?: { id: number; name: string }): void {
    this.staff.to(ALL_STAFF).emit('queue:removed', { conversationId, ...(claimedBy ? { claimedBy } : {}) });
    this.refreshQueue();
  }

  /**
   * The queue changed (a chat came or went, someone became available or not): each waiting visitor
   * whose place, availability or expected wait (to the minute) is now different is told, and nobody
   * else, so the work follows what changed rather than the length of the queue.
   */
  refreshQueue(): void {
    const view = this.router.queueView();
    const waiting = new Set<string>();
    for (const { conversationId } of view.waiting) {
      waiting.add(conversationId);
      const info = view.info(conversationId);
      if (this.told.get(conversationId) === toldKey(info)) continue;
      this.statusChanged(conversationId, view);
    }
    for (const id of this.told.keys()) if (!waiting.has(id)) this.told.delete(id);
  }

  /** A staff member's consoles follow the chat (its messages, status and typing). */
  follow(staffId: number, conversationId: string): void {
    this.staff.in(staffRoom(staffId)).socketsJoin(convRoom(conversationId));
  }

  unfollow(staffId: number, conversationId: string): void {
    this.staff.in(staffRoom(staffId)).socketsLeave(convRoom(conversationId));
  }

  /** A chat left this staff member (transferred, handed back): their consoles stop following it and say why. */
  unassigned(staffId: number, conversationId: string, reason: string): void {
    this.unfollow(staffId, conversationId);
    this.staff.to(staffRoom(staffId)).emit('conversation:unassigned', { conversationId, reason });
  }

  /** A chat was passed straight to this staff member: their consoles follow it, and their phone hears of it. */
  passedTo(staffId: number, conversationId: string, by: { from: string; site: string; note: string }): void {
    this.follow(staffId, conversationId);
    const summary = this.handoffs.summary(conversationId);
    if (summary) this.staff.to(staffRoom(staffId)).emit('conversation:assigned', summary);
    this.notifier.notify([staffId], {
      kind: 'transfer',
      conversationId,
      title: `${by.from} passed you a chat · ${by.site}`,
      body: by.note || summary?.firstLine || '',
    });
  }

  /** The site's own agent could not answer: the widget's built-in assistant answers instead. */
  assistantFallback(conversationId: string, messageId: string): void {
    this.visitors.to(convRoom(conversationId)).emit('assistant:fallback', { conversationId, messageId });
  }

  visitorTyping(conversationId: string, typing: boolean): void {
    this.staff.to(convRoom(conversationId)).emit('typing', { conversationId, typing });
  }

  staffTyping(conversationId: string, name: string, typing: boolean): void {
    this.visitors.to(convRoom(conversationId)).emit('typing', { conversationId, name, typing });
  }

  directoryEntry(staffId: number): StaffDirectoryEntry | undefined {
    const member = this.staffStore.byId(staffId);
    if (!member) return undefined;
    const teams = [...this.sites.values()].flatMap((site) =>
      site.teams.filter((t) => t.members.some((m) => m.toLowerCase() === member.email.toLowerCase())).map((t) => t.id),
    );
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
    if (entry) this.staff.to(ALL_STAFF).emit('staff:presence', entry);
    // Someone became available or unavailable: waiting visitors' expected waits change.
    this.refreshQueue();
  }
}
