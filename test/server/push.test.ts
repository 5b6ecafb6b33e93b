/**
 * Web Push against a local stand-in for the push service: the server encrypts and signs each
 * notification (web-push), and this test plays the browser too — it holds a real P-256 key pair and
 * auth secret, checks the request (VAPID, TTL, Urgency, aes128gcm) and decrypts the body with its
 * own RFC 8291 implementation on node:crypto, so a wrong key or encoding fails here.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import type { PushPayload } from '../../src/server/push.ts';
import {
  addStaff,
  ask,
  closeAll,
  connectStaff,
  connectVisitor,
  DEMO_SITES,
  http,
  loginCookie,
  requestHandoff,
  send,
  sleep,
  startConversation,
  tempDir,
  type StaffClient,
  type TestStaff,
  type VisitorClient,
} from '../support/server.ts';
import { checkVapid, decrypt, fakeBrowser, PushServiceStandIn, type FakeBrowser } from '../support/push-service.ts';

// ---- Tests -----------------------------------------------------------------------------------------

describe('web push', () => {
  let server: RunningServer;
  let dataDir: string;
  let url: string;
  const service = new PushServiceStandIn();

  before(async () => {
    await service.start();
    dataDir = await tempDir('baton-push-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      sitesFile: DEMO_SITES,
      quiet: true,
      push: { allowHttpEndpoints: true },
    });
    url = `http://127.0.0.1:${server.port}`;
  });

  after(async () => {
    await server?.close();
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  // Sign-in is rate-limited per address: one session per staff member.
  const cookies = new Map<string, string>();
  const cookieOf = async (who: TestStaff) => cookies.get(who.email) ?? cookies.set(who.email, await loginCookie(url, who)).get(who.email)!;

  async function subscribe(who: TestStaff, id: string, browser = fakeBrowser(), device = 'Test phone'): Promise<FakeBrowser> {
    const cookie = await cookieOf(who);
    const res = await http(`${url}/api/staff/push/subscriptions`, {
      method: 'POST',
      headers: { cookie },
      body: { ...browser.subscription(service.endpoint(id)), device },
    });
    assert.equal(res.status, 201, res.body);
    return browser;
  }

  const rows = (staffId: number) => server.push.subscriptions.forStaff([staffId]);

  test('VAPID keys are made on first start, kept owner-only in the data folder, and survive a restart', async () => {
    const res = await http(`${url}/api/staff/push/key`);
    assert.equal(res.status, 200);
    const { publicKey } = res.json<{ publicKey: string }>();
    assert.equal(Buffer.from(publicKey, 'base64url').length, 65);
    assert.equal(statSync(join(dataDir, 'vapid.json')).mode & 0o777, 0o600);

    const otherDir = await tempDir('baton-push-restart-');
    try {
      const first = await startServer({ port: 0, host: '127.0.0.1', dataDir: otherDir, sitesFile: DEMO_SITES, quiet: true });
      const key = first.push.keys.publicKey;
      await first.close();
      const second = await startServer({ port: 0, host: '127.0.0.1', dataDir: otherDir, sitesFile: DEMO_SITES, quiet: true });
      assert.equal(second.push.keys.publicKey, key);
      await second.close();
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  test('subscriptions need a session, a valid body and (outside tests) an https endpoint', async () => {
    const who = await addStaff(server, 'Sub Checker');
    const browser = fakeBrowser();
    const body = { ...browser.subscription(service.endpoint('sub-check')), device: 'Pixel' };
    assert.equal((await http(`${url}/api/staff/push/subscriptions`, { method: 'POST', body })).status, 401);
    const cookie = await cookieOf(who);
    const bad = await http(`${url}/api/staff/push/subscriptions`, {
      method: 'POST',
      headers: { cookie },
      body: { ...body, keys: { p256dh: 'abc', auth: body.keys.auth } },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /p256dh/);
    assert.equal(rows(who.id).length, 0);

    const strictDir = await tempDir('baton-push-strict-');
    const strict = await startServer({ port: 0, host: '127.0.0.1', dataDir: strictDir, sitesFile: DEMO_SITES, quiet: true });
    try {
      const member = await addStaff(strict, 'Strict');
      const strictUrl = `http://127.0.0.1:${strict.port}`;
      const res = await http(`${strictUrl}/api/staff/push/subscriptions`, {
        method: 'POST',
        headers: { cookie: await loginCookie(strictUrl, member) },
        body,
      });
      assert.equal(res.status, 400);
      assert.match(res.body, /https/);
    } finally {
      await strict.close();
      await rm(strictDir, { recursive: true, force: true });
    }

    assert.equal((await http(`${url}/api/staff/push/subscriptions`, { method: 'POST', headers: { cookie }, body })).status, 201);
    assert.equal(
      (await http(`${url}/api/staff/push/subscriptions`, { method: 'POST', headers: { cookie }, body })).status,
      201,
      'saving again is idempotent',
    );
    assert.deepEqual(
      rows(who.id).map((r) => [r.endpoint, r.device]),
      [[service.endpoint('sub-check'), 'Pixel']],
    );
    // Someone else cannot remove it; the owner can.
    const other = await addStaff(server, 'Not The Owner');
    // fetch, as the console does (node:http sends no body with DELETE unless told its length).
    const unsubscribe = async (asCookie: string) => {
      const res = await fetch(`${url}/api/staff/push/subscriptions`, {
        method: 'DELETE',
        headers: { cookie: asCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ endpoint: body.endpoint }),
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { removed: boolean }).removed;
    };
    assert.equal(await unsubscribe(await cookieOf(other)), false);
    assert.equal(await unsubscribe(cookie), true);
    assert.equal(rows(who.id).length, 0);
  });

  describe('notifications', () => {
    let online: TestStaff;
    let away: TestStaff;
    let offline: TestStaff;
    let onlineSocket: StaffClient;
    let awaySocket: StaffClient;
    let visitor: VisitorClient;
    let onlineBrowser: FakeBrowser;
    let onlineLaptop: FakeBrowser;

    before(async () => {
      online = await addStaff(server, 'Olive Online');
      away = await addStaff(server, 'Avery Away');
      offline = await addStaff(server, 'Otto Offline');
      onlineBrowser = await subscribe(online, 'online-phone');
      onlineLaptop = await subscribe(online, 'online-laptop', fakeBrowser(), 'Laptop');
      await subscribe(away, 'away-phone');
      await subscribe(offline, 'offline-phone');
      onlineSocket = await connectStaff(url, { cookie: await cookieOf(online) });
      awaySocket = await connectStaff(url, { cookie: await cookieOf(away) });
      const set = await ask(awaySocket, 'presence:set', { status: 'away' });
      assert.ok(set.ok);
      visitor = await connectVisitor(url);
    });

    after(() => closeAll(onlineSocket, awaySocket, visitor));

    test('a new handoff reaches every device of the staff who can take it, console open or closed, and not those who chose away', async () => {
      service.deliveries.length = 0;
      const conv = await startConversation(visitor);
      await send(visitor, conv, 'My boiler is leaking onto the floor');
      await requestHandoff(visitor, conv);
      await server.push.idle();

      // The offline member's console is closed, but their phone can still be reached: that is the point of push.
      assert.deepEqual(
        service.deliveries.map((d) => d.id).sort(),
        ['offline-phone', 'online-laptop', 'online-phone'],
        'everyone who could take it except the one who chose away',
      );
      for (const [id, browser] of [
        ['online-phone', onlineBrowser],
        ['online-laptop', onlineLaptop],
      ] as const) {
        const [delivery] = service.for(id);
        assert.ok(delivery);
        assert.equal(delivery.headers['content-encoding'], 'aes128gcm');
        assert.equal(delivery.headers['content-type'], 'application/octet-stream');
        assert.equal(delivery.headers['ttl'], '3600');
        assert.equal(delivery.headers['urgency'], 'high');
        assert.match(String(delivery.headers['topic']), /^[\w-]{1,32}$/);
        const claims = checkVapid(delivery.headers['authorization'], server.push.keys.publicKey, service.origin);
        assert.match(claims.sub, /^(mailto:|https:)/);
        const payload = JSON.parse(decrypt(browser, delivery.body)) as PushPayload;
        assert.equal(payload.kind, 'handoff');
        assert.equal(payload.conversationId, conv.conversationId);
        assert.equal(payload.url, `/staff#chat/${conv.conversationId}`);
        assert.match(payload.title, /Brightwater Plumbing/);
        assert.equal(payload.body, 'My boiler is leaking onto the floor');
      }
    });

    test('a visitor message in an assigned chat reaches the assignee only', async () => {
      const conv = await startConversation(visitor);
      await send(visitor, conv, 'Is anyone there?');
      await requestHandoff(visitor, conv);
      const claimed = await ask(onlineSocket, 'conversation:claim', { conversationId: conv.conversationId });
      assert.ok(claimed.ok, JSON.stringify(claimed));
      await server.push.idle();
      service.deliveries.length = 0;

      await send(visitor, conv, 'The water is now in the hallway');
      await server.push.idle();
      assert.deepEqual(service.deliveries.map((d) => d.id).sort(), ['online-laptop', 'online-phone']);
      const delivery = service.for('online-phone')[0]!;
      assert.equal(delivery.headers['urgency'], 'normal');
      const payload = JSON.parse(decrypt(onlineBrowser, delivery.body)) as PushPayload;
      assert.deepEqual(
        { kind: payload.kind, conversationId: payload.conversationId, body: payload.body, url: payload.url },
        {
          kind: 'message',
          conversationId: conv.conversationId,
          body: 'The water is now in the hallway',
          url: `/staff#chat/${conv.conversationId}`,
        },
      );
      assert.match(payload.title, /New message/);
    });

    test('a subscription the push service calls gone (410, 404) is deleted; other failures keep it', async () => {
      const flaky = await addStaff(server, 'Flaky Devices');
      await subscribe(flaky, 'gone-410');
      await subscribe(flaky, 'gone-404');
      await subscribe(flaky, 'busy-503');
      await subscribe(flaky, 'fine-201');
      service.answers.set('gone-410', 410).set('gone-404', 404).set('busy-503', 503);
      assert.equal(rows(flaky.id).length, 4);

      const results = await server.push.send([flaky.id], {
        kind: 'transfer',
        conversationId: 'conv-test-0001',
        title: 'Sam passed you a chat',
        body: 'Over to you',
      });
      assert.deepEqual(results.map((r) => [r.endpoint.split('/').pop(), r.status, r.removed]).sort(), [
        ['busy-503', 503, false],
        ['fine-201', 201, false],
        ['gone-404', 404, true],
        ['gone-410', 410, true],
      ]);
      assert.deepEqual(
        rows(flaky.id)
          .map((r) => r.endpoint.split('/').pop())
          .sort(),
        ['busy-503', 'fine-201'],
      );
    });

    test('an unreachable push service is logged and changes nothing', async () => {
      const lonely = await addStaff(server, 'Unreachable');
      const cookie = await cookieOf(lonely);
      const endpoint = 'http://127.0.0.1:9/push/nobody-listens';
      await http(`${url}/api/staff/push/subscriptions`, {
        method: 'POST',
        headers: { cookie },
        body: { ...fakeBrowser().subscription(endpoint), device: 'x' },
      });
      const results = await server.push.send([lonely.id], { kind: 'handoff', conversationId: 'conv-test-0002', title: 't', body: 'b' });
      assert.equal(results[0]?.status, 'error');
      assert.equal(rows(lonely.id).length, 1);
      await sleep(0);
    });
  });
});
