/** Durability and start-up: a restart on the same data folder keeps everything acked; bad config refuses to start. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from '../../src/server/app.ts';
import { ConfigError } from '../../src/server/config.ts';
import { ROOT } from '../../src/server/env.ts';
import type { StoredMessage } from '../../src/protocol/messages.ts';
import {
  addStaff,
  ask,
  closeAll,
  connectStaff,
  connectVisitor,
  http,
  loginCookie,
  pageContext,
  send,
  site,
  startConversation,
  startTestServer,
  tempDir,
  transcript,
  writeSites,
} from '../support/server.ts';

describe('restart with the same data folder', () => {
  test('keeps every acked message with its seq, the queue, staff accounts and sessions', async () => {
    const dataDir = await tempDir();
    try {
      const first = await startTestServer({ dataDir });
      const staff = await addStaff(first, 'Rita Restart');
      const cookie = await loginCookie(first.url, staff);
      const visitor = await connectVisitor(first.url);
      const conv = await startConversation(visitor);
      const acked: StoredMessage[] = [];
      for (let i = 1; i <= 25; i++) acked.push(await send(visitor, conv, `message ${i} before the restart`));
      // The last few concurrently: what matters is that each was acked, not the order they arrived in.
      const burst = await Promise.all([26, 27, 28].map((i) => send(visitor, conv, `message ${i} in a burst`)));
      acked.push(...burst.sort((a, b) => a.seq - b.seq));
      const handoff = await ask(visitor, 'handoff:request', {
        ...conv,
        id: 'handoff-restart-1',
        reason: 'visitor_asked',
        context: pageContext(),
        transcript: [],
      });
      assert.ok(handoff.ok);
      visitor.close();
      await first.close();

      const second = await startTestServer({ dataDir });
      try {
        const back = await connectVisitor(second.url);
        const hello = await ask(back, 'visitor:hello', { ...conv, afterSeq: 0 });
        assert.ok(hello.ok);
        assert.equal(hello.conversation?.status, 'queued');
        assert.equal(hello.conversation?.lastSeq, 29);
        assert.deepEqual(hello.messages.slice(0, 28), acked);
        assert.equal(hello.messages[28]!.role, 'system');
        assert.deepEqual(await transcript(back, conv), hello.messages);
        // The sequence carries on without a gap or a reuse.
        const next = await send(back, conv, 'after the restart');
        assert.equal(next.seq, 30);

        // Accounts and sessions survive: the old cookie still works, over HTTP and socket.
        const me = await http(`${second.url}/api/staff/me`, { headers: { cookie } });
        assert.equal(me.status, 200);
        assert.equal(me.json<{ name: string }>().name, 'Rita Restart');
        const staffSocket = await connectStaff(second.url, { cookie });
        const list = await ask(staffSocket, 'queue:list', {});
        assert.ok(list.ok);
        assert.deepEqual(
          list.queue.map((s) => [s.conversationId, s.messageCount]),
          [[conv.conversationId, 30]],
        );
        assert.ok(await loginCookie(second.url, staff));
        closeAll(back, staffSocket);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('sites configuration', () => {
  const invalid: [string, unknown, RegExp][] = [
    [
      'an origin with a path',
      { sites: [site('shop', ['https://shop.example/path'])] },
      /sites\.0\.allowedOrigins\.0: must be an exact origin/,
    ],
    [
      'a second site with a wildcard origin',
      { sites: [site('shop', ['self']), site('other', ['self', '*.example.com'])] },
      /sites\.1\.allowedOrigins\.1: must be an exact origin/,
    ],
    ['no origins', { sites: [site('shop', [])] }, /sites\.0\.allowedOrigins: must list at least one origin/],
    ['a bad site key', { sites: [site('Shop Key', ['self'])] }, /sites\.0\.key: must be 3-63 lowercase letters, digits or dashes/],
    ['a duplicate site key', { sites: [site('shop', ['self']), site('shop', ['self'])] }, /sites\.1\.key: duplicate site key "shop"/],
    ['a missing greeting', { sites: [{ key: 'shop', name: 'Shop', allowedOrigins: ['self'] }] }, /sites\.0\.greeting: /],
    ['no sites', { sites: [] }, /sites: must describe at least one site/],
    ['not JSON at all', '{ "sites": [ ', /is not valid JSON/],
  ];

  for (const [label, content, field] of invalid) {
    test(`refuses to start on ${label}, naming the field`, async () => {
      const dir = await tempDir();
      try {
        const sitesFile = await writeSites(dir, content);
        await assert.rejects(startServer({ port: 0, dataDir: dir, sitesFile, quiet: true }), (err: unknown) => {
          assert.ok(err instanceof ConfigError, String(err));
          assert.match(err.message, field);
          assert.ok(err.message.includes(sitesFile), 'names the file');
          return true;
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  test('refuses to start on a missing file', async () => {
    const dir = await tempDir();
    try {
      const sitesFile = join(dir, 'nope.json');
      await assert.rejects(startServer({ port: 0, dataDir: dir, sitesFile, quiet: true }), (err: unknown) => {
        assert.ok(err instanceof ConfigError, String(err));
        assert.ok(err.message.startsWith(`Cannot read sites configuration ${sitesFile}: ENOENT`), err.message);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the server process exits with code 1 and prints the bad field', async () => {
    const dir = await tempDir();
    try {
      const sitesFile = await writeSites(dir, { sites: [site('shop', ['https://shop.example/path'])] });
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', join(ROOT, 'src/server/main.ts')],
          { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: dir, SITES_FILE: sitesFile }, timeout: 20_000 },
          (err, _stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
        );
      });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /Invalid sites configuration/);
      assert.match(result.stderr, /sites\.0\.allowedOrigins\.0: must be an exact origin/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the demo sites file is valid', async () => {
    const server = await startTestServer();
    try {
      assert.deepEqual([...server.sites.keys()], ['demo-plumbing']);
    } finally {
      await server.cleanup();
    }
  });
});
