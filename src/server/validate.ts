/** Refusals: invalid input gets a reason and changes nothing; a flood is refused too. */
import type { z } from 'zod';
import type { Ack } from '../protocol/messages.ts';
import { Bucket, type Rate } from './limits.ts';

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
 * Socket middleware: a flood from one socket is refused with a reason through the ack (or, for
 * events without one, dropped) before any payload is looked at.
 */
export function limitRate(
  rate: Rate,
  error: string,
  onRefused: (event: string) => void = () => undefined,
): (packet: unknown[], next: (err?: Error) => void) => void {
  const bucket = new Bucket(rate);
  return (packet, next) => {
    if (bucket.take()) return next();
    onRefused(String(packet[0]).slice(0, 40));
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack({ ok: false, code: 'rate_limited', error } satisfies Ack);
  };
}
