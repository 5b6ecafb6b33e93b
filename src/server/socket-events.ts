/**
 * The socket contract on the server side: the namespaces typed with their event maps, one payload
 * schema per client event (checked against the maps, so a schema and the type its event carries
 * cannot drift apart), the middleware that validates every packet before any handler runs, and
 * `on()`, which takes a handler's payload and reply types from the event map.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
  STAFF_NAMESPACE,
  VISITOR_NAMESPACE,
  type StaffClientEvents,
  type StaffMember,
  type StaffServerEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '../protocol/events.ts';
import type { Ack } from '../protocol/messages.ts';
import * as schema from '../protocol/schemas.ts';
import type { SiteConfig } from './config.ts';
import type { IdentityCheck } from './identity.ts';
import { repairPacket } from './packet-repair.ts';
import { describeIssues, RequestError } from './validate.ts';

export interface VisitorSocketData {
  site: SiteConfig;
  conversations: Set<string>;
  /** The site and the address, as the per-client limits count them. */
  client: string;
  /** What the handshake's signed identity turned out to be. */
  identity: IdentityCheck;
}
export interface StaffSocketData {
  staff: StaffMember;
  sessionToken: string;
}

/** One process, no adapter between servers: nothing travels server to server. */
export type InterServerEvents = Record<string, never>;
/**
 * The root namespace carries nothing (the widget and the console each have their own), so its
 * maps are empty: nothing can be emitted or handled there by mistake.
 */
export type ClientToServerEvents = Record<string, never>;
export type ServerToClientEvents = Record<string, never>;
export type SocketData = Record<string, never>;
export type BatonServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, InterServerEvents, VisitorSocketData>;
export type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents, InterServerEvents, StaffSocketData>;
export type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents, InterServerEvents, VisitorSocketData>;
export type StaffSocket = Socket<StaffClientEvents, StaffServerEvents, InterServerEvents, StaffSocketData>;

/**
 * socket.io gives every namespace the server's own maps; Baton's two namespaces each have their
 * own, so their types are stated here, once.
 */
export function namespaces(io: BatonServer): { visitors: VisitorNamespace; staff: StaffNamespace } {
  return {
    visitors: io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace,
    staff: io.of(STAFF_NAMESPACE) as unknown as StaffNamespace,
  };
}

type Listener = (...args: never[]) => void;
type EventMap<E> = { [K in keyof E]: Listener };

/** The payload an event carries (its first argument). */
export type Payload<E extends EventMap<E>, K extends keyof E> = Parameters<E[K]>[0];

/** Events whose second argument is an acknowledgement. */
export type AckedEvent<E extends EventMap<E>> = {
  [K in keyof E]: Parameters<E[K]> extends [unknown, (reply: never) => void] ? K : never;
}[keyof E];

type AckOf<E extends EventMap<E>, K extends keyof E> = Parameters<E[K]> extends [unknown, (reply: infer A) => void] ? A : never;

/** What a handler returns: the acknowledgement's success shape, without its `ok`. */
export type Reply<E extends EventMap<E>, K extends keyof E> = Omit<Extract<AckOf<E, K>, { ok: true }>, 'ok'>;

export type Handler<E extends EventMap<E>, K extends keyof E> = (payload: Payload<E, K>) => Reply<E, K> | Promise<Reply<E, K>>;

/** A schema for every event a client may send, producing exactly the payload type the event map names. */
export type PayloadSchemas<E extends EventMap<E>> = { readonly [K in keyof E]-?: z.ZodType<Payload<E, K>> };

/**
 * The visitor's payloads. A hand-off whose packet has a field the schema refuses is not refused:
 * the packet is repaired (`packet-repair.ts`) and `onRepair` hears what was changed.
 */
export function visitorPayloads(
  onRepair: (conversationId: string, repairs: readonly string[]) => void = () => undefined,
): PayloadSchemas<VisitorClientEvents> {
  return {
    'visitor:hello': schema.VisitorHello,
    'conversation:start': z.object({}),
    'message:send': schema.VisitorSend,
    'conversation:sync': schema.VisitorSync,
    'handoff:request': schema.VisitorHandoff.extend({ packet: z.unknown().optional() }).transform(({ packet: raw, ...handoff }) => {
      const { packet, repairs } = repairPacket(raw);
      if (repairs.length) onRepair(handoff.conversationId, repairs);
      return { ...handoff, ...(packet ? { packet } : {}) };
    }),
    'contact:leave': schema.VisitorContact,
    'conversation:rate': schema.VisitorRate,
    typing: schema.VisitorTyping,
  };
}

export const VISITOR_PAYLOADS: PayloadSchemas<VisitorClientEvents> = visitorPayloads();

export const STAFF_PAYLOADS: PayloadSchemas<StaffClientEvents> = {
  'queue:list': z.object({}),
  'conversation:claim': schema.StaffConversationRef,
  'conversation:open': schema.StaffOpen,
  'message:send': schema.StaffSend,
  'conversation:close': schema.StaffClose,
  'conversation:transfer': schema.StaffTransfer,
  'conversation:release': schema.StaffConversationRef,
  'presence:set': schema.StaffPresence,
  typing: schema.StaffTyping,
};

/**
 * Socket middleware: the packet's payload is replaced by what its schema parsed, so handlers only
 * ever see valid input; invalid input is answered through the ack (when there is one) and goes no
 * further, and an event the contract does not name is dropped.
 */
export function validatePayloads<E extends EventMap<E>>(
  schemas: PayloadSchemas<E>,
  onRefused: (event: string, reason: string) => void = () => undefined,
) {
  return (packet: [string, ...unknown[]], next: (err?: Error) => void): void => {
    const [event, payload, ack] = packet;
    const schema = Object.hasOwn(schemas, event) ? (schemas[event as keyof E] as z.ZodType) : undefined;
    if (!schema) return onRefused(String(event).slice(0, 40), 'no such event');
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const reason = describeIssues(parsed.error);
      onRefused(event, reason);
      if (typeof ack === 'function') ack({ ok: false, code: 'invalid', error: reason } satisfies Ack);
      return;
    }
    packet[1] = parsed.data;
    next();
  };
}

/**
 * Registers a handler for an acknowledged event. Its payload and reply types come from the event
 * map, so a handler for the wrong payload or with the wrong reply does not compile. It always
 * answers through the ack, and a thrown {@link RequestError} becomes `{ ok: false }` rather than an
 * unhandled rejection (and is reported to `onRefused`, for the log).
 */
export function on<E extends EventMap<E>, S extends EventMap<S>, D, K extends AckedEvent<E> & string>(
  socket: Socket<E, S, InterServerEvents, D>,
  event: K,
  run: Handler<E, K>,
  onRefused: (event: K, refusal: RequestError) => void = () => undefined,
): void {
  const listener = (payload: Payload<E, K>, ack: unknown): void => {
    if (typeof ack !== 'function') return;
    // The reply type was checked against the event map where `run` was written; this is its one
    // meeting point with the untyped callback socket.io hands over.
    const reply = ack as (r: Ack<object>) => void;
    Promise.resolve()
      .then(() => run(payload))
      .then(
        (result) => reply({ ok: true, ...result }),
        (err: unknown) => {
          if (err instanceof RequestError) {
            onRefused(event, err);
            reply({ ok: false, code: err.code, error: err.message });
          } else {
            console.error('[baton] handler failed', err);
            reply({ ok: false, code: 'invalid', error: 'internal error; nothing was changed' });
          }
        },
      );
  };
  // socket.io types `on` through conditional types that TypeScript cannot relate to a generic event.
  (socket as unknown as { on(event: string, listener: (...args: never[]) => void): void }).on(event, listener);
}
