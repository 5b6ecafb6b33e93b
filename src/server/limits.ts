/**
 * How much one client may ask of the server, and the buckets that count it.
 *
 * A client is an address (IPv4, or an IPv6 /64, which one household or phone usually holds) on one
 * site. Limits are counted per socket and per conversation (tight: one visitor typing never comes
 * near them), and per client (generous and burst-tolerant: an office or a mobile carrier puts many
 * visitors behind one address, and a reconnect storm after a restart must not lock them out). A
 * script that opens sockets to reset the per-socket limits still meets the per-client ones.
 *
 * Every rate is "N per window": a bucket of N tokens that refills completely over the window, so a
 * burst of N is fine and the sustained rate is N / window. Each can be set in the environment
 * (`BATON_LIMIT_…`, e.g. `BATON_LIMIT_CLIENT_MESSAGES=900/5m`), see the README.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { LIMITS } from '../protocol/limits.ts';
import { ConfigError } from './config.ts';

export interface Rate {
  /** Tokens when full: the largest burst. */
  burst: number;
  /** How long an empty bucket takes to fill again. */
  windowMs: number;
}

export interface Limits {
  /** socket.io's `maxHttpBufferSize`: the largest frame, in bytes, that is read at all. */
  frameBytes: number;
  /** Events one socket may send (answered `rate_limited` beyond it). */
  socketEvents: Rate;
  /** Bytes one socket may send; beyond it frames are dropped unread and the socket is closed. */
  socketBytes: Rate;
  /** Messages stored in one conversation (sends and a hand-off's missing transcript alike). */
  conversationMessages: Rate;
  /** New socket.io connections from one address (refused at the handshake; clients back off and retry). */
  clientConnections: Rate;
  /** Sockets one address may hold open at once. */
  clientSockets: number;
  /** Events from one client (address and site), over all its sockets. */
  clientEvents: Rate;
  /** Bytes from one address, over all its sockets; beyond it frames are dropped unread. */
  clientBytes: Rate;
  /** Messages stored for one client, over all its conversations. */
  clientMessages: Rate;
  /** Conversations one client may start. */
  clientConversations: Rate;
  /** Hand-offs one client may start. */
  clientHandoffs: Rate;
  /** Chats of one client that may wait in the queue at once. */
  clientQueued: number;
}

const rate = (burst: number, windowMs: number): Rate => ({ burst, windowMs });
const MINUTE = 60_000;

export const DEFAULT_LIMITS: Limits = {
  frameBytes: LIMITS.socketBufferBytes,
  socketEvents: rate(LIMITS.eventsPer10s, 10_000),
  socketBytes: rate(2 * 1024 * 1024, MINUTE),
  conversationMessages: rate(30, 30_000),
  clientConnections: rate(120, MINUTE),
  clientSockets: 200,
  clientEvents: rate(600, MINUTE),
  clientBytes: rate(16 * 1024 * 1024, MINUTE),
  clientMessages: rate(150, MINUTE),
  clientConversations: rate(60, 10 * MINUTE),
  clientHandoffs: rate(6, 10 * MINUTE),
  clientQueued: 6,
};

/** `BATON_LIMIT_SOCKET_EVENTS` for `socketEvents`, and so on. */
export const envName = (key: keyof Limits): string => `BATON_LIMIT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: 60 * MINUTE };

/** `"60/10s"` → 60 tokens refilled over 10 s. */
export function parseRate(text: string): Rate | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)?\s*(ms|s|m|h)\s*$/.exec(text);
  if (!m) return undefined;
  const burst = Number(m[1]);
  const windowMs = Number(m[2] ?? 1) * UNITS[m[3]!]!;
  return burst > 0 && windowMs > 0 ? { burst, windowMs } : undefined;
}

export const formatRate = (r: Rate): string => {
  const [n, unit] =
    r.windowMs % MINUTE === 0 ? [r.windowMs / MINUTE, 'm'] : r.windowMs % 1000 === 0 ? [r.windowMs / 1000, 's'] : [r.windowMs, 'ms'];
  return `${r.burst}/${n}${unit}`;
};

/** The defaults, overridden by `BATON_LIMIT_…` variables; a malformed value stops the server with its name. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const raw = env[envName(key)];
    if (raw === undefined || raw === '') continue;
    const current = DEFAULT_LIMITS[key];
    if (typeof current === 'number') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${envName(key)}=${raw}: must be a positive whole number`);
      (limits[key] as number) = n;
    } else {
      const r = parseRate(raw);
      if (!r)
        throw new ConfigError(
          `${envName(key)}=${raw}: must be a rate like "${formatRate(current)}" (tokens/window, window in ms, s, m or h)`,
        );
      (limits[key] as Rate) = r;
    }
  }
  return limits;
}

/** A token bucket: `take()` spends tokens if there are enough. */
export class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: Rate,
    now = Date.now(),
  ) {
    this.tokens = rate.burst;
    this.last = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / this.rate.windowMs) * this.rate.burst);
    this.last = now;
  }

  take(n = 1, now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Whole tokens available now. */
  available(now = Date.now()): number {
    this.refill(now);
    return Math.floor(this.tokens);
  }

  /** Full again: forgetting the bucket changes nothing. */
  full(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.rate.burst;
  }

  /** Milliseconds until `n` tokens are there. */
  waitMs(n = 1, now = Date.now()): number {
    this.refill(now);
    return this.tokens >= n ? 0 : Math.ceil(((n - this.tokens) / this.rate.burst) * this.rate.windowMs);
  }
}

/**
 * One bucket per key (a client, a conversation). Buckets that have filled up again are forgotten,
 * so memory follows the clients that are busy now, not every client ever seen; past `maxKeys` the
 * oldest are dropped (a dropped key only starts again with a full bucket).
 */
export class Buckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = Date.now();

  constructor(
    readonly rate: Rate,
    private readonly maxKeys = 100_000,
  ) {}

  get(key: string, now = Date.now()): Bucket {
    this.sweep(now);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(this.rate, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  take(key: string, n = 1, now = Date.now()): boolean {
    return this.get(key, now).take(n, now);
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < Math.min(this.rate.windowMs, MINUTE) && this.buckets.size < this.maxKeys) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (bucket.full(now)) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

/** Open things per key (sockets of an address), forgotten at zero. */
export class Counter {
  private readonly counts = new Map<string, number>();

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string): void {
    this.counts.set(key, this.count(key) + 1);
  }

  remove(key: string): void {
    const n = this.count(key) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
}

const isLoopback = (address: string): boolean => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * The client's address, as Express's `trust proxy: loopback` reads it: a proxy on this machine may
 * name the client in `X-Forwarded-For`; anyone else is who the TCP peer is.
 */
export function clientAddress(req: IncomingMessage): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  if (isLoopback(address) && typeof forwarded === 'string') {
    // Right to left: the nearest hop that is not a trusted (loopback) proxy is the client.
    const hops = forwarded
      .split(',')
      .map((h) => h.trim())
      .filter((h) => isIP(h) !== 0);
    for (let i = hops.length - 1; i >= 0; i--) {
      address = hops[i]!;
      if (!isLoopback(address)) break;
    }
  }
  return clientKey(address);
}

/** IPv4 as is; IPv6 by its /64 (one subscriber's network); IPv4-mapped IPv6 as IPv4. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Says the same thing at most once per `everyMs` per key, with how many times it was said
 * meanwhile, so a flood of refusals cannot flood the log too.
 */
export class QuietLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly everyMs = MINUTE,
    private readonly write: (line: string) => void = (line) => console.warn(line),
  ) {}

  say(key: string, line: string, now = Date.now()): void {
    const seen = this.last.get(key);
    if (seen && now - seen.at < this.everyMs) {
      seen.suppressed++;
      return;
    }
    if (this.last.size > 10_000) {
      for (const [k, v] of this.last) if (now - v.at >= this.everyMs) this.last.delete(k);
      if (this.last.size > 10_000) this.last.clear();
    }
    this.write(seen?.suppressed ? `${line} (and ${seen.suppressed} more like it since the last report)` : line);
    this.last.set(key, { at: now, suppressed: 0 });
  }
}
