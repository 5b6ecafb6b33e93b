/**
 * The limits of `limits.ts` applied to clients: at the handshake (connections per address), on raw
 * frames before socket.io parses them (bytes per socket and per address, and sockets that ignore
 * their refusals), and per event, message, conversation and hand-off. Refusals are logged with
 * their reason, at most once a minute per client and kind.
 */
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { Bucket, Buckets, clientAddress, Counter, QuietLog, type Limits } from './limits.ts';

/** What one engine.io connection looks like from here (a small part of engine.io's `Socket`). */
interface RawSocket {
  request: IncomingMessage;
  listeners(event: 'data'): ((data: unknown) => void)[];
  removeAllListeners(event: 'data'): unknown;
  on(event: 'data', listener: (data: unknown) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  close(): unknown;
}

const frameBytes = (data: unknown): number =>
  typeof data === 'string' ? Buffer.byteLength(data) : data instanceof Uint8Array ? data.byteLength : 0;

export class ClientLimits {
  readonly log: QuietLog;
  private readonly connections: Buckets;
  private readonly sockets = new Counter();
  private readonly addressBytes: Buckets;
  private readonly events: Buckets;
  private readonly messagesOfClient: Buckets;
  private readonly messagesOfConversation: Buckets;
  private readonly conversations: Buckets;
  private readonly handoffs: Buckets;

  constructor(
    readonly limits: Limits,
    log = new QuietLog(),
  ) {
    this.log = log;
    this.connections = new Buckets(limits.clientConnections);
    this.addressBytes = new Buckets(limits.clientBytes);
    this.events = new Buckets(limits.clientEvents);
    this.messagesOfClient = new Buckets(limits.clientMessages);
    this.messagesOfConversation = new Buckets(limits.conversationMessages);
    this.conversations = new Buckets(limits.clientConversations);
    this.handoffs = new Buckets(limits.clientHandoffs);
  }

  /** At the handshake, before any namespace: the reason to refuse a new connection, if any. */
  refuseConnection(req: IncomingMessage): string | undefined {
    const address = clientAddress(req);
    if (this.sockets.count(address) >= this.limits.clientSockets) {
      this.log.say(
        `sockets ${address}`,
        `[baton] refused a connection from ${address}: it already holds ${this.limits.clientSockets} sockets (BATON_LIMIT_CLIENT_SOCKETS)`,
      );
      return 'too many connections from this address';
    }
    if (!this.connections.take(address)) {
      this.log.say(
        `connections ${address}`,
        `[baton] refused a connection from ${address}: too many new connections (BATON_LIMIT_CLIENT_CONNECTIONS)`,
      );
      return 'too many new connections from this address; retry in a little while';
    }
    return undefined;
  }

  /**
   * Counts every engine.io connection's sockets and frames. A frame over the socket's or the
   * address's byte budget, or from a socket that keeps sending after being refused, is dropped
   * before socket.io parses it, and the connection is closed.
   */
  guard(io: Server): void {
    io.engine.on('connection', (raw: RawSocket) => {
      const address = clientAddress(raw.request);
      this.sockets.add(address);
      raw.once('close', () => this.sockets.remove(address));
      const bytes = new Bucket(this.limits.socketBytes);
      // Twice the socket's event budget: a client that honours `rate_limited` never gets near it.
      const frames = new Bucket({ burst: 2 * this.limits.socketEvents.burst, windowMs: this.limits.socketEvents.windowMs });
      const parse = raw.listeners('data');
      raw.removeAllListeners('data');
      let closed = false;
      raw.on('data', (data) => {
        if (closed) return;
        const size = frameBytes(data);
        const why = !bytes.take(size)
          ? 'sent too many bytes'
          : !this.addressBytes.take(address, size)
            ? 'its address sent too many bytes'
            : !frames.take()
              ? 'kept sending after being refused'
              : undefined;
        if (why) {
          closed = true;
          this.log.say(`frames ${address}`, `[baton] closed a connection from ${address} unread: it ${why}`);
          raw.close();
          return;
        }
        for (const listener of parse) listener.call(raw, data);
      });
    });
  }

  /** One event from a client (address and site), over all its sockets. */
  event(client: string): boolean {
    if (this.events.take(client)) return true;
    this.log.say(
      `events ${client}`,
      `[baton] refused events from ${client}: over ${this.limits.clientEvents.burst} per ${this.limits.clientEvents.windowMs / 1000} s (BATON_LIMIT_CLIENT_EVENTS)`,
    );
    return false;
  }

  /** How many of `n` new messages may be stored now, in this conversation, for this client; those are spent. */
  messages(client: string, conversationId: string, n: number): number {
    const conversation = this.messagesOfConversation.get(conversationId);
    const mine = this.messagesOfClient.get(client);
    const allowed = Math.min(n, conversation.available(), mine.available());
    if (allowed > 0) {
      conversation.take(allowed);
      mine.take(allowed);
    }
    if (allowed < n)
      this.log.say(
        `messages ${client}`,
        `[baton] refused ${n - allowed} of ${n} messages from ${client} in ${conversationId}: over the message limit (BATON_LIMIT_CONVERSATION_MESSAGES, BATON_LIMIT_CLIENT_MESSAGES)`,
      );
    return allowed;
  }

  conversation(client: string): boolean {
    if (this.conversations.take(client)) return true;
    this.log.say(`conversations ${client}`, `[baton] refused a new conversation from ${client} (BATON_LIMIT_CLIENT_CONVERSATIONS)`);
    return false;
  }

  /** A new hand-off from this client, which has `queued` chats waiting already: the reason to refuse it, if any. */
  refuseHandoff(client: string, queued: number): string | undefined {
    if (queued >= this.limits.clientQueued) {
      this.log.say(
        `queued ${client}`,
        `[baton] refused a hand-off from ${client}: ${queued} of its chats are waiting already (BATON_LIMIT_CLIENT_QUEUED)`,
      );
      return 'too many chats from here are waiting for a person already; this one will follow';
    }
    if (!this.handoffs.take(client)) {
      this.log.say(`handoffs ${client}`, `[baton] refused a hand-off from ${client}: too many hand-offs (BATON_LIMIT_CLIENT_HANDOFFS)`);
      return 'too many requests for a person from here; this one will follow';
    }
    return undefined;
  }
}

/** A client: the site and the address, as the limits count them. */
export const clientOf = (siteKey: string, req: IncomingMessage): string => `${siteKey}@${clientAddress(req)}`;
