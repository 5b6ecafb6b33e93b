/**
 * The chats this console has loaded: each one's messages by `seq` (merged from live pushes and
 * fetches, so none shows twice), its summary, packet and notes, whether the visitor is typing, and
 * which chat is open. A jump in `seq` fetches the gap; every fetch asks only for what comes after
 * the last contiguous message, one fetch per chat at a time.
 */
import type { ReactiveControllerHost } from 'lit';
import {
  ConversationStatus,
  type ConversationDetail,
  type ConversationState,
  type HandoffSummary,
  type StaffNote,
  type StoredMessage,
} from '../../protocol/messages.ts';
import type { HandoffPacket } from '../../protocol/schemas.ts';
import { SequenceLog } from '../../sync/sequence-log.ts';
import { SingleFlight } from '../../sync/single-flight.ts';
import { capitalise } from '../format.ts';
import type { CallResult, ConnectionController } from './connection-controller.ts';
import type { ChatSnapshot } from './offline-store.ts';

export interface CachedChat {
  readonly conversationId: string;
  summary?: HandoffSummary;
  readonly log: SequenceLog<StoredMessage>;
  visitorTyping: boolean;
  typingTimer?: ReturnType<typeof setTimeout>;
  /** The first fetch has not answered yet. */
  loading: boolean;
  error?: string;
  packet?: HandoffPacket;
  notes: StaffNote[];
  /** The chat left me (transfer, hand back, returned to the queue): why. */
  leftReason?: string;
  readonly sync: SingleFlight;
}

export interface ChatCacheHooks {
  /** A message is stored (a reply whose ack was lost is then sent, once). */
  stored(message: StoredMessage): void;
  /** A fetch answered with the chat's detail (it may be mine now, and read if it is open). */
  merged(detail: ConversationDetail): void;
}

export class ChatCacheController {
  /** Conversation shown in the chat view. */
  openId?: string;

  private readonly chats = new Map<string, CachedChat>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: ConnectionController,
    private readonly options: { typingTimeoutMs: number },
    private readonly hooks: ChatCacheHooks,
  ) {}

  get(conversationId: string): CachedChat | undefined {
    return this.chats.get(conversationId);
  }

  get all(): Iterable<CachedChat> {
    return this.chats.values();
  }

  get open(): CachedChat | undefined {
    return this.openId ? this.chats.get(this.openId) : undefined;
  }

  /** The chat's entry, made (empty, loading) if this console has none yet. */
  ensure(conversationId: string): CachedChat {
    const known = this.chats.get(conversationId);
    if (known) return known;
    // The fetch keeps to this entry: one that answers after a sign-out fills nothing new.
    const chat: CachedChat = {
      conversationId,
      log: new SequenceLog(),
      visitorTyping: false,
      loading: true,
      notes: [],
      sync: new SingleFlight(
        () => this.fetch(chat),
        () => this.connection.connected,
      ),
    };
    this.chats.set(conversationId, chat);
    return chat;
  }

  /** Shows a chat (its summary taken from the lists until the server sends its own). */
  show(conversationId: string, summary: HandoffSummary | undefined): void {
    this.openId = conversationId;
    const chat = this.ensure(conversationId);
    chat.error = undefined;
    chat.summary ??= summary;
  }

  /** The chat view closed (the chat stays assigned). */
  closeView(): void {
    this.openId = undefined;
  }

  /** Fetches every message after the last contiguous one this console has, and merges. */
  sync(conversationId: string): Promise<void> {
    return this.ensure(conversationId).sync.run();
  }

  private async fetch(chat: CachedChat): Promise<void> {
    const ack = await this.connection.call('conversation:open', { conversationId: chat.conversationId, afterSeq: chat.log.contiguous });
    if (ack.ok) {
      this.merge(chat, ack.detail);
    } else if (ack.code !== 'offline') {
      chat.loading = false;
      chat.error = capitalise(ack.error);
    }
    this.host.requestUpdate();
  }

  /** A claim or fetch answered with the chat's detail. */
  merge(chat: CachedChat, detail: ConversationDetail): void {
    chat.summary = detail.summary;
    chat.loading = false;
    chat.error = undefined;
    if (detail.packet) chat.packet = detail.packet;
    chat.notes = detail.notes ?? chat.notes;
    for (const m of detail.messages) this.store(chat, m);
    this.hooks.merged(detail);
  }

  /** A reply I sent was stored (its ack). */
  stored(message: StoredMessage): void {
    const chat = this.chats.get(message.conversationId);
    if (chat) this.store(chat, message);
  }

  private store(chat: CachedChat, m: StoredMessage): void {
    chat.log.put(m);
    this.hooks.stored(m);
  }

  /** A pushed message: stored, and a jump in `seq` fetches what was missed. */
  onMessage(m: StoredMessage): void {
    const chat = this.chats.get(m.conversationId);
    if (!chat) return;
    this.store(chat, m);
    if (m.role === 'visitor') {
      chat.visitorTyping = false;
      clearTimeout(chat.typingTimer);
    }
    // A jump means we missed something (a dropped packet, a reconnect race): fetch the gap.
    if (m.seq > chat.log.contiguous && !chat.loading) void this.sync(chat.conversationId);
  }

  onVisitorTyping(conversationId: string, typing: boolean): void {
    const chat = this.chats.get(conversationId);
    if (!chat) return;
    clearTimeout(chat.typingTimer);
    chat.visitorTyping = typing;
    // A lost "stopped typing" must not leave the indicator on forever.
    if (typing) {
      chat.typingTimer = setTimeout(() => {
        chat.visitorTyping = false;
        this.host.requestUpdate();
      }, this.options.typingTimeoutMs);
    }
    this.host.requestUpdate();
  }

  /** The connection dropped: nobody is typing as far as this console can know. */
  stopTypingIndicators(): void {
    for (const chat of this.chats.values()) chat.visitorTyping = false;
  }

  applyStatus(state: ConversationState): void {
    const chat = this.chats.get(state.conversationId);
    if (chat?.summary) chat.summary = { ...chat.summary, status: state.status };
    if (chat && state.lastSeq > chat.log.contiguous && this.connection.connected) void this.sync(state.conversationId);
  }

  /** Newer summaries from the server, for the chats this console has. */
  summarise(summaries: Iterable<HandoffSummary>): void {
    for (const summary of summaries) {
      const chat = this.chats.get(summary.conversationId);
      if (chat) chat.summary = summary;
    }
  }

  /** Passed to me (again): it is mine once more; fetch the notes written while it was someone else's. */
  assigned(summary: HandoffSummary): void {
    const chat = this.chats.get(summary.conversationId);
    if (!chat) return;
    chat.summary = summary;
    chat.leftReason = undefined;
    if (summary.conversationId === this.openId && this.connection.connected) void this.sync(summary.conversationId);
  }

  /** The chat left me: say why, and leave the view if it was open and I passed it on. */
  left(conversationId: string, reason: string, closeView: boolean): void {
    const chat = this.chats.get(conversationId);
    if (chat) chat.leftReason = reason;
    if (closeView && this.openId === conversationId) this.openId = undefined;
  }

  /** Ends a chat for good; the visitor sees it closed. `hadContext`: "did the handoff give you what you needed?". */
  async closeChat(conversationId: string, hadContext?: boolean): Promise<CallResult> {
    const ack = await this.connection.call('conversation:close', { conversationId, ...(hadContext === undefined ? {} : { hadContext }) });
    if (!ack.ok) this.ensure(conversationId).error = capitalise(ack.error);
    this.host.requestUpdate();
    return ack;
  }

  isClosed(conversationId: string): boolean {
    return this.chats.get(conversationId)?.summary?.status === ConversationStatus.closed;
  }

  /** The chats worth keeping on the device, as the offline copy stores them. */
  snapshot(keep: ReadonlySet<string>, savedAt: number): ChatSnapshot[] {
    return [...this.chats.values()]
      .filter((c) => keep.has(c.conversationId) && !c.loading)
      .map((c) => ({
        conversationId: c.conversationId,
        messages: c.log.list(),
        savedAt,
        ...(c.summary ? { summary: c.summary } : {}),
        ...(c.packet ? { packet: c.packet } : {}),
        notes: c.notes,
      }));
  }

  restore(saved: readonly ChatSnapshot[]): void {
    for (const s of saved) {
      const chat = this.ensure(s.conversationId);
      chat.loading = false;
      if (s.summary) chat.summary = s.summary;
      if (s.packet) chat.packet = s.packet;
      if (s.notes) chat.notes = s.notes;
      for (const m of s.messages) chat.log.put(m);
    }
  }

  reset(): void {
    for (const chat of this.chats.values()) clearTimeout(chat.typingTimer);
    this.chats.clear();
    this.openId = undefined;
  }
}
