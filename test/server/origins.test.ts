/** Which pages may open a visitor socket: per-site exact origins, on both transports. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ask, closeAll, connectVisitor, http, site, startTestServer, type TestServer, type Transport } from '../support/server.ts';

const SHOP = 'https://shop.example';

/** A raw WebSocket upgrade request: the status line the server answers with, and its body. */
function upgrade(url: string, origin: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        origin,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('visitor origins', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      sites: [site('own-site', ['self']), site('shop', [SHOP, 'http://localhost:5173'])],
    });
  });
  after(() => server.cleanup());

  for (const transport of ['polling', 'websocket'] as Transport[]) {
    describe(`over ${transport}`, () => {
      test('an unknown site key is refused with a clear error', async () => {
        await assert.rejects(connectVisitor(server.url, { siteKey: 'no-such-site', transports: [transport] }), {
          message: 'unknown site key "no-such-site"',
        });
        await assert.rejects(connectVisitor(server.url, { siteKey: '', transports: [transport], origin: SHOP }), {
          message: 'unknown site key ""',
        });
      });

      test('an origin that another site allows is refused for this site, naming both', async () => {
        await assert.rejects(connectVisitor(server.url, { siteKey: 'own-site', origin: SHOP, transports: [transport] }), {
          message: `origin ${SHOP} is not allowed for site "own-site"`,
        });
        // "self" is the server's own origin only; the page's origin must match exactly.
        await assert.rejects(connectVisitor(server.url, { siteKey: 'shop', transports: [transport] }), {
          message: `origin ${server.url} is not allowed for site "shop"`,
        });
      });

      test('an origin no site allows is refused before any namespace', async () => {
        for (const origin of [
          'https://evil.example',
          'https://shop.example.evil.example',
          'http://shop.example',
          'https://shop.example:8443',
          'null',
        ]) {
          await assert.rejects(connectVisitor(server.url, { siteKey: 'shop', origin, transports: [transport] }), origin);
        }
      });

      test('allowed origins connect and the site greets them', async () => {
        const shop = await connectVisitor(server.url, { siteKey: 'shop', origin: SHOP, transports: [transport] });
        const hello = await ask(shop, 'visitor:hello', {});
        assert.ok(hello.ok);
        assert.deepEqual(
          { key: hello.site.key, name: hello.site.name, greeting: hello.site.greeting, agent: hello.site.agent },
          { key: 'shop', name: 'Site shop', greeting: 'Hello from Site shop', agent: false },
        );
        assert.deepEqual(hello.messages, []);
        const dev = await connectVisitor(server.url, { siteKey: 'shop', origin: 'http://localhost:5173', transports: [transport] });
        // "self": no Origin header (a same-origin request) and the server's own origin spelled out.
        const own = await connectVisitor(server.url, { siteKey: 'own-site', transports: [transport] });
        const ownExplicit = await connectVisitor(server.url, { siteKey: 'own-site', origin: server.url, transports: [transport] });
        const viaLocalhost = await connectVisitor(`http://localhost:${server.port}`, {
          siteKey: 'own-site',
          origin: `http://localhost:${server.port}`,
          transports: [transport],
        });
        for (const s of [shop, dev, own, ownExplicit, viaLocalhost]) assert.equal(s.connected, true);
        closeAll(shop, dev, own, ownExplicit, viaLocalhost);
      });
    });
  }

  test('raw polling handshake from an origin no site allows: 403 with the reason', async () => {
    const res = await http(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
    assert.deepEqual(res.json(), { code: 4, message: 'origin https://evil.example is not allowed by any site' });

    const ok = await http(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: SHOP } });
    assert.equal(ok.status, 200);
    assert.match(ok.body, /^0\{"sid":/);
  });

  test('raw WebSocket upgrade from an origin no site allows is refused with the reason', async () => {
    const wsUrl = `${server.url}/socket.io/?EIO=4&transport=websocket`;
    const refused = await upgrade(wsUrl, 'https://evil.example');
    assert.notEqual(refused.status, 101);
    assert.ok(refused.status >= 400, `status ${refused.status}`);
    assert.equal(refused.body, 'origin https://evil.example is not allowed by any site');
    assert.equal((await upgrade(wsUrl, SHOP)).status, 101);
  });
});

describe('a misconfigured widget', () => {
  let server: TestServer;
  const log: string[] = [];
  before(async () => {
    server = await startTestServer({ sites: [site('own-site', ['self']), site('shop', [SHOP])], log: (line) => log.push(line) });
  });
  after(() => server.cleanup());

  const refusal = (options: Parameters<typeof connectVisitor>[1]) =>
    connectVisitor(server.url, options).then(
      () => assert.fail('connected'),
      (err: Error & { data?: unknown }) => err.data,
    );

  test('an unknown site key: a code the widget can show, and a log line naming the key, the page and the fix', async () => {
    log.length = 0;
    assert.deepEqual(await refusal({ siteKey: 'no-such-site', origin: SHOP }), {
      code: 'unknown_site',
      fix: "The site key in the chat widget's script tag is not configured on the chat server.",
    });
    assert.equal(log.length, 1);
    assert.match(log[0]!, /unknown site key "no-such-site"/);
    assert.ok(log[0]!.includes(SHOP));
    assert.match(
      log[0]!,
      /Fix: add a site with "key": "no-such-site" to .*sites-.*\.json, or set data-site on that page to one of: own-site, shop/,
    );
  });

  test('an origin the site does not allow: a code, and a log line naming the origin, the site and the fix', async () => {
    log.length = 0;
    assert.deepEqual(await refusal({ siteKey: 'own-site', origin: SHOP }), {
      code: 'origin_not_allowed',
      fix: `This page's address (${SHOP}) is not among the site's allowed origins on the chat server.`,
    });
    assert.equal(log.length, 1);
    assert.match(log[0]!, new RegExp(`Fix: add "${SHOP}" to the allowedOrigins of "own-site" in .*sites-.*\\.json`));
  });

  test('a widget refused before any namespace can ask why: the same codes over HTTP', async () => {
    const allowed = (key: string, origin: string) =>
      http(`${server.url}/api/sites/${key}/allowed`, { headers: { origin } }).then((r) => r.json());
    assert.deepEqual(await allowed('shop', SHOP), { allowed: true });
    assert.deepEqual(await allowed('shop', 'https://typo.example'), {
      allowed: false,
      code: 'origin_not_allowed',
      fix: "This page's address (https://typo.example) is not among the site's allowed origins on the chat server.",
    });
    assert.deepEqual(await allowed('nope', SHOP), {
      allowed: false,
      code: 'unknown_site',
      fix: "The site key in the chat widget's script tag is not configured on the chat server.",
    });
  });

  test('an origin no site allows is logged with the fix too, once a minute however often it knocks', async () => {
    log.length = 0;
    for (let i = 0; i < 5; i++) await assert.rejects(connectVisitor(server.url, { siteKey: 'shop', origin: 'https://typo.example' }));
    assert.equal(log.length, 1);
    assert.match(
      log[0]!,
      /refused a connection from https:\/\/typo\.example: no site allows that origin\. Fix: add "https:\/\/typo\.example" to the allowedOrigins/,
    );
  });
});
