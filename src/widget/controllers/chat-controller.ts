/**
 * The only bridge from `<baton-chat>` to IndexedDB, the socket and the triage worker: the view reads
 * its state and calls its methods. It opens the transcript store and composes one controller per
 * concern, each of which it hands itself as their shared {@link ChatContext}:
 * - {@link ConversationSync}: the socket, hello, merging by `seq` and resync of gaps, typing;
 * - {@link Outbox}: everything the visitor does, stored first, then sent in order, exactly once;
 * - {@link AssistantTurns}: triage, the assistant's lines, handoffs, re-triage when the model loads;
 * - {@link TabSync}: other tabs of the same site show the same conversation.
 * It forwards its host's lifecycle to them, so whoever drives it alone (a test) drives them all.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SiteInfo } from '../../protocol/messages.ts';
import type { IdentityStatus } from '../../protocol/events.ts';
import type { Contact, HandoffReason, VisitorIdentity } from '../../protocol/schemas.ts';
import type { LocalMessage, SessionRecord } from '../../store/schema.ts';
import { TranscriptStore } from '../../store/transcript-store.ts';
import { AssistantTurns } from './assistant-turns.ts';
import type { ChatContext } from './chat-context.ts';
import { ConversationSync, type Connection } from './conversation-sync.ts';
import type { TriageUrls } from './first-line.ts';
import { newId } from './ids.ts';
import { Outbox, type Refusal } from './outbox.ts';
import { TabSync } from './tab-sync.ts';

export { Connection } from './conversation-sync.ts';

export interface ChatControllerOptions {
  siteKey: string;
  server: string;
  dbName?: string;
  /** Where the triage worker and model are; without them triage runs its rules only. */
  triage?: TriageUrls;
  /** A signed-in customer, signed by the site's server; checked by Baton's server. */
  identity?: VisitorIdentity | undefined;
  /** The chat was handed to a person (by the visitor, an accepted offer or the site's policy). */
  onHandoff?: (trigger: HandoffReason, reasons: string[]) => void;
}

const SITE_WAIT_MS = 1_500;

export class ChatController implements ReactiveController, ChatContext {
  messages: LocalMessage[] = [];
  session: SessionRecord | undefined;
  panelOpen = false;

  private readonly conversation: ConversationSync;
  private readonly outbox: Outbox;
  private readonly turns: AssistantTurns;
  private readonly tabs: TabSync;
  private opened: TranscriptStore | undefined;
  private opening: Promise<TranscriptStore> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ChatControllerOptions,
  ) {
    this.conversation = new ConversationSync(host, options, this, {
      siteKnown: (site) => this.turns.configure(site),
      agentFallback: (conversationId, messageId) => void this.turns.onAgentFallback(conversationId, messageId),
    });
    this.outbox = new Outbox(options.siteKey, this, this.conversation, {
      handedOff: (store, staffOnline, packet) => this.turns.askContact(store, staffOnline, packet),
    });
    this.turns = new AssistantTurns(host, options, this, this.conversation, this.outbox);
    this.tabs = new TabSync(options.siteKey, this, this.conversation);
    host.addController(this);
  }

  hostConnected(): void {
    void this.init();
  }

  hostDisconnected(): void {
    this.conversation.hostDisconnected();
    this.tabs.hostDisconnected();
    this.turns.hostDisconnected();
    void this.opening?.then((store) => store.close());
    this.opening = undefined;
    this.opened = undefined;
  }

  get site(): SiteInfo | undefined {
    return this.conversation.site;
  }

  /** What the server made of the signed identity, once it has answered. */
  get identity(): IdentityStatus | undefined {
    return this.conversation.identity;
  }

  get connection(): Connection {
    return this.conversation.connection;
  }

  get refusal(): string | undefined {
    return this.conversation.refusal;
  }

  /** The last thing the visitor did that the server refused (a message, a request for a person, a contact). */
  get refused(): Refusal | undefined {
    return this.outbox.refused;
  }

  /** Sends the refused item again, unchanged. */
  async retryRefused(): Promise<void> {
    if (!(await this.outbox.retryRefused(await this.init()))) return;
    this.changed();
    this.connect();
    void this.flush();
  }

  get staffTyping(): string | undefined {
    return this.conversation.staffTyping;
  }

  /** Staff and system messages that arrived while the panel was closed. */
  get unread(): number {
    return this.conversation.unread;
  }

  /** Why the triage model is not running, if it failed to load (the rules still run). */
  get modelError(): string | undefined {
    return this.turns.modelError;
  }

  /** Enter to triage decision for the last message, in ms. */
  get lastDecisionMs(): number | undefined {
    return this.turns.lastDecisionMs;
  }

  /** Where on-device triage stands: `ready` once the model answers, `rules` or `failed` when only the rules do. */
  get triageState(): string {
    return this.turns.triageState;
  }

  get storageNotice(): string | undefined {
    const store = this.opened;
    return store && !store.persistent
      ? `This chat is kept in this tab only because your browser's ${store.failure ?? 'storage is unavailable'}. It still works.`
      : undefined;
  }

  get openStore(): TranscriptStore | undefined {
    return this.opened;
  }

  store(): Promise<TranscriptStore> {
    return this.init();
  }

  /** Opens storage; connects at once only if a conversation is already under way (a reply may be waiting). */
  async init(): Promise<TranscriptStore> {
    this.opening ??= (async () => {
      const store = await TranscriptStore.open({
        siteKey: this.options.siteKey,
        ...(this.options.dbName ? { dbName: this.options.dbName } : {}),
      });
      this.opened = store;
      this.tabs.listen(store.persistent);
      this.refresh();
      if (store.getSession()?.conversationId) this.connect();
      return store;
    })();
    return this.opening;
  }

  /** The panel was opened: make sure there is a conversation to show and a live socket. */
  async open(): Promise<void> {
    this.panelOpen = true;
    this.conversation.markSeen();
    this.connect();
    this.turns.warmUp();
    const store = await this.init();
    // The site's own greeting comes with the first server answer; wait briefly for it, but a
    // visitor who is offline still gets a (generic) greeting and can write at once.
    if (!store.getSession() && !this.site)
      await Promise.race([this.conversation.siteKnown, new Promise((r) => setTimeout(r, SITE_WAIT_MS))]);
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
    const { meta, result } = await this.turns.judge(store, message);
    await this.outbox.enqueue(store, 'visitor', body, { triage: meta }, message);
    this.conversation.stopTyping();
    this.changed();
    this.connect();
    void this.flush();
    if (session.status === 'bot') await this.turns.respond(store, result);
  }

  /** An offer the visitor has not answered yet (the newest assistant line is an offer). */
  offerPending(store: TranscriptStore | undefined = this.opened): boolean {
    return this.turns.offerPending(store);
  }

  async acceptOffer(): Promise<void> {
    await this.turns.requestHuman('offer_accepted');
  }

  async requestHuman(trigger: HandoffReason = 'visitor_asked'): Promise<void> {
    await this.turns.requestHuman(trigger);
  }

  /** After a closed chat: 1–5 and an optional comment, once. */
  async rate(rating: number, comment: string): Promise<void> {
    if (!(await this.outbox.rate(await this.init(), rating, comment))) return;
    this.changed();
    void this.flush();
  }

  async leaveContact(contact: Contact, message: string): Promise<void> {
    await this.outbox.leaveContact(await this.ensureSession(), contact, message);
    this.changed();
    void this.flush();
  }

  async retry(messageId: string): Promise<void> {
    if (!(await this.outbox.requeue(await this.init(), messageId))) return;
    this.changed();
    this.connect();
    this.conversation.reconnectNow();
    void this.flush();
  }

  /** After a chat was closed: a fresh conversation; the old one stays on the device. */
  async startNew(): Promise<void> {
    await this.newSession(await this.init());
    this.changed();
  }

  typing(): void {
    this.conversation.typing();
  }

  /** Sends the outbox in order. One tab at a time (Web Locks), and one loop per tab. */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  connect(): void {
    this.conversation.connect();
  }

  async ensureSession(): Promise<TranscriptStore> {
    const store = await this.init();
    // A closed conversation stays on screen until the visitor chooses to start a new one.
    if (!store.getSession()) await this.newSession(store);
    return store;
  }

  private async newSession(store: TranscriptStore): Promise<void> {
    this.conversation.forgetJoin();
    await store.startSession({ siteKey: this.options.siteKey, conversationKey: newId(), lastSeq: 0, status: 'bot', startedAt: Date.now() });
    // The greeting is part of the transcript staff will read, so it goes through the outbox too.
    await this.turns.greet(store);
  }

  changed(): void {
    this.refresh();
    this.tabs.announce();
  }

  refresh(): void {
    if (!this.opened) return;
    this.session = this.opened.getSession();
    this.messages = this.opened.list();
    this.host.requestUpdate();
  }
}
