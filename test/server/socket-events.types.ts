/**
 * Compile-time checks of the typed socket contract: `npm run test:types` type-checks this file; it
 * is never run. Each `@ts-expect-error` marks code that must not compile. If it ever compiles, the
 * directive is unused, which is itself an error, so the type check fails.
 */
import type { StaffClientEvents, VisitorClientEvents } from '../../src/protocol/events.ts';
import type { StoredMessage } from '../../src/protocol/messages.ts';
import { StaffSend, type VisitorSend } from '../../src/protocol/schemas.ts';
import {
  on,
  STAFF_PAYLOADS,
  VISITOR_PAYLOADS,
  type PayloadSchemas,
  type StaffSocket,
  type VisitorSocket,
} from '../../src/server/socket-events.ts';

declare const visitor: VisitorSocket;
declare const staff: StaffSocket;
declare const stored: StoredMessage;

// What must compile: the payload's type comes from the event map without an annotation, and the
// reply is the ack's success shape without `ok`, returned directly or through a promise.
on(visitor, 'conversation:rate', (p) => {
  const rating: number = p.rating;
  void rating;
  return {};
});
on(visitor, 'handoff:request', () => ({ staffOnline: 1, position: 2 }));
on(visitor, 'message:send', (p: VisitorSend) => ({ message: { ...stored, id: p.message.id }, duplicate: false }));
on(staff, 'message:send', async () => ({ message: stored, duplicate: true }));
export const schemas: [PayloadSchemas<VisitorClientEvents>, PayloadSchemas<StaffClientEvents>] = [VISITOR_PAYLOADS, STAFF_PAYLOADS];

// A mismatched payload: a handler written for what staff send, on the visitor's rating event.
// @ts-expect-error the payload of 'conversation:rate' is VisitorRate, not StaffSend
on(visitor, 'conversation:rate', (p: StaffSend) => ({ id: p.message.id }));

// A mismatched ack: a reply without `position`, one of the wrong type, and one through a promise.
// @ts-expect-error the reply of 'handoff:request' needs `position`
on(visitor, 'handoff:request', () => ({ staffOnline: 1 }));
// @ts-expect-error `staffOnline` is a number
on(visitor, 'handoff:request', () => ({ staffOnline: 'several', position: 0 }));
// @ts-expect-error `duplicate` is a boolean, also when the reply is a promise
on(staff, 'message:send', async () => ({ message: stored, duplicate: 'no' }));

// Events the map does not allow here: one without an ack, and one of the other namespace.
// @ts-expect-error 'typing' has no ack, so there is no reply to type
on(visitor, 'typing', () => ({}));
// @ts-expect-error claiming is a staff event
on(visitor, 'conversation:claim', () => ({}));

// A payload schema that does not produce its event's payload type.
// @ts-expect-error the schema of 'message:send' must produce VisitorSend
export const wrongSchema: PayloadSchemas<VisitorClientEvents> = { ...VISITOR_PAYLOADS, 'message:send': StaffSend };
