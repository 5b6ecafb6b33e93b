/**
 * Getting the staff member's attention, and knowing what they have seen: a new chat they could
 * take, a visitor message in one of their chats, a chat passed to them. While the console is on
 * screen that is a toast (and a chime); while it is hidden, a system notification through the
 * service worker ({@link DeviceAlerts}). Read marks per chat give the unread counts of "My chats".
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StaffMember } from '../../protocol/events.ts';
import { Presence, type HandoffSummary, type StoredMessage } from '../../protocol/messages.ts';
import type { NotificationPayload, WorkerToPage } from '../sw/messages.ts';
import { reasonLabel } from '../format.ts';
import type { MyChat, Toast } from '../types.ts';
import type { ConsoleState } from './console-state.ts';
import { DeviceAlerts } from './device-alerts.ts';
import { loadReadMarks, saveReadMarks } from './device-store.ts';
import type { StaffApi } from './staff-api.ts';

/** At most this many toasts at once (the newest), each shown for `TOAST_MS`. */
const TOASTS_SHOWN = 3;
const TOAST_MS = 7000;
/** How much of a message a notification quotes. */
const QUOTE_CHARS = 140;

export interface AttentionHooks {
  /** A tapped notification asks for a chat (the app routes it: a waiting chat is taken, one of mine opens). */
  openRequested(conversationId: string): void;
  /** A visitor wrote in one of my chats: worth a fresh offline copy. */
  changed(): void;
}

const isVisible = (): boolean => document.visibilityState === 'visible';

export class AttentionController implements ReactiveController {
  /** In-console notices, newest last. */
  toasts: Toast[] = [];
  /** Notification permission, push subscription, sound and vibration on this device. */
  readonly alerts: DeviceAlerts;

  private toastSeq = 0;
  /** Handoffs already announced: conversation → `requestedAt`. */
  private readonly announced = new Map<string, number>();
  /** The highest `seq` of each chat the staff member has seen. */
  private readMarks = new Map<string, number>();

  constructor(
    private readonly host: ReactiveControllerHost,
    api: StaffApi,
    baseUrl: string,
    private readonly from: ConsoleState,
    private readonly hooks: AttentionHooks,
  ) {
    this.alerts = new DeviceAlerts(
      api,
      baseUrl,
      () => host.requestUpdate(),
      (m) => this.onWorkerMessage(m),
    );
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onSeen);
    this.alerts.start();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onSeen);
    this.alerts.stop();
  }

  /** My chats for the list: unread visitor messages, the latest line, whether a draft waits. */
  get myChats(): MyChat[] {
    const { chats, drafts } = this.from;
    return this.from.queue.mine.map((summary) => {
      const id = summary.conversationId;
      const messages = chats.get(id)?.log.list() ?? [];
      const last = messages.findLast((m) => m.role !== 'system') ?? messages.at(-1);
      const read = this.readMarks.get(id) ?? 0;
      const unread = id === chats.openId && isVisible() ? 0 : messages.filter((m) => m.role === 'visitor' && m.seq > read).length;
      return {
        summary,
        unread,
        hasDraft: drafts.draftFor(id).trim() !== '',
        ...(last ? { latest: { role: last.role, text: last.text, at: last.createdAt } } : {}),
      };
    });
  }

  get unreadTotal(): number {
    return this.myChats.reduce((n, c) => n + c.unread, 0);
  }

  /** Signed in (or the offline copy shown): this member's read marks. */
  signedIn(me: StaffMember): void {
    this.readMarks = loadReadMarks(me.id);
  }

  toast(toast: Omit<Toast, 'id'>): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts, { ...toast, id }].slice(-TOASTS_SHOWN);
    setTimeout(() => this.dismiss(id), TOAST_MS);
    this.host.requestUpdate();
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
    this.host.requestUpdate();
  }

  /** The chat was taken or opened: its notices are out of date, so they go. */
  settled(conversationId: string): void {
    if (!this.toasts.some((t) => t.conversationId === conversationId)) return;
    this.toasts = this.toasts.filter((t) => t.conversationId !== conversationId);
    this.host.requestUpdate();
  }

  /** Everything in this chat up to its last contiguous message has been seen. */
  markRead(conversationId: string): void {
    const chat = this.from.chats.get(conversationId);
    this.mark(conversationId, chat ? chat.log.contiguous : 0);
  }

  /** A fetched chat that is open and on screen is read. */
  seenIfOpen(conversationId: string): void {
    if (conversationId === this.from.chats.openId && isVisible()) this.markRead(conversationId);
  }

  /** A new waiting chat I could take now (online, below my maximum): worth an alert. */
  onHandoff(s: HandoffSummary): void {
    // `queue:added` can follow a `queue:updated` for the same request: one alert per request.
    if (this.announced.get(s.conversationId) === s.requestedAt) return;
    this.announced.set(s.conversationId, s.requestedAt);
    const { presence, queue } = this.from;
    if (presence.presence !== Presence.online || queue.mine.length >= presence.maxChats) return;
    this.attend({
      kind: 'handoff',
      conversationId: s.conversationId,
      title: `${reasonLabel(s.reason)} · ${s.siteName}`,
      body: s.firstLine.slice(0, QUOTE_CHARS) || 'A visitor is waiting.',
    });
  }

  /** Runs before the chat cache stores `m`, so a message it already has is not announced twice. */
  onMessage(m: StoredMessage): void {
    const { queue, chats, connection } = this.from;
    const summary = queue.mine.find((s) => s.conversationId === m.conversationId);
    if (m.role !== 'visitor' || !summary) return;
    const chat = chats.get(m.conversationId);
    if (chat?.log.has(m.seq)) return;
    // A chat of mine this console has not loaded yet (just passed to me): load it for the count and line.
    if (!chat && connection.connected) void chats.sync(m.conversationId);
    this.hooks.changed();
    if (m.conversationId === chats.openId && isVisible()) {
      this.mark(m.conversationId, m.seq);
      return;
    }
    this.attend({
      kind: 'message',
      conversationId: m.conversationId,
      title: `New message · ${summary.siteName}`,
      body: m.text.slice(0, QUOTE_CHARS),
    });
  }

  /** Runs before the queue adopts `s`, so only a chat that was not mine yet is announced. */
  onAssigned(s: HandoffSummary): void {
    const me = this.from.session.me;
    if (!me || s.assignedTo?.id !== me.id || this.from.queue.isMine(s.conversationId)) return;
    this.attend({
      kind: 'transfer',
      conversationId: s.conversationId,
      title: `A chat was passed to you · ${s.siteName}`,
      body: s.firstLine.slice(0, QUOTE_CHARS),
    });
  }

  reset(): void {
    this.toasts = [];
    this.readMarks = new Map();
    this.announced.clear();
  }

  private mark(conversationId: string, seq: number): void {
    this.readMarks.set(conversationId, Math.max(seq, this.readMarks.get(conversationId) ?? 0));
    const me = this.from.session.me;
    if (me) saveReadMarks(me.id, this.readMarks);
  }

  /** Hidden console: a system notification (and sound, vibration); visible: a toast and a chime. */
  private attend(event: Omit<NotificationPayload, 'url' | 'at'>): void {
    const payload: NotificationPayload = { ...event, url: `/staff#chat/${event.conversationId}`, at: Date.now() };
    const hidden = !isVisible();
    this.alerts.alert(payload, hidden);
    if (!hidden) this.toast({ kind: event.kind, title: event.title, body: event.body, conversationId: event.conversationId });
  }

  private onWorkerMessage(message: WorkerToPage): void {
    if (message.type === 'baton-open-chat') {
      if (this.from.session.me) this.hooks.openRequested(message.conversationId);
    } else if (!this.from.connection.connected) {
      // A push reached a focused console whose socket is down: the toast is all it gets.
      const { kind, title, body, conversationId } = message.payload;
      this.toast({ kind, title, body, conversationId });
    }
  }

  private readonly onSeen = (): void => {
    const openId = this.from.chats.openId;
    if (isVisible() && openId) this.markRead(openId);
  };
}
