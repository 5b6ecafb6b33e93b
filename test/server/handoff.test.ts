/** From "Talk to a person" to a staff member's reply: queue, contact, concurrent claim, live chat, close. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { HandoffSummary } from '../../src/protocol/messages.ts';
import {
  addStaff,
  ask,
  closeAll,
  collect,
  connectStaff,
  connectVisitor,
  handoffId,
  loginCookie,
  nextEvent,
  pageContext,
  send,
  site,
  sleep,
  startConversation,
  startTestServer,
  transcript,
  visitorMessage,
  type Conversation,
  type StaffClient,
  type TestServer,
  type TestStaff,
  type VisitorClient,
} from '../support/server.ts';

const SITE_NAME = 'Brightwater Plumbing';

let server: TestServer;
before(async () => {
  // The core loop on a plain site: no teams, no opening hours (routing has its own tests).
  server = await startTestServer({ sites: [{ ...site('demo-plumbing', ['self'], SITE_NAME), greeting: 'Hi!' }] });
});
after(() => server.cleanup());

/** A visitor with two messages already stored, and a transcript that repeats them and adds two more. */
async function visitorWithTranscript(): Promise<{
  visitor: VisitorClient;
  conv: Conversation;
  transcript: ReturnType<typeof visitorMessage>[];
}> {
  const visitor = await connectVisitor(server.url);
  const conv = await startConversation(visitor);
  // The site's greeting (the assistant's own line), then the visitor's first message.
  const stored = [visitorMessage('Hi!', { role: 'assistant' }), visitorMessage('My boiler is making a banging noise')];
  for (const message of stored) assert.ok((await ask(visitor, 'message:send', { ...conv, message })).ok);
  // Two more the widget had not delivered yet (offline, say), in the visitor's order.
  const pending = [visitorMessage('Also the radiator upstairs is cold'), visitorMessage('Can someone come today?')];
  return { visitor, conv, transcript: [...stored, ...pending] };
}

describe('handoff with no staff online', () => {
  test('stores the missing transcript once, in order, tells the visitor no one is online, and keeps their contact', async () => {
    const { visitor, conv, transcript: full } = await visitorWithTranscript();
    const status = nextEvent(visitor, 'conversation:status');
    const id = handoffId();
    const ack = await ask(visitor, 'handoff:request', { ...conv, id, reason: 'visitor_asked', context: pageContext(), transcript: full });
    assert.deepEqual(ack, { ok: true, staffOnline: 0, position: 1 });
    assert.equal((await status).status, 'queued');

    const stored = await transcript(visitor, conv);
    assert.deepEqual(
      stored.map((m) => m.seq),
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(
      stored.slice(0, 4).map((m) => m.id),
      full.map((m) => m.id),
    );
    assert.deepEqual(
      stored.slice(0, 4).map((m) => m.role),
      ['assistant', 'visitor', 'visitor', 'visitor'],
    );
    assert.equal(stored[4]!.role, 'system');
    assert.match(stored[4]!.text, new RegExp(`^No one from ${SITE_NAME} is online right now\\. Leave your email or phone number`));

    // The widget retries the request (no ack seen): nothing is stored twice, no second system line.
    const retry = await ask(visitor, 'handoff:request', { ...conv, id, reason: 'visitor_asked', context: pageContext(), transcript: full });
    assert.deepEqual(retry, { ok: true, staffOnline: 0, position: 1 });
    const again = await ask(visitor, 'handoff:request', {
      ...conv,
      id: handoffId(),
      reason: 'visitor_asked',
      context: pageContext(),
      transcript: full,
    });
    assert.ok(again.ok);
    assert.equal((await transcript(visitor, conv)).length, 5);

    const contactId = `contact-${randomBytes(6).toString('hex')}`;
    const contact = {
      ...conv,
      id: contactId,
      contact: { name: 'Pat', email: 'pat@example.com', phone: '+44 20 7946 0000' },
      message: 'Any time after 3pm',
    };
    assert.deepEqual(await ask(visitor, 'contact:leave', contact), { ok: true });
    assert.deepEqual(await ask(visitor, 'contact:leave', contact), { ok: true });
    const withContact = await transcript(visitor, conv);
    assert.equal(withContact.length, 6);
    assert.equal(
      withContact[5]!.text,
      `Thanks. ${SITE_NAME} will get back to you at pat@example.com or +44 20 7946 0000. Your message: Any time after 3pm`,
    );

    // The first staff member to sign in finds it in the queue with everything they need.
    const sam = await addStaff(server, 'Sam Later');
    const staff = await connectStaff(server.url, { cookie: await loginCookie(server.url, sam) });
    const list = await ask(staff, 'queue:list', {});
    assert.ok(list.ok);
    const summary = list.queue.find((s) => s.conversationId === conv.conversationId);
    assert.ok(summary, 'queued conversation is listed');
    assert.deepEqual({ ...summary, requestedAt: 0 }, {
      conversationId: conv.conversationId,
      siteKey: 'demo-plumbing',
      siteName: SITE_NAME,
      reason: 'visitor_asked',
      reasons: ['visitor_asked'],
      urgency: 17,
      team: { id: 'everyone', name: SITE_NAME },
      status: 'queued',
      requestedAt: 0,
      firstLine: 'My boiler is making a banging noise',
      // No triage flag and no packet: the latest visitor line is what they asked for a person on.
      triggerLine: 'Can someone come today?',
      messageCount: 6,
      context: pageContext(),
      contact: { name: 'Pat', email: 'pat@example.com', phone: '+44 20 7946 0000' },
      contactMessage: 'Any time after 3pm',
    } satisfies HandoffSummary);
    assert.ok(Math.abs(summary.requestedAt - Date.now()) < 10_000);

    // It can be claimed later, and the whole transcript is there.
    const claim = await ask(staff, 'conversation:claim', { conversationId: conv.conversationId });
    assert.ok(claim.ok);
    assert.deepEqual(claim.detail.messages.slice(0, 6), withContact);
    closeAll(visitor, staff);
  });
});

describe('handoff with staff online', () => {
  let alice: TestStaff;
  let bob: TestStaff;
  let aliceSocket: StaffClient;
  let bobSocket: StaffClient;
  let visitor: VisitorClient;
  let conv: Conversation;
  let full: ReturnType<typeof visitorMessage>[];

  before(async () => {
    alice = await addStaff(server, 'Alice Online');
    bob = await addStaff(server, 'Bob Online');
    aliceSocket = await connectStaff(server.url, { cookie: await loginCookie(server.url, alice) });
    bobSocket = await connectStaff(server.url, { cookie: await loginCookie(server.url, bob) });
    ({ visitor, conv, transcript: full } = await visitorWithTranscript());
  });
  after(() => closeAll(aliceSocket, bobSocket, visitor));

  test('every online staff console gets queue:added at once', async () => {
    const toAlice = nextEvent(aliceSocket, 'queue:added', (s) => s.conversationId === conv.conversationId);
    const toBob = nextEvent(bobSocket, 'queue:added', (s) => s.conversationId === conv.conversationId);
    const started = performance.now();
    const ack = await ask(visitor, 'handoff:request', {
      ...conv,
      id: handoffId(),
      reason: 'visitor_asked',
      context: pageContext({ url: 'http://localhost/boilers' }),
      transcript: full,
    });
    // Staff from earlier tests may still be finishing their disconnects, so at least these two count.
    assert.ok(ack.ok && ack.staffOnline >= 2 && ack.position >= 1, JSON.stringify(ack));
    const [a, b] = await Promise.all([toAlice, toBob]);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `queue:added after ${elapsed.toFixed(0)} ms`);
    assert.deepEqual(a, b);
    assert.equal(a.status, 'queued');
    assert.equal(a.context.url, 'http://localhost/boilers');
    assert.equal(a.firstLine, 'My boiler is making a banging noise');
    assert.equal(a.messageCount, 5);
    const stored = await transcript(visitor, conv);
    assert.match(stored.at(-1)!.text, new RegExp(`^Getting a person from ${SITE_NAME} for you`));
  });

  test('queued messages update the queue; a queued chat can be previewed but not answered', async () => {
    const updated = nextEvent(aliceSocket, 'queue:updated', (s) => s.conversationId === conv.conversationId && s.messageCount === 6);
    await send(visitor, conv, 'Hello? Anyone there?');
    assert.equal((await updated).messageCount, 6);
    const preview = await ask(bobSocket, 'conversation:open', { conversationId: conv.conversationId });
    assert.ok(preview.ok);
    assert.equal(preview.detail.messages.length, 6);
    const reply = await ask(bobSocket, 'message:send', {
      conversationId: conv.conversationId,
      message: { id: `reply-${randomBytes(6).toString('hex')}`, text: 'too early', createdAt: Date.now() },
    });
    assert.deepEqual(reply, { ok: false, code: 'unauthorised', error: 'this chat is not assigned to you' });
  });

  test('two staff claim at the same moment: exactly one wins, the other is told who', async () => {
    const removedA = nextEvent(aliceSocket, 'queue:removed', (p) => p.conversationId === conv.conversationId);
    const removedB = nextEvent(bobSocket, 'queue:removed', (p) => p.conversationId === conv.conversationId);
    const visitorStatus = nextEvent(visitor, 'conversation:status', (s) => s.status === 'active');
    const joined = nextEvent(visitor, 'message', (m) => m.role === 'system');
    const removedEvents = collect(aliceSocket, 'queue:removed');

    const [ackA, ackB] = await Promise.all([
      ask(aliceSocket, 'conversation:claim', { conversationId: conv.conversationId }),
      ask(bobSocket, 'conversation:claim', { conversationId: conv.conversationId }),
    ]);
    const winners = [ackA, ackB].filter((a) => a.ok);
    assert.equal(winners.length, 1, JSON.stringify([ackA, ackB]));
    const [winner, loser, winnerAck, loserAck] = ackA.ok ? [alice, bob, ackA, ackB] : [bob, alice, ackB, ackA];
    assert.deepEqual(loserAck, { ok: false, code: 'conflict', error: `${winner.name} already took this chat` });
    assert.ok(winnerAck.ok);
    assert.equal(winnerAck.detail.summary.status, 'active');
    assert.deepEqual(winnerAck.detail.summary.assignedTo, { id: winner.id, name: winner.name });
    assert.deepEqual(
      winnerAck.detail.messages.map((m) => m.seq),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(winnerAck.detail.messages.at(-1)!.text, `${winner.name} from ${SITE_NAME} joined the chat.`);

    for (const removed of [await removedA, await removedB])
      assert.deepEqual(removed, { conversationId: conv.conversationId, claimedBy: { id: winner.id, name: winner.name } });
    const status = await visitorStatus;
    assert.deepEqual(status, { conversationId: conv.conversationId, status: 'active', staffName: winner.name, lastSeq: 7 });
    assert.equal((await joined).text, `${winner.name} from ${SITE_NAME} joined the chat.`);
    await sleep(30);
    assert.equal(removedEvents.length, 1, 'queue:removed is sent once');

    const winnerSocket = winner === alice ? aliceSocket : bobSocket;
    const loserSocket = winner === alice ? bobSocket : aliceSocket;
    const lists = await Promise.all([ask(winnerSocket, 'queue:list', {}), ask(loserSocket, 'queue:list', {})]);
    assert.ok(lists[0].ok && lists[1].ok);
    assert.ok(!lists[0].queue.some((s) => s.conversationId === conv.conversationId));
    assert.ok(!lists[1].queue.some((s) => s.conversationId === conv.conversationId));
    assert.deepEqual(
      lists[0].mine.map((s) => s.conversationId),
      [conv.conversationId],
    );
    assert.deepEqual(lists[1].mine, []);
    // The loser can no longer open it; the winner claiming again just gets the chat back.
    assert.equal((await ask(loserSocket, 'conversation:open', { conversationId: conv.conversationId })).ok, false);
    const reclaim = await ask(winnerSocket, 'conversation:claim', { conversationId: conv.conversationId });
    assert.ok(reclaim.ok);
    assert.equal(reclaim.detail.messages.length, 7);
    void loser;
  });

  test('replies reach the visitor live, visitor messages reach the staff member, typing goes both ways', async () => {
    const [winnerSocket, loserSocket, winner] = await whoHasIt();
    const loserSees = collect(loserSocket, 'message');
    const loserTyping = collect(loserSocket, 'typing');

    const reply = nextEvent(visitor, 'message', (m) => m.role === 'staff');
    const sent = await ask(winnerSocket, 'message:send', {
      conversationId: conv.conversationId,
      message: { id: `reply-${randomBytes(6).toString('hex')}`, text: 'On my way at 4pm.', createdAt: Date.now() },
    });
    assert.ok(sent.ok);
    const got = await reply;
    assert.deepEqual(got, sent.message);
    assert.equal(got.authorName, winner.name);
    assert.equal(got.seq, 8);

    const fromVisitor = nextEvent(winnerSocket, 'message', (m) => m.role === 'visitor');
    const sentByVisitor = await send(visitor, conv, 'Great, thanks!');
    assert.deepEqual(await fromVisitor, sentByVisitor);

    const staffTyping = nextEvent(winnerSocket, 'typing');
    visitor.emit('typing', { ...conv, typing: true });
    assert.deepEqual(await staffTyping, { conversationId: conv.conversationId, typing: true });
    const visitorTyping = nextEvent(visitor, 'typing');
    winnerSocket.emit('typing', { conversationId: conv.conversationId, typing: true });
    assert.deepEqual(await visitorTyping, { conversationId: conv.conversationId, name: winner.name, typing: true });
    // The other staff member cannot type into it, nor can a stranger without the token.
    const noTyping = collect(visitor, 'typing');
    const staffTypingSeen = collect(winnerSocket, 'typing');
    loserSocket.emit('typing', { conversationId: conv.conversationId, typing: true });
    const stranger = await connectVisitor(server.url);
    const strangerConv = await startConversation(stranger);
    stranger.emit('typing', { conversationId: conv.conversationId, token: strangerConv.token, typing: true });
    await sleep(50);
    stranger.close();
    assert.deepEqual(noTyping, []);
    assert.deepEqual(staffTypingSeen, []);
    assert.deepEqual(loserSees, []);
    assert.deepEqual(loserTyping, []);
  });

  test('a reconnecting staff member gets their open chat back, live', async () => {
    const [winnerSocket, , winner] = await whoHasIt();
    const cookie = await loginCookie(server.url, winner);
    const phone = await connectStaff(server.url, { cookie });
    const list = await ask(phone, 'queue:list', {});
    assert.ok(list.ok);
    assert.deepEqual(
      list.mine.map((s) => s.conversationId),
      [conv.conversationId],
    );
    const open = await ask(phone, 'conversation:open', { conversationId: conv.conversationId, afterSeq: 7 });
    assert.ok(open.ok);
    assert.deepEqual(
      open.detail.messages.map((m) => m.seq),
      [8, 9],
    );
    const live = nextEvent(phone, 'message');
    await send(visitor, conv, 'One more thing');
    assert.equal((await live).seq, 10);
    phone.close();
    void winnerSocket;
  });

  test('closing: the visitor sees it closed, cannot send into it, and can start again', async () => {
    const [winnerSocket, loserSocket] = await whoHasIt();
    assert.deepEqual(await ask(loserSocket, 'conversation:close', { conversationId: conv.conversationId }), {
      ok: false,
      code: 'unauthorised',
      error: 'this chat is not assigned to you',
    });
    const closed = nextEvent(visitor, 'conversation:status', (s) => s.status === 'closed');
    const lastBefore = (await transcript(visitor, conv)).at(-1)!;
    assert.deepEqual(await ask(winnerSocket, 'conversation:close', { conversationId: conv.conversationId }), { ok: true });
    assert.equal((await closed).conversationId, conv.conversationId);
    assert.deepEqual(await ask(winnerSocket, 'conversation:close', { conversationId: conv.conversationId }), { ok: true });

    const after = await ask(visitor, 'message:send', { ...conv, message: visitorMessage('Wait, one more question') });
    assert.deepEqual(after, { ok: false, code: 'closed', error: 'this conversation was closed; start a new one' });
    const handoff = await ask(visitor, 'handoff:request', {
      ...conv,
      id: handoffId(),
      reason: 'visitor_asked',
      context: pageContext(),
      transcript: [],
    });
    assert.equal(!handoff.ok && handoff.code, 'closed');
    // A resend of something stored before the close still gets its original ack.
    const resend = await ask(visitor, 'message:send', {
      ...conv,
      message: { id: lastBefore.id, role: 'visitor', text: lastBefore.text, createdAt: lastBefore.createdAt },
    });
    assert.ok(resend.ok);
    assert.equal(resend.duplicate, true);
    assert.equal(resend.message.seq, lastBefore.seq);

    const reply = await ask(winnerSocket, 'message:send', {
      conversationId: conv.conversationId,
      message: { id: `reply-${randomBytes(6).toString('hex')}`, text: 'late', createdAt: Date.now() },
    });
    assert.equal(!reply.ok && reply.code, 'closed');
    const final = await transcript(visitor, conv);
    assert.equal(final.length, lastBefore.seq + 1);
    assert.equal(final.at(-1)!.role, 'system');
    assert.match(final.at(-1)!.text, /closed the chat\.$/);

    const fresh = await startConversation(visitor);
    assert.notEqual(fresh.conversationId, conv.conversationId);
    const hello = await ask(visitor, 'visitor:hello', fresh);
    assert.ok(hello.ok);
    assert.deepEqual(hello.conversation, { conversationId: fresh.conversationId, status: 'bot', lastSeq: 0 });
  });

  async function whoHasIt(): Promise<[StaffClient, StaffClient, TestStaff]> {
    const list = await ask(aliceSocket, 'queue:list', {});
    assert.ok(list.ok);
    return list.mine.some((s) => s.conversationId === conv.conversationId)
      ? [aliceSocket, bobSocket, alice]
      : [bobSocket, aliceSocket, bob];
  }
});

describe('claims across many chats', () => {
  test('staff racing over several queued chats: each chat has exactly one owner', async () => {
    const staff = await Promise.all(['Cy Race', 'Di Race', 'Ed Race'].map((n) => addStaff(server, n)));
    // Capacity is not what this test is about: let anyone hold every chat.
    for (const s of staff) server.staff.setMaxChats(s.email, 10);
    const sockets = await Promise.all(staff.map(async (s) => connectStaff(server.url, { cookie: await loginCookie(server.url, s) })));
    const visitors: VisitorClient[] = [];
    const convs: Conversation[] = [];
    for (let i = 0; i < 4; i++) {
      const v = await connectVisitor(server.url);
      const c = await startConversation(v);
      const ack = await ask(v, 'handoff:request', {
        ...c,
        id: handoffId(),
        reason: 'visitor_asked',
        context: pageContext(),
        transcript: [visitorMessage(`chat ${i}`)],
      });
      assert.ok(ack.ok);
      visitors.push(v);
      convs.push(c);
    }
    const attempts = convs.flatMap((c) =>
      sockets.map((s, who) => ask(s, 'conversation:claim', { conversationId: c.conversationId }).then((r) => ({ c, who, r }))),
    );
    const results = await Promise.all(attempts);
    for (const c of convs) {
      const forChat = results.filter((x) => x.c === c);
      const won = forChat.filter((x) => x.r.ok);
      assert.equal(won.length, 1, `chat ${c.conversationId}`);
      const winnerName = staff[won[0]!.who]!.name;
      for (const lost of forChat.filter((x) => !x.r.ok))
        assert.deepEqual(lost.r, { ok: false, code: 'conflict', error: `${winnerName} already took this chat` });
      // Exactly one join line in the transcript.
      const joins = (await transcript(visitors[convs.indexOf(c)]!, c)).filter(
        (m) => m.role === 'system' && m.text.endsWith('joined the chat.'),
      );
      assert.deepEqual(
        joins.map((m) => m.text),
        [`${winnerName} from ${SITE_NAME} joined the chat.`],
      );
    }
    closeAll(...sockets, ...visitors);
  });
});
