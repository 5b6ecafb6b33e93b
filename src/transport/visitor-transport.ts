/**
 * The visitor's typed socket. Delivery guarantees live above it (the outbox and sequence resync in
 * the chat controller); this layer only turns events into promises with timeouts.
 */
import { io, type Socket } from 'socket.io-client';
import { VISITOR_NAMESPACE, type VisitorClientEvents, type VisitorServerEvents } from '../protocol/events.ts';
import type { Ack } from '../protocol/messages.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

export const ACK_TIMEOUT_MS = 10_000;

/** What an ack-bearing event resolves to: the server's answer, or a timeout as a failure the caller can retry. */
export type Reply<T extends object> = Ack<T> | { ok: false; code: 'timeout'; error: string };

type AckPayload<E extends keyof VisitorClientEvents> = VisitorClientEvents[E] extends (p: never, ack: (r: Ack<infer T>) => void) => void ? T : never;
type EventPayload<E extends keyof VisitorClientEvents> = Parameters<VisitorClientEvents[E]>[0];

export interface VisitorTransportHandlers {
  connected(): void;
  disconnected(): void;
  refused(reason: string): void;
}

export class VisitorTransport {
  readonly socket: VisitorSocket;

  constructor(server: string, siteKey: string, handlers: VisitorTransportHandlers) {
    this.socket = io(new URL(VISITOR_NAMESPACE, server).href, {
      auth: { siteKey },
      // WebSocket first for the lowest latency; polling only where WebSocket is blocked.
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 5_000,
      withCredentials: false,
    });
    this.socket.on('connect', () => handlers.connected());
    this.socket.on('disconnect', () => handlers.disconnected());
    this.socket.on('connect_error', (err) => {
      // A refusal from our middleware (unknown site, origin not allowed) will not fix itself by retrying.
      if (!this.socket.active) handlers.refused(err.message);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  async request<E extends Exclude<keyof VisitorClientEvents, 'typing'>>(event: E, payload: EventPayload<E>, timeoutMs = ACK_TIMEOUT_MS): Promise<Reply<AckPayload<E>>> {
    try {
      const socket = this.socket.timeout(timeoutMs) as unknown as { emitWithAck(e: E, p: EventPayload<E>): Promise<Reply<AckPayload<E>>> };
      return await socket.emitWithAck(event, payload);
    } catch {
      return { ok: false, code: 'timeout', error: 'no answer from the server yet' };
    }
  }

  typing(payload: EventPayload<'typing'>): void {
    if (this.socket.connected) this.socket.emit('typing', payload);
  }

  close(): void {
    this.socket.close();
  }
}
