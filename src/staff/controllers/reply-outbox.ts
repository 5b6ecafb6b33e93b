/**
 * Staff replies on their way. A reply gets its id once, when composed, and is resent with that
 * same id after a reconnect or on retry; the server deduplicates, so a resend never shows twice.
 * While the socket is down a reply stays "sending" and goes out when it is back; a refusal waits
 * for a manual retry (except rate limits). Also "staff is typing", which only makes sense here.
 */
import type { ReactiveControllerHost } from 'lit';
import { LIMITS } from '../../protocol/limits.ts';
import { ConversationStatus, Role, type StoredMessage } from '../../protocol/messages.ts';
import { capitalise } from '../format.ts';
import { DeliveryState, type ChatLine } from '../types.ts';
import type { ChatCacheController } from './chat-cache-controller.ts';
import type { ConnectionController } from './connection-controller.ts';

/** A message id generated once per reply. `getRandomValues` works on plain-http LAN addresses too, unlike `randomUUID`. */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Repeated "typing" notices are sent at most this often. */
const TYPING_RESEND_MS = 3000;

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

export class ReplyOutbox {
  /** Replies not yet stored, per conversation. */
  private readonly pending = new Map<string, PendingReply[]>();
  private typingSent = false;
  private typingSentAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: ConnectionController,
    private readonly chats: ChatCacheController,
  ) {}

  /** Whether a chat has replies still on their way (it is resynced on reconnect either way). */
  has(conversationId: string): boolean {
    return (this.pending.get(conversationId)?.length ?? 0) > 0;
  }

  /** A chat's pending replies as transcript lines, after the stored ones. */
  lines(conversationId: string, authorName: string | undefined): ChatLine[] {
    return (this.pending.get(conversationId) ?? []).map((p) => ({
      id: p.id,
      role: Role.staff,
      text: p.text,
      createdAt: p.createdAt,
      delivery: p.state,
      ...(authorName ? { authorName } : {}),
      ...(p.error ? { error: p.error } : {}),
    }));
  }

  /** Sends a reply in the open chat. Returns false (and sends nothing) for empty or too long text, or a closed chat. */
  send(text: string): boolean {
    const chat = this.chats.open;
    const trimmed = text.trim();
    if (!chat || !trimmed || trimmed.length > LIMITS.messageChars) return false;
    if (chat.summary?.status === ConversationStatus.closed) return false;
    this.setTyping(false);
    const reply: PendingReply = {
      id: newMessageId(),
      text: trimmed,
      createdAt: Date.now(),
      state: DeliveryState.sending,
      attempt: 0,
      autoRetry: true,
    };
    const list = this.pending.get(chat.conversationId) ?? [];
    list.push(reply);
    this.pending.set(chat.conversationId, list);
    this.deliver(chat.conversationId, reply);
    this.host.requestUpdate();
    return true;
  }

  /** Sends a failed reply again with the same id. */
  retry(messageId: string): void {
    for (const [conversationId, list] of this.pending) {
      const reply = list.find((p) => p.id === messageId);
      if (reply) {
        this.deliver(conversationId, reply);
        this.host.requestUpdate();
        return;
      }
    }
  }

  /** The server has this message: if it was one of mine on its way (its ack was lost), it is sent, once. */
  settle(message: StoredMessage): void {
    const list = this.pending.get(message.conversationId);
    if (list?.some((p) => p.id === message.id))
      this.pending.set(
        message.conversationId,
        list.filter((p) => p.id !== message.id),
      );
  }

  /** After a (re)connect: everything still sending, and failures worth another try, go out again. */
  flush(): void {
    for (const [conversationId, list] of this.pending) {
      for (const reply of list) {
        if (reply.state === DeliveryState.sending || reply.autoRetry) this.deliver(conversationId, reply);
      }
    }
    this.host.requestUpdate();
  }

  /** Tells the visitor whether staff is typing in the open chat; repeated `true`s are throttled. */
  setTyping(typing: boolean): void {
    const chat = this.chats.open;
    if (!chat || !this.connection.connected || chat.summary?.status !== ConversationStatus.active) {
      this.typingSent = false;
      return;
    }
    const now = Date.now();
    if (typing && this.typingSent && now - this.typingSentAt < TYPING_RESEND_MS) return;
    if (!typing && !this.typingSent) return;
    this.typingSent = typing;
    this.typingSentAt = now;
    this.connection.typing({ conversationId: chat.conversationId, typing });
  }

  /** The connection dropped: the visitor's indicator ends on its own. */
  forgetTyping(): void {
    this.typingSent = false;
  }

  reset(): void {
    this.pending.clear();
  }

  private deliver(conversationId: string, reply: PendingReply): void {
    reply.state = DeliveryState.sending;
    reply.error = undefined;
    // Offline: it stays "sending" and goes out, same id, as soon as the socket is back.
    if (!this.connection.connected) return;
    const attempt = ++reply.attempt;
    const current = () => attempt === reply.attempt && !!this.pending.get(conversationId)?.includes(reply);
    void this.connection
      .call('message:send', { conversationId, message: { id: reply.id, text: reply.text, createdAt: reply.createdAt } })
      .then((ack) => {
        if (ack.ok) this.chats.stored(ack.message);
        else if (ack.code === 'timeout') {
          if (!current()) return;
          // While disconnected it stays "sending" and the reconnect resends it.
          if (this.connection.connected) {
            reply.state = DeliveryState.failed;
            reply.error = 'No answer from the server.';
            reply.autoRetry = true;
          }
        } else if (current()) {
          reply.state = DeliveryState.failed;
          reply.error = capitalise(ack.error);
          reply.autoRetry = ack.code === 'rate_limited';
        }
        this.host.requestUpdate();
      });
  }
}
