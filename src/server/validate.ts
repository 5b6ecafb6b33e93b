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
