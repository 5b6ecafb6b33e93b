/** The visitor namespace: token-scoped conversations, exactly-once sends, gap-free sequences, flood limits. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import { DEFAULT_LIMITS } from '../../src/server/limits.ts';
import type { StoredMessage } from '../../src/protocol/messages.ts';
import {
  ask,
  askRaw,
  closeAll,
  collect,
  connectVisitor,
  disconnected,
  nextEvent,
  send,
  site,
  sleep,
  startConversation,
  startTestServer,
  transcript,
  visitorMessage,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

const UNAUTHORISED = { ok: false, code: 'unauthorised', error: 'this conversation does not exist or the token does not match' };

let server: TestServer;
before(async () => {
  server = await startTestServer({ sites: [site('site-a', ['self']), site('site-b', ['self'])] });
});
after(() => server.cleanup());

const visitorA = () => connectVisitor(server.url, { siteKey: 'site-a' });

describe('visitor isolation', () => {
  test("without the token, or with another conversation's token, a socket cannot send, sync or hello", async () => {
    const owner = await visitorA();
    const mine = await startConversation(owner);
    await send(owner, mine, 'private');
    const intruder = await visitorA();
    const theirs = await startConversation(intruder);
    const ownerSees = collect(owner, 'message');
    const intruderSees = collect(intruder, 'message');

    const stolen = { conversationId: mine.conversationId, token: theirs.token };
    const guessed = { conversationId: mine.conversationId, token: randomBytes(32).toString('base64url') };
    const unknown = { conversationId: 'does-not-exist-123', token: mine.token };
    for (const ref of [stolen, guessed, unknown]) {
      assert.deepEqual(await ask(intruder, 'message:send', { ...ref, message: visitorMessage('let me in') }), UNAUTHORISED);
      assert.deepEqual(await ask(intruder, 'conversation:sync', { ...ref, afterSeq: 0 }), UNAUTHORISED);
      assert.deepEqual(await ask(intruder, 'visitor:hello', ref), UNAUTHORISED);
      assert.deepEqual(
        await ask(intruder, 'handoff:request', {
          ...ref,
          id: `handoff-${randomBytes(4).toString('hex')}`,
          reason: 'visitor_asked',
          context: {
            url: '',
            referrer: '',
            language: '',
            timeZone: '',
            device: { userAgent: '', viewport: '', touch: false },
            timeOnPageMs: 0,
          },
          transcript: [],
        }),
        UNAUTHORISED,
      );
      assert.deepEqual(
        await ask(intruder, 'contact:leave', {
          ...ref,
          id: `contact-${randomBytes(4).toString('hex')}`,
          contact: { email: 'x@example.com' },
          message: 'hi',
        }),
        UNAUTHORISED,
      );
      intruder.emit('typing', { ...ref, typing: true });
    }
    // Without a token at all the schema refuses it (naming the token).
    const noToken = (await askRaw(intruder, 'message:send', { conversationId: mine.conversationId, message: visitorMessage('x') })) as {
      code: string;
      error: string;
    };
    assert.equal(noToken.code, 'invalid');
    assert.match(noToken.error, /^token: /);
    // Hello without a token just greets: it reveals nothing about the conversation.
    const bare = await ask(intruder, 'visitor:hello', { conversationId: mine.conversationId });
    assert.ok(bare.ok);
    assert.equal(bare.conversation, undefined);
    assert.deepEqual(bare.messages, []);

    // The intruder's own conversation still works, and sees nothing of the owner's.
    await send(intruder, theirs, 'my own');
    await send(owner, mine, 'still private');
    await sleep(50);
    assert.deepEqual(
      intruderSees.map((m) => m.text),
      ['my own'],
    );
    assert.deepEqual(
      ownerSees.map((m) => m.text),
      ['still private'],
    );
    const all = await transcript(owner, mine);
    assert.deepEqual(
      all.map((m) => [m.seq, m.text]),
      [
        [1, 'private'],
        [2, 'still private'],
      ],
    );
    assert.equal(all[0]!.role, 'visitor');
    closeAll(owner, intruder);
  });

  test('a socket of site A cannot use a conversation of site B, even with its token', async () => {
    const b = await connectVisitor(server.url, { siteKey: 'site-b' });
    const convB = await startConversation(b);
    await send(b, convB, 'on site b');
    const a = await visitorA();
    assert.deepEqual(await ask(a, 'message:send', { ...convB, message: visitorMessage('from a') }), UNAUTHORISED);
    assert.deepEqual(await ask(a, 'conversation:sync', { ...convB, afterSeq: 0 }), UNAUTHORISED);
    assert.deepEqual(await ask(a, 'visitor:hello', convB), UNAUTHORISED);
    assert.deepEqual(
      (await transcript(b, convB)).map((m) => m.text),
      ['on site b'],
    );
    closeAll(a, b);
  });

  test('a connection may start only a few conversations', async () => {
    const v = await visitorA();
    for (let i = 0; i < 5; i++) await startConversation(v);
    const sixth = await ask(v, 'conversation:start', {});
    assert.equal(sixth.ok, false);
    assert.equal(!sixth.ok && sixth.code, 'rate_limited');
    v.close();
  });
});

describe('dedupe', () => {
  test('the same message id sent twice is stored once; the resend gets the original ack', async () => {
    const v = await visitorA();
    const conv = await startConversation(v);
    const message = visitorMessage('only once please');
    const first = await ask(v, 'message:send', { ...conv, message });
    const second = await ask(v, 'message:send', {
      ...conv,
      message: { ...message, text: 'edited on resend', createdAt: message.createdAt + 5 },
    });
    assert.ok(first.ok && second.ok);
    assert.equal(first.duplicate, false);
    assert.equal(second.duplicate, true);
    assert.deepEqual(second.message, first.message);
    assert.equal(second.message.text, 'only once please');
    assert.deepEqual(await transcript(v, conv), [first.message]);
    v.close();
  });

  test('concurrent sends of one id, from one socket and from another tab, store once with one seq', async () => {
    const tab1 = await visitorA();
    const conv = await startConversation(tab1);
    await send(tab1, conv, 'before');
    const tab2 = await visitorA();
    assert.ok((await ask(tab2, 'visitor:hello', conv)).ok);
    const pushed1 = collect(tab1, 'message');
    const pushed2 = collect(tab2, 'message');

    const message = visitorMessage('sent by a flaky connection');
    const acks = await Promise.all([
      ...Array.from({ length: 4 }, () => ask(tab1, 'message:send', { ...conv, message })),
      ...Array.from({ length: 4 }, () => ask(tab2, 'message:send', { ...conv, message })),
    ]);
    const stored = acks.map((a) => (assert.ok(a.ok), a));
    assert.equal(stored.filter((a) => !a.duplicate).length, 1);
    assert.equal(stored.filter((a) => a.duplicate).length, 7);
    assert.deepEqual(new Set(stored.map((a) => a.message.seq)), new Set([2]));
    assert.deepEqual(
      (await transcript(tab1, conv)).map((m) => m.text),
      ['before', 'sent by a flaky connection'],
    );
    await sleep(50);
    // The live push happens once, not once per resend.
    assert.deepEqual(
      pushed1.map((m) => m.seq),
      [2],
    );
    assert.deepEqual(
      pushed2.map((m) => m.seq),
      [2],
    );
    closeAll(tab1, tab2);
  });

  test('message ids are per conversation: the same id in two conversations is two messages', async () => {
    const v = await visitorA();
    const one = await startConversation(v);
    const two = await startConversation(v);
    const message = visitorMessage('same id');
    const a = await ask(v, 'message:send', { ...one, message });
    const b = await ask(v, 'message:send', { ...two, message });
    assert.ok(a.ok && b.ok);
    assert.equal(a.duplicate, false);
    assert.equal(b.duplicate, false);
    assert.equal(b.message.conversationId, two.conversationId);
    v.close();
  });
});

describe('sequence numbers', () => {
  test('are 1..n without gaps; sync and hello with afterSeq return exactly the missing ones', async () => {
    const v = await visitorA();
    const conv = await startConversation(v);
    const sent: StoredMessage[] = [];
    for (let i = 1; i <= 10; i++) sent.push(await send(v, conv, `message ${i}`));
    assert.deepEqual(
      sent.map((m) => m.seq),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );

    const sync = await ask(v, 'conversation:sync', { ...conv, afterSeq: 4 });
    assert.ok(sync.ok);
    assert.deepEqual(sync.messages, sent.slice(4));
    assert.deepEqual(sync.conversation, { conversationId: conv.conversationId, status: 'bot', lastSeq: 10 });

    const hello = await ask(v, 'visitor:hello', { ...conv, afterSeq: 7 });
    assert.ok(hello.ok);
    assert.deepEqual(hello.messages, sent.slice(7));
    assert.equal(hello.conversation?.lastSeq, 10);

    for (const afterSeq of [10, 999]) {
      const none = await ask(v, 'conversation:sync', { ...conv, afterSeq });
      assert.ok(none.ok);
      assert.deepEqual(none.messages, []);
    }
    v.close();
  });

  test('concurrent sends from two tabs get distinct, contiguous seqs, pushed live to both tabs', async () => {
    const tab1 = await visitorA();
    const conv = await startConversation(tab1);
    const tab2 = await visitorA();
    assert.ok((await ask(tab2, 'visitor:hello', { ...conv, afterSeq: 0 })).ok);
    const live1 = collect(tab1, 'message');
    const live2 = collect(tab2, 'message');
    const all = nextEvent(tab2, 'message', (m) => m.seq === 20);

    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ask(i % 2 ? tab2 : tab1, 'message:send', { ...conv, message: visitorMessage(`tab ${(i % 2) + 1} #${i}`) }),
      ),
    );
    await all;
    const seqs = acks.map((a) => (assert.ok(a.ok), a.message.seq)).sort((x, y) => x - y);
    assert.deepEqual(
      seqs,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    await sleep(20);
    // Each tab sees every message once, in order: its own as well as the other tab's.
    assert.deepEqual(
      live1.map((m) => m.seq),
      seqs,
    );
    assert.deepEqual(
      live2.map((m) => m.seq),
      seqs,
    );
    closeAll(tab1, tab2);
  });

  test('a tab that was away catches up with exactly the messages it missed', async () => {
    const tab1 = await visitorA();
    const conv = await startConversation(tab1);
    await send(tab1, conv, 'one');
    await send(tab1, conv, 'two');
    let tab2: VisitorClient = await visitorA();
    const seen = await ask(tab2, 'visitor:hello', { ...conv, afterSeq: 0 });
    assert.ok(seen.ok);
    const lastSeen = seen.messages.at(-1)!.seq;
    tab2.close();

    await send(tab1, conv, 'three');
    await send(tab1, conv, 'four');

    tab2 = await visitorA();
    const caughtUp = await ask(tab2, 'visitor:hello', { ...conv, afterSeq: lastSeen });
    assert.ok(caughtUp.ok);
    assert.deepEqual(
      caughtUp.messages.map((m) => [m.seq, m.text]),
      [
        [3, 'three'],
        [4, 'four'],
      ],
    );
    // And is live again from then on.
    const live = nextEvent(tab2, 'message');
    await send(tab1, conv, 'five');
    assert.equal((await live).seq, 5);
    closeAll(tab1, tab2);
  });
});

describe('rate limit', () => {
  test('a flood on one conversation gets rate_limited acks and nothing beyond the limit is stored', async () => {
    const v = await visitorA();
    const started = performance.now();
    const conv = await startConversation(v);
    const flood = Array.from({ length: 100 }, (_, i) => visitorMessage(`flood ${i}`));
    const acks = await Promise.all(flood.map((message) => ask(v, 'message:send', { ...conv, message })));
    const { burst, windowMs } = DEFAULT_LIMITS.conversationMessages;
    const refill = Math.ceil(((performance.now() - started) / windowMs) * burst);
    const accepted = flood.filter((_, i) => acks[i]!.ok);
    const refused = acks.filter((a) => !a.ok);
    // The conversation's bucket (30, refilled over 30 s) runs out before the socket's (60 per 10 s).
    assert.ok(accepted.length >= burst && accepted.length <= burst + refill, `accepted ${accepted.length}, refill ${refill}`);
    assert.equal(accepted.length + refused.length, 100);
    for (const r of refused) assert.deepEqual(r, { ok: false, code: 'rate_limited', error: r.ok ? '' : r.error });
    for (const r of refused) assert.match(!r.ok ? r.error : '', /^too many messages/);

    const check = await visitorA();
    const stored = await transcript(check, conv);
    assert.deepEqual(
      stored.map((m) => m.id),
      accepted.map((m) => m.id),
    );
    assert.deepEqual(
      stored.map((m) => m.seq),
      accepted.map((_, i) => i + 1),
    );
    closeAll(v, check);
  });

  test('the socket limit is per socket and recovers with time', async () => {
    const v = await visitorA();
    const conv = await startConversation(v);
    await Promise.all(Array.from({ length: 70 }, () => ask(v, 'conversation:sync', { ...conv, afterSeq: 0 })));
    const limited = await ask(v, 'message:send', { ...conv, message: visitorMessage('now?') });
    assert.equal(!limited.ok && limited.code, 'rate_limited');
    // Another socket of the same visitor is not affected.
    const other = await visitorA();
    assert.ok((await ask(other, 'message:send', { ...conv, message: visitorMessage('other tab') })).ok);
    await sleep(400); // 6 tokens a second
    assert.ok((await ask(v, 'message:send', { ...conv, message: visitorMessage('later') })).ok);
    closeAll(v, other);
  });
});

describe('limits per client: reconnecting resets nothing', () => {
  let server: TestServer;
  before(async () => {
    // Small client limits, so a test needs few events to reach them; per-socket ones stay as shipped.
    server = await startTestServer({
      sites: [site('site-a', ['self']), site('site-b', ['self'])],
      limits: {
        clientMessages: { burst: 40, windowMs: 60_000 },
        clientConversations: { burst: 8, windowMs: 600_000 },
        clientConnections: { burst: 12, windowMs: 60_000 },
        clientSockets: 6,
      },
    });
  });
  after(() => server.cleanup());

  test('messages from one address over many sockets and conversations stop at the client limit; another address is not affected', async () => {
    const script = '203.0.113.7';
    let stored = 0;
    let refused = 0;
    for (let i = 0; i < 4; i++) {
      // A fresh socket each time: what a script does to reset a per-socket limit.
      const v = await connectVisitor(server.url, { siteKey: 'site-a', address: script });
      const conv = await startConversation(v);
      const acks = await Promise.all(
        Array.from({ length: 25 }, (_, k) => ask(v, 'message:send', { ...conv, message: visitorMessage(`spam ${i}.${k}`) })),
      );
      stored += acks.filter((a) => a.ok).length;
      refused += acks.filter((a) => !a.ok && a.code === 'rate_limited').length;
      v.close();
    }
    assert.ok(stored >= 40 && stored <= 42, `stored ${stored}`);
    assert.equal(stored + refused, 100);
    // Someone else, and the same address on another site, still chat normally.
    const office = await connectVisitor(server.url, { siteKey: 'site-a', address: '203.0.113.8' });
    await send(office, await startConversation(office), 'hello from next door');
    const otherSite = await connectVisitor(server.url, { siteKey: 'site-b', address: script });
    await send(otherSite, await startConversation(otherSite), 'hello from the same address, another site');
    closeAll(office, otherSite);
  });

  test('new conversations from one address are limited over all its sockets', async () => {
    const address = '203.0.113.20';
    let started = 0;
    for (let i = 0; i < 4; i++) {
      const v = await connectVisitor(server.url, { siteKey: 'site-a', address });
      for (let k = 0; k < 3; k++) if ((await ask(v, 'conversation:start', {})).ok) started++;
      v.close();
    }
    assert.equal(started, 8);
  });

  test('connections per address: a few sockets open at once, and new ones at a bounded rate; others connect', async () => {
    const address = '203.0.113.30';
    const open = [];
    for (let i = 0; i < 6; i++) open.push(await connectVisitor(server.url, { siteKey: 'site-a', address }));
    await assert.rejects(connectVisitor(server.url, { siteKey: 'site-a', address }));
    closeAll(...open);
    await sleep(100);
    // 12 new connections a minute: 6 were used, 1 refused; 6 more, then no more.
    for (let i = 0; i < 6; i++) (await connectVisitor(server.url, { siteKey: 'site-a', address })).close();
    await assert.rejects(connectVisitor(server.url, { siteKey: 'site-a', address }));
    closeAll(await connectVisitor(server.url, { siteKey: 'site-a', address: '203.0.113.31' }));
  });
});

describe('frames are budgeted before they are parsed', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sites: [site('site-a', ['self'])], limits: { socketBytes: { burst: 64 * 1024, windowMs: 60_000 } } });
  });
  after(() => server.cleanup());

  test('a socket that keeps sending after being refused is closed unread', async () => {
    const v = await connectVisitor(server.url, { siteKey: 'site-a' });
    const conv = await startConversation(v);
    const gone = disconnected(v);
    // rate_limited after 60; the connection is closed after twice that, without reading the rest.
    for (let i = 0; i < 200; i++) v.emit('conversation:sync', { ...conv, afterSeq: 0 }, () => undefined);
    assert.equal(await gone, 'transport close');
  });

  test('a socket that sends more bytes than its budget is closed unread', async () => {
    const v = await connectVisitor(server.url, { siteKey: 'site-a' });
    const conv = await startConversation(v);
    const gone = disconnected(v);
    const big = 'x'.repeat(3900);
    for (let i = 0; i < 20; i++) v.emit('message:send', { ...conv, message: visitorMessage(big) }, () => undefined);
    assert.equal(await gone, 'transport close');
    const check = await connectVisitor(server.url, { siteKey: 'site-a' });
    assert.ok((await transcript(check, conv)).length < 17);
    check.close();
  });

  test("the frame limit is what the protocol needs, not socket.io's megabyte", () => {
    assert.equal(DEFAULT_LIMITS.frameBytes, 384 * 1024);
  });
});

describe('the root namespace', () => {
  test('refuses connections: only /visitor and /staff carry anything', async () => {
    const server = await startTestServer({ sites: [site('site-a', ['self'])] });
    try {
      const root = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
      const outcome = await new Promise<string>((resolve) => {
        root.once('connect_error', (err) => resolve(err.message));
        root.once('connect', () => resolve('connected'));
      });
      root.close();
      assert.match(outcome, /no such namespace/);
    } finally {
      await server.cleanup();
    }
  });
});
