/**
 * The widget's live link to its server conversation: the socket, the `visitor:hello` on every
 * (re)connect, and merging what the server sends into the transcript by `seq`. A jump in `seq`, or
 * any (re)connect, fetches everything after the last contiguous message, because socket.io keeps
 * nothing for a client that was away. Also the typing indicator, both ways.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IdentityStatus } from '../../protocol/events.ts';
import type { ConversationState, SiteInfo, StoredMessage } from '../../protocol/messages.ts';
import type { VisitorIdentity } from '../../protocol/schemas.ts';
import type { SessionRecord } from '../../store/schema.ts';
import { rowOf } from '../../sync/rows.ts';
import { beyondGap, contiguousSeq } from '../../sync/sequence-log.ts';
import { VisitorTransport } from '../../transport/visitor-transport.ts';
import type { ChatContext } from './chat-context.ts';

export const Connection = { idle: 'idle', connecting: 'connecting', online: 'online', offline: 'offline', refused: 'refused' } as const;
export type Connection = (typeof Connection)[keyof typeof Connection];

/** The server no longer knows the conversation (its data was reset): start a new one for what is pending. */
export const FORGET_SERVER_CONVERSATION: Partial<SessionRecord> = {
  conversationId: undefined,
  token: undefined,
  lastSeq: 0,
  status: 'bot',
};

const TYPING_IDLE_MS = 3_000;
const STAFF_TYPING_TIMEOUT_MS = 6_000;

export interface ConversationSyncHooks {
  /** The server named the site: its greeting, knowledge and policy. */
  siteKnown(site: SiteInfo): void;
  /** The site's own agent could not answer `messageId`: the built-in assistant answers instead. */
  agentFallback(conversationId: string, messageId: string): void;
}

export class ConversationSync implements ReactiveController {
  site: SiteInfo | undefined;
  connection: Connection = Connection.idle;
  refusal: string | undefined;
  staffTyping: string | undefined;
  /** Staff and system messages that arrived while the panel was closed. */
  unread = 0;
  /** What the server made of the signed identity, once it has answered (`none` without one). */
  identity: IdentityStatus | undefined;
  /** Resolves when the server first names the site. */
  readonly siteKnown: Promise<void>;

  private transport: VisitorTransport | undefined;
  /** The server conversation this socket has said hello to (and so receives pushes for). */
  private joined: string | undefined;
  private resolveSite!: () => void;
  private typingSentAt = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private staffTypingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { siteKey: string; server: string; identity?: VisitorIdentity | undefined },
    private readonly chat: ChatContext,
    private readonly hooks: ConversationSyncHooks,
  ) {
    this.siteKnown = new Promise((resolve) => (this.resolveSite = resolve));
  }

  /** The browser says the network went away, or came back: act on it at once, before the socket notices. */
  private readonly onNetwork = (e: Event): void => {
    if (!this.transport || this.connection === Connection.refused) return;
    if (e.type === 'offline') {
      if (this.connection === Connection.online || this.connection === Connection.connecting) this.connection = Connection.offline;
    } else if (this.transport.connected) this.connection = Connection.online;
    else this.reconnectNow();
    this.host.requestUpdate();
  };

  hostDisconnected(): void {
    removeEventListener('offline', this.onNetwork);
    removeEventListener('online', this.onNetwork);
    this.transport?.close();
    this.transport = undefined;
    this.joined = undefined;
  }

  /** A socket exists (connected or trying to be). */
  get hasSocket(): boolean {
    return this.transport !== undefined;
  }

  /** The socket, if there is none yet. */
  connect(): void {
    if (this.transport) return;
    this.connection = navigator.onLine === false ? Connection.offline : Connection.connecting;
    addEventListener('offline', this.onNetwork);
    addEventListener('online', this.onNetwork);
    this.transport = new VisitorTransport(this.options.server, this.options.siteKey, this.options.identity, {
      connected: () => {
        this.connection = Connection.online;
        this.host.requestUpdate();
        void this.onConnected();
      },
      disconnected: () => {
        this.connection = Connection.offline;
        this.joined = undefined;
        this.host.requestUpdate();
      },
      refused: (reason, data) => {
        // Said once, for the site owner: the visitor is shown a calm notice instead.
        if (this.connection !== Connection.refused)
          console.error(
            `[baton] Chat is unavailable on ${location.origin} for site key "${this.options.siteKey}": ${reason}.${data ? ` ${data.fix}` : ''} Fix it in the sites file on ${this.options.server}.`,
          );
        this.connection = Connection.refused;
        this.refusal = reason;
        this.host.requestUpdate();
      },
    });
    const socket = this.transport.socket;
    socket.on('message', (m) => void this.receive([m]));
    socket.on('conversation:status', (s) => void this.applyStatus(s));
    socket.on('assistant:fallback', (p) => this.hooks.agentFallback(p.conversationId, p.messageId));
    socket.on('typing', (t) => {
      if (t.conversationId !== this.chat.session?.conversationId) return;
      this.staffTyping = t.typing ? t.name : undefined;
      clearTimeout(this.staffTypingTimer);
      if (t.typing)
        this.staffTypingTimer = setTimeout(() => ((this.staffTyping = undefined), this.host.requestUpdate()), STAFF_TYPING_TIMEOUT_MS);
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
  }

  /** A dropped socket should not wait out socket.io's backoff when the visitor asks to retry. */
  reconnectNow(): void {
    if (this.transport && !this.transport.connected) this.transport.socket.connect();
  }

  /** The socket, when connected; the outbox sends through it. */
  get live(): VisitorTransport | undefined {
    return this.transport?.connected ? this.transport : undefined;
  }

  /** Whether this socket has joined `conversationId` (said hello with its token). */
  hasJoined(conversationId: string | undefined): boolean {
    return this.joined === conversationId;
  }

  /** A new local conversation: the socket has joined nothing yet. */
  forgetJoin(): void {
    this.joined = undefined;
  }

  /** The server made the conversation on this socket, so it is joined already. */
  started(conversationId: string): void {
    this.joined = conversationId;
  }

  markSeen(): void {
    this.unread = 0;
  }

  /** Every (re)connect: introduce ourselves, fetch what we missed by sequence, then send what is pending. */
  private async onConnected(): Promise<void> {
    await this.hello();
    await this.chat.flush();
  }

  async hello(): Promise<void> {
    const store = await this.chat.store();
    const transport = this.transport;
    if (!transport?.connected) return;
    const session = store.getSession();
    const ref =
      session?.conversationId && session.token
        ? { conversationId: session.conversationId, token: session.token, afterSeq: session.lastSeq }
        : {};
    const reply = await transport.request('visitor:hello', ref);
    if (!reply.ok) {
      // Keep what is on the device and start a new server conversation for anything still pending.
      if (reply.code === 'unauthorised' && session) await store.updateSession(FORGET_SERVER_CONVERSATION);
      return;
    }
    this.site = reply.site;
    this.identity = reply.identity ?? 'none';
    this.hooks.siteKnown(reply.site);
    this.resolveSite();
    if (reply.conversation) {
      this.joined = reply.conversation.conversationId;
      await this.receive(reply.messages);
      await this.applyStatus(reply.conversation);
    }
    this.host.requestUpdate();
  }

  async receive(messages: StoredMessage[]): Promise<void> {
    const store = await this.chat.store();
    const session = store.getSession();
    if (!session?.conversationId) return;
    const mine = messages.filter((m) => m.conversationId === session.conversationId);
    if (mine.length === 0) return;
    const changed = await store.merge(mine.map((m) => ({ ...rowOf(m), conversationKey: session.conversationKey })));
    if (!this.chat.panelOpen) this.unread += changed.filter((m) => m.role === 'staff' || m.role === 'system').length;
    if (changed.some((m) => m.role === 'staff')) this.staffTyping = undefined;
    const seqs = new Set(store.list().map((m) => m.seq));
    const contiguous = contiguousSeq((seq) => seqs.has(seq), session.lastSeq);
    if (contiguous !== session.lastSeq) await store.updateSession({ lastSeq: contiguous });
    if (
      beyondGap(
        mine.map((m) => m.seq),
        contiguous,
      )
    )
      void this.resync(contiguous);
    if (changed.length) this.chat.changed();
  }

  async resync(afterSeq: number): Promise<void> {
    const session = this.chat.session;
    if (!session?.conversationId || !session.token || !this.transport?.connected) return;
    const reply = await this.transport.request('conversation:sync', {
      conversationId: session.conversationId,
      token: session.token,
      afterSeq,
    });
    if (reply.ok) {
      await this.receive(reply.messages);
      await this.applyStatus(reply.conversation);
    }
  }

  private async applyStatus(state: ConversationState): Promise<void> {
    const store = await this.chat.store();
    const session = store.getSession();
    if (!session || state.conversationId !== session.conversationId) return;
    if (
      session.status === state.status &&
      session.staffName === state.staffName &&
      JSON.stringify(session.queue) === JSON.stringify(state.queue)
    )
      return;
    await store.updateSession({
      status: state.status,
      staffName: state.staffName,
      queue: state.queue,
      ...(state.rated ? { rated: true } : {}),
    });
    if (state.status === 'closed') this.staffTyping = undefined;
    this.chat.changed();
  }

  /** The visitor is typing: tell staff (at most every half idle period), and stop after a pause. */
  typing(): void {
    const conversationId = this.chat.session?.conversationId;
    const token = this.chat.session?.token;
    if (!conversationId || !token || !this.transport) return;
    if (Date.now() - this.typingSentAt > TYPING_IDLE_MS / 2) {
      this.typingSentAt = Date.now();
      this.transport.typing({ conversationId, token, typing: true });
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    const { conversationId, token } = this.chat.session ?? {};
    if (conversationId && token) this.transport?.typing({ conversationId, token, typing: false });
  }
}
