/**
 * Requests with an acknowledgement over a typed socket.io socket, for both clients: the payload and
 * the answer are taken from the event map in `src/protocol/events.ts`, and a missing answer comes
 * back as a value (`code: 'timeout'`), never as a rejection, so callers handle every outcome in one
 * place.
 */
import type { Ack } from '../protocol/messages.ts';

/** A request's outcome: the server's acknowledgement, or why the client stopped waiting for one. */
export type Reply<T extends object = object> = Ack<T> | { ok: false; code: 'timeout'; error: string };

/** The events of a map that take an acknowledgement as their last argument. */
export type RequestEvent<Events> = {
  [E in keyof Events]: Events[E] extends (...args: infer A) => void ? (A extends [unknown, (reply: never) => void] ? E : never) : never;
}[keyof Events];

/** What an event's acknowledgement carries besides `ok` (the `T` of its `Ack<T>`). */
export type AckOf<Events, E extends keyof Events> = Events[E] extends (payload: never, ack: (reply: Ack<infer T>) => void) => void
  ? T
  : never;

/** The payload an event sends. */
export type PayloadOf<Events, E extends keyof Events> = Events[E] extends (payload: infer P, ...rest: never[]) => void ? P : never;

/**
 * The part of a socket.io client socket a request needs. socket.io's own `emitWithAck` typing does
 * not resolve for an event name that is itself generic, so this is the one place that bridges it.
 */
export interface AckSocket {
  timeout(ms: number): object;
}

type TimedEmitter = { emitWithAck(event: string, payload: unknown): Promise<unknown> };

export const NO_ANSWER = 'no answer from the server yet';

/** Sends `event` and waits up to `timeoutMs` for its acknowledgement. */
export async function request<Events, E extends RequestEvent<Events> & string>(
  socket: AckSocket,
  event: E,
  payload: PayloadOf<Events, E>,
  timeoutMs: number,
  timeoutError = NO_ANSWER,
): Promise<Reply<AckOf<Events, E>>> {
  try {
    // The event map types the answer: the server side is typed from the same map.
    return (await (socket.timeout(timeoutMs) as TimedEmitter).emitWithAck(event, payload)) as Ack<AckOf<Events, E>>;
  } catch {
    return { ok: false, code: 'timeout', error: timeoutError };
  }
}
