/** Refusals: invalid input gets a reason and changes nothing; a flood is refused too. */
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

/**
 * Socket middleware: a flood from one socket is refused with a reason through the ack (or, for
 * events without one, dropped) before any payload is looked at.
 */
export function limitRate(per10s: number, error: string): (packet: unknown[], next: (err?: Error) => void) => void {
  const allow = rateLimiter(per10s, 10_000);
  return (packet, next) => {
    if (allow()) return next();
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack({ ok: false, code: 'rate_limited', error } satisfies Ack);
  };
}
