/** Staff sign-in over HTTP: email + password → an HttpOnly session cookie that also authenticates the socket. */
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import type { StaffRow, StaffStore } from './store/staff.ts';
import { clientKey } from './limits.ts';
import { selfOrigin } from './origins.ts';
import { describeIssues } from './validate.ts';

export const SESSION_COOKIE = 'baton_session';
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export function readSessionCookie(header: string | undefined): string | undefined {
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** The staff member whose live session the Cookie header carries (HTTP requests and socket handshakes alike). */
export function signedIn(staff: StaffStore, cookieHeader: string | undefined): { member: StaffRow; token: string } | undefined {
  const token = readSessionCookie(cookieHeader);
  const member = token ? staff.sessionStaff(token) : undefined;
  return member && token ? { member, token } : undefined;
}

const Login = z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(500) });

/**
 * Failed sign-ins, per account and per address. The first few are free; after that each failure
 * doubles the wait before the next try (1 s, 2 s, 4 s … up to 15 minutes), whoever asks, so
 * guessing one account's password from many addresses, or many accounts' from one, is slow. A
 * success clears the account. Entries are forgotten once their wait is over and they have been
 * quiet for the forget period, and there are never more than `maxKeys` (the oldest go first).
 */
export class SignInThrottle {
  private readonly entries = new Map<string, { failures: number; until: number; last: number }>();
  private lastPrune = 0;

  constructor(
    readonly options = { accountFree: 5, addressFree: 20, baseMs: 1000, maxMs: 15 * 60_000, forgetMs: 30 * 60_000, maxKeys: 10_000 },
  ) {}

  private free(key: string): number {
    return key.startsWith('account:') ? this.options.accountFree : this.options.addressFree;
  }

  /** How long these keys must still wait before a try, in ms (0: go ahead). */
  waitMs(keys: readonly string[], now = Date.now()): number {
    this.prune(now);
    return Math.max(0, ...keys.map((k) => (this.entries.get(k)?.until ?? 0) - now));
  }

  failed(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) {
      const entry = this.entries.get(key) ?? { failures: 0, until: 0, last: now };
      entry.failures++;
      entry.last = now;
      const over = entry.failures - this.free(key);
      if (over > 0) entry.until = now + Math.min(this.options.maxMs, this.options.baseMs * 2 ** (over - 1));
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    this.prune(now);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  prune(now = Date.now(), force = false): void {
    if (!force && now - this.lastPrune < 60_000 && this.entries.size < this.options.maxKeys) return;
    this.lastPrune = now;
    for (const [key, e] of this.entries) if (e.until <= now && now - e.last >= this.options.forgetMs) this.entries.delete(key);
    // Oldest first (each failure re-inserts its entry at the end).
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.options.maxKeys) break;
      this.entries.delete(key);
    }
  }
}

/**
 * State-changing staff requests only from the console's own origin: a browser sends `Origin` (and
 * `Sec-Fetch-Site`) with every POST and DELETE, so a page elsewhere cannot sign staff out or change
 * their subscriptions with their cookie. A request with neither header does not come from a browser
 * page, so it cannot be a forged one.
 */
export function sameOriginWrites(req: Request, res: Response, next: () => void): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if ((origin !== undefined && origin !== selfOrigin(req)) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    return void res.status(403).json({ error: 'Refused: staff requests are only accepted from the staff console.' });
  }
  next();
}

/** `onSignOut` runs after a session is deleted, so live sockets of that session can be cut at once. */
export function authRouter(staff: StaffStore, onSignOut: () => void = () => undefined, throttle = new SignInThrottle()): Router {
  const router = express.Router();

  const setCookie = (req: Request, res: Response, value: string, maxAgeMs: number) =>
    res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, value, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/',
        maxAge: Math.floor(maxAgeMs / 1000),
      }),
    );

  router.post('/login', async (req, res) => {
    const parsed = Login.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: describeIssues(parsed.error) });
    const keys = [`account:${parsed.data.email.toLowerCase()}`, `address:${clientKey(req.ip ?? 'unknown')}`];
    const wait = throttle.waitMs(keys);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      res.setHeader('Retry-After', String(seconds));
      return void res.status(429).json({
        error: `Too many sign-in attempts. Try again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`,
      });
    }
    const member = staff.byEmail(parsed.data.email);
    const ok = await verifyPassword(parsed.data.password, member?.passwordHash ?? DUMMY_HASH);
    if (!member || !ok || member.disabled) {
      throttle.failed(keys);
      return void res.status(401).json({ error: 'Email or password is wrong.' });
    }
    throttle.succeeded(keys[0]!);
    setCookie(req, res, staff.createSession(member.id, SESSION_TTL_MS), SESSION_TTL_MS);
    res.json({ id: member.id, email: member.email, name: member.name });
  });

  router.post('/logout', (req, res) => {
    const token = readSessionCookie(req.headers.cookie);
    if (token) {
      staff.deleteSession(token);
      onSignOut();
    }
    setCookie(req, res, '', 0);
    res.json({ ok: true });
  });

  router.get('/me', (req, res) => {
    const member = signedIn(staff, req.headers.cookie)?.member;
    if (!member) return void res.status(401).json({ error: 'Not signed in.' });
    res.json({ id: member.id, email: member.email, name: member.name });
  });

  return router;
}
