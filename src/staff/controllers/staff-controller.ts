/**
 * The staff console's only bridge to the server: sign-in over `fetch`, then one socket.io
 * connection to the `/staff` namespace. Views read its state and call its methods; they never
 * touch the socket or the network themselves.
 *
 * Reliability (see /work/shared/reliability-notes.md):
 * - every (re)connect re-reads the queue and resyncs the open chat by sequence (`afterSeq`),
 *   because socket.io buffers nothing for a disconnected client;
 * - live messages are merged by `seq`; a jump in `seq` triggers a fetch of the gap;
 * - a reply gets its id once, when composed, and is resent with that same id after a reconnect or
 *   on retry; the server deduplicates, so a resend never shows twice.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { STAFF_NAMESPACE, type StaffClientEvents, type StaffMember, type StaffServerEvents } from '../../protocol/events.ts';
import { LIMITS } from '../../protocol/limits.ts';
import {
  ConversationStatus,
  type Ack,
  type ConversationDetail,
  type ConversationState,
  type HandoffSummary,
  type StaffDirectoryEntry,
  type StaffNote,
  type StoredMessage,
  type TeamRef,
} from '../../protocol/messages.ts';
import type { HandoffPacket } from '../../protocol/schemas.ts';
import { AuthStatus, ConnectionStatus, DeliveryState, type ChatLine, type Insights, type InsightsState, type OpenChat } from '../types.ts';
import type { MyChat, Toast } from '../types.ts';
import type { Presence, SavedReply } from '../../protocol/messages.ts';
import type { NotificationPayload, WorkerToPage } from '../sw/messages.ts';
import { DeviceAlerts } from './device-alerts.ts';
import { forgetPeople, loadDraft, loadReadMarks, saveDraft, saveReadMarks } from './device-store.ts';
import { OfflineStore } from './offline-store.ts';
import { reasonLabel } from '../format.ts';

type StaffSocket = Socket<StaffServerEvents, StaffClientEvents>;
/** The socket with a timeout flag: its `emitWithAck` rejects when no acknowledgement comes in time. */
type TimedSocket = ReturnType<StaffSocket['timeout']>;

/** An acknowledgement, or the reasons the console gives up waiting for one. */
export type CallResult<T extends object = object> = Ack<T> | { ok: false; code: 'offline' | 'timeout'; error: string };

export interface StaffControllerOptions {
  /** Origin of the Baton server, e.g. `http://localhost:8080`; empty (the default) means this page's own. */
  baseUrl?: string;
  /** How long a request waits for its acknowledgement. */
  ackTimeoutMs?: number;
  /** How long a "visitor is typing" indicator lasts without a fresh typing event. */
  typingTimeoutMs?: number;
}

interface PendingReply {
  id: string;
  text: string;
  createdAt: number;
  state: typeof DeliveryState.sending | typeof DeliveryState.failed;
  error?: string;
  /** Incremented on every emit, so a late timeout of an earlier attempt is ignored. */
  attempt: number;
  /** Resent by itself after a reconnect (network trouble); refusals wait for a manual retry. */
  autoRetry: boolean;
}

interface ChatCache {
  conversationId: string;
  summary?: HandoffSummary;
  /** Stored messages by `seq`. */
  messages: Map<number, StoredMessage>;
  pending: PendingReply[];
  visitorTyping: boolean;
  typingTimer?: ReturnType<typeof setTimeout>;
  /** The first fetch has not answered yet. */
  loading: boolean;
  syncing: boolean;
  syncAgain: boolean;
  error?: string;
  packet?: HandoffPacket;
  notes: StaffNote[];
  /** The chat left me (transfer, hand back, returned to the queue): why. */
  leftReason?: string;
}

const OFFLINE_ERROR = 'You are offline. Baton will reconnect by itself; try again in a moment.';
const UNREACHABLE_ERROR = 'Cannot reach Baton. Check your connection and try again.';

/** A message id generated once per reply. `getRandomValues` works on plain-http LAN addresses too, unlike `randomUUID`. */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The server's queue order: most urgent first (when the server ranks by urgency), then longest
 * waiting. Read defensively so the console works with or without an `urgency` field.
 */
const byQueueOrder = (a: HandoffSummary, b: HandoffSummary): number =>
  ((a as { urgency?: number }).urgency ?? 0) - ((b as { urgency?: number }).urgency ?? 0) || a.requestedAt - b.requestedAt;

const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export class StaffController implements ReactiveController {
  auth: AuthStatus = AuthStatus.checking;
  me?: StaffMember;
  connection: ConnectionStatus = ConnectionStatus.offline;
  /** Waiting handoffs in the server's order (most urgent, then longest waiting, first). */
  queue: HandoffSummary[] = [];
  /** Chats assigned to me. */
  mine: HandoffSummary[] = [];
  /** Conversation shown in the chat view. */
  openId?: string;
  loginError = '';
  loginBusy = false;
  /** A short message about the queue, e.g. who won a claim race. */
  notice = '';
  /** Conversations with a claim in flight. */
  readonly claiming = new Set<string>();
  /** Teams a chat can be transferred to (from `queue:list`). */
  teams: TeamRef[] = [];
  /** Everyone a chat can be passed to, with presence and load (kept live by `staff:presence`). */
  directory: StaffDirectoryEntry[] = [];
  /** The Insights page (fetched on demand). */
  insights: InsightsState = { days: 14, loading: false };
  // Presence, load, notifications, offline copy (issue 5).
  /** My presence as the server has it. */
  presence: Presence = 'online';
  /** Set to away by the console after inactivity (not by choice): any interaction brings me back. */
  autoAway = false;
  /** How many chats I may hold at once. */
  maxChats = 3;
  /** Saved replies of every site (from `queue:list`). */
  savedReplies: SavedReply[] = [];
  /** Showing the offline copy from IndexedDB, saved at this time (the server could not be reached at start). */
  offlineSince?: number;
  /** When the server last confirmed the queue: what "showing what you had at HH:MM" refers to. */
  lastSyncedAt?: number;
  /** In-console notices, newest last. */
  toasts: Toast[] = [];
  /** Notification permission, push subscription, sound and vibration on this device. */
  readonly alerts: DeviceAlerts;

  private readonly host: ReactiveControllerHost;
  private readonly baseUrl: string;
  private readonly ackTimeoutMs: number;
  private readonly typingTimeoutMs: number;
  private socket?: StaffSocket;
  private readonly chats = new Map<string, ChatCache>();
  private sessionCheck?: ReturnType<typeof setTimeout>;
  private typingSent = false;
  private typingSentAt = 0;
  private readonly offline = new OfflineStore();
  private readMarks = new Map<string, number>();
  private readonly drafts = new Map<string, string>();
  private toastSeq = 0;
  /** Handoffs already announced: conversation → `requestedAt`. */
  private readonly announced = new Map<string, number>();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private offlineRetry?: ReturnType<typeof setInterval>;

  constructor(host: ReactiveControllerHost, options: StaffControllerOptions = {}) {
    this.host = host;
    this.baseUrl = options.baseUrl ?? '';
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.typingTimeoutMs = options.typingTimeoutMs ?? 8_000;
    this.alerts = new DeviceAlerts(this.baseUrl, () => this.update(), (m) => this.onWorkerMessage(m));
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.onNetworkBack);
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('pageshow', this.onPageShow);
    document.addEventListener('visibilitychange', this.onSeen);
    this.alerts.start();
    if (this.auth === AuthStatus.checking) void this.checkSession();
    else if (this.auth === AuthStatus.signedIn) this.connect();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onNetworkBack);
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('pageshow', this.onPageShow);
    document.removeEventListener('visibilitychange', this.onSeen);
    this.alerts.stop();
    clearInterval(this.offlineRetry);
    this.teardownSocket();
  }

  /** The open chat, merged and ordered for display. */
  get openChat(): OpenChat | undefined {
    const chat = this.openId ? this.chats.get(this.openId) : undefined;
    if (!chat) return undefined;
    const stored: ChatLine[] = [...chat.messages.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({
        id: m.id,
        role: m.role,
        text: m.text,
        createdAt: m.createdAt,
        seq: m.seq,
        delivery: DeliveryState.sent,
        ...(m.authorName ? { authorName: m.authorName } : {}),
        ...(m.triage ? { triage: m.triage } : {}),
        ...(m.assistant ? { assistant: m.assistant } : {}),
      }));
    const pending: ChatLine[] = chat.pending.map((p) => ({
      id: p.id,
      role: 'staff',
      text: p.text,
      createdAt: p.createdAt,
      delivery: p.state,
      ...(this.me ? { authorName: this.me.name } : {}),
      ...(p.error ? { error: p.error } : {}),
    }));
    return {
      conversationId: chat.conversationId,
      lines: [...stored, ...pending],
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

  // ---- Sign-in -------------------------------------------------------------------------------

  /** Asks the server who is signed in (the session cookie is HttpOnly, so only the server knows). */
  async checkSession(): Promise<void> {
    this.auth = AuthStatus.checking;
    this.update();
    try {
      const res = await fetch(`${this.baseUrl}/api/staff/me`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (res.ok) {
        this.signedIn((await res.json()) as StaffMember);
        return;
      }
      this.auth = AuthStatus.signedOut;
      if (res.status !== 401) this.loginError = `Baton could not check your session (${res.status}). Sign in again.`;
    } catch {
      // No server (offline, or it is down): show the last copy, if this device has one.
      if (await this.restoreOffline()) return;
      this.auth = AuthStatus.signedOut;
      this.loginError = UNREACHABLE_ERROR;
    }
    this.update();
  }

  async login(email: string, password: string): Promise<boolean> {
    if (this.loginBusy) return false;
    if (!email.trim() || !password) {
      this.loginError = 'Enter your email and password.';
      this.update();
      return false;
    }
    this.loginBusy = true;
    this.loginError = '';
    this.update();
    try {
      const res = await fetch(`${this.baseUrl}/api/staff/login`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: email.trim(), password }),
      });
      const body = (await res.json().catch(() => ({}))) as Partial<StaffMember> & { error?: string };
      if (res.ok && typeof body.id === 'number' && body.name && body.email) {
        this.signedIn({ id: body.id, name: body.name, email: body.email });
        return true;
      }
      this.loginError = body.error ?? `Sign-in failed (${res.status}). Try again.`;
    } catch {
      this.loginError = UNREACHABLE_ERROR;
    } finally {
      this.loginBusy = false;
      this.update();
    }
    return false;
  }

  async logout(): Promise<void> {
    this.setTyping(false);
    // While the session is still valid: this device stops getting this person's notifications.
    await this.alerts.signOut();
    forgetPeople();
    void this.offline.clear();
    try {
      await fetch(`${this.baseUrl}/api/staff/logout`, { method: 'POST', credentials: 'same-origin' });
    } catch {
      // Signed out locally either way; the cookie expires on its own.
    }
    this.signedOut('');
  }

  // ---- Queue and chats -----------------------------------------------------------------------

  /** Claims a waiting chat; on success it becomes the open chat. Exactly one of several claimers wins. */
  async claim(conversationId: string): Promise<boolean> {
    if (this.claiming.has(conversationId)) return false;
    this.claiming.add(conversationId);
    this.notice = '';
    this.update();
    const ack = await this.call<{ detail: ConversationDetail }>((s) => s.emitWithAck('conversation:claim', { conversationId }));
    this.claiming.delete(conversationId);
    if (ack.ok) {
      const chat = this.chat(conversationId);
      this.mergeDetail(chat, ack.detail);
      this.queue = this.queue.filter((s) => s.conversationId !== conversationId);
      this.upsertMine(ack.detail.summary);
      this.openId = conversationId;
    } else {
      this.notice = `${capitalise(ack.error)}${/[.!?]$/.test(ack.error) ? '' : '.'}`;
      // Refused (someone else took it, it was closed, my chats are at their maximum…): the server's
      // queue is the truth, so re-read it rather than guess which rows to drop.
      if (ack.code !== 'offline' && ack.code !== 'timeout') void this.refreshQueue();
    }
    this.update();
    return ack.ok;
  }

  /** Shows a chat and fetches whatever this console has not seen of it yet. */
  open(conversationId: string): void {
    this.setTyping(false);
    this.openId = conversationId;
    const chat = this.chat(conversationId);
    chat.error = undefined;
    if (!chat.summary) chat.summary = this.mine.find((s) => s.conversationId === conversationId) ?? this.queue.find((s) => s.conversationId === conversationId);
    this.markRead(conversationId);
    this.update();
    if (this.socket?.connected) void this.sync(conversationId);
  }

  /** Leaves the chat view (the chat stays assigned). */
  closeView(): void {
    this.setTyping(false);
    this.openId = undefined;
    this.update();
  }

  /** Ends a chat for good; the visitor sees it closed. `hadContext`: the staff member's answer to "did the handoff give you what you needed?". */
  async closeChat(conversationId: string, hadContext?: boolean): Promise<CallResult> {
    this.setTyping(false);
    const ack = await this.call((s) => s.emitWithAck('conversation:close', { conversationId, ...(hadContext === undefined ? {} : { hadContext }) }));
    if (ack.ok) {
      this.setStatus({ conversationId, status: ConversationStatus.closed, lastSeq: 0 });
    } else {
      this.chat(conversationId).error = capitalise(ack.error);
    }
    this.update();
    return ack;
  }

  /**
   * Passes one of my chats to a team (it goes back to that team's queue) or to a person, with a
   * note that travels with it. On success the chat leaves "My chats" and the view returns to the queue.
   */
  async transfer(conversationId: string, to: { teamId: string } | { staffId: number }, note: string): Promise<CallResult> {
    this.setTyping(false);
    const ack = await this.call((s) => s.emitWithAck('conversation:transfer', { conversationId, to, note: note.trim() }));
    if (ack.ok) {
      const target = 'teamId' in to ? this.teams.find((t) => t.id === to.teamId)?.name : this.directory.find((d) => d.id === to.staffId)?.name;
      this.leave(conversationId, target ? `Passed to ${target}.` : 'Chat passed on.');
    } else if (ack.code !== 'offline' && ack.code !== 'timeout') {
      // Refused (e.g. the person just reached their maximum): the directory may be stale.
      void this.refreshQueue();
    }
    this.update();
    return ack;
  }

  /** Hands one of my chats back to the assistant; the visitor can ask for a person again. */
  async release(conversationId: string): Promise<CallResult> {
    this.setTyping(false);
    const ack = await this.call((s) => s.emitWithAck('conversation:release', { conversationId }));
    if (ack.ok) this.leave(conversationId, 'Handed back to the assistant.');
    this.update();
    return ack;
  }

  /** Loads the Insights page's figures for the last `days` days (cookie-authenticated HTTP). */
  async loadInsights(days = this.insights.days): Promise<void> {
    this.insights = { ...this.insights, days, loading: true, error: undefined };
    this.update();
    let next: InsightsState;
    try {
      const res = await fetch(`${this.baseUrl}/api/staff/insights?days=${days}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (res.status === 401) {
        this.signedOut('Your session has ended. Sign in again.');
        return;
      }
      next = res.ok
        ? { days, loading: false, data: (await res.json()) as Insights }
        : { days, loading: false, error: `Insights could not be loaded (${res.status}). Try again.` };
    } catch {
      next = { ...this.insights, loading: false, error: UNREACHABLE_ERROR };
    }
    // A later request (another period) wins over an earlier one that answers late.
    if (this.insights.days === days) this.insights = next;
    this.update();
  }

  /** Sends a reply in the open chat. Returns false (and sends nothing) for empty or too long text. */
  send(text: string): boolean {
    const chat = this.openId ? this.chats.get(this.openId) : undefined;
    const trimmed = text.trim();
    if (!chat || !trimmed || trimmed.length > LIMITS.messageChars) return false;
    if (chat.summary?.status === ConversationStatus.closed) return false;
    this.setTyping(false);
    const reply: PendingReply = { id: newMessageId(), text: trimmed, createdAt: Date.now(), state: DeliveryState.sending, attempt: 0, autoRetry: true };
    chat.pending.push(reply);
    this.deliver(chat, reply);
    this.update();
    return true;
  }

  /** Sends a failed reply again with the same id. */
  retry(messageId: string): void {
    for (const chat of this.chats.values()) {
      const reply = chat.pending.find((p) => p.id === messageId);
      if (reply) {
        this.deliver(chat, reply);
        this.update();
        return;
      }
    }
  }

  /** Tells the visitor whether staff is typing; repeated `true`s are throttled. */
  setTyping(typing: boolean): void {
    const id = this.openId;
    const chat = id ? this.chats.get(id) : undefined;
    const socket = this.socket;
    if (!id || !socket?.connected || chat?.summary?.status !== ConversationStatus.active) {
      this.typingSent = false;
      return;
    }
    const now = Date.now();
    if (typing && this.typingSent && now - this.typingSentAt < 3000) return;
    if (!typing && !this.typingSent) return;
    this.typingSent = typing;
    this.typingSentAt = now;
    socket.emit('typing', { conversationId: id, typing });
  }

  // ---- Socket --------------------------------------------------------------------------------

  private signedIn(me: StaffMember): void {
    this.me = me;
    this.auth = AuthStatus.signedIn;
    this.loginError = '';
    this.readMarks = loadReadMarks(me.id);
    void this.alerts.resume();
    this.update();
    this.connect();
  }

  private signedOut(reason: string): void {
    this.teardownSocket();
    for (const chat of this.chats.values()) clearTimeout(chat.typingTimer);
    this.chats.clear();
    this.auth = AuthStatus.signedOut;
    this.me = undefined;
    this.queue = [];
    this.mine = [];
    this.openId = undefined;
    this.notice = '';
    this.claiming.clear();
    this.resetAttention();
    this.loginError = reason;
    this.connection = ConnectionStatus.offline;
    this.update();
  }

  private connect(): void {
    if (this.socket) return;
    this.connection = ConnectionStatus.connecting;
    const socket: StaffSocket = io(`${this.baseUrl}${STAFF_NAMESPACE}`, {
      withCredentials: true,
      // A phone waking up should be back within seconds, not after a long backoff.
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => void this.onConnect());
    this.listenForAttention(socket);
    socket.on('disconnect', (reason) => {
      this.connection = ConnectionStatus.reconnecting;
      this.typingSent = false;
      for (const chat of this.chats.values()) chat.visitorTyping = false;
      this.update();
      // The server cut us off on purpose (session revoked, account disabled): find out why.
      if (reason === 'io server disconnect') this.verifySession();
    });
    socket.on('connect_error', () => {
      if (this.connection === ConnectionStatus.connected) this.connection = ConnectionStatus.reconnecting;
      this.update();
      // Refused by the auth middleware: socket.io does not retry those by itself.
      if (!socket.active) this.verifySession();
    });
    socket.on('queue:added', (s) => this.upsertQueue(s));
    socket.on('queue:updated', (s) => this.upsertQueue(s));
    socket.on('queue:removed', ({ conversationId }) => {
      this.queue = this.queue.filter((s) => s.conversationId !== conversationId);
      this.update();
    });
    socket.on('message', (m) => this.onMessage(m));
    socket.on('typing', ({ conversationId, typing }) => this.onVisitorTyping(conversationId, typing));
    socket.on('conversation:status', (s) => {
      this.setStatus(s);
      this.update();
    });
    // Another person passed me a chat, or one of mine left me (transfer, release, returned to the queue).
    socket.on('conversation:assigned', (s) => {
      this.upsertMine(s);
      const chat = this.chats.get(s.conversationId);
      if (chat) {
        chat.summary = s;
        chat.leftReason = undefined;
        // Notes (e.g. the transfer note) were written while it was someone else's.
        if (s.conversationId === this.openId && this.socket?.connected) void this.sync(s.conversationId);
      }
      this.update();
    });
    socket.on('conversation:unassigned', ({ conversationId, reason }) => {
      this.mine = this.mine.filter((s) => s.conversationId !== conversationId);
      const chat = this.chats.get(conversationId);
      if (chat) chat.leftReason = `This chat is no longer yours: ${reason}.`;
      this.update();
    });
    socket.on('staff:presence', (entry) => {
      const rest = this.directory.filter((d) => d.id !== entry.id);
      this.directory = [...rest, entry].sort((a, b) => a.name.localeCompare(b.name));
      this.update();
    });
  }

  private teardownSocket(): void {
    clearTimeout(this.sessionCheck);
    this.sessionCheck = undefined;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
  }

  /** After a refused or cut connection: signed out → back to the login; otherwise try again. */
  private verifySession(): void {
    clearTimeout(this.sessionCheck);
    this.sessionCheck = setTimeout(async () => {
      try {
        const res = await fetch(`${this.baseUrl}/api/staff/me`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (res.status === 401) {
          this.signedOut('Your session has ended. Sign in again.');
          return;
        }
      } catch {
        // Network still down: fall through and try again.
      }
      if (this.socket && !this.socket.connected) {
        if (this.socket.active) return;
        this.socket.connect();
        // A refusal lands in connect_error, which schedules the next check.
      }
    }, 1000);
  }

  private readonly onNetworkBack = (): void => {
    // The OS says the network is back: skip the rest of socket.io's backoff.
    const socket = this.socket;
    if (socket && !socket.connected) {
      socket.disconnect();
      socket.connect();
    }
  };

  private readonly onVisible = (): void => {
    if (document.visibilityState !== 'visible') return;
    // A phone waking up: a socket that still looks connected may have missed packets while asleep,
    // so resync anyway (cheap: only what comes after the last seq); a dead one reconnects.
    if (this.socket?.connected) void this.resync();
    else this.onNetworkBack();
  };

  private async onConnect(): Promise<void> {
    clearTimeout(this.sessionCheck);
    this.connection = ConnectionStatus.connected;
    this.update();
    // Nothing is buffered for a disconnected client: always resync, recovered or not.
    await this.resync();
  }

  /** Re-reads the queue, fetches what the open chat (and any with unsent replies) missed, resends replies. */
  private async resync(): Promise<void> {
    await this.refreshQueue();
    // All my chats, not just the open one: their unread counts and latest lines, and the offline copy.
    for (const s of this.mine) this.chat(s.conversationId);
    const resyncs = [...this.chats.values()]
      .filter((c) => c.conversationId === this.openId || c.pending.length > 0 || this.mine.some((s) => s.conversationId === c.conversationId))
      .map((c) => this.sync(c.conversationId));
    await Promise.all(resyncs);
    this.flushPending();
    this.saveOffline();
  }

  private async refreshQueue(): Promise<void> {
    const ack = await this.call<{ queue: HandoffSummary[]; mine: HandoffSummary[]; teams?: TeamRef[]; directory?: StaffDirectoryEntry[] }>((s) => s.emitWithAck('queue:list', {}));
    if (!ack.ok) {
      // Offline or no answer: the next (re)connect tries again.
      if (ack.code !== 'offline' && ack.code !== 'timeout') this.notice = `The queue could not be loaded: ${ack.error}`;
      this.update();
      return;
    }
    this.queue = [...ack.queue].sort(byQueueOrder);
    this.mine = ack.mine;
    this.teams = ack.teams ?? [];
    this.directory = [...(ack.directory ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    this.applyQueueList(ack as { me?: { presence: Presence; maxChats: number }; savedReplies?: SavedReply[] });
    for (const summary of [...ack.queue, ...ack.mine]) {
      const chat = this.chats.get(summary.conversationId);
      if (chat) chat.summary = summary;
    }
    this.update();
  }

  /** Fetches every message after the last contiguous one this console has, and merges. */
  private async sync(conversationId: string): Promise<void> {
    const chat = this.chat(conversationId);
    if (chat.syncing) {
      chat.syncAgain = true;
      return;
    }
    chat.syncing = true;
    try {
      do {
        chat.syncAgain = false;
        const ack = await this.call<{ detail: ConversationDetail }>((s) =>
          s.emitWithAck('conversation:open', { conversationId, afterSeq: this.lastSeq(chat) }),
        );
        if (ack.ok) {
          this.mergeDetail(chat, ack.detail);
        } else if (ack.code !== 'offline') {
          chat.loading = false;
          chat.error = capitalise(ack.error);
        }
        this.update();
      } while (chat.syncAgain && this.socket?.connected);
    } finally {
      chat.syncing = false;
    }
  }

  private mergeDetail(chat: ChatCache, detail: ConversationDetail): void {
    chat.summary = detail.summary;
    chat.loading = false;
    chat.error = undefined;
    if (detail.packet) chat.packet = detail.packet;
    chat.notes = detail.notes ?? chat.notes;
    for (const m of detail.messages) this.store(chat, m);
    if (chat.conversationId === this.openId && document.visibilityState === 'visible') this.markRead(chat.conversationId);
    if (detail.summary.status === ConversationStatus.active && detail.summary.assignedTo?.id === this.me?.id) this.upsertMine(detail.summary);
  }

  private store(chat: ChatCache, m: StoredMessage): void {
    chat.messages.set(m.seq, m);
    // A reply whose ack was lost but which the server has: it is sent, once.
    chat.pending = chat.pending.filter((p) => p.id !== m.id);
  }

  /** The highest `seq` with every earlier one present: what to ask for after. */
  private lastSeq(chat: ChatCache): number {
    let seq = 0;
    while (chat.messages.has(seq + 1)) seq += 1;
    return seq;
  }

  private onMessage(m: StoredMessage): void {
    const chat = this.chats.get(m.conversationId);
    const summary = this.mine.find((s) => s.conversationId === m.conversationId);
    if (summary) this.upsertMine({ ...summary, messageCount: Math.max(summary.messageCount, m.seq) });
    if (!chat) {
      this.update();
      return;
    }
    const expected = this.lastSeq(chat) + 1;
    this.store(chat, m);
    if (m.role === 'visitor') {
      chat.visitorTyping = false;
      clearTimeout(chat.typingTimer);
    }
    // A jump means we missed something (a dropped packet, a reconnect race): fetch the gap.
    if (m.seq > expected && !chat.loading) void this.sync(chat.conversationId);
    this.update();
  }

  private onVisitorTyping(conversationId: string, typing: boolean): void {
    const chat = this.chats.get(conversationId);
    if (!chat) return;
    clearTimeout(chat.typingTimer);
    chat.visitorTyping = typing;
    // A lost "stopped typing" must not leave the indicator on forever.
    if (typing) {
      chat.typingTimer = setTimeout(() => {
        chat.visitorTyping = false;
        this.update();
      }, this.typingTimeoutMs);
    }
    this.update();
  }

  private setStatus(state: ConversationState): void {
    const chat = this.chats.get(state.conversationId);
    if (chat?.summary) chat.summary = { ...chat.summary, status: state.status };
    if (chat && state.lastSeq > this.lastSeq(chat) && this.socket?.connected) void this.sync(state.conversationId);
    if (state.status !== ConversationStatus.active) {
      this.mine = this.mine.filter((s) => s.conversationId !== state.conversationId);
    }
    if (state.status !== ConversationStatus.queued) {
      this.queue = this.queue.filter((s) => s.conversationId !== state.conversationId);
    }
  }

  private upsertQueue(summary: HandoffSummary): void {
    if (summary.status !== ConversationStatus.queued) {
      this.queue = this.queue.filter((s) => s.conversationId !== summary.conversationId);
    } else {
      const rest = this.queue.filter((s) => s.conversationId !== summary.conversationId);
      this.queue = [...rest, summary].sort(byQueueOrder);
    }
    const chat = this.chats.get(summary.conversationId);
    if (chat) chat.summary = summary;
    this.update();
  }

  private upsertMine(summary: HandoffSummary): void {
    const index = this.mine.findIndex((s) => s.conversationId === summary.conversationId);
    if (index === -1) this.mine = [summary, ...this.mine];
    else this.mine = this.mine.map((s, i) => (i === index ? summary : s));
  }

  private chat(conversationId: string): ChatCache {
    let chat = this.chats.get(conversationId);
    if (!chat) {
      chat = { conversationId, messages: new Map(), pending: [], visitorTyping: false, loading: true, syncing: false, syncAgain: false, notes: [] };
      this.chats.set(conversationId, chat);
    }
    return chat;
  }

  private deliver(chat: ChatCache, reply: PendingReply): void {
    reply.state = DeliveryState.sending;
    reply.error = undefined;
    const socket = this.socket;
    // Offline: it stays "sending" and goes out, same id, as soon as the socket is back.
    if (!socket?.connected) return;
    const attempt = ++reply.attempt;
    const current = () => attempt === reply.attempt && chat.pending.includes(reply);
    socket
      .timeout(this.ackTimeoutMs)
      .emitWithAck('message:send', { conversationId: chat.conversationId, message: { id: reply.id, text: reply.text, createdAt: reply.createdAt } })
      .then(
        (ack) => {
          if (ack.ok) this.store(chat, ack.message);
          else if (current()) {
            reply.state = DeliveryState.failed;
            reply.error = capitalise(ack.error);
            reply.autoRetry = ack.code === 'rate_limited';
          }
          this.update();
        },
        () => {
          if (!current()) return;
          // While disconnected it stays "sending" and the reconnect resends it.
          if (this.socket?.connected) {
            reply.state = DeliveryState.failed;
            reply.error = 'No answer from the server.';
            reply.autoRetry = true;
          }
          this.update();
        },
      );
  }

  private flushPending(): void {
    for (const chat of this.chats.values()) {
      for (const reply of chat.pending) {
        if (reply.state === DeliveryState.sending || reply.autoRetry) this.deliver(chat, reply);
      }
    }
    this.update();
  }

  /** One request with an acknowledgement, which never throws: offline and timeouts come back as `ok: false`. */
  private async call<T extends object = object>(emit: (socket: TimedSocket) => Promise<Ack<T>>): Promise<CallResult<T>> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, code: 'offline', error: OFFLINE_ERROR };
    try {
      return await emit(socket.timeout(this.ackTimeoutMs));
    } catch {
      return { ok: false, code: 'timeout', error: 'the server did not answer in time; try again' };
    }
  }

  /** A chat I passed on or handed back: out of "My chats", and the view goes back to the queue. */
  private leave(conversationId: string, notice: string): void {
    this.mine = this.mine.filter((s) => s.conversationId !== conversationId);
    const chat = this.chats.get(conversationId);
    if (chat) chat.leftReason = notice;
    if (this.openId === conversationId) this.openId = undefined;
    this.notice = notice;
  }

  // ---- Presence, unread counts, notifications, drafts, offline copy (issue 5) ----------------

  /** Asked to open a chat from outside the page (a tapped notification); the app routes it. */
  onOpenRequest: (conversationId: string) => void | Promise<void> = (id) => this.open(id);

  /** My chats for the list: unread visitor messages, the latest line, whether a draft waits. */
  get myChats(): MyChat[] {
    const seen = document.visibilityState === 'visible';
    return this.mine.map((summary) => {
      const id = summary.conversationId;
      const chat = this.chats.get(id);
      const messages = chat ? [...chat.messages.values()].sort((a, b) => a.seq - b.seq) : [];
      const last = messages.findLast((m) => m.role !== 'system') ?? messages.at(-1);
      const read = this.readMarks.get(id) ?? 0;
      const unread = id === this.openId && seen ? 0 : messages.filter((m) => m.role === 'visitor' && m.seq > read).length;
      return { summary, unread, hasDraft: this.draftFor(id).trim() !== '', ...(last ? { latest: { role: last.role, text: last.text, at: last.createdAt } } : {}) };
    });
  }

  get unreadTotal(): number {
    return this.myChats.reduce((n, c) => n + c.unread, 0);
  }

  /** Saved replies for a site (the open chat's). */
  savedRepliesFor(siteKey: string | undefined): SavedReply[] {
    return siteKey ? this.savedReplies.filter((r) => r.siteKey === siteKey) : [];
  }

  /** The unsent reply of a chat, kept on this device (also across reloads). */
  draftFor(conversationId: string): string {
    if (!this.drafts.has(conversationId) && this.me) this.drafts.set(conversationId, loadDraft(this.me.id, conversationId));
    return this.drafts.get(conversationId) ?? '';
  }

  saveDraft(conversationId: string, text: string): void {
    if (this.draftFor(conversationId) === text) return;
    this.drafts.set(conversationId, text);
    if (this.me) saveDraft(this.me.id, conversationId, text);
    this.update();
  }

  /** Online or away, by choice (`auto`: the console decided after inactivity). */
  async setPresence(status: 'online' | 'away', auto = false): Promise<boolean> {
    const ack = await this.call((s) => s.emitWithAck('presence:set', { status }));
    if (!ack.ok) {
      this.toast({ kind: 'presence', title: 'Presence not changed', body: capitalise(ack.error) });
      return false;
    }
    this.presence = status;
    this.autoAway = auto && status === 'away';
    this.update();
    return true;
  }

  /** No interaction for a while: away (new chats go to others), and say so. */
  async inactive(minutes: number): Promise<void> {
    if (this.presence !== 'online' || this.connection !== ConnectionStatus.connected) return;
    if (await this.setPresence('away', true)) {
      this.toast({ kind: 'presence', title: 'You are away', body: `No activity for ${minutes} minutes, so new chats go to others. Touch the screen to be online again.` });
    }
  }

  /** The staff member touched or typed: back online if the console had set them away. */
  async active(): Promise<void> {
    this.alerts.unlockAudio();
    if (!this.autoAway || this.connection !== ConnectionStatus.connected) return;
    this.autoAway = false;
    if (await this.setPresence('online')) this.toast({ kind: 'presence', title: 'You are online again', body: 'Welcome back: new chats can come to you.' });
  }

  /** Pull to refresh / the refresh button: the queue and my chats again (or a reconnect). */
  async refresh(): Promise<void> {
    if (this.socket?.connected) await this.resync();
    else if (this.offlineSince) await this.retryFromOffline();
    else this.onNetworkBack();
  }

  async enableNotifications(): Promise<void> {
    await this.alerts.enable();
  }

  async disableNotifications(): Promise<void> {
    await this.alerts.disable();
  }

  dismissToast(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
    this.update();
  }

  private toast(toast: Omit<Toast, 'id'>): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts, { ...toast, id }].slice(-3);
    setTimeout(() => this.dismissToast(id), 7000);
    this.update();
  }

  private listenForAttention(socket: StaffSocket): void {
    socket.on('connect', () => {
      this.offlineSince = undefined;
      clearInterval(this.offlineRetry);
    });
    // These run before the handlers registered after them, so they still see the old state.
    socket.on('queue:added', (s) => this.attendHandoff(s));
    socket.on('message', (m) => this.attendMessage(m));
    socket.on('conversation:assigned', (s) => this.attendTransfer(s));
    socket.on('staff:presence', (entry) => {
      if (entry.id !== this.me?.id) return;
      if (entry.presence !== 'offline') this.presence = entry.presence;
      if (entry.presence === 'online') this.autoAway = false;
      this.maxChats = entry.maxChats;
      this.update();
    });
  }

  private applyQueueList(ack: { me?: { presence: Presence; maxChats: number }; savedReplies?: SavedReply[] }): void {
    if (ack.me) {
      this.presence = ack.me.presence === 'offline' ? this.presence : ack.me.presence;
      this.maxChats = ack.me.maxChats;
      if (this.presence === 'online') this.autoAway = false;
    }
    if (ack.savedReplies) this.savedReplies = ack.savedReplies;
    this.lastSyncedAt = Date.now();
  }

  /** A new waiting chat I could take now (online, below my maximum): worth an alert. */
  private attendHandoff(s: HandoffSummary): void {
    // `queue:added` can follow a `queue:updated` for the same request: one alert per request.
    if (this.announced.get(s.conversationId) === s.requestedAt) return;
    this.announced.set(s.conversationId, s.requestedAt);
    if (this.presence !== 'online' || this.mine.length >= this.maxChats) return;
    this.attend({ kind: 'handoff', conversationId: s.conversationId, title: `${reasonLabel(s.reason)} · ${s.siteName}`, body: s.firstLine.slice(0, 140) || 'A visitor is waiting.' });
  }

  private attendMessage(m: StoredMessage): void {
    const summary = this.mine.find((s) => s.conversationId === m.conversationId);
    if (m.role !== 'visitor' || !summary) return;
    const chat = this.chats.get(m.conversationId);
    if (chat?.messages.has(m.seq)) return;
    // A chat of mine this console has not loaded yet (just passed to me): load it for the count and line.
    if (!chat && this.socket?.connected) void this.sync(m.conversationId);
    this.saveOffline();
    if (m.conversationId === this.openId && document.visibilityState === 'visible') {
      this.readMarks.set(m.conversationId, Math.max(this.readMarks.get(m.conversationId) ?? 0, m.seq));
      if (this.me) saveReadMarks(this.me.id, this.readMarks);
      return;
    }
    this.attend({ kind: 'message', conversationId: m.conversationId, title: `New message · ${summary.siteName}`, body: m.text.slice(0, 140) });
  }

  private attendTransfer(s: HandoffSummary): void {
    if (!this.me || s.assignedTo?.id !== this.me.id || this.mine.some((x) => x.conversationId === s.conversationId)) return;
    this.attend({ kind: 'transfer', conversationId: s.conversationId, title: `A chat was passed to you · ${s.siteName}`, body: s.firstLine.slice(0, 140) });
  }

  /** Hidden console: a system notification (and sound, vibration); visible: a toast and a chime. */
  private attend(event: Omit<NotificationPayload, 'url' | 'at'>): void {
    const payload: NotificationPayload = { ...event, url: `/staff#chat/${event.conversationId}`, at: Date.now() };
    const hidden = document.visibilityState !== 'visible';
    this.alerts.alert(payload, hidden);
    if (!hidden) this.toast({ kind: event.kind, title: event.title, body: event.body, conversationId: event.conversationId });
  }

  private onWorkerMessage(message: WorkerToPage): void {
    if (message.type === 'baton-open-chat') {
      if (this.auth === AuthStatus.signedIn) this.onOpenRequest(message.conversationId);
    } else if (!this.socket?.connected) {
      // A push reached a focused console whose socket is down: the toast is all it gets.
      const { kind, title, body, conversationId } = message.payload;
      this.toast({ kind, title, body, conversationId });
    }
  }

  private markRead(conversationId: string): void {
    const chat = this.chats.get(conversationId);
    const seq = Math.max(chat ? this.lastSeq(chat) : 0, this.readMarks.get(conversationId) ?? 0);
    this.readMarks.set(conversationId, seq);
    if (this.me) saveReadMarks(this.me.id, this.readMarks);
  }

  private readonly onSeen = (): void => {
    if (document.visibilityState === 'visible' && this.openId) this.markRead(this.openId);
  };

  private readonly onPageShow = (event: PageTransitionEvent): void => {
    // Back from the back/forward cache: the socket may be long dead.
    if (event.persisted) this.onVisible();
  };

  /** Writes the offline copy (debounced): the queue, my chats and their transcripts. */
  private saveOffline(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      const me = this.me;
      if (!me || this.auth !== AuthStatus.signedIn || this.offlineSince) return;
      const keep = new Set([...this.mine.map((s) => s.conversationId), ...(this.openId ? [this.openId] : [])]);
      const chats = [...this.chats.values()]
        .filter((c) => keep.has(c.conversationId) && !c.loading)
        .map((c) => ({
          conversationId: c.conversationId,
          messages: [...c.messages.values()].sort((a, b) => a.seq - b.seq),
          savedAt: Date.now(),
          ...(c.summary ? { summary: c.summary } : {}),
          ...(c.packet ? { packet: c.packet } : {}),
          notes: c.notes,
        }));
      const snapshot = { key: 'last' as const, me, queue: this.queue, mine: this.mine, presence: this.presence, maxChats: this.maxChats, savedReplies: this.savedReplies, savedAt: this.lastSyncedAt ?? Date.now() };
      void this.offline.save(snapshot, chats);
    }, 500);
  }

  /** The server is unreachable at start: show the offline copy, dated, and keep trying. */
  private async restoreOffline(): Promise<boolean> {
    const copy = await this.offline.load();
    if (!copy) return false;
    const { snapshot, chats } = copy;
    this.me = snapshot.me;
    this.queue = snapshot.queue;
    this.mine = snapshot.mine;
    this.presence = snapshot.presence;
    this.maxChats = snapshot.maxChats;
    this.savedReplies = snapshot.savedReplies;
    this.offlineSince = snapshot.savedAt;
    this.lastSyncedAt = snapshot.savedAt;
    this.readMarks = loadReadMarks(snapshot.me.id);
    for (const saved of chats) {
      const chat = this.chat(saved.conversationId);
      chat.loading = false;
      if (saved.summary) chat.summary = saved.summary;
      if (saved.packet) chat.packet = saved.packet;
      if (saved.notes) chat.notes = saved.notes;
      for (const m of saved.messages) chat.messages.set(m.seq, m);
    }
    this.loginError = '';
    this.auth = AuthStatus.signedIn;
    this.update();
    clearInterval(this.offlineRetry);
    this.offlineRetry = setInterval(() => void this.retryFromOffline(), 5000);
    return true;
  }

  private async retryFromOffline(): Promise<void> {
    try {
      const res = await fetch(`${this.baseUrl}/api/staff/me`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (res.status === 401) {
        clearInterval(this.offlineRetry);
        this.signedOut('Your session has ended. Sign in again.');
      } else if (res.ok) {
        clearInterval(this.offlineRetry);
        this.signedIn((await res.json()) as StaffMember);
      }
    } catch {
      // Still no server: the copy stays on screen.
    }
  }

  private resetAttention(): void {
    clearInterval(this.offlineRetry);
    clearTimeout(this.saveTimer);
    this.presence = 'online';
    this.autoAway = false;
    this.toasts = [];
    this.offlineSince = undefined;
    this.lastSyncedAt = undefined;
    this.readMarks = new Map();
    this.drafts.clear();
    this.announced.clear();
    this.savedReplies = [];
  }

  private update(): void {
    this.host.requestUpdate();
  }
}
