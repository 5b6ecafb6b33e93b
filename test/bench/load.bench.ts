/**
 * `npm run bench:load`: does one abusive client hurt everyone else? Side by side, calm and during a
 * flood, it prints a well-behaved visitor's ack latency (p50, p95) and a staff claim's latency.
 *
 * The flood is one client (one address, 127.0.0.2): 100 sockets that each queue a hand-off with a
 * 300-message transcript and send messages at their socket's limit, plus a reconnect storm. The
 * server, the flood and the measuring clients run in three processes, all on loopback, bounded in
 * count and time (about 30 s). Well-behaved visitors and the chats staff claim come from addresses
 * of their own (127.0.0.1, 127.0.1.x), as real visitors do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { StaffClientEvents, StaffServerEvents, VisitorClientEvents, VisitorServerEvents } from '../../src/protocol/events.ts';
import type { MessageInput, PageContext } from '../../src/protocol/schemas.ts';

type VisitorClient = Socket<VisitorServerEvents, VisitorClientEvents>;
type StaffClient = Socket<StaffServerEvents, StaffClientEvents>;

const PHASE_MS = 8_000;
const FLOOD_SOCKETS = 100;
const STORM_PER_SECOND = 20;
const CALM_VISITORS = 5;
const SITE = 'bench-shop';
const EMAIL = 'claimer@bench.example';
const PASSWORD = 'bench password 123';
const FLOOD_ADDRESS = '127.0.0.2';

const id = () => `b-${randomBytes(9).toString('base64url')}`;
const message = (text: string): MessageInput => ({ id: id(), role: 'visitor', text, createdAt: Date.now() });
const context: PageContext = {
  url: 'http://127.0.0.1/',
  referrer: '',
  language: 'en',
  timeZone: 'UTC',
  device: { userAgent: 'bench', viewport: '1x1', touch: false },
  timeOnPageMs: 0,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function visitor(url: string, localAddress?: string): Promise<VisitorClient> {
  const socket: VisitorClient = io(`${url}/visitor`, {
    auth: { siteKey: SITE },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(localAddress ? { localAddress } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

async function ask<K extends Exclude<keyof VisitorClientEvents, 'typing'>>(
  socket: VisitorClient,
  event: K,
  payload: Parameters<VisitorClientEvents[K]>[0],
  ms = 5000,
): Promise<{ ok: boolean } & Record<string, unknown>> {
  try {
    return await (
      socket.timeout(ms) as unknown as { emitWithAck(e: K, p: unknown): Promise<{ ok: boolean } & Record<string, unknown>> }
    ).emitWithAck(event, payload);
  } catch {
    return { ok: false, code: 'timeout' };
  }
}

// ── child: the server ───────────────────────────────────────────────────────────────────────────
async function runServer(dataDir: string, sitesFile: string): Promise<void> {
  const { startServer } = await import('../../src/server/app.ts');
  const { hashPassword } = await import('../../src/server/passwords.ts');
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, sitesFile, quiet: true });
  server.staff.add(EMAIL, 'Bench Claimer', await hashPassword(PASSWORD));
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

// ── child: the flood, one client ────────────────────────────────────────────────────────────────
async function runFlood(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  const counts = { sent: 0, ok: 0, refused: 0, handoffsQueued: 0, handoffsRefused: 0, connectRefused: 0, storm: 0 };
  const transcript = Array.from({ length: 300 }, (_, i) => message(`flood transcript line ${i} `.padEnd(200, 'x')));
  const sockets: VisitorClient[] = [];
  const work: Promise<void>[] = [];
  for (let i = 0; i < FLOOD_SOCKETS; i++) {
    work.push(
      (async () => {
        let socket: VisitorClient;
        try {
          socket = await visitor(url, FLOOD_ADDRESS);
        } catch {
          counts.connectRefused++;
          return;
        }
        sockets.push(socket);
        const started = await ask(socket, 'conversation:start', {});
        if (!started.ok) return;
        const conv = { conversationId: started.conversationId as string, token: started.token as string };
        const handoff = await ask(socket, 'handoff:request', { ...conv, id: id(), reason: 'visitor_asked', context, transcript });
        if (handoff.ok) counts.handoffsQueued++;
        else counts.handoffsRefused++;
        // At the socket's limit: 6 a second, whatever the answers say.
        while (Date.now() < until && socket.connected) {
          counts.sent++;
          void ask(socket, 'message:send', { ...conv, message: message('buy now '.repeat(100)) }).then((r) =>
            r.ok ? counts.ok++ : counts.refused++,
          );
          await sleep(1000 / 6);
        }
      })(),
    );
  }
  // The reconnect storm: new sockets from the same address, opened and dropped.
  work.push(
    (async () => {
      while (Date.now() < until) {
        for (let k = 0; k < STORM_PER_SECOND / 10; k++) {
          counts.storm++;
          void visitor(url, FLOOD_ADDRESS).then(
            (s) => s.close(),
            () => counts.connectRefused++,
          );
        }
        await sleep(100);
      }
    })(),
  );
  await Promise.all(work);
  for (const s of sockets) s.close();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}

// ── the measurement ─────────────────────────────────────────────────────────────────────────────
const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface Phase {
  /** From opening the socket to the first conversation started. */
  joins: number[];
  acks: number[];
  ackFailures: number;
  claims: number[];
}

let claimAddress = 0;

async function measure(url: string, staff: StaffClient, ms: number): Promise<Phase> {
  const phase: Phase = { joins: [], acks: [], ackFailures: 0, claims: [] };
  const until = Date.now() + ms;
  const calm: VisitorClient[] = [];
  const visitors = Array.from({ length: CALM_VISITORS }, async () => {
    const t0 = performance.now();
    const v = await visitor(url);
    calm.push(v);
    const started = await ask(v, 'conversation:start', {});
    phase.joins.push(performance.now() - t0);
    const conv = { conversationId: started.conversationId as string, token: started.token as string };
    while (Date.now() < until) {
      const t = performance.now();
      const r = await ask(v, 'message:send', { ...conv, message: message('Do you fix boilers on Saturdays?') });
      if (r.ok) phase.acks.push(performance.now() - t);
      else phase.ackFailures++;
      await sleep(1000);
    }
  });
  const claims = (async () => {
    while (Date.now() < until - 500) {
      const v = await visitor(url, `127.0.1.${++claimAddress}`);
      const started = await ask(v, 'conversation:start', {});
      const conv = { conversationId: started.conversationId as string, token: started.token as string };
      const added = new Promise<void>((resolve) => {
        const on = (s: { conversationId: string }) => {
          if (s.conversationId !== conv.conversationId) return;
          staff.off('queue:added', on);
          resolve();
        };
        staff.on('queue:added', on);
      });
      await ask(v, 'handoff:request', {
        ...conv,
        id: id(),
        reason: 'visitor_asked',
        context,
        transcript: [message('I need a person please')],
      });
      await Promise.race([added, sleep(3000)]);
      const t = performance.now();
      const r = (await staff
        .timeout(5000)
        .emitWithAck('conversation:claim', { conversationId: conv.conversationId })
        .catch(() => ({ ok: false }))) as { ok: boolean };
      if (r.ok) phase.claims.push(performance.now() - t);
      await staff
        .timeout(5000)
        .emitWithAck('conversation:close', { conversationId: conv.conversationId })
        .catch(() => undefined);
      v.close();
      await sleep(600);
    }
  })();
  await Promise.all([...visitors, claims]);
  for (const v of calm) v.close();
  return phase;
}

function child(args: string[]): { proc: ChildProcess; line: Promise<Record<string, number>> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = new Promise<Record<string, number>>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)) as Record<string, number>);
    });
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return { proc, line };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-load-'));
  const sitesFile = join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify({ sites: [{ key: SITE, name: 'Bench Shop', allowedOrigins: ['self'], greeting: 'Hi!' }] }));
  const server = child(['--server', join(dir, 'data'), sitesFile]);
  try {
    const { port } = await server.line;
    const url = `http://127.0.0.1:${port}`;
    const login = await fetch(`${url}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const staff: StaffClient = io(`${url}/staff`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      staff.once('connect', () => resolve());
      staff.once('connect_error', reject);
    });

    const calm = await measure(url, staff, PHASE_MS);
    const flood = child(['--flood', url, String(PHASE_MS + 2000)]);
    await sleep(1500); // let the flood build up first
    const during = await measure(url, staff, PHASE_MS);
    const floodCounts = await flood.line;
    const list = (await staff.timeout(5000).emitWithAck('queue:list', {})) as { ok: boolean; queue?: unknown[] };
    staff.close();

    const ms = (v: number) => (Number.isNaN(v) ? '   –' : `${v.toFixed(1).padStart(6)} ms`);
    const max = (v: number[]) => (v.length ? Math.max(...v) : NaN);
    const row = (label: string, a: string, b: string) => console.log(`${label.padEnd(34)}${a.padStart(12)}${b.padStart(14)}`);
    console.log(
      `\nbench:load — ${FLOOD_SOCKETS} flood sockets + a reconnect storm (${STORM_PER_SECOND}/s) from one address; ${CALM_VISITORS} well-behaved visitors at 1 message/s; 127.0.0.1 only`,
    );
    row('', 'calm', 'during flood');
    row('visitor connect + start, max', ms(max(calm.joins)), ms(max(during.joins)));
    row('visitor ack p50', ms(percentile(calm.acks, 50)), ms(percentile(during.acks, 50)));
    row('visitor ack p95', ms(percentile(calm.acks, 95)), ms(percentile(during.acks, 95)));
    row('visitor acks (refused or late)', `${calm.acks.length} (${calm.ackFailures})`, `${during.acks.length} (${during.ackFailures})`);
    row('staff claim p50', ms(percentile(calm.claims, 50)), ms(percentile(during.claims, 50)));
    row('staff claim max', ms(max(calm.claims)), ms(max(during.claims)));
    row('claims', String(calm.claims.length), String(during.claims.length));
    console.log(
      `flood: ${floodCounts.handoffsQueued} chats queued (${floodCounts.handoffsRefused} hand-offs refused); ${floodCounts.ok} of ${floodCounts.sent} messages stored, ${floodCounts.refused} refused; ` +
        `${floodCounts.storm} storm connections, ${floodCounts.connectRefused} connections refused; queue at the end: ${list.queue?.length ?? '?'} chats`,
    );
    const worst = Math.max(percentile(during.acks, 95), max(during.claims));
    console.log(
      during.acks.length > 0 && during.claims.length > 0 && worst <= 100 && floodCounts.handoffsQueued! <= 10
        ? 'within target (p95 and claim ≤ 100 ms, a handful queued)'
        : 'OVER TARGET (p95 and claim ≤ 100 ms, a handful queued)',
    );
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, a, b] = process.argv.slice(2);
if (mode === '--server') await runServer(a!, b!);
else if (mode === '--flood') {
  await runFlood(a!, Number(b));
  process.exit(0);
} else {
  await main();
  process.exit(0);
}
