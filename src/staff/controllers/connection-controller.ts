/**
 * The console's one socket.io connection to the `/staff` namespace: connecting after sign-in,
 * coming back fast (the network returns, a phone wakes up, a page comes back from the back/forward
 * cache), finding out why the server cut it off, and requests with an acknowledgement. Other
 * controllers subscribe to server events through {@link ConnectionController.on}; their handlers
 * run in the order they subscribed, on every socket this controller makes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { STAFF_NAMESPACE, type StaffClientEvents, type StaffServerEvents } from '../../protocol/events.ts';
import type { Ack } from '../../protocol/messages.ts';
import type { StaffTyping } from '../../protocol/schemas.ts';
import { request, type AckOf, type PayloadOf, type RequestEvent } from '../../sync/request.ts';
import { ConnectionStatus } from '../types.ts';

type StaffSocket = Socket<StaffServerEvents, StaffClientEvents>;

/** An acknowledgement, or the reasons the console gives up waiting for one. */
export type CallResult<T extends object = object> = Ack<T> | { ok: false; code: 'offline' | 'timeout'; error: string };

/** Refusals worth re-reading the queue for; offline and timeouts are not (the next connect does). */
export const refused = (result: CallResult): boolean => !result.ok && result.code !== 'offline' && result.code !== 'timeout';

const OFFLINE_ERROR = 'You are offline. Baton will reconnect by itself; try again in a moment.';
const TIMEOUT_ERROR = 'the server did not answer in time; try again';
/** After a refusal or a cut: how long before asking the server whether the session still stands. */
const VERIFY_DELAY_MS = 1000;

export interface ConnectionHooks {
  /** Signed in, so a socket is wanted. */
  signedIn(): boolean;
  /** Connected (again), before the resync starts. */
  connected(): void;
  /** Fetch what was missed, since socket.io buffers nothing for a client that was away. */
  resync(): Promise<void>;
  /** Ask the server whether the session still stands (it signs out when not). */
  verifySession(): Promise<void>;
}

type Handler<E extends keyof StaffServerEvents> = StaffServerEvents[E];

export class ConnectionController implements ReactiveController {
  status: ConnectionStatus = ConnectionStatus.offline;

  private socket?: StaffSocket;
  private sessionCheck?: ReturnType<typeof setTimeout>;
  private readonly subscribers: ((socket: StaffSocket) => void)[] = [];
  private readonly lost: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { baseUrl: string; ackTimeoutMs: number },
    private readonly hooks: ConnectionHooks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.reconnectNow);
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('pageshow', this.onPageShow);
    if (this.hooks.signedIn()) this.connect();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.reconnectNow);
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('pageshow', this.onPageShow);
    this.teardown();
  }

  get connected(): boolean {
    return !!this.socket?.connected;
  }

  /** Handles a server event on this and every later socket, after the handlers subscribed before it. */
  on<E extends keyof StaffServerEvents>(event: E, handler: Handler<E>): void {
    const subscribe = (socket: StaffSocket) => {
      // socket.io types `on` per literal event name, which does not resolve for a generic one; the
      // handler's type comes from the same event map, so it is the listener socket.io expects.
      const on = socket.on.bind(socket) as (event: E, handler: Handler<E>) => void;
      on(event, handler);
    };
    this.subscribers.push(subscribe);
    if (this.socket) subscribe(this.socket);
  }

  /** Called whenever the connection drops (live state such as typing indicators is stale then). */
  onLost(handler: () => void): void {
    this.lost.push(handler);
  }

  /** One request with an acknowledgement, which never throws: offline and timeouts come back as `ok: false`. */
  async call<E extends RequestEvent<StaffClientEvents> & string>(
    event: E,
    payload: PayloadOf<StaffClientEvents, E>,
  ): Promise<CallResult<AckOf<StaffClientEvents, E>>> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, code: 'offline', error: OFFLINE_ERROR };
    return request<StaffClientEvents, E>(socket, event, payload, this.options.ackTimeoutMs, TIMEOUT_ERROR);
  }

  /** Tells the visitor whether staff is typing (no acknowledgement: a lost one does not matter). */
  typing(payload: StaffTyping): void {
    if (this.socket?.connected) this.socket.emit('typing', payload);
  }

  connect(): void {
    if (this.socket) return;
    this.status = ConnectionStatus.connecting;
    const socket: StaffSocket = io(`${this.options.baseUrl}${STAFF_NAMESPACE}`, {
      withCredentials: true,
      // A phone waking up should be back within seconds, not after a long backoff.
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => void this.onConnect());
    socket.on('disconnect', (reason) => {
      this.status = ConnectionStatus.reconnecting;
      for (const handler of this.lost) handler();
      this.host.requestUpdate();
      // The server cut us off on purpose (session revoked, account disabled): find out why.
      if (reason === 'io server disconnect') this.verifySoon();
    });
    socket.on('connect_error', () => {
      if (this.status === ConnectionStatus.connected) this.status = ConnectionStatus.reconnecting;
      this.host.requestUpdate();
      // Refused by the auth middleware: socket.io does not retry those by itself.
      if (!socket.active) this.verifySoon();
    });
    for (const subscribe of this.subscribers) subscribe(socket);
  }

  /** Signed out: no socket, and nothing pending. */
  teardown(): void {
    clearTimeout(this.sessionCheck);
    this.sessionCheck = undefined;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
    this.status = ConnectionStatus.offline;
  }

  /** The OS says the network is back (or the staff member asked): skip the rest of socket.io's backoff. */
  readonly reconnectNow = (): void => {
    const socket = this.socket;
    if (socket && !socket.connected) {
      socket.disconnect();
      socket.connect();
    }
  };

  /** After a refused or cut connection: signed out → back to the login; otherwise try again. */
  private verifySoon(): void {
    clearTimeout(this.sessionCheck);
    this.sessionCheck = setTimeout(async () => {
      await this.hooks.verifySession();
      if (this.socket && !this.socket.connected) {
        if (this.socket.active) return;
        this.socket.connect();
        // A refusal lands in connect_error, which schedules the next check.
      }
    }, VERIFY_DELAY_MS);
  }

  private readonly onVisible = (): void => {
    if (document.visibilityState !== 'visible') return;
    // A phone waking up: a socket that still looks connected may have missed packets while asleep,
    // so resync anyway (cheap: only what comes after the last seq); a dead one reconnects.
    if (this.socket?.connected) void this.hooks.resync();
    else this.reconnectNow();
  };

  private readonly onPageShow = (event: PageTransitionEvent): void => {
    // Back from the back/forward cache: the socket may be long dead.
    if (event.persisted) this.onVisible();
  };

  private async onConnect(): Promise<void> {
    clearTimeout(this.sessionCheck);
    this.status = ConnectionStatus.connected;
    this.hooks.connected();
    this.host.requestUpdate();
    // Nothing is buffered for a disconnected client: always resync, recovered or not.
    await this.hooks.resync();
  }
}
