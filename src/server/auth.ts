/** Staff sign-in over HTTP: email + password → an HttpOnly session cookie that also authenticates the socket. */
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import type { StaffRow, StaffStore } from './store/staff.ts';
import { describeIssues, rateLimiter } from './validate.ts';

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

/** `onSignOut` runs after a session is deleted, so live sockets of that session can be cut at once. */
export function authRouter(staff: StaffStore, onSignOut: () => void = () => undefined): Router {
  const router = express.Router();
  const attempts = new Map<string, () => boolean>();

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
    const key = req.ip ?? 'unknown';
    if (!attempts.has(key)) attempts.set(key, rateLimiter(10, 60_000));
    if (!attempts.get(key)!()) return void res.status(429).json({ error: 'Too many sign-in attempts. Wait a minute and try again.' });
    const parsed = Login.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: describeIssues(parsed.error) });
    const member = staff.byEmail(parsed.data.email);
    const ok = await verifyPassword(parsed.data.password, member?.passwordHash ?? DUMMY_HASH);
    if (!member || !ok || member.disabled) return void res.status(401).json({ error: 'Email or password is wrong.' });
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
