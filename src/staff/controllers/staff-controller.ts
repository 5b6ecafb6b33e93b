/**
 * The staff console's only bridge to the server, IndexedDB and notifications. It composes one
 * controller per concern and wires them; views read their state and call their methods, and never
 * touch the socket or the network themselves.
 * - {@link SessionController}: who is signed in (the one caller of `GET /api/staff/me`);
 * - {@link ConnectionController}: the socket, reconnects, acknowledged requests;
 * - {@link QueueController}: the queue, my chats, teams, people, saved replies; claims and transfers;
 * - {@link ChatCacheController}: loaded chats by `seq`, the open chat, gap fetches;
 * - {@link ReplyOutbox}: replies on their way (sent once, resent with the same id), typing;
 * - {@link DraftsController}, {@link PresenceController}, {@link AttentionController} (toasts,
 *   notifications, unread counts), {@link OfflineCopyController}, {@link InsightsController}.
 *
 * Reliability: every (re)connect re-reads the queue and resyncs my chats by sequence (`afterSeq`),
 * because socket.io buffers nothing for a disconnected client; a jump in `seq` fetches the gap.
 */
import type { ReactiveControllerHost } from 'lit';
import type { StaffMember } from '../../protocol/events.ts';
import { ConversationStatus, type ConversationDetail, type ConversationState, type HandoffSummary } from '../../protocol/messages.ts';
import { rowOf } from '../../sync/rows.ts';
import type { OpenChat } from '../types.ts';
import { AttentionController } from './attention-controller.ts';
import { ChatCacheController } from './chat-cache-controller.ts';
import { ConnectionController, type CallResult } from './connection-controller.ts';
import type { ConsoleState } from './console-state.ts';
import { forgetPeople } from './device-store.ts';
import { DraftsController } from './drafts-controller.ts';
import { InsightsController } from './insights-controller.ts';
import { OfflineCopyController } from './offline-copy-controller.ts';
import { PresenceController } from './presence-controller.ts';
import { QueueController } from './queue-controller.ts';
import { ReplyOutbox } from './reply-outbox.ts';
import { SessionController } from './session-controller.ts';
import { StaffApi } from './staff-api.ts';

export type { CallResult } from './connection-controller.ts';
export { newMessageId } from './reply-outbox.ts';

export interface StaffControllerOptions {
  /** Origin of the Baton server, e.g. `http://localhost:8080`; empty (the default) means this page's own. */
  baseUrl?: string;
  /** How long a request waits for its acknowledgement. */
  ackTimeoutMs?: number;
  /** How long a "visitor is typing" indicator lasts without a fresh typing event. */
  typingTimeoutMs?: number;
  /** A tapped notification asks for this chat (default: open it). */
  onOpenRequest?: (conversationId: string) => void;
}

export class StaffController implements ConsoleState {
  readonly api: StaffApi;
  readonly connection: ConnectionController;
  readonly queue: QueueController;
  readonly chats: ChatCacheController;
  readonly replies: ReplyOutbox;
  readonly drafts: DraftsController;
  readonly presence: PresenceController;
  readonly attention: AttentionController;
  readonly offline: OfflineCopyController;
  readonly insights: InsightsController;
  readonly session: SessionController;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: StaffControllerOptions = {},
  ) {
    const baseUrl = options.baseUrl ?? '';
    this.api = new StaffApi(baseUrl);
    // The host connects controllers in this order: the session comes last, so every listener is
    // in place before it first asks the server who is signed in.
    this.connection = new ConnectionController(
      host,
      { baseUrl, ackTimeoutMs: options.ackTimeoutMs ?? 10_000 },
      {
        signedIn: () => this.session.signedIn,
        connected: () => this.offline.connected(),
        resync: () => this.resync(),
        verifySession: () => this.session.verify(),
      },
    );
    this.queue = new QueueController(host, this.connection, {
      listed: (list) => {
        this.presence.apply(list.me);
        this.chats.summarise([...list.queue, ...list.mine]);
      },
      claimed: (detail) => {
        this.chats.merge(this.chats.ensure(detail.summary.conversationId), detail);
        this.chats.show(detail.summary.conversationId, undefined);
      },
      left: (conversationId, notice) => this.chats.left(conversationId, notice, true),
    });
    this.chats = new ChatCacheController(
      host,
      this.connection,
      { typingTimeoutMs: options.typingTimeoutMs ?? 8_000 },
      {
        stored: (m) => this.replies.settle(m),
        merged: (detail) => this.merged(detail),
      },
    );
    this.replies = new ReplyOutbox(host, this.connection, this.chats);
    this.drafts = new DraftsController(host, () => this.session.me?.id);
    this.presence = new PresenceController(host, this.connection, (toast) => this.attention.toast(toast));
    this.attention = new AttentionController(host, this.api, baseUrl, this, {
      openRequested: options.onOpenRequest ?? ((conversationId) => this.open(conversationId)),
      changed: () => this.offline.save(),
    });
    this.offline = new OfflineCopyController(host, this, async () => {
      if (await this.session.retry()) this.offline.stopRetrying();
    });
    this.insights = new InsightsController(host, this.api, (reason) => this.session.end(reason));
    this.session = new SessionController(host, this.api, {
      signedIn: (member) => this.signedIn(member),
      signedOut: () => this.signedOut(),
      unreachable: () => this.showOfflineCopy(),
    });
    this.listen();
  }

  /** The open chat, merged and ordered for display: stored messages by `seq`, then replies on their way. */
  get openChat(): OpenChat | undefined {
    const chat = this.chats.open;
    if (!chat) return undefined;
    return {
      conversationId: chat.conversationId,
      lines: [...chat.log.list().map(rowOf), ...this.replies.lines(chat.conversationId, this.session.me?.name)],
      visitorTyping: chat.visitorTyping,
      loading: chat.loading,
      closed: chat.summary?.status === ConversationStatus.closed,
      ...(chat.summary ? { summary: chat.summary } : {}),
      ...(chat.error ? { error: chat.error } : {}),
      ...(chat.packet ? { packet: chat.packet } : {}),
      notes: chat.notes,
      ...(chat.leftReason ? { leftReason: chat.leftReason } : {}),
    };
  }

  /** Shows a chat and fetches whatever this console has not seen of it yet. */
  open(conversationId: string): void {
    this.replies.setTyping(false);
    this.chats.show(conversationId, this.queue.summaryOf(conversationId));
    this.attention.markRead(conversationId);
    this.attention.settled(conversationId);
    this.host.requestUpdate();
    if (this.connection.connected) void this.chats.sync(conversationId);
  }

  /** Leaves the chat view (the chat stays assigned). */
  closeView(): void {
    this.replies.setTyping(false);
    this.chats.closeView();
    this.host.requestUpdate();
  }

  /** Ends a chat for good; the visitor sees it closed. */
  async closeChat(conversationId: string, hadContext?: boolean): Promise<CallResult> {
    this.replies.setTyping(false);
    const ack = await this.chats.closeChat(conversationId, hadContext);
    if (ack.ok) this.applyStatus({ conversationId, status: ConversationStatus.closed, lastSeq: 0 });
    this.host.requestUpdate();
    return ack;
  }

  /** Passes one of my chats to a team or a person; on success the view returns to the queue. */
  transfer(conversationId: string, to: { teamId: string } | { staffId: number }, note: string): Promise<CallResult> {
    this.replies.setTyping(false);
    return this.queue.transfer(conversationId, to, note);
  }

  /** Hands one of my chats back to the assistant. */
  release(conversationId: string): Promise<CallResult> {
    this.replies.setTyping(false);
    return this.queue.release(conversationId);
  }

  async logout(): Promise<void> {
    this.replies.setTyping(false);
    // While the session is still valid: this device stops getting this person's notifications.
    await this.attention.alerts.signOut();
    forgetPeople();
    void this.offline.clear();
    await this.session.logout();
  }

  /** Pull to refresh / the refresh button: the queue and my chats again (or a reconnect). */
  async refresh(): Promise<void> {
    if (this.connection.connected) await this.resync();
    else if (this.offline.offlineSince) await this.offline.retryNow();
    else this.connection.reconnectNow();
  }

  /** The staff member touched or typed: sound may play now, and an automatic "away" ends. */
  async active(): Promise<void> {
    this.attention.alerts.unlockAudio();
    await this.presence.active();
  }

  /**
   * Server events, in an order that matters: attention looks at each event before the queue and
   * the chat cache apply it, so it can tell a new chat, message or transfer from a known one.
   */
  private listen(): void {
    const { connection: on, queue, chats, attention, presence, replies } = this;
    const update = () => this.host.requestUpdate();
    on.on('queue:added', (s) => attention.onHandoff(s));
    on.on('message', (m) => attention.onMessage(m));
    on.on('conversation:assigned', (s) => attention.onAssigned(s));
    on.on('staff:presence', (entry) => presence.onPresence(entry, this.session.me?.id));
    on.on('queue:added', (s) => this.waiting(s));
    on.on('queue:updated', (s) => this.waiting(s));
    // Taken (by me or anyone): its "new chat" notice has done its job.
    on.on('queue:removed', ({ conversationId }) => (queue.removeWaiting(conversationId), attention.settled(conversationId), update()));
    on.on('message', (m) => (queue.counted(m.conversationId, m.seq), chats.onMessage(m), update()));
    on.on('typing', ({ conversationId, typing }) => chats.onVisitorTyping(conversationId, typing));
    on.on('conversation:status', (s) => (this.applyStatus(s), update()));
    // Another person passed me a chat, or one of mine left me (transfer, release, returned to the queue).
    on.on('conversation:assigned', (s) => (queue.adopt(s), chats.assigned(s), update()));
    on.on('conversation:unassigned', ({ conversationId, reason }) => {
      queue.drop(conversationId);
      chats.left(conversationId, `This chat is no longer yours: ${reason}.`, false);
      update();
    });
    on.on('staff:presence', (entry) => (queue.updatePerson(entry), update()));
    on.onLost(() => {
      replies.forgetTyping();
      chats.stopTypingIndicators();
    });
  }

  private waiting(summary: HandoffSummary): void {
    this.queue.upsertWaiting(summary);
    this.chats.summarise([summary]);
    this.host.requestUpdate();
  }

  private applyStatus(state: ConversationState): void {
    this.chats.applyStatus(state);
    this.queue.applyStatus(state);
  }

  /** A chat's detail arrived: read if it is open, and mine if it is assigned to me. */
  private merged(detail: ConversationDetail): void {
    this.attention.seenIfOpen(detail.summary.conversationId);
    if (detail.summary.status === ConversationStatus.active && detail.summary.assignedTo?.id === this.session.me?.id)
      this.queue.adopt(detail.summary);
  }

  /** Re-reads the queue, fetches what my chats (and any with unsent replies) missed, resends replies. */
  private async resync(): Promise<void> {
    await this.queue.refresh();
    // All my chats, not just the open one: their unread counts and latest lines, and the offline copy.
    for (const s of this.queue.mine) this.chats.ensure(s.conversationId);
    const stale = [...this.chats.all].filter(
      (c) => c.conversationId === this.chats.openId || this.replies.has(c.conversationId) || this.queue.isMine(c.conversationId),
    );
    await Promise.all(stale.map((c) => this.chats.sync(c.conversationId)));
    this.replies.flush();
    this.offline.save();
  }

  private signedIn(me: StaffMember): void {
    this.attention.signedIn(me);
    void this.attention.alerts.resume();
    this.connection.connect();
  }

  private signedOut(): void {
    this.connection.teardown();
    this.chats.reset();
    this.replies.reset();
    this.queue.reset();
    this.presence.reset();
    this.attention.reset();
    this.drafts.reset();
    this.offline.reset();
  }

  /** No server at start: the offline copy, if this device has one, as the signed-in member's. */
  private async showOfflineCopy(): Promise<StaffMember | undefined> {
    const copy = await this.offline.restore();
    if (!copy) return undefined;
    this.queue.restore(copy.snapshot);
    this.presence.apply(copy.snapshot);
    this.attention.signedIn(copy.snapshot.me);
    this.chats.restore(copy.chats);
    return copy.snapshot.me;
  }
}
