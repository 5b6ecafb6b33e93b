/** The schema gate every socket event passes through: invalid input gets a reason and changes nothing. */
import type { z } from 'zod';
import type { Ack } from '../protocol/messages.ts';

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
}

export class RequestError extends Error {
  constructor(
    readonly code: Exclude<Ack, { ok: true }>['code'],
    message: string,
  ) {
    super(message);
  }
}

/**
 * Wraps a handler so it only ever sees a parsed payload, always answers through the ack, and turns
 * a thrown RequestError into `{ ok: false }` rather than an unhandled rejection.
 */
export function handler<S extends z.ZodType, R extends object>(
  schema: S,
  run: (payload: z.infer<S>) => R | Promise<R>,
): (payload: unknown, ack: unknown) => void {
  return (payload, ack) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (r: Ack<R>) => void;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({ ok: false, code: 'invalid', error: describeIssues(parsed.error) });
      return;
    }
    Promise.resolve()
      .then(() => run(parsed.data))
      .then(
        (result) => reply({ ok: true, ...result }),
        (err: unknown) => {
          if (err instanceof RequestError) reply({ ok: false, code: err.code, error: err.message });
          else {
            console.error('[baton] handler failed', err);
            reply({ ok: false, code: 'invalid', error: 'internal error; nothing was changed' });
          }
        },
      );
  };
}

/** A token bucket per socket: a burst is fine, a flood is refused with a reason. */
export function rateLimiter(perWindow: number, windowMs: number): () => boolean {
  let tokens = perWindow;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(perWindow, tokens + ((now - last) / windowMs) * perWindow);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
