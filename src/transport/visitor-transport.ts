/**
 * The visitor's typed socket. Delivery guarantees live above it (the outbox and sequence resync in
 * the chat controller); this layer only turns events into promises with timeouts.
 */
import { io, type Socket } from 'socket.io-client';
import {
  ConnectRefusalCode,
  VISITOR_NAMESPACE,
  type ConnectRefusal,
  type VisitorClientEvents,
  type VisitorHandshake,
  type VisitorServerEvents,
} from '../protocol/events.ts';
import type { VisitorIdentity } from '../protocol/schemas.ts';
import { request, type AckOf, type PayloadOf, type Reply, type RequestEvent } from '../sync/request.ts';

export type { Reply } from '../sync/request.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

export const ACK_TIMEOUT_MS = 10_000;

export interface VisitorTransportHandlers {
  connected(): void;
  disconnected(): void;
  /** Refused for good: `data` when the server said why (unknown site, origin not allowed) and how to fix it. */
  refused(reason: string, data?: ConnectRefusal): void;
}

const FINAL_REFUSALS: ReadonlySet<string> = new Set(Object.values(ConnectRefusalCode));

export class VisitorTransport {
  readonly socket: VisitorSocket;

  constructor(server: string, siteKey: string, identity: VisitorIdentity | undefined, handlers: VisitorTransportHandlers) {
    const auth: VisitorHandshake = { siteKey, ...(identity ? { identity } : {}) };
    this.socket = io(new URL(VISITOR_NAMESPACE, server).href, {
      auth,
      // WebSocket first for the lowest latency; polling only where WebSocket is blocked.
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 5_000,
      withCredentials: false,
    });
    this.socket.on('connect', () => handlers.connected());
    this.socket.on('disconnect', () => handlers.disconnected());
    this.socket.on('connect_error', (err) => {
      // A refusal from our middleware (unknown site, origin not allowed) will not fix itself by retrying.
      const data = (err as Error & { data?: Partial<ConnectRefusal> }).data;
      if (data?.code && FINAL_REFUSALS.has(data.code)) this.refuse(err.message, data as ConnectRefusal, handlers);
      else {
        if (!this.socket.active) handlers.refused(err.message);
        void this.askWhy(server, siteKey, handlers);
      }
    });
  }

  #asked = false;

  private refuse(message: string, data: ConnectRefusal, handlers: VisitorTransportHandlers): void {
    this.socket.close();
    handlers.refused(message, data);
  }

  /**
   * An origin no site allows is refused before any namespace, so the refusal carries no reason.
   * The server says why over plain HTTP; asked once, and an unreachable server (offline, restarting)
   * leaves the socket to keep retrying.
   */
  private async askWhy(server: string, siteKey: string, handlers: VisitorTransportHandlers): Promise<void> {
    if (this.#asked) return;
    this.#asked = true;
    try {
      const res = await fetch(new URL(`/api/sites/${encodeURIComponent(siteKey)}/allowed`, server), { credentials: 'omit' });
      const body = (await res.json()) as { allowed?: boolean } & Partial<ConnectRefusal>;
      if (body.allowed === false && body.code && FINAL_REFUSALS.has(body.code) && typeof body.fix === 'string') {
        this.refuse(`refused: ${body.code}`, { code: body.code, fix: body.fix } as ConnectRefusal, handlers);
      }
    } catch {
      // Not reachable over HTTP either: a network problem, which retrying may cure.
    }
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** An event with an acknowledgement; a missing answer comes back as `code: 'timeout'`, which the caller can retry. */
  request<E extends RequestEvent<VisitorClientEvents> & string>(
    event: E,
    payload: PayloadOf<VisitorClientEvents, E>,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<Reply<AckOf<VisitorClientEvents, E>>> {
    return request<VisitorClientEvents, E>(this.socket, event, payload, timeoutMs);
  }

  typing(payload: PayloadOf<VisitorClientEvents, 'typing'>): void {
    if (this.socket.connected) this.socket.emit('typing', payload);
  }

  close(): void {
    this.socket.close();
  }
}
