/**
 * The only bridge from `<baton-chat>` to IndexedDB and the socket.
 *
 * Delivery: everything the visitor does (a message, a handoff request, a contact) is first written
 * to IndexedDB together with an outbox item, then shown, then sent. The outbox is flushed in order
 * whenever a socket is connected; an item leaves it only when the server has acknowledged storing
 * it. The server deduplicates by id, so resends after a reconnect, a reload or from another tab
 * have exactly one effect. Server messages carry a per-conversation sequence; a jump in it, or any
 * (re)connect, triggers a resync from the last contiguous sequence.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LIMITS } from '../../protocol/limits.ts';
import type { ConversationState, SiteInfo, StoredMessage } from '../../protocol/messages.ts';
import type { AssistantMeta, Contact, HandoffReason, MessageInput, TriageMeta } from '../../protocol/schemas.ts';
import { Delivery, type LocalMessage, type OutboxItem, type SessionRecord } from '../../store/schema.ts';
import { TranscriptStore } from '../../store/transcript-store.ts';
import { VisitorTransport, type Reply } from '../../transport/visitor-transport.ts';
import { FirstLine, type TriageUrls } from './first-line.ts';
import { newId } from './ids.ts';
import { pageContext } from './page-context.ts';
import { recordVisit } from './visit.ts';

export const Connection = { idle: 'idle', connecting: 'connecting', online: 'online', offline: 'offline', refused: 'refused' } as const;
export type Connection = (typeof Connection)[keyof typeof Connection];

export interface ChatControllerOptions {
  siteKey: string;
  server: string;
  dbName?: string;
  /** Where the triage worker and model are; without them triage runs its rules only. */
  triage?: TriageUrls;
}

const DEFAULT_GREETING = 'Hi! I’m an automated assistant. Ask a question, or tap “Talk to a person” at any time.';
const TYPING_IDLE_MS = 3_000;
const SITE_WAIT_MS = 1_500;
/** Under socket.io's buffer limit with room to spare; beyond it only what the server lacks is sent. */
const HANDOFF_TRANSCRIPT_BYTES = 256 * 1024;
const STAFF_TYPING_TIMEOUT_MS = 6_000;
/**
 * Messages the rules alone judged are judged again by the model when it loads, if this recent: the
 * moment is still the visitor's, whereas a hand-off for yesterday's line on a reload would surprise.
 */
const RETRIAGE_WINDOW_MS = 10 * 60_000;

const toLocal = (m: StoredMessage, conversationKey: string): LocalMessage => ({
  id: m.id,
  conversationKey,
  role: m.role,
  text: m.text,
  createdAt: m.createdAt,
  seq: m.seq,
  delivery: Delivery.sent,
  ...(m.authorName ? { authorName: m.authorName } : {}),
  ...(m.triage ? { triage: m.triage } : {}),
  ...(m.assistant ? { assistant: m.assistant } : {}),
});

export class ChatController implements ReactiveController {
  site: SiteInfo | undefined;
  messages: LocalMessage[] = [];
  session: SessionRecord | undefined;
  connection: Connection = Connection.idle;
  refusal: string | undefined;
  staffTyping: string | undefined;
  /** Staff and system messages that arrived while the panel was closed. */
  unread = 0;
  panelOpen = false;
  /** Why the triage model is not running, if it failed to load (the rules still run). */
  modelError: string | undefined;
  /** Enter to triage decision for the last message, in ms. */
  lastDecisionMs: number | undefined;

  private store: TranscriptStore | undefined;
  private transport: VisitorTransport | undefined;
  private channel: BroadcastChannel | undefined;
  private opening: Promise<TranscriptStore> | undefined;
  private flushing = false;
  private flushAgain = false;
  private joined: string | undefined;
  private typingSentAt = 0;
  private siteKnown: Promise<void>;
  private resolveSite!: () => void;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private staffTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly firstLine: FirstLine;
  private readonly visit: { startedAt: number; pages: string[] };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ChatControllerOptions,
  ) {
    this.siteKnown = new Promise((resolve) => (this.resolveSite = resolve));
    this.firstLine = new FirstLine(
      options.triage,
      (message) => {
        // Reported once, quietly: the chat works on with the rules.
        this.modelError = message;
        console.warn('[baton] triage model unavailable, using rules only:', message);
        host.requestUpdate();
      },
      () => {
        host.requestUpdate();
        void this.retriageAfterLoad();
      },
    );
    this.visit = recordVisit(options.siteKey);
    host.addController(this);
  }

  hostConnected(): void {
    void this.init();
  }

  hostDisconnected(): void {
    this.transport?.close();
    this.transport = undefined;
    this.channel?.close();
    this.channel = undefined;
    this.joined = undefined;
    this.firstLine.dispose();
    void this.opening?.then((store) => store.close());
    this.opening = undefined;
    this.store = undefined;
  }

  /** Where on-device triage stands: `ready` once the model answers, `rules` or `failed` when only the rules do. */
  get triageState(): string {
    return this.firstLine.modelState;
  }

  get storageNotice(): string | undefined {
    return this.store && !this.store.persistent ? `This chat is kept in this tab only because your browser's ${this.store.failure ?? 'storage is unavailable'}. It still works.` : undefined;
  }

  /** Opens storage; connects at once only if a conversation is already under way (a reply may be waiting). */
  async init(): Promise<TranscriptStore> {
    this.opening ??= (async () => {
      const store = await TranscriptStore.open({ siteKey: this.options.siteKey, ...(this.options.dbName ? { dbName: this.options.dbName } : {}) });
      this.store = store;
      if (store.persistent && 'BroadcastChannel' in globalThis) {
        this.channel = new BroadcastChannel(`baton:${this.options.siteKey}`);
        this.channel.onmessage = () => void this.onOtherTab();
      }
      this.refresh();
      if (store.getSession()?.conversationId) this.connect();
      return store;
    })();
    return this.opening;
  }

  /** The panel was opened: make sure there is a conversation to show and a live socket. */
  async open(): Promise<void> {
    this.panelOpen = true;
    this.unread = 0;
    this.connect();
    this.firstLine.warmUp();
    const store = await this.init();
    // The site's own greeting comes with the first server answer; wait briefly for it, but a
    // visitor who is offline still gets a (generic) greeting and can write at once.
    if (!store.getSession() && !this.site) await Promise.race([this.siteKnown, new Promise((r) => setTimeout(r, SITE_WAIT_MS))]);
    await this.ensureSession();
    this.refresh();
  }

  close(): void {
    this.panelOpen = false;
    this.host.requestUpdate();
  }

  async send(text: string): Promise<void> {
    const body = text.trim();
    if (!body) return;
    const store = await this.ensureSession();
    const session = store.getSession()!;
    const message = { id: newId(), text: body, createdAt: Date.now() };
    // Triage runs before anything leaves the page: rules at once, the model once it has loaded.
    const { meta, result } = await this.firstLine.triage(store.list(), message);
    this.lastDecisionMs = meta.ms;
    await this.enqueueMessage(store, 'visitor', body, { triage: meta }, message);
    this.stopTyping();
    this.changed();
    this.connect();
    void this.flush();

    if (session.status !== 'bot') return;
    const site = this.site?.name ?? 'the team';
    if (result.decision.action === 'handoff') {
      await this.enqueueMessage(store, 'assistant', `This is one for a person, so I’m bringing in someone from ${site} now.`, {
        assistant: { kind: 'notice', sources: [] },
      });
      await this.requestHuman('policy');
      return;
    }
    const offer = result.decision.action === 'offer' && !this.offerPending(store);
    const reply = this.firstLine.answer(store.list());
    // When the assistant has nothing to say and triage suggests a person anyway, one line does both.
    if (reply && !(offer && reply.kind === 'miss')) {
      await this.enqueueMessage(store, 'assistant', reply.text, { assistant: { kind: reply.kind, sources: reply.sources, need: reply.need.slice(0, 300) } });
    }
    if (offer) {
      const text =
        reply?.kind === 'miss'
          ? `That’s one for a person from ${site} rather than me. Would you like me to bring someone in? They will see everything you have written.`
          : `A person from ${site} can help with this too. Would you like me to bring someone in?`;
      await this.enqueueMessage(store, 'assistant', text, { assistant: { kind: 'offer', sources: [], ...(reply ? { need: reply.need.slice(0, 300) } : {}) } });
    }
    this.changed();
    void this.flush();
  }

  /**
   * The model has loaded: what the visitor wrote before it could judge is judged now, and a hand-off
   * or offer the model would have made then happens now, with the visitor told why.
   */
  private async retriageAfterLoad(): Promise<void> {
    const store = this.store;
    if (!store || store.getSession()?.status !== 'bot') return;
    const judged = await this.firstLine.retriage(store.list(), Date.now() - RETRIAGE_WINDOW_MS);
    if (judged.length === 0) return;
    for (const { id, meta } of judged) await store.patchMessage(id, { triage: meta });
    this.changed();
    // The visitor may have asked for a person meanwhile; then there is nothing left to decide.
    if (store.getSession()?.status !== 'bot') return;
    const actions = judged.map((j) => j.result.decision.action);
    const site = this.site?.name ?? 'the team';
    if (actions.includes('handoff')) {
      await this.enqueueMessage(store, 'assistant', `Looking again at what you wrote, this is one for a person, so I’m bringing in someone from ${site} now.`, {
        assistant: { kind: 'notice', sources: [] },
      });
      await this.requestHuman('policy');
    } else if (actions.includes('offer') && !this.offerPending(store)) {
      await this.enqueueMessage(store, 'assistant', `Looking again at what you wrote, a person from ${site} could help with this. Would you like me to bring someone in?`, {
        assistant: { kind: 'offer', sources: [] },
      });
      this.changed();
      void this.flush();
    }
  }

  /** The built-in assistant answers the newest visitor message (unless the site's agent does, from the server). */
  private async answer(store: TranscriptStore, evenWithAgent = false): Promise<void> {
    const reply = this.firstLine.answer(store.list(), evenWithAgent);
    if (!reply) return;
    await this.enqueueMessage(store, 'assistant', reply.text, { assistant: { kind: reply.kind, sources: reply.sources, need: reply.need.slice(0, 300) } });
  }

  /** An offer the visitor has not answered yet (the newest assistant line is an offer). */
  offerPending(store: TranscriptStore | undefined = this.store): boolean {
    const last = store?.list().filter((m) => m.role === 'assistant').at(-1);
    return last?.assistant?.kind === 'offer' && store?.getSession()?.status === 'bot';
  }

  async acceptOffer(): Promise<void> {
    await this.requestHuman('offer_accepted');
  }

  async requestHuman(trigger: HandoffReason = 'visitor_asked'): Promise<void> {
    const store = await this.ensureSession();
    const session = store.getSession()!;
    if (session.status === 'queued' || session.status === 'active') return;
    const messages = store.list();
    const packet = this.firstLine.packet(messages, trigger, this.visit);
    const item: OutboxItem = { id: newId(), conversationKey: session.conversationKey, createdAt: Date.now(), kind: 'handoff', reason: trigger, context: pageContext(), packet };
    await store.add(undefined, item);
    await store.updateSession({ status: 'queued' });
    this.changed();
    this.connect();
    void this.flush();
  }

  /** After a closed chat: 1–5 and an optional comment, once. */
  async rate(rating: number, comment: string): Promise<void> {
    const store = await this.init();
    const session = store.getSession();
    if (!session || session.rated) return;
    await store.add(undefined, { id: newId(), conversationKey: session.conversationKey, createdAt: Date.now(), kind: 'rating', rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    await store.updateSession({ rated: true });
    this.changed();
    void this.flush();
  }

  async leaveContact(contact: Contact, message: string): Promise<void> {
    const store = await this.ensureSession();
    const session = store.getSession()!;
    await store.add(undefined, { id: newId(), conversationKey: session.conversationKey, createdAt: Date.now(), kind: 'contact', contact, message });
    await store.updateSession({ handoff: { staffOnline: 0, position: session.handoff?.position ?? 0, contactLeft: true } });
    this.changed();
    void this.flush();
  }

  async retry(messageId: string): Promise<void> {
    const store = await this.init();
    const message = store.get(messageId);
    if (!message) return;
    const queued = store.pending().some((item) => item.id === messageId);
    await store.add(
      { ...message, delivery: Delivery.sending, error: undefined },
      queued || message.role !== 'visitor'
        ? undefined
        : { id: message.id, conversationKey: message.conversationKey, createdAt: Date.now(), kind: 'message', message: { id: message.id, role: 'visitor', text: message.text, createdAt: message.createdAt } },
    );
    this.changed();
    this.connect();
    if (this.transport && !this.transport.connected) this.transport.socket.connect();
    void this.flush();
  }

  /** After a chat was closed: a fresh conversation; the old one stays on the device. */
  async startNew(): Promise<void> {
    const store = await this.init();
    await this.newSession(store);
    this.changed();
  }

  typing(): void {
    const conversationId = this.session?.conversationId;
    const token = this.session?.token;
    if (!conversationId || !token || !this.transport) return;
    if (Date.now() - this.typingSentAt > TYPING_IDLE_MS / 2) {
      this.typingSentAt = Date.now();
      this.transport.typing({ conversationId, token, typing: true });
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    const { conversationId, token } = this.session ?? {};
    if (conversationId && token) this.transport?.typing({ conversationId, token, typing: false });
  }

  private async ensureSession(): Promise<TranscriptStore> {
    const store = await this.init();
    // A closed conversation stays on screen until the visitor chooses to start a new one.
    if (!store.getSession()) await this.newSession(store);
    return store;
  }

  private async newSession(store: TranscriptStore): Promise<void> {
    const conversationKey = newId();
    this.joined = undefined;
    await store.startSession({ siteKey: this.options.siteKey, conversationKey, lastSeq: 0, status: 'bot', startedAt: Date.now() });
    // The greeting is part of the transcript staff will read, so it goes through the outbox too;
    // it is sent only once the visitor writes something (no server conversation per page view).
    await this.enqueueMessage(store, 'assistant', this.site?.greeting ?? DEFAULT_GREETING, { assistant: { kind: 'greeting', sources: [] } });
  }

  private async enqueueMessage(
    store: TranscriptStore,
    role: MessageInput['role'],
    text: string,
    meta: { triage?: TriageMeta; assistant?: AssistantMeta } = {},
    made: { id: string; createdAt: number } = { id: newId(), createdAt: Date.now() },
  ): Promise<void> {
    const session = store.getSession()!;
    const message: MessageInput = { id: made.id, role, text, createdAt: made.createdAt, ...meta };
    await store.add({ ...message, conversationKey: session.conversationKey, delivery: Delivery.sending }, { id: message.id, conversationKey: session.conversationKey, createdAt: message.createdAt, kind: 'message', message });
  }

  private connect(): void {
    if (this.transport) return;
    this.connection = Connection.connecting;
    this.transport = new VisitorTransport(this.options.server, this.options.siteKey, {
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
      refused: (reason) => {
        this.connection = Connection.refused;
        this.refusal = reason;
        this.host.requestUpdate();
      },
    });
    const socket = this.transport.socket;
    socket.on('message', (m) => void this.receive([m]));
    socket.on('conversation:status', (s) => void this.applyStatus(s));
    socket.on('assistant:fallback', (p) => void this.onAgentFallback(p.conversationId, p.messageId));
    socket.on('typing', (t) => {
      if (t.conversationId !== this.session?.conversationId) return;
      this.staffTyping = t.typing ? t.name : undefined;
      clearTimeout(this.staffTypingTimer);
      if (t.typing) this.staffTypingTimer = setTimeout(() => ((this.staffTyping = undefined), this.host.requestUpdate()), STAFF_TYPING_TIMEOUT_MS);
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
  }

  /** Every (re)connect: introduce ourselves, fetch what we missed by sequence, then send what is pending. */
  private async onConnected(): Promise<void> {
    await this.hello();
    await this.flush();
  }

  private async hello(): Promise<void> {
    const store = await this.init();
    const transport = this.transport;
    if (!transport?.connected) return;
    const session = store.getSession();
    const ref = session?.conversationId && session.token ? { conversationId: session.conversationId, token: session.token, afterSeq: session.lastSeq } : {};
    const reply = await transport.request('visitor:hello', ref);
    if (!reply.ok) {
      if (reply.code === 'unauthorised' && session) {
        // The server no longer knows this conversation (its data was reset): keep what is on the
        // device and start a new server conversation for anything still pending.
        await store.updateSession({ conversationId: undefined, token: undefined, lastSeq: 0, status: 'bot' });
      }
      return;
    }
    this.site = reply.site;
    this.firstLine.configure(reply.site);
    this.resolveSite();
    if (reply.conversation) {
      this.joined = reply.conversation.conversationId;
      await this.receive(reply.messages);
      await this.applyStatus(reply.conversation);
    }
    this.host.requestUpdate();
  }

  private async receive(messages: StoredMessage[]): Promise<void> {
    const store = await this.init();
    const session = store.getSession();
    if (!session?.conversationId) return;
    const mine = messages.filter((m) => m.conversationId === session.conversationId);
    if (mine.length === 0) return;
    const changed = await store.merge(mine.map((m) => toLocal(m, session.conversationKey)));
    if (!this.panelOpen) this.unread += changed.filter((m) => m.role === 'staff' || m.role === 'system').length;
    if (changed.some((m) => m.role === 'staff')) this.staffTyping = undefined;
    const contiguous = this.contiguousSeq(store, session.lastSeq);
    if (contiguous !== session.lastSeq) await store.updateSession({ lastSeq: contiguous });
    const highest = Math.max(...mine.map((m) => m.seq));
    if (highest > contiguous) void this.resync(contiguous);
    if (changed.length) this.changed();
  }

  /** The highest sequence up to which we hold every message: the point to resync from. */
  private contiguousSeq(store: TranscriptStore, from: number): number {
    const seqs = new Set(store.list().map((m) => m.seq));
    let seq = from;
    while (seqs.has(seq + 1)) seq++;
    return seq;
  }

  private async resync(afterSeq: number): Promise<void> {
    const session = this.session;
    if (!session?.conversationId || !session.token || !this.transport?.connected) return;
    const reply = await this.transport.request('conversation:sync', { conversationId: session.conversationId, token: session.token, afterSeq });
    if (reply.ok) {
      await this.receive(reply.messages);
      await this.applyStatus(reply.conversation);
    }
  }

  private async applyStatus(state: ConversationState): Promise<void> {
    const store = await this.init();
    const session = store.getSession();
    if (!session || state.conversationId !== session.conversationId) return;
    if (session.status === state.status && session.staffName === state.staffName && JSON.stringify(session.queue) === JSON.stringify(state.queue)) return;
    await store.updateSession({ status: state.status, staffName: state.staffName, queue: state.queue, ...(state.rated ? { rated: true } : {}) });
    if (state.status === 'closed') this.staffTyping = undefined;
    this.changed();
  }

  /** Sends the outbox in order. One tab at a time (Web Locks), and one loop per tab. */
  async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.flushAgain = false;
        await this.withLock(() => this.flushOnce());
      } while (this.flushAgain);
    } finally {
      this.flushing = false;
    }
  }

  private async withLock(run: () => Promise<void>): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks) return run();
    await locks.request(`baton:${this.options.siteKey}:outbox`, run);
  }

  private async flushOnce(): Promise<void> {
    const store = await this.init();
    // Another tab may have sent items or started the conversation while we waited for the lock.
    await store.reload();
    this.refresh();
    for (const item of store.pending()) {
      const transport = this.transport;
      if (!transport?.connected) return;
      if (!(await this.ensureConversation(store, transport))) return;
      const session = store.getSession()!;
      const ref = { conversationId: session.conversationId!, token: session.token! };
      const reply = await this.deliver(store, transport, ref, item);
      if (!reply.ok && reply.code === 'timeout') {
        if (item.kind === 'message' && store.get(item.id)?.seq === undefined) await store.patchMessage(item.id, { delivery: Delivery.failed, error: 'Not delivered yet. It will be sent when the connection is back.' });
        this.changed();
        return;
      }
      if (!reply.ok && reply.code === 'rate_limited') {
        setTimeout(() => void this.flush(), 3_000);
        return;
      }
      if (!reply.ok && reply.code === 'unauthorised') {
        await store.updateSession({ conversationId: undefined, token: undefined, lastSeq: 0, status: 'bot' });
        continue;
      }
      this.changed();
    }
  }

  /** Creates the server conversation on first need; only visitor actions justify one. */
  private async ensureConversation(store: TranscriptStore, transport: VisitorTransport): Promise<boolean> {
    const session = store.getSession();
    if (!session) return false;
    if (session.conversationId && session.token) {
      if (this.joined !== session.conversationId) await this.hello();
      return true;
    }
    const visitorActed = store.pending().some((i) => i.kind !== 'message' || i.message.role === 'visitor');
    if (!visitorActed) return false;
    const reply = await transport.request('conversation:start', {});
    if (!reply.ok) return false;
    await store.updateSession({ conversationId: reply.conversationId, token: reply.token, lastSeq: 0 });
    this.joined = reply.conversationId;
    return true;
  }

  private async deliver(store: TranscriptStore, transport: VisitorTransport, ref: { conversationId: string; token: string }, item: OutboxItem): Promise<Reply<object>> {
    switch (item.kind) {
      case 'message': {
        const reply = await transport.request('message:send', { ...ref, message: item.message });
        if (reply.ok) {
          await store.acknowledge(item.id, { id: item.id, seq: reply.message.seq, delivery: Delivery.sent, error: undefined });
          await this.receive([reply.message]);
        } else if (reply.code !== 'timeout' && reply.code !== 'rate_limited' && reply.code !== 'unauthorised') {
          await store.acknowledge(item.id, { id: item.id, delivery: Delivery.failed, error: reply.error });
        }
        return reply;
      }
      case 'handoff': {
        const local = store.list().filter((m) => (m.role === 'visitor' || m.role === 'assistant') && m.delivery !== Delivery.failed);
        const asInput = (m: LocalMessage): MessageInput => ({ id: m.id, role: m.role as MessageInput['role'], text: m.text, createdAt: m.createdAt });
        let transcript = local.map(asInput).slice(-LIMITS.transcriptMessages);
        if (JSON.stringify(transcript).length > HANDOFF_TRANSCRIPT_BYTES) transcript = local.filter((m) => m.seq === undefined).map(asInput).slice(-LIMITS.transcriptMessages);
        const reply = await transport.request('handoff:request', { ...ref, id: item.id, reason: item.reason, context: item.context, transcript, ...(item.packet ? { packet: item.packet } : {}) });
        if (reply.ok) {
          await store.acknowledge(item.id);
          await store.updateSession({ handoff: { staffOnline: reply.staffOnline, position: reply.position, contactLeft: store.getSession()?.handoff?.contactLeft ?? false } });
          await this.resync(store.getSession()!.lastSeq);
          // With someone coming, a way to reach the visitor later is still worth having: ask once,
          // optionally. (With nobody available the contact form asks instead.)
          const knownContact = item.packet?.collected.some((d) => d.kind === 'email' || d.kind === 'phone');
          if (reply.staffOnline > 0 && !knownContact && !store.getSession()?.askedContact) {
            await store.updateSession({ askedContact: true });
            await this.enqueueMessage(
              store,
              'assistant',
              `While they join: if you would like ${this.site?.name ?? 'the team'} to be able to reach you after this chat, you can type an email or phone number here. It’s optional.`,
              { assistant: { kind: 'ask_contact', sources: [] } },
            );
            this.flushAgain = true;
          }
        } else if (reply.code === 'invalid' || reply.code === 'closed') {
          await store.acknowledge(item.id);
        }
        return reply;
      }
      case 'contact': {
        const reply = await transport.request('contact:leave', { ...ref, id: item.id, contact: item.contact, message: item.message });
        if (reply.ok || reply.code === 'invalid') await store.acknowledge(item.id);
        return reply;
      }
      case 'rating': {
        const reply = await transport.request('conversation:rate', { ...ref, rating: item.rating, ...(item.comment ? { comment: item.comment } : {}) });
        // Already rated (another tab) or refused: either way there is nothing left to send.
        if (reply.ok || reply.code === 'invalid' || reply.code === 'conflict') await store.acknowledge(item.id);
        return reply;
      }
    }
  }

  /** The site's own agent could not answer: the built-in assistant does, so the visitor is never left hanging. */
  private async onAgentFallback(conversationId: string, messageId: string): Promise<void> {
    const store = await this.init();
    const session = store.getSession();
    if (session?.conversationId !== conversationId || session.status !== 'bot') return;
    if (store.list().filter((m) => m.role === 'visitor').at(-1)?.id !== messageId) return;
    await this.answer(store, true);
    this.changed();
    void this.flush();
  }

  private async onOtherTab(): Promise<void> {
    const store = await this.init();
    await store.reload();
    this.refresh();
    const id = store.getSession()?.conversationId;
    if (id && !this.transport) this.connect();
    else if (id && this.joined !== id) await this.hello();
  }

  /** A local change: re-render, and tell the other tabs to re-read IndexedDB. */
  private changed(): void {
    this.refresh();
    this.channel?.postMessage('changed');
  }

  private refresh(): void {
    if (!this.store) return;
    this.session = this.store.getSession();
    this.messages = this.store.list();
    this.host.requestUpdate();
  }
}
