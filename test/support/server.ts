/**
 * Shared helpers for Node tests that talk to the real server: a server on a free port with a fresh
 * temporary data folder, staff accounts and sign-in, typed socket.io clients, acks with timeouts.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { StaffClientEvents, StaffServerEvents, VisitorClientEvents, VisitorServerEvents } from '../../src/protocol/events.ts';
import type { HandoffPacket, HandoffReason, MessageInput, PageContext } from '../../src/protocol/schemas.ts';
import { isLabel, SIGNALS, type SignalName } from '../../src/triage/labels.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import type { Limits } from '../../src/server/limits.ts';
import type { z } from 'zod';
import type { SiteConfig } from '../../src/server/config.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { ROOT } from '../../src/server/env.ts';

export type VisitorClient = Socket<VisitorServerEvents, VisitorClientEvents>;
export type StaffClient = Socket<StaffServerEvents, StaffClientEvents>;
export type Transport = 'polling' | 'websocket';

/** How long an ack or an awaited event may take before the test fails (loopback is far faster). */
export const WAIT_MS = 3000;
export const DEMO_SITES = join(ROOT, 'demo', 'sites.json');
export const DEMO_SITE = 'demo-plumbing';
export const PASSWORD = 'correct horse battery staple';

export interface TestServer extends RunningServer {
  dataDir: string;
  sitesFile: string;
  /** Closes the server (if still open) and deletes its data folder. */
  cleanup(): Promise<void>;
}

/** A temporary folder, deleted by the caller (or by TestServer.cleanup when it holds the data). */
export function tempDir(prefix = 'baton-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes a sites file (valid or deliberately not) into `dir` and returns its path. */
export async function writeSites(dir: string, sites: unknown): Promise<string> {
  const file = join(dir, `sites-${randomBytes(4).toString('hex')}.json`);
  await writeFile(file, typeof sites === 'string' ? sites : JSON.stringify(sites, null, 2));
  return file;
}

/** A site as written in the sites file (optional fields left to their defaults). */
export type SiteInput = z.input<typeof SiteConfig>;

export function site(key: string, allowedOrigins: string[], name = `Site ${key}`): SiteInput {
  return { key, name, allowedOrigins, greeting: `Hello from ${name}` };
}

/**
 * Starts the real server on port 0. With no `sites`, the demo sites file is used. Pass `dataDir`
 * to reuse a data folder (a restart); the folder is then not deleted by `cleanup`.
 */
export async function startTestServer(
  options: {
    sites?: SiteInput[];
    sitesFile?: string;
    dataDir?: string;
    graceMs?: number;
    limits?: Partial<Limits>;
    log?: (line: string) => void;
  } = {},
): Promise<TestServer> {
  const ownsData = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await tempDir());
  const sitesFile = options.sitesFile ?? (options.sites ? await writeSites(dataDir, { sites: options.sites }) : DEMO_SITES);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    sitesFile,
    quiet: true,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= server.close());
  return {
    ...server,
    // Loopback by address, so `localhost` resolving to ::1 first never matters.
    url: `http://127.0.0.1:${server.port}`,
    dataDir,
    sitesFile,
    close,
    cleanup: async () => {
      await close();
      if (ownsData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestStaff {
  id: number;
  email: string;
  name: string;
  password: string;
}

let staffCounter = 0;

/** Creates an active staff account directly in the server's store. */
export async function addStaff(
  server: Pick<RunningServer, 'staff'>,
  name = `Staff ${++staffCounter}`,
  password = PASSWORD,
): Promise<TestStaff> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomBytes(3).toString('hex')}@example.com`;
  const row = server.staff.add(email, name, await hashPassword(password));
  return { id: row.id, email: row.email, name: row.name, password };
}

/** Runs `npm run staff -- …` (the staff CLI) against `dataDir`, as an operator would. */
export function staffCli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/server/staff-cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, timeout: 20_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** A plain HTTP request with full control of the headers (fetch would not let us set Origin everywhere). */
export function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpResult> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T }));
    });
    req.on('error', reject);
    req.setTimeout(WAIT_MS, () => req.destroy(new Error(`no answer from ${url} within ${WAIT_MS} ms`)));
    req.end(body);
  });
}

/** Signs in over HTTP; `cookie` is the `baton_session=…` pair to send back, when sign-in succeeded. */
export async function login(url: string, email: string, password: string): Promise<HttpResult & { cookie?: string }> {
  const res = await http(`${url}/api/staff/login`, { method: 'POST', body: { email, password } });
  const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith('baton_session='));
  const cookie = setCookie?.split(';')[0];
  return cookie && res.status === 200 ? { ...res, cookie } : res;
}

/** Signs in and returns the cookie, failing loudly otherwise. */
export async function loginCookie(url: string, who: Pick<TestStaff, 'email' | 'password'>): Promise<string> {
  const res = await login(url, who.email, who.password);
  if (!res.cookie) throw new Error(`sign-in failed for ${who.email}: ${res.status} ${res.body}`);
  return res.cookie;
}

interface ConnectOptions {
  /** Sent as the Origin header; omitted by default, which the server treats as its own origin. */
  origin?: string;
  transports?: Transport[];
}

function open<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no connection within ${WAIT_MS} ms`));
    }, WAIT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
}

let visitorCounter = 0;

/**
 * An address of its own for each visitor (from the benchmarking range 198.18.0.0/15), as real
 * visitors have: the server's per-address limits then count each test visitor separately, unless a
 * test gives several the same `address`. The server trusts `X-Forwarded-For` from a loopback peer,
 * as it would from a reverse proxy on the same machine.
 */
export const visitorAddress = (): string => {
  const n = ++visitorCounter;
  return `198.18.${(n >> 8) & 255}.${n & 255}`;
};

/** A connected visitor socket; rejects with the server's connect_error. No automatic reconnection. */
export function connectVisitor(url: string, options: ConnectOptions & { siteKey?: string; address?: string } = {}): Promise<VisitorClient> {
  const socket: VisitorClient = io(`${url}/visitor`, {
    auth: { siteKey: options.siteKey ?? DEMO_SITE },
    transports: options.transports ?? ['websocket'],
    extraHeaders: { 'x-forwarded-for': options.address ?? visitorAddress(), ...(options.origin ? { origin: options.origin } : {}) },
    reconnection: false,
    forceNew: true,
  });
  return open(socket);
}

/** A connected staff socket authenticated by `cookie`; rejects with the server's connect_error. */
export function connectStaff(url: string, options: ConnectOptions & { cookie?: string } = {}): Promise<StaffClient> {
  const socket: StaffClient = io(`${url}/staff`, {
    transports: options.transports ?? ['websocket'],
    extraHeaders: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.origin ? { origin: options.origin } : {}) },
    reconnection: false,
    forceNew: true,
  });
  return open(socket);
}

type AckEvent<E> = { [K in keyof E]: E[K] extends (payload: never, ack: never) => void ? K : never }[keyof E] & string;
type PayloadOf<F> = F extends (payload: infer P, ack: never) => void ? P : never;
type AckOf<F> = F extends (payload: never, ack: (reply: infer R) => void) => void ? R : never;

/** Emits an event and resolves with its ack, or rejects after `ms`. */
export function ask<E, K extends AckEvent<E>>(
  socket: Socket<never, E & object>,
  event: K,
  payload: PayloadOf<E[K]>,
  ms = WAIT_MS,
): Promise<AckOf<E[K]>> {
  return askRaw(socket, event, payload, ms) as Promise<AckOf<E[K]>>;
}

/** Like `ask`, but with any payload at all: for checking what the server refuses. */
export function askRaw(socket: Socket, event: string, payload: unknown, ms = WAIT_MS): Promise<unknown> {
  return (socket as Socket<never, Record<string, (p: unknown, ack: (r: unknown) => void) => void>>).timeout(ms).emitWithAck(event, payload);
}

type ArgOf<F> = F extends (arg: infer A) => void ? A : never;
interface Listeners {
  on(event: string, listener: (arg: unknown) => void): unknown;
  off(event: string, listener: (arg: unknown) => void): unknown;
}

/**
 * The next `event` (matching `where`) the socket receives. Create it before the action that
 * causes the event; a rejection is only reported to whoever awaits it.
 */
export function nextEvent<L, K extends keyof L & string>(
  socket: Socket<L & object, never>,
  event: K,
  where: (arg: ArgOf<L[K]>) => boolean = () => true,
  ms = WAIT_MS,
): Promise<ArgOf<L[K]>> {
  const s = socket as unknown as Listeners;
  const result = new Promise<ArgOf<L[K]>>((resolve, reject) => {
    const listener = (arg: unknown) => {
      if (!where(arg as ArgOf<L[K]>)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(arg as ArgOf<L[K]>);
    };
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`no "${event}" event within ${ms} ms`));
    }, ms);
    s.on(event, listener);
  });
  result.catch(() => undefined);
  return result;
}

/** Every `event` the socket receives from now on, for checking what did (not) arrive. */
export function collect<L, K extends keyof L & string>(socket: Socket<L & object, never>, event: K): ArgOf<L[K]>[] {
  const seen: ArgOf<L[K]>[] = [];
  (socket as unknown as Listeners).on(event, (arg) => seen.push(arg as ArgOf<L[K]>));
  return seen;
}

/** Resolves when the socket is disconnected, with the reason. */
export function disconnected(socket: Socket, ms = WAIT_MS): Promise<string> {
  if (socket.disconnected && !socket.active) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A client-generated message id, as the widget makes one when the message is composed. */
export const messageId = (): string => `m-${randomBytes(9).toString('base64url')}`;

export function visitorMessage(text: string, overrides: Partial<MessageInput> = {}): MessageInput {
  return { id: messageId(), role: 'visitor', text, createdAt: Date.now(), ...overrides };
}

export function pageContext(overrides: Partial<PageContext> = {}): PageContext {
  return {
    url: 'http://localhost/demo/',
    title: 'Brightwater Plumbing',
    referrer: 'https://search.example/',
    language: 'en-GB',
    timeZone: 'Europe/London',
    device: { userAgent: 'node-test', viewport: '390x844', touch: true },
    timeOnPageMs: 42_000,
    ...overrides,
  };
}

export interface Conversation {
  conversationId: string;
  token: string;
}

/** Starts a conversation on a connected visitor socket. */
export async function startConversation(visitor: VisitorClient): Promise<Conversation> {
  const res = await ask(visitor, 'conversation:start', {});
  if (!res.ok) throw new Error(`conversation:start refused: ${res.code} ${res.error}`);
  return { conversationId: res.conversationId, token: res.token };
}

/** Sends one visitor message and returns the stored message, failing on a refusal. */
export async function send(visitor: VisitorClient, conv: Conversation, text: string) {
  const res = await ask(visitor, 'message:send', { ...conv, message: visitorMessage(text) });
  if (!res.ok) throw new Error(`message:send refused: ${res.code} ${res.error}`);
  return res.message;
}

/** Every message of the conversation as the server has it now. */
export async function transcript(visitor: VisitorClient, conv: Conversation) {
  const res = await ask(visitor, 'conversation:sync', { ...conv, afterSeq: 0 });
  if (!res.ok) throw new Error(`conversation:sync refused: ${res.code} ${res.error}`);
  return res.messages;
}

/** Closes every socket given, ignoring ones already closed. */
export function closeAll(...sockets: (Socket | undefined)[]): void {
  for (const s of sockets) s?.close();
}

/** A handoff id, as the widget makes one per request. */
export const handoffId = (): string => `handoff-${randomBytes(6).toString('hex')}`;

/** A staff reply's id, as the console makes one per message. */
export const replyId = (): string => `reply-${randomBytes(6).toString('hex')}`;

/** A staff member signed in, with a console's socket open. */
export interface SignedInStaff {
  who: TestStaff;
  cookie: string;
  socket: StaffClient;
}

export async function signInStaff(url: string, who: TestStaff): Promise<SignedInStaff> {
  const cookie = await loginCookie(url, who);
  return { who, cookie, socket: await connectStaff(url, { cookie }) };
}

/** A staff account with exactly this email (team membership in a sites file goes by email). */
export async function addStaffWithEmail(
  server: Pick<RunningServer, 'staff'>,
  email: string,
  name: string,
  password = PASSWORD,
): Promise<TestStaff> {
  const row = server.staff.add(email, name, await hashPassword(password));
  return { id: row.id, email: row.email, name: row.name, password };
}

/**
 * A complete handoff packet, every part filled, whose `why` carries `reasons` (labels as labels,
 * anything else as signals) found in message `messageId`.
 */
export function handoffPacket(
  reasons: readonly string[],
  messageId = 'm-trigger-000',
  overrides: Partial<HandoffPacket> = {},
): HandoffPacket {
  const labels = reasons.filter((r) => isLabel(r));
  const signals = reasons.filter((r): r is SignalName => (SIGNALS as readonly string[]).includes(r));
  return {
    asked: { first: 'My boiler is leaking', latest: 'Can someone come today?', needs: ['boiler repair', 'a visit today'] },
    understood: {
      need: 'boiler repair',
      messages: [{ messageId, labels, scores: Object.fromEntries(labels.map((l) => [l, 0.91])), signals }],
    },
    tried: [
      {
        messageId: 'm-assistant-001',
        kind: 'answer',
        text: 'We repair all makes of boiler.',
        sources: [{ id: 'faq-boilers', title: 'Boilers' }],
      },
    ],
    collected: [
      { kind: 'email', value: 'pat@example.com', messageId },
      { kind: 'order', value: 'JOB-4411', messageId },
    ],
    why: {
      action: 'handoff',
      reasons: reasons.map((name) => ({
        kind: isLabel(name) ? ('label' as const) : ('signal' as const),
        name,
        score: 0.91,
        messageId,
        evidence: `evidence for ${name}`,
      })),
    },
    mood: [{ messageId, frustration: 0.4 }],
    pagesSeen: ['http://localhost/demo/', 'http://localhost/demo/prices'],
    localTime: 'Tue 10:42',
    timeOnSiteMs: 125_000,
    ...overrides,
  };
}

/**
 * Requests a handoff and returns the ack, failing on a refusal. With `reasons` (and no `packet`),
 * a full packet carrying them is sent; the reason is `policy` when a packet is sent, else `visitor_asked`.
 */
export async function requestHandoff(
  visitor: VisitorClient,
  conv: Conversation,
  options: {
    reasons?: readonly string[];
    reason?: HandoffReason;
    packet?: HandoffPacket;
    transcript?: MessageInput[];
    id?: string;
    context?: PageContext;
  } = {},
) {
  const reasons = options.reasons ?? [];
  const packet = options.packet ?? (reasons.length ? handoffPacket(reasons) : undefined);
  const res = await ask(visitor, 'handoff:request', {
    ...conv,
    id: options.id ?? handoffId(),
    reason: options.reason ?? (packet ? 'policy' : 'visitor_asked'),
    context: options.context ?? pageContext(),
    transcript: options.transcript ?? [],
    ...(packet ? { packet } : {}),
  });
  if (!res.ok) throw new Error(`handoff:request refused: ${res.code} ${res.error}`);
  return res;
}

/**
 * The demo site's name, teams and fallback team (from demo/sites.json), on a plain origin and with
 * no opening hours (always open), so routing tests do not depend on the time of day.
 */
export function demoTeamsSite(overrides: Partial<SiteInput> = {}): SiteInput {
  const file = JSON.parse(readFileSync(DEMO_SITES, 'utf8')) as { sites: SiteInput[] };
  const demo = file.sites.find((s) => s.key === DEMO_SITE)!;
  return {
    ...site(DEMO_SITE, ['self'], demo.name),
    teams: demo.teams ?? [],
    ...(demo.fallbackTeam ? { fallbackTeam: demo.fallbackTeam } : {}),
    ...overrides,
  };
}

/** The member emails of the demo site's teams, by team id. */
export const DEMO_TEAM_EMAILS = {
  dispatch: 'dispatch@brightwater.example',
  billing: 'billing@brightwater.example',
  owner: 'owner@brightwater.example',
  'front-desk': 'frontdesk@brightwater.example',
} as const;
