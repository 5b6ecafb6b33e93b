/**
 * The queue under load: one client cannot fill it, a queue change costs what changed (only visitors
 * whose place moved are told), and a hand-off stores only what the server lacks, within the limits.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConversationState } from '../../src/protocol/messages.ts';
import { DEFAULT_LIMITS } from '../../src/server/limits.ts';
import {
  addStaff,
  ask,
  closeAll,
  collect,
  connectVisitor,
  requestHandoff,
  signInStaff,
  site,
  sleep,
  startConversation,
  startTestServer,
  transcript,
  visitorMessage,
  handoffId,
  pageContext,
  type Conversation,
  type SignedInStaff,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

let server: TestServer;
let sam: SignedInStaff;
const log: string[] = [];
before(async () => {
  server = await startTestServer({ sites: [site('shop', ['self'], 'Shop')], log: (line) => log.push(line) });
  sam = await signInStaff(server.url, await addStaff(server, 'Sam Queue'));
});
after(async () => {
  closeAll(sam.socket);
  await server.cleanup();
});

describe('one client cannot fill the queue', () => {
  test('twenty sockets from one address queue only a handful of chats; the rest are told to wait; others still queue', async () => {
    const address = '203.0.113.50';
    const sockets: VisitorClient[] = [];
    const acks = [];
    for (let i = 0; i < 20; i++) {
      const v = await connectVisitor(server.url, { siteKey: 'shop', address });
      sockets.push(v);
      const conv = await startConversation(v);
      acks.push(
        await ask(v, 'handoff:request', {
          ...conv,
          id: handoffId(),
          reason: 'visitor_asked',
          context: pageContext(),
          transcript: [visitorMessage(`help ${i}`)],
        }),
      );
    }
    const queued = acks.filter((a) => a.ok).length;
    assert.equal(queued, DEFAULT_LIMITS.clientQueued);
    // The refusal is logged with its reason and what to tune, once however often it happens.
    const refusals = log.filter((l) => l.includes('refused a hand-off from shop@203.0.113.50'));
    assert.equal(refusals.length, 1);
    assert.match(refusals[0]!, /6 of its chats are waiting already \(BATON_LIMIT_CLIENT_QUEUED\)/);
    for (const a of acks.filter((x) => !x.ok)) assert.equal(!a.ok && a.code, 'rate_limited');
    const neighbour = await connectVisitor(server.url, { siteKey: 'shop', address: '203.0.113.51' });
    await requestHandoff(neighbour, await startConversation(neighbour));
    const list = await ask(sam.socket, 'queue:list', {});
    assert.ok(list.ok);
    assert.equal(list.queue.length, DEFAULT_LIMITS.clientQueued + 1);
    // Once one of its chats is taken, the client may queue one more (the widget retries on its own).
    assert.ok((await ask(sam.socket, 'conversation:claim', { conversationId: list.queue[0]!.conversationId })).ok);
    closeAll(...sockets, neighbour);
    // Leave the queue empty for the next test.
    const rest = await ask(sam.socket, 'queue:list', {});
    assert.ok(rest.ok);
    for (const s of [...rest.queue, ...rest.mine]) {
      await ask(sam.socket, 'conversation:claim', { conversationId: s.conversationId });
      await ask(sam.socket, 'conversation:close', { conversationId: s.conversationId });
    }
  });
});

describe('a queue change costs what changed', () => {
  test('with 40 chats waiting, a new one at the end and taking the last tell nobody else; taking the first tells each of the others once', async () => {
    await ask(sam.socket, 'presence:set', { status: 'online' });
    const waiting: { v: VisitorClient; conv: Conversation; seen: ConversationState[] }[] = [];
    for (let i = 0; i < 40; i++) {
      const v = await connectVisitor(server.url, { siteKey: 'shop' });
      const conv = await startConversation(v);
      await requestHandoff(v, conv);
      waiting.push({ v, conv, seen: [] });
    }
    await sleep(100);
    for (const w of waiting) w.seen = collect(w.v, 'conversation:status');
    const told = () => waiting.reduce((n, w) => n + w.seen.length, 0);

    const late = await connectVisitor(server.url, { siteKey: 'shop' });
    const lateConv = await startConversation(late);
    const ack = await requestHandoff(late, lateConv);
    assert.equal(ack.position, 41);
    await sleep(100);
    assert.equal(told(), 0, 'a chat joining at the end moves nobody');

    // Sam takes the newest (last in line): nobody moves. Each claim makes Sam busier, so make room.
    const list = await ask(sam.socket, 'queue:list', {});
    assert.ok(list.ok && list.me.maxChats >= 2);
    assert.ok((await ask(sam.socket, 'conversation:claim', { conversationId: lateConv.conversationId })).ok);
    await sleep(100);
    assert.equal(told(), 0, 'taking the last chat moves nobody');

    // Taking the first moves everyone behind it up by one, and each is told exactly that.
    assert.ok((await ask(sam.socket, 'conversation:claim', { conversationId: waiting[0]!.conv.conversationId })).ok);
    await sleep(150);
    for (const [i, w] of waiting.slice(1).entries()) {
      assert.equal(w.seen.length, 1, `visitor ${i + 2} told ${w.seen.length} times`);
      assert.equal(w.seen[0]!.queue?.position, i + 1);
    }
    closeAll(late, ...waiting.map((w) => w.v));
  });
});

describe('refused hand-offs are logged with their reason', () => {
  test('a hand-off of a closed chat is refused, and the log says why', async () => {
    const v = await connectVisitor(server.url, { siteKey: 'shop', address: '203.0.113.77' });
    const conv = await startConversation(v);
    await requestHandoff(v, conv);
    assert.ok((await ask(sam.socket, 'conversation:claim', { conversationId: conv.conversationId })).ok);
    assert.ok((await ask(sam.socket, 'conversation:close', { conversationId: conv.conversationId })).ok);
    log.length = 0;
    const res = await ask(v, 'handoff:request', {
      ...conv,
      id: handoffId(),
      reason: 'visitor_asked',
      context: pageContext(),
      transcript: [],
    });
    assert.equal(!res.ok && res.code, 'closed');
    assert.ok(
      log.some((l) => /refused handoff:request from shop@203\.0\.113\.77: closed: this conversation was closed/.test(l)),
      log.join(' | '),
    );
    v.close();
  });
});

describe('a hand-off stores only what the server lacks', () => {
  test('a repeated hand-off of a waiting chat stores nothing, whatever transcript it carries', async () => {
    const v = await connectVisitor(server.url, { siteKey: 'shop' });
    const conv = await startConversation(v);
    await requestHandoff(v, conv, { transcript: [visitorMessage('first'), visitorMessage('second')] });
    const before = await transcript(v, conv);
    assert.deepEqual(
      before.map((m) => m.role),
      ['visitor', 'visitor', 'system'],
    );
    for (let i = 0; i < 3; i++) {
      const flood = Array.from({ length: 300 }, (_, k) => visitorMessage(`new ${i}.${k}`));
      const started = performance.now();
      const ack = await ask(v, 'handoff:request', {
        ...conv,
        id: handoffId(),
        reason: 'visitor_asked',
        context: pageContext(),
        transcript: flood,
      });
      assert.ok(ack.ok);
      assert.ok(performance.now() - started < 500, 'cheap');
    }
    assert.deepEqual(await transcript(v, conv), before);
    v.close();
  });

  test('a first hand-off stores the missing messages only within the message limit, newest kept, in order', async () => {
    const v = await connectVisitor(server.url, { siteKey: 'shop' });
    const conv = await startConversation(v);
    const flood = Array.from({ length: 300 }, (_, k) => visitorMessage(`line ${k}`));
    await requestHandoff(v, conv, { transcript: flood });
    const stored = (await transcript(v, conv)).filter((m) => m.role === 'visitor');
    const budget = DEFAULT_LIMITS.conversationMessages.burst;
    assert.ok(stored.length >= budget && stored.length <= budget + 2, `stored ${stored.length}`);
    assert.deepEqual(
      stored.map((m) => m.text),
      flood.slice(300 - stored.length).map((m) => m.text),
    );
    v.close();
  });
});
