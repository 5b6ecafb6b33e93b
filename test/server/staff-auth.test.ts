/** Staff sign-in and staff sockets: everyone not signed in (any more) is refused, over HTTP and socket. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addStaff,
  ask,
  closeAll,
  collect,
  connectStaff,
  connectVisitor,
  disconnected,
  http,
  login,
  loginCookie,
  pageContext,
  site,
  sleep,
  staffCli,
  startConversation,
  startTestServer,
  visitorMessage,
  WAIT_MS,
  type TestServer,
} from '../support/server.ts';
import { SignInThrottle } from '../../src/server/auth.ts';

/** How often the server re-checks live staff sockets against their session (5 s at most). */
const SESSION_CHECK_MS = 5000;

const WRONG = 'Email or password is wrong.';

describe('staff auth', () => {
  let server: TestServer;
  before(async () => {
    // "shop" makes https://shop.example an origin the server knows, so the staff namespace itself
    // (not the engine-level origin gate) has to refuse it.
    server = await startTestServer({ sites: [site('demo-plumbing', ['self']), site('shop', ['https://shop.example'])] });
  });
  after(() => server.cleanup());

  test('a staff socket without a cookie is refused', async () => {
    await assert.rejects(connectStaff(server.url), { message: 'not signed in' });
  });

  test('a staff socket with a made-up or malformed cookie is refused', async () => {
    await assert.rejects(connectStaff(server.url, { cookie: 'baton_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), {
      message: 'not signed in',
    });
    await assert.rejects(connectStaff(server.url, { cookie: 'baton_session=' }), { message: 'not signed in' });
    await assert.rejects(connectStaff(server.url, { cookie: 'other=1; baton_session=%%%' }), { message: 'not signed in' });
  });

  test('a signed-in staff member connects on both transports, and /me knows them', async () => {
    const alice = await addStaff(server, 'Alice Auth');
    const cookie = await loginCookie(server.url, alice);
    for (const transport of ['polling', 'websocket'] as const) {
      const socket = await connectStaff(server.url, { cookie, transports: [transport] });
      const res = await ask(socket, 'queue:list', {});
      assert.equal(res.ok, true, transport);
      socket.close();
    }
    const me = await http(`${server.url}/api/staff/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.deepEqual(me.json(), { id: alice.id, email: alice.email, name: alice.name });
  });

  test('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const bob = await addStaff(server, 'Bob Cookie');
    const res = await login(server.url, bob.email, bob.password);
    assert.equal(res.status, 200);
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    assert.doesNotMatch(res.body, /passwordHash|scrypt/);
  });

  test('HTTP /api/staff/me answers 401 without a session or with a bad one', async () => {
    for (const headers of [{}, { cookie: 'baton_session=nope' }] as Record<string, string>[]) {
      const res = await http(`${server.url}/api/staff/me`, { headers });
      assert.equal(res.status, 401);
      assert.deepEqual(res.json(), { error: 'Not signed in.' });
    }
  });

  test('a wrong password and an unknown email get the same 401 and message', async () => {
    const carol = await addStaff(server, 'Carol Wrong');
    const wrong = await login(server.url, carol.email, 'not the password');
    const unknown = await login(server.url, 'nobody@example.com', carol.password);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.json(), { error: WRONG });
    assert.deepEqual(unknown.json(), wrong.json());
    assert.equal(wrong.cookie, undefined);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  test('after logout the cookie opens nothing, and a live socket is cut at once', async () => {
    const dan = await addStaff(server, 'Dan Logout');
    const cookie = await loginCookie(server.url, dan);
    const live = await connectStaff(server.url, { cookie });
    const gone = disconnected(live);
    const out = await http(`${server.url}/api/staff/logout`, { method: 'POST', headers: { cookie } });
    assert.equal(out.status, 200);
    assert.match(out.headers['set-cookie']?.[0] ?? '', /baton_session=;/);
    // Cut without waiting for the socket to speak: a silent console must not keep receiving chats.
    assert.equal(await gone, 'io server disconnect');

    assert.equal((await http(`${server.url}/api/staff/me`, { headers: { cookie } })).status, 401);
    await assert.rejects(connectStaff(server.url, { cookie }), { message: 'not signed in' });
  });

  test('a disabled account (npm run staff -- disable) is signed out everywhere and cannot sign in', async () => {
    const erin = await addStaff(server, 'Erin Disabled');
    const cookie = await loginCookie(server.url, erin);
    const silent = await connectStaff(server.url, { cookie });
    const talking = await connectStaff(server.url, { cookie });
    const silentGone = disconnected(silent, SESSION_CHECK_MS + WAIT_MS);
    const queued = collect(silent, 'queue:added');

    const cli = await staffCli(server.dataDir, 'disable', '--email', erin.email);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /Disabled/);

    // A socket that speaks is cut on its next event, unanswered.
    const talkingGone = disconnected(talking);
    talking.emit('queue:list', {}, () => assert.fail('a disabled account must not be answered'));
    assert.equal(await talkingGone, 'io server disconnect');
    // One that stays silent (a phone in a pocket) is cut by the periodic session check.
    assert.equal(await silentGone, 'io server disconnect');
    assert.deepEqual(queued, []);

    await assert.rejects(connectStaff(server.url, { cookie }), { message: 'not signed in' });
    assert.equal((await http(`${server.url}/api/staff/me`, { headers: { cookie } })).status, 401);
    const again = await login(server.url, erin.email, erin.password);
    assert.equal(again.status, 401);
    assert.deepEqual(again.json(), { error: WRONG });

    // Enabling lets them sign in again, with a new session (the old one stays dead).
    assert.equal((await staffCli(server.dataDir, 'enable', '--email', erin.email)).code, 0);
    const fresh = await loginCookie(server.url, erin);
    closeAll(await connectStaff(server.url, { cookie: fresh }));
    await assert.rejects(connectStaff(server.url, { cookie }), { message: 'not signed in' });
  });

  test('a signed-out console no longer counts as staff online for visitors', async () => {
    const gil = await addStaff(server, 'Gil Gone');
    const cookie = await loginCookie(server.url, gil);
    const console_ = await connectStaff(server.url, { cookie });
    const queued = collect(console_, 'queue:added');
    const gone = disconnected(console_);
    await http(`${server.url}/api/staff/logout`, { method: 'POST', headers: { cookie } });
    await gone;
    const visitor = await connectVisitor(server.url);
    const conv = await startConversation(visitor);
    const ack = await ask(visitor, 'handoff:request', {
      ...conv,
      id: 'handoff-after-logout',
      reason: 'visitor_asked',
      context: pageContext(),
      transcript: [visitorMessage('hello?')],
    });
    assert.deepEqual(ack, { ok: true, staffOnline: 0, position: 1 });
    await sleep(50);
    assert.deepEqual(queued, [], 'no visitor data reaches a signed-out console');
    visitor.close();
  });

  test('a valid cookie from a foreign origin is refused (cross-site WebSocket hijacking)', async () => {
    const fay = await addStaff(server, 'Fay Origin');
    const cookie = await loginCookie(server.url, fay);
    for (const transport of ['polling', 'websocket'] as const) {
      await assert.rejects(connectStaff(server.url, { cookie, origin: 'https://shop.example', transports: [transport] }), {
        message: 'staff connections are only accepted from the staff console',
      });
      // An origin no site allows is refused before the namespace is even reached.
      await assert.rejects(connectStaff(server.url, { cookie, origin: 'https://evil.example', transports: [transport] }));
    }
    // Its own origin, spelled out, is fine.
    closeAll(await connectStaff(server.url, { cookie, origin: server.url }));
  });
});

describe('staff sign-in throttling', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.cleanup());

  const signIn = (email: string, password: string, address: string) =>
    http(`${server.url}/api/staff/login`, { method: 'POST', body: { email, password }, headers: { 'x-forwarded-for': address } });

  test('an account that keeps failing waits, from any address, longer each time; other accounts are not affected', async () => {
    const gus = await addStaff(server, 'Gus Limit');
    for (let i = 0; i < 5; i++)
      assert.equal((await signIn(gus.email, `wrong ${i}`, `198.51.100.${i + 1}`)).status, 401, `attempt ${i + 1}`);
    // The sixth failure starts the back-off, on the account: a new address does not help.
    assert.equal((await signIn(gus.email, 'wrong 5', '198.51.100.10')).status, 401);
    const limited = await signIn(gus.email, gus.password, '198.51.100.11');
    assert.equal(limited.status, 429);
    assert.match(limited.json<{ error: string }>().error, /^Too many sign-in attempts\. Try again in \d+ seconds\.$/);
    assert.equal(limited.headers['retry-after'], '1');
    assert.equal(limited.headers['set-cookie'], undefined);
    // After the wait the right password works and clears the account.
    await sleep(1100);
    assert.equal((await signIn(gus.email, gus.password, '198.51.100.11')).status, 200);
    assert.equal((await signIn(gus.email, 'wrong again', '198.51.100.11')).status, 401);
    // Someone else signs in from one of the same addresses.
    const ida = await addStaff(server, 'Ida Fine');
    assert.equal((await signIn(ida.email, ida.password, '198.51.100.1')).status, 200);
  });

  test('an address that fails for many accounts waits too, and doubles its wait', async () => {
    const address = '198.51.100.99';
    for (let i = 0; i < 20; i++) assert.equal((await signIn(`nobody${i}@example.com`, 'guess', address)).status, 401, `attempt ${i + 1}`);
    assert.equal((await signIn('nobody-else@example.com', 'guess', address)).status, 401);
    const first = await signIn('nobody-else@example.com', 'guess', address);
    assert.equal(first.status, 429);
    assert.equal(first.headers['retry-after'], '1');
    await sleep(1100);
    assert.equal((await signIn('nobody-more@example.com', 'guess', address)).status, 401);
    const second = await signIn('nobody-more@example.com', 'guess', address);
    assert.equal(second.status, 429);
    assert.equal(second.headers['retry-after'], '2');
  });

  test('the throttle forgets quiet entries and never grows past its bound', () => {
    const throttle = new SignInThrottle({ accountFree: 5, addressFree: 20, baseMs: 1000, maxMs: 60_000, forgetMs: 60_000, maxKeys: 100 });
    const start = 1_000_000;
    for (let i = 0; i < 1000; i++) throttle.failed([`account:a${i}@example.com`, `address:10.0.${i >> 8}.${i & 255}`], start + i);
    assert.ok(throttle.size <= 100, `size ${throttle.size}`);
    throttle.prune(start + 1000 + 60_000 + 1, true);
    assert.equal(throttle.size, 0);
  });
});

describe("staff routes that change state accept only the console's origin", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.cleanup());

  test('sign-out, sign-in and push subscriptions from another origin are refused and change nothing', async () => {
    const hal = await addStaff(server, 'Hal Origin');
    const cookie = await loginCookie(server.url, hal);
    const evil = { origin: 'https://evil.example', cookie };
    const refused = [
      await http(`${server.url}/api/staff/logout`, { method: 'POST', headers: evil }),
      await http(`${server.url}/api/staff/logout`, { method: 'POST', headers: { cookie, 'sec-fetch-site': 'cross-site' } }),
      await http(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
        body: { email: hal.email, password: hal.password },
      }),
      // (a DELETE with a body leaves Node's client unable to reuse the connection: close it)
      await http(`${server.url}/api/staff/push/subscriptions`, {
        method: 'DELETE',
        headers: { ...evil, connection: 'close' },
        body: { endpoint: 'https://push.example/x' },
      }),
    ];
    for (const res of refused) {
      assert.equal(res.status, 403);
      assert.deepEqual(res.json(), { error: 'Refused: staff requests are only accepted from the staff console.' });
      assert.equal(res.headers['set-cookie'], undefined);
    }
    // Still signed in; the console's own origin signs out.
    assert.equal((await http(`${server.url}/api/staff/me`, { headers: { cookie } })).status, 200);
    const out = await http(`${server.url}/api/staff/logout`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(out.status, 200);
    assert.equal((await http(`${server.url}/api/staff/me`, { headers: { cookie } })).status, 401);
  });
});

describe('content security policy', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.cleanup());

  test('the staff console and the demo pages connect only to this server and post forms only to it', async () => {
    for (const path of ['/staff', '/', '/demo/', '/demo/index.html']) {
      const res = await http(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      const csp = String(res.headers['content-security-policy'] ?? '');
      assert.match(csp, /(^|; )connect-src 'self'(;|$)/, path);
      assert.match(csp, /(^|; )form-action 'self'(;|$)/, path);
      assert.doesNotMatch(csp, /\bws:|\bwss:/, path);
    }
  });
});
