/**
 * The widget's outbox. Everything the visitor does (a message, a handoff request, a contact, a
 * rating) is first written to IndexedDB together with an outbox item, then shown, then sent. The
 * outbox is sent in order whenever a socket is connected, by one tab at a time (Web Locks) and one
 * loop per tab; an item leaves it only when the server has acknowledged storing it. The server
 * deduplicates by id, so resends after a reconnect, a reload or from another tab have one effect.
 */
import { LIMITS } from '../../protocol/limits.ts';
import type { AssistantMeta, Contact, HandoffPacket, MessageInput, TriageMeta } from '../../protocol/schemas.ts';
import { Delivery, type LocalMessage, type OutboxItem } from '../../store/schema.ts';
import type { TranscriptStore } from '../../store/transcript-store.ts';
import { SingleFlight } from '../../sync/single-flight.ts';
import type { Reply, VisitorTransport } from '../../transport/visitor-transport.ts';
import type { ChatContext } from './chat-context.ts';
import { FORGET_SERVER_CONVERSATION, type ConversationSync } from './conversation-sync.ts';
import { newId } from './ids.ts';

/** Under socket.io's buffer limit with room to spare; beyond it only what the server lacks is sent. */
const HANDOFF_TRANSCRIPT_BYTES = 256 * 1024;
const RATE_LIMIT_RETRY_MS = 3_000;

type ConversationRef = { conversationId: string; token: string };

/** Something the visitor did that the server refused: shown to them, with a way to try again. */
export interface Refusal {
  kind: OutboxItem['kind'];
  /** The server's reason, as it gave it. */
  error: string;
  /** The refused message's id, or the refused item itself (kept so it can be sent again unchanged). */
  messageId?: string;
  item?: OutboxItem;
}

/** Refusals that a later attempt may get past; anything else is final for this attempt. */
const TRANSIENT = new Set(['timeout', 'rate_limited', 'unauthorised']);

export interface OutboxHooks {
  /** The server took a handoff; returns true when that queued a line to send (the assistant asks for a contact). */
  handedOff(store: TranscriptStore, staffOnline: number, packet: HandoffPacket | undefined): Promise<boolean>;
}

export class Outbox {
  private readonly flight = new SingleFlight(() => this.withLock(() => this.flushOnce()));
  /** The last thing the server refused, until the visitor tries again or it is sent. */
  refused: Refusal | undefined;

  constructor(
    private readonly siteKey: string,
    private readonly chat: ChatContext,
    private readonly conversation: ConversationSync,
    private readonly hooks: OutboxHooks,
  ) {}

  /** Sends the outbox in order; a call during a flush makes that flush go round once more. */
  flush(): Promise<void> {
    return this.flight.run();
  }

  /** Stores a message of the current conversation together with its outbox item, in one transaction. */
  async enqueue(
    store: TranscriptStore,
    role: MessageInput['role'],
    text: string,
    meta: { triage?: TriageMeta; assistant?: AssistantMeta } = {},
    made: { id: string; createdAt: number } = { id: newId(), createdAt: Date.now() },
  ): Promise<void> {
    const session = store.getSession()!;
    const message: MessageInput = { id: made.id, role, text, createdAt: made.createdAt, ...meta };
    await store.add(
      { ...message, conversationKey: session.conversationKey, delivery: Delivery.sending },
      { id: message.id, conversationKey: session.conversationKey, createdAt: message.createdAt, kind: 'message', message },
    );
  }

  /** Puts the refused item back in the outbox, as it was (a message goes back to "sending"). */
  async retryRefused(store: TranscriptStore): Promise<boolean> {
    const refused = this.refused;
    if (!refused) return false;
    if (refused.messageId) return this.requeue(store, refused.messageId);
    this.refused = undefined;
    if (!refused.item) return false;
    await store.add(undefined, refused.item);
    if (refused.item.kind === 'handoff') await store.updateSession({ status: 'queued' });
    if (refused.item.kind === 'contact')
      await store.updateSession({
        handoff: { staffOnline: 0, position: store.getSession()?.handoff?.position ?? 0, contactLeft: true },
      });
    return true;
  }

  /** A failed message goes back to "sending" (and back into the outbox, if a refusal took it out). */
  async requeue(store: TranscriptStore, messageId: string): Promise<boolean> {
    if (this.refused?.messageId === messageId) this.refused = undefined;
    const message = store.get(messageId);
    if (!message) return false;
    const queued = store.pending().some((item) => item.id === messageId);
    await store.add(
      { ...message, delivery: Delivery.sending, error: undefined },
      queued || message.role !== 'visitor'
        ? undefined
        : {
            id: message.id,
            conversationKey: message.conversationKey,
            createdAt: Date.now(),
            kind: 'message',
            message: { id: message.id, role: 'visitor', text: message.text, createdAt: message.createdAt },
          },
    );
    return true;
  }

  /** 1–5 and an optional comment, once per closed chat. */
  async rate(store: TranscriptStore, rating: number, comment: string): Promise<boolean> {
    const session = store.getSession();
    if (!session || session.rated) return false;
    await store.add(undefined, {
      id: newId(),
      conversationKey: session.conversationKey,
      createdAt: Date.now(),
      kind: 'rating',
      rating,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    await store.updateSession({ rated: true });
    return true;
  }

  /** With nobody available: a way to reach the visitor later, and what they want. */
  async leaveContact(store: TranscriptStore, contact: Contact, message: string): Promise<void> {
    if (this.refused?.kind === 'contact') this.refused = undefined;
    const session = store.getSession()!;
    await store.add(undefined, {
      id: newId(),
      conversationKey: session.conversationKey,
      createdAt: Date.now(),
      kind: 'contact',
      contact,
      message,
    });
    await store.updateSession({ handoff: { staffOnline: 0, position: session.handoff?.position ?? 0, contactLeft: true } });
  }

  private async withLock(run: () => Promise<void>): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks) return run();
    await locks.request(`baton:${this.siteKey}:outbox`, run);
  }

  private async flushOnce(): Promise<void> {
    const store = await this.chat.store();
    // Another tab may have sent items or started the conversation while we waited for the lock.
    await store.reload();
    this.chat.refresh();
    for (const item of store.pending()) {
      const transport = this.conversation.live;
      if (!transport) return;
      if (!(await this.ensureConversation(store, transport))) return;
      const session = store.getSession()!;
      const reply = await this.deliver(store, transport, { conversationId: session.conversationId!, token: session.token! }, item);
      if (!reply.ok && reply.code === 'timeout') {
        if (item.kind === 'message' && store.get(item.id)?.seq === undefined)
          await store.patchMessage(item.id, {
            delivery: Delivery.failed,
            error: 'Not delivered yet. It will be sent when the connection is back.',
          });
        this.chat.changed();
        return;
      }
      if (!reply.ok && reply.code === 'rate_limited') {
        setTimeout(() => void this.flush(), RATE_LIMIT_RETRY_MS);
        return;
      }
      if (!reply.ok && reply.code === 'unauthorised') {
        await store.updateSession(FORGET_SERVER_CONVERSATION);
        continue;
      }
      this.chat.changed();
    }
  }

  /** Creates the server conversation on first need; only visitor actions justify one. */
  private async ensureConversation(store: TranscriptStore, transport: VisitorTransport): Promise<boolean> {
    const session = store.getSession();
    if (!session) return false;
    if (session.conversationId && session.token) {
      if (!this.conversation.hasJoined(session.conversationId)) await this.conversation.hello();
      return true;
    }
    const visitorActed = store.pending().some((i) => i.kind !== 'message' || i.message.role === 'visitor');
    if (!visitorActed) return false;
    const reply = await transport.request('conversation:start', {});
    if (!reply.ok) return false;
    await store.updateSession({ conversationId: reply.conversationId, token: reply.token, lastSeq: 0 });
    this.conversation.started(reply.conversationId);
    return true;
  }

  private async deliver(
    store: TranscriptStore,
    transport: VisitorTransport,
    ref: ConversationRef,
    item: OutboxItem,
  ): Promise<Reply<object>> {
    switch (item.kind) {
      case 'message': {
        const reply = await transport.request('message:send', { ...ref, message: item.message });
        if (reply.ok) {
          await store.acknowledge(item.id, { id: item.id, seq: reply.message.seq, delivery: Delivery.sent, error: undefined });
          await this.conversation.receive([reply.message]);
        } else if (!TRANSIENT.has(reply.code)) {
          await store.acknowledge(item.id, { id: item.id, delivery: Delivery.failed, error: reply.error });
          if (item.message.role === 'visitor') this.refused = { kind: 'message', error: reply.error, messageId: item.id };
        }
        return reply;
      }
      case 'handoff': {
        const local = store.list().filter((m) => (m.role === 'visitor' || m.role === 'assistant') && m.delivery !== Delivery.failed);
        const asInput = (m: LocalMessage): MessageInput => ({
          id: m.id,
          role: m.role as MessageInput['role'],
          text: m.text,
          createdAt: m.createdAt,
        });
        let transcript = local.map(asInput).slice(-LIMITS.transcriptMessages);
        if (JSON.stringify(transcript).length > HANDOFF_TRANSCRIPT_BYTES)
          transcript = local
            .filter((m) => m.seq === undefined)
            .map(asInput)
            .slice(-LIMITS.transcriptMessages);
        const reply = await transport.request('handoff:request', {
          ...ref,
          id: item.id,
          reason: item.reason,
          context: item.context,
          transcript,
          ...(item.packet ? { packet: item.packet } : {}),
        });
        if (reply.ok) {
          await store.acknowledge(item.id);
          await store.updateSession({
            handoff: {
              staffOnline: reply.staffOnline,
              position: reply.position,
              contactLeft: store.getSession()?.handoff?.contactLeft ?? false,
            },
          });
          await this.conversation.resync(store.getSession()!.lastSeq);
          if (await this.hooks.handedOff(store, reply.staffOnline, item.packet)) this.flight.runAgain();
        } else if (!TRANSIENT.has(reply.code)) {
          // Out of the outbox so later items are not held behind it, but kept to be sent again.
          await store.acknowledge(item.id);
          this.refused = { kind: 'handoff', error: reply.error, item };
          if (store.getSession()?.status === 'queued') await store.updateSession({ status: 'bot' });
        }
        return reply;
      }
      case 'contact': {
        const reply = await transport.request('contact:leave', { ...ref, id: item.id, contact: item.contact, message: item.message });
        if (reply.ok) await store.acknowledge(item.id);
        else if (!TRANSIENT.has(reply.code)) {
          await store.acknowledge(item.id);
          this.refused = { kind: 'contact', error: reply.error, item };
          const handoff = store.getSession()?.handoff;
          if (handoff) await store.updateSession({ handoff: { ...handoff, contactLeft: false } });
        }
        return reply;
      }
      case 'rating': {
        const reply = await transport.request('conversation:rate', {
          ...ref,
          rating: item.rating,
          ...(item.comment ? { comment: item.comment } : {}),
        });
        // Already rated (another tab) or refused: either way there is nothing left to send.
        if (reply.ok || reply.code === 'invalid' || reply.code === 'conflict') await store.acknowledge(item.id);
        return reply;
      }
    }
  }
}
