/**
 * Presence and capacity against the real server: a staff member at their maximum of open chats can
 * take no more and stops counting as available; away and offline are not available and everyone
 * sees it; someone who stays offline past the grace period has their chats returned to the queue
 * with nothing lost, and someone who comes back within it keeps them.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { StaffDirectoryEntry } from '../../src/protocol/messages.ts';
import {
  addStaff,
  ask,
  askRaw,
  closeAll,
  collect,
  connectStaff,
  connectVisitor,
  disconnected,
  handoffPacket,
  nextEvent,
  replyId,
  requestHandoff,
  send,
  signInStaff,
  site,
  sleep,
  startConversation,
  startTestServer,
  tempDir,
  transcript,
  type Conversation,
  type SignedInStaff,
  type StaffClient,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

const SITE_NAME = 'Brightwater Plumbing';
const plainSite = () => ({ ...site('demo-plumbing', ['self'], SITE_NAME), greeting: 'Hi!' });

async function signIn(server: TestServer, name: string, maxChats?: number): Promise<SignedInStaff> {
  const who = await addStaff(server, name);
  if (maxChats !== undefined) server.staff.setMaxChats(who.email, maxChats);
  return signInStaff(server.url, who);
}

interface Waiting {
  visitor: VisitorClient;
  conv: Conversation;
  ack: { staffOnline: number; position: number };
}

async function waiting(server: TestServer, text: string, reasons: string[] = []): Promise<Waiting> {
  const visitor = await connectVisitor(server.url);
  const conv = await startConversation(visitor);
  await send(visitor, conv, text);
  const ack = await requestHandoff(visitor, conv, { reasons });
  return { visitor, conv, ack };
}

async function directoryEntry(socket: StaffClient, id: number): Promise<StaffDirectoryEntry> {
  const list = await ask(socket, 'queue:list', {});
  assert.ok(list.ok);
  const entry = list.directory.find((d) => d.id === id);
  assert.ok(entry, `staff ${id} is in the directory`);
  return entry;
}

describe('capacity', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sites: [plainSite()] });
  });
  after(() => server.cleanup());

  test('at their maximum a staff member cannot claim another chat and stops being available; closing one frees them', async () => {
    const cap = await signIn(server, 'Cass Capacity', 1);
    const first = await waiting(server, 'first chat');
    const second = await waiting(server, 'second chat');
    try {
      assert.deepEqual(first.ack, { ok: true, staffOnline: 1, position: 1 });
      assert.deepEqual(second.ack, { ok: true, staffOnline: 1, position: 2 });

      const me = await ask(cap.socket, 'queue:list', {});
      assert.ok(me.ok);
      assert.deepEqual(me.me, { presence: 'online', maxChats: 1 });

      // The second visitor moves up, and is told nobody can take them now.
      const unavailable = nextEvent(second.visitor, 'conversation:status', (s) => s.status === 'queued' && s.queue?.available === false);
      const claim = await ask(cap.socket, 'conversation:claim', { conversationId: first.conv.conversationId });
      assert.ok(claim.ok);
      const status = await unavailable;
      assert.equal(status.queue?.position, 1);
      assert.deepEqual(await directoryEntry(cap.socket, cap.who.id), {
        id: cap.who.id,
        name: cap.who.name,
        presence: 'online',
        openChats: 1,
        maxChats: 1,
        teams: [],
      });

      assert.deepEqual(await ask(cap.socket, 'conversation:claim', { conversationId: second.conv.conversationId }), {
        ok: false,
        code: 'conflict',
        error: 'you already have 1 open chat, your maximum; close one first',
      });
      const sync = await ask(second.visitor, 'conversation:sync', { ...second.conv, afterSeq: 0 });
      assert.ok(sync.ok);
      assert.equal(sync.conversation.status, 'queued', 'the refused claim changed nothing');

      // A new handoff now finds nobody available.
      const third = await waiting(server, 'third chat');
      assert.deepEqual(third.ack, { ok: true, staffOnline: 0, position: 2 });
      // Signed in but at their limit: the visitor hears the team is busy, not that nobody is there.
      assert.match((await transcript(third.visitor, third.conv)).at(-1)!.text, new RegExp(`^Everyone at ${SITE_NAME} is busy right now`));
      third.visitor.close();

      // Closing the first chat makes room: the waiting visitor hears someone is available again.
      const available = nextEvent(second.visitor, 'conversation:status', (s) => s.queue?.available === true);
      assert.deepEqual(await ask(cap.socket, 'conversation:close', { conversationId: first.conv.conversationId, hadContext: true }), {
        ok: true,
      });
      await available;
      assert.ok((await ask(cap.socket, 'conversation:claim', { conversationId: second.conv.conversationId })).ok);
    } finally {
      closeAll(cap.socket, first.visitor, second.visitor);
    }
  });
});

describe('away and offline', () => {
  let server: TestServer;
  let ann: SignedInStaff;
  let ben: SignedInStaff;
  before(async () => {
    server = await startTestServer({ sites: [plainSite()] });
    ann = await signIn(server, 'Ann Away');
    ben = await signIn(server, 'Ben Watch');
  });
  after(async () => {
    closeAll(ann.socket, ben.socket);
    await server.cleanup();
  });

  test('away: not available, shown as away to everyone, and back again', async () => {
    const benAway = nextEvent(ann.socket, 'staff:presence', (p) => p.id === ben.who.id && p.presence === 'away');
    assert.deepEqual(await ask(ben.socket, 'presence:set', { status: 'away' }), { ok: true });
    await benAway;

    const seenByBen = nextEvent(ben.socket, 'staff:presence', (p) => p.id === ann.who.id);
    assert.deepEqual(await ask(ann.socket, 'presence:set', { status: 'away' }), { ok: true });
    assert.deepEqual(await seenByBen, { id: ann.who.id, name: ann.who.name, presence: 'away', openChats: 0, maxChats: 3, teams: [] });
    assert.equal((await directoryEntry(ben.socket, ann.who.id)).presence, 'away');
    const mine = await ask(ann.socket, 'queue:list', {});
    assert.ok(mine.ok);
    assert.deepEqual(mine.me, { presence: 'away', maxChats: 3 });

    // Away staff still see the queue, but nobody counts as available to the visitor.
    const added = nextEvent(ann.socket, 'queue:added');
    const w = await waiting(server, 'anyone there?');
    assert.deepEqual(w.ack, { ok: true, staffOnline: 0, position: 1 });
    assert.equal((await added).conversationId, w.conv.conversationId);
    const sync = await ask(w.visitor, 'conversation:sync', { ...w.conv, afterSeq: 0 });
    assert.ok(sync.ok);
    assert.equal(sync.conversation.queue?.available, false);

    const back = nextEvent(w.visitor, 'conversation:status', (s) => s.queue?.available === true);
    const backSeen = nextEvent(ben.socket, 'staff:presence', (p) => p.id === ann.who.id && p.presence === 'online');
    assert.deepEqual(await ask(ann.socket, 'presence:set', { status: 'online' }), { ok: true });
    await Promise.all([back, backSeen]);
    assert.deepEqual(await ask(ben.socket, 'presence:set', { status: 'online' }), { ok: true });

    const invalid = (await askRaw(ann.socket, 'presence:set', { status: 'offline' })) as { ok: boolean; code: string; error: string };
    assert.equal(invalid.code, 'invalid');
    assert.match(invalid.error, /^status: /);
    assert.equal((await directoryEntry(ben.socket, ann.who.id)).presence, 'online');
    w.visitor.close();
  });

  test('closing the last console: offline for everyone', async () => {
    const gone = nextEvent(ben.socket, 'staff:presence', (p) => p.id === ann.who.id && p.presence === 'offline');
    // A second console keeps Ann online when the first one closes.
    const phone = await connectStaff(server.url, { cookie: ann.cookie });
    const early = collect(ben.socket, 'staff:presence');
    ann.socket.close();
    await sleep(100);
    assert.equal(early.filter((p) => p.id === ann.who.id && p.presence === 'offline').length, 0, 'still online on the phone');
    assert.equal((await directoryEntry(ben.socket, ann.who.id)).presence, 'online');
    phone.close();
    await gone;
    assert.equal((await directoryEntry(ben.socket, ann.who.id)).presence, 'offline');
    const w = await waiting(server, 'hello?');
    assert.equal(w.ack.staffOnline, 1, 'only Ben is available');
    w.visitor.close();
  });
});

describe('grace period', () => {
  const GRACE_MS = 300;
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sites: [plainSite()], graceMs: GRACE_MS });
  });
  after(() => server.cleanup());

  test('offline past the grace period: the chat goes back to the queue, the visitor is told, others can take it, nothing is lost', async () => {
    const kim = await signIn(server, 'Kim Gone');
    const lee = await signIn(server, 'Lee Stays');
    const w = await waiting(server, 'My tap is dripping', ['frustration']);
    const claimed = await ask(kim.socket, 'conversation:claim', { conversationId: w.conv.conversationId });
    assert.ok(claimed.ok);
    assert.ok(
      (
        await ask(kim.socket, 'message:send', {
          conversationId: w.conv.conversationId,
          message: { id: replyId(), text: 'Which tap?', createdAt: Date.now() },
        })
      ).ok,
    );
    await send(w.visitor, w.conv, 'The kitchen one');
    const before = await transcript(w.visitor, w.conv);

    const statuses = collect(w.visitor, 'conversation:status');
    const requeued = nextEvent(w.visitor, 'conversation:status', (s) => s.status === 'queued', 3000);
    const line = nextEvent(w.visitor, 'message', (m) => m.role === 'system' && m.text.includes('lost their connection'), 3000);
    const added = nextEvent(lee.socket, 'queue:added', (s) => s.conversationId === w.conv.conversationId, 3000);
    const offline = nextEvent(lee.socket, 'staff:presence', (p) => p.id === kim.who.id && p.presence === 'offline');
    const leftAt = Date.now();
    kim.socket.close();
    await offline;
    await sleep(GRACE_MS / 3);
    assert.deepEqual(
      statuses.filter((s) => s.status !== 'active'),
      [],
      'still Kim’s chat within the grace period',
    );

    const status = await requeued;
    assert.ok(Date.now() - leftAt >= GRACE_MS - 20, `returned after ${Date.now() - leftAt} ms`);
    assert.equal(status.queue?.available, true);
    assert.equal(status.queue?.position, 1);
    assert.equal(status.staffName, undefined);
    assert.equal(
      (await line).text,
      `${kim.who.name} lost their connection. We are getting someone else from ${SITE_NAME}; they will see everything you have written.`,
    );
    const summary = await added;
    assert.equal(summary.status, 'queued');
    assert.equal(summary.assignedTo, undefined);
    assert.deepEqual(summary.reasons, ['frustration']);

    const after = await transcript(w.visitor, w.conv);
    assert.deepEqual(after.slice(0, before.length), before);
    assert.equal(after.length, before.length + 1);
    assert.deepEqual(
      after.map((m) => m.seq),
      after.map((_, i) => i + 1),
    );

    const take = await ask(lee.socket, 'conversation:claim', { conversationId: w.conv.conversationId });
    assert.ok(take.ok, JSON.stringify(take));
    assert.deepEqual(take.detail.messages.slice(0, after.length), after);
    assert.deepEqual(take.detail.packet, handoffPacket(['frustration']));

    // Kim comes back later: the chat is no longer theirs.
    const kimAgain = await connectStaff(server.url, { cookie: kim.cookie });
    const list = await ask(kimAgain, 'queue:list', {});
    assert.ok(list.ok);
    assert.deepEqual(list.mine, []);
    const late = await ask(kimAgain, 'message:send', {
      conversationId: w.conv.conversationId,
      message: { id: replyId(), text: 'Back!', createdAt: Date.now() },
    });
    assert.deepEqual(late, { ok: false, code: 'unauthorised', error: 'this chat is not assigned to you' });
    closeAll(kimAgain, lee.socket, w.visitor);
  });

  test('back within the grace period: the chat stays theirs and nothing reaches the visitor', async () => {
    const max = await signIn(server, 'Max Blip');
    const w = await waiting(server, 'Is anyone there?');
    assert.ok((await ask(max.socket, 'conversation:claim', { conversationId: w.conv.conversationId })).ok);
    const statuses = collect(w.visitor, 'conversation:status');
    const messages = collect(w.visitor, 'message');
    max.socket.close();
    await disconnected(max.socket).catch(() => undefined);
    await sleep(GRACE_MS / 4);
    const phone = await connectStaff(server.url, { cookie: max.cookie });
    await sleep(GRACE_MS * 2);

    assert.deepEqual(statuses, []);
    assert.deepEqual(messages, []);
    const list = await ask(phone, 'queue:list', {});
    assert.ok(list.ok);
    assert.deepEqual(
      list.mine.map((s) => s.conversationId),
      [w.conv.conversationId],
    );
    assert.equal(list.me.presence, 'online');
    // Still live both ways on the new console.
    const fromVisitor = nextEvent(phone, 'message', (m) => m.role === 'visitor');
    await send(w.visitor, w.conv, 'Hello?');
    assert.equal((await fromVisitor).text, 'Hello?');
    const reply = nextEvent(w.visitor, 'message', (m) => m.role === 'staff');
    assert.ok(
      (
        await ask(phone, 'message:send', {
          conversationId: w.conv.conversationId,
          message: { id: replyId(), text: 'Still here', createdAt: Date.now() },
        })
      ).ok,
    );
    assert.equal((await reply).authorName, max.who.name);
    closeAll(phone, w.visitor);
  });
});

describe('grace period across a server restart', () => {
  test('a staff member who does not come back after a restart has their chats returned to the queue', async () => {
    const GRACE_MS = 300;
    const dataDir = await tempDir();
    try {
      const first = await startTestServer({ sites: [plainSite()], dataDir, graceMs: GRACE_MS });
      const gone = await signIn(first, 'Nia Never-back');
      const stays = await signIn(first, 'Ola Other-chat');
      const w = await waiting(first, 'Leak under the sink');
      const kept = await waiting(first, 'Dripping shower');
      assert.ok((await ask(gone.socket, 'conversation:claim', { conversationId: w.conv.conversationId })).ok);
      assert.ok((await ask(stays.socket, 'conversation:claim', { conversationId: kept.conv.conversationId })).ok);
      const before = await transcript(w.visitor, w.conv);
      closeAll(gone.socket, stays.socket, w.visitor, kept.visitor);
      await first.close();

      const second = await startTestServer({ sites: [plainSite()], dataDir, graceMs: GRACE_MS });
      try {
        // Ola reconnects at once; Nia never does.
        const olaBack = await connectStaff(second.url, { cookie: stays.cookie });
        const visitor = await connectVisitor(second.url);
        const hello = await ask(visitor, 'visitor:hello', { ...w.conv, afterSeq: 0 });
        assert.ok(hello.ok);
        assert.equal(hello.conversation?.status, 'active');
        const requeued = nextEvent(visitor, 'conversation:status', (s) => s.status === 'queued', 3000);
        const added = nextEvent(olaBack, 'queue:added', (s) => s.conversationId === w.conv.conversationId, 3000);
        const status = await requeued;
        assert.equal(status.queue?.available, true);
        await added;
        const after = await transcript(visitor, w.conv);
        assert.deepEqual(after.slice(0, before.length), before);
        assert.match(after.at(-1)!.text, /^Nia Never-back lost their connection\./);
        // Ola came back within the grace period: her chat is still hers.
        await sleep(GRACE_MS);
        const list = await ask(olaBack, 'queue:list', {});
        assert.ok(list.ok);
        assert.deepEqual(
          list.mine.map((s) => s.conversationId),
          [kept.conv.conversationId],
        );
        closeAll(olaBack, visitor);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
