/**
 * Transfers and release against the real server, with the demo site's teams: to a team (back to
 * the queue with a staff-only note), to a person (theirs at once), never to someone at their
 * maximum, and back to the assistant. The visitor is told each time and never sees a note.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StoredMessage } from '../../src/protocol/messages.ts';
import {
  addStaff,
  addStaffWithEmail,
  ask,
  askRaw,
  closeAll,
  collect,
  connectStaff,
  connectVisitor,
  DEMO_TEAM_EMAILS,
  demoTeamsSite,
  loginCookie,
  nextEvent,
  replyId,
  requestHandoff,
  send,
  signInStaff,
  sleep,
  startConversation,
  startTestServer,
  transcript,
  type Conversation,
  type SignedInStaff,
  type StaffClient,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

const NOTE = 'Wants the senior discount; address already confirmed';
const NOTE2 = 'Unhappy about the last visit, asked for the owner';

let server: TestServer;
let desk: SignedInStaff;
let billing: SignedInStaff;
let owner: SignedInStaff;
let dispatch: SignedInStaff;
let visitor: VisitorClient;
let conv: Conversation;
/** Every message the visitor's socket received. */
let visitorSaw: StoredMessage[];

async function member(email: string, name: string): Promise<SignedInStaff> {
  return signInStaff(server.url, await addStaffWithEmail(server, email, name));
}

const reply = (socket: StaffClient, text: string) =>
  ask(socket, 'message:send', { conversationId: conv.conversationId, message: { id: replyId(), text, createdAt: Date.now() } });

before(async () => {
  server = await startTestServer({ sites: [demoTeamsSite()] });
  desk = await member(DEMO_TEAM_EMAILS['front-desk'], 'Dee Desk');
  billing = await member(DEMO_TEAM_EMAILS.billing, 'Bill Ing');
  owner = await member(DEMO_TEAM_EMAILS.owner, 'Owen Owner');
  dispatch = await member(DEMO_TEAM_EMAILS.dispatch, 'Dora Dispatch');
  visitor = await connectVisitor(server.url);
  conv = await startConversation(visitor);
  visitorSaw = collect(visitor, 'message');
  await send(visitor, conv, 'This assistant is useless, I need a better price');
  await requestHandoff(visitor, conv, { reasons: ['frustration', 'deal'] });
});
after(async () => {
  closeAll(desk.socket, billing.socket, owner.socket, dispatch.socket, visitor);
  await server.cleanup();
});

describe('transfer and release', () => {
  test('to a team with a note: back in that team’s queue, the note for staff only, the old owner out', async () => {
    const claim = await ask(desk.socket, 'conversation:claim', { conversationId: conv.conversationId });
    assert.ok(claim.ok, JSON.stringify(claim));
    assert.equal(claim.detail.summary.team.id, 'front-desk');
    assert.ok((await reply(desk.socket, 'Let me get Billing for you.')).ok);

    const unassigned = nextEvent(desk.socket, 'conversation:unassigned');
    const queued = nextEvent(visitor, 'conversation:status', (s) => s.status === 'queued');
    const line = nextEvent(visitor, 'message', (m) => m.role === 'system' && m.text.includes('passing you'));
    const toBilling = nextEvent(billing.socket, 'queue:added', (s) => s.conversationId === conv.conversationId);
    const ownerAdded = collect(owner.socket, 'queue:added');
    assert.deepEqual(
      await ask(desk.socket, 'conversation:transfer', {
        conversationId: conv.conversationId,
        to: { teamId: 'billing' },
        note: `  ${NOTE}  `,
      }),
      { ok: true },
    );

    assert.deepEqual(await unassigned, { conversationId: conv.conversationId, reason: 'transferred to Billing' });
    const status = await queued;
    assert.equal(status.queue?.teamName, 'Billing');
    assert.equal(status.queue?.available, true);
    assert.equal(status.queue?.position, 1);
    assert.equal((await line).text, 'Dee Desk is passing you to Billing. They will see everything you have written.');
    const summary = await toBilling;
    assert.equal(summary.status, 'queued');
    assert.deepEqual(summary.team, { id: 'billing', name: 'Billing' });
    assert.deepEqual(summary.reasons, ['frustration', 'deal'], 'the original reasons travel with it');
    assert.equal(summary.assignedTo, undefined);
    await sleep(30);
    assert.deepEqual(ownerAdded, [], 'other teams do not hear about it');

    // The old owner can no longer answer, nor follow the chat.
    const deskSees = collect(desk.socket, 'message');
    assert.deepEqual(await reply(desk.socket, 'one more thing'), {
      ok: false,
      code: 'unauthorised',
      error: 'this chat is not assigned to you',
    });
    const deskList = await ask(desk.socket, 'queue:list', {});
    assert.ok(deskList.ok);
    assert.deepEqual(deskList.mine, []);

    // Billing sees the note before and after taking it; the visitor never does.
    const preview = await ask(billing.socket, 'conversation:open', { conversationId: conv.conversationId });
    assert.ok(preview.ok);
    assert.equal(preview.detail.notes.length, 1);
    assert.equal(preview.detail.notes[0]!.author, 'Dee Desk');
    assert.equal(preview.detail.notes[0]!.text, `Transfer to Billing: ${NOTE}`);
    const take = await ask(billing.socket, 'conversation:claim', { conversationId: conv.conversationId });
    assert.ok(take.ok, JSON.stringify(take));
    assert.deepEqual(take.detail.notes, preview.detail.notes);

    const stored = await transcript(visitor, conv);
    assert.deepEqual(take.detail.messages, stored);
    assert.deepEqual(
      stored.map((m) => m.seq),
      stored.map((_, i) => i + 1),
      'the note takes no place in the sequence',
    );
    assert.ok(!stored.some((m) => m.text.includes('senior discount')));
    assert.ok(!visitorSaw.some((m) => m.text.includes('senior discount')));
    const hello = await ask(visitor, 'visitor:hello', { ...conv, afterSeq: 0 });
    assert.ok(hello.ok && !JSON.stringify(hello).includes('senior discount'));

    await send(visitor, conv, 'Thanks, Billing');
    await sleep(30);
    assert.ok(!deskSees.some((m) => m.text === 'Thanks, Billing'), 'the old owner no longer follows the chat');
  });

  test('to a person: theirs at once, they can reply, and the visitor is told who', async () => {
    const assigned = nextEvent(owner.socket, 'conversation:assigned');
    const unassigned = nextEvent(billing.socket, 'conversation:unassigned');
    const active = nextEvent(visitor, 'conversation:status', (s) => s.staffName === owner.who.name);
    const line = nextEvent(visitor, 'message', (m) => m.role === 'system' && m.text.includes('Owen Owner'));
    assert.deepEqual(
      await ask(billing.socket, 'conversation:transfer', {
        conversationId: conv.conversationId,
        to: { staffId: owner.who.id },
        note: NOTE2,
      }),
      { ok: true },
    );

    const summary = await assigned;
    assert.equal(summary.conversationId, conv.conversationId);
    assert.equal(summary.status, 'active');
    assert.deepEqual(summary.assignedTo, { id: owner.who.id, name: owner.who.name });
    assert.deepEqual(await unassigned, { conversationId: conv.conversationId, reason: 'transferred to Owen Owner' });
    assert.equal((await active).status, 'active');
    assert.equal((await line).text, 'Bill Ing is passing you to Owen Owner, who will see everything you have written.');

    // Owen answers straight away, without claiming, and hears the visitor.
    const toVisitor = nextEvent(visitor, 'message', (m) => m.role === 'staff');
    const sent = await reply(owner.socket, 'Owen here, I am sorry about the last visit.');
    assert.ok(sent.ok, JSON.stringify(sent));
    assert.equal((await toVisitor).authorName, 'Owen Owner');
    const fromVisitor = nextEvent(owner.socket, 'message', (m) => m.role === 'visitor');
    await send(visitor, conv, 'Thank you Owen');
    assert.equal((await fromVisitor).text, 'Thank you Owen');

    const open = await ask(owner.socket, 'conversation:open', { conversationId: conv.conversationId });
    assert.ok(open.ok);
    assert.deepEqual(
      open.detail.notes.map((n) => [n.author, n.text]),
      [
        ['Dee Desk', `Transfer to Billing: ${NOTE}`],
        ['Bill Ing', `Transfer to Owen Owner: ${NOTE2}`],
      ],
    );
    assert.deepEqual(await reply(billing.socket, 'me again'), {
      ok: false,
      code: 'unauthorised',
      error: 'this chat is not assigned to you',
    });
    assert.ok(!visitorSaw.some((m) => m.text.includes('last visit,')), 'the second note is not shown either');
  });

  test('refused: to someone at their maximum, to oneself, to nobody, to an unknown team, with an overlong note', async () => {
    // Dora holds one chat and may hold only one.
    server.staff.setMaxChats(dispatch.who.email, 1);
    const other = await connectVisitor(server.url);
    const otherConv = await startConversation(other);
    await send(other, otherConv, 'There is water everywhere near the fuse box');
    await requestHandoff(other, otherConv, { reasons: ['safety'] });
    assert.ok((await ask(dispatch.socket, 'conversation:claim', { conversationId: otherConv.conversationId })).ok);

    const before = await transcript(visitor, conv);
    const transfer = (to: { staffId: number } | { teamId: string }, note = '') =>
      ask(owner.socket, 'conversation:transfer', { conversationId: conv.conversationId, to, note });
    assert.deepEqual(await transfer({ staffId: dispatch.who.id }), {
      ok: false,
      code: 'conflict',
      error: 'Dora Dispatch is at their maximum of 1 chats',
    });
    assert.deepEqual(await transfer({ staffId: owner.who.id }), { ok: false, code: 'invalid', error: 'this chat is already yours' });
    assert.deepEqual(await transfer({ staffId: 99_999 }), { ok: false, code: 'not_found', error: 'no such staff member' });
    assert.deepEqual(await transfer({ teamId: 'sales' }), {
      ok: false,
      code: 'not_found',
      error: 'no team "sales" for Brightwater Plumbing',
    });
    const long = (await askRaw(owner.socket, 'conversation:transfer', {
      conversationId: conv.conversationId,
      to: { teamId: 'billing' },
      note: 'x'.repeat(1001),
    })) as { code: string; error: string };
    assert.equal(long.code, 'invalid');
    assert.match(long.error, /^note: /);
    // Someone who does not hold the chat cannot pass it on.
    assert.deepEqual(
      await ask(dispatch.socket, 'conversation:transfer', { conversationId: conv.conversationId, to: { teamId: 'billing' }, note: '' }),
      {
        ok: false,
        code: 'unauthorised',
        error: 'this chat is not assigned to you',
      },
    );

    // Nothing changed: still Owen's, no new lines, no new notes.
    assert.deepEqual(await transcript(visitor, conv), before);
    const open = await ask(owner.socket, 'conversation:open', { conversationId: conv.conversationId });
    assert.ok(open.ok);
    assert.equal(open.detail.summary.assignedTo?.id, owner.who.id);
    assert.equal(open.detail.notes.length, 2);
    assert.ok((await reply(owner.socket, 'Still with you.')).ok);
    closeAll(other);
  });

  test('release: back to the assistant, the visitor is told, the staff member can no longer send', async () => {
    const unassigned = nextEvent(owner.socket, 'conversation:unassigned');
    const bot = nextEvent(visitor, 'conversation:status', (s) => s.status === 'bot');
    const line = nextEvent(visitor, 'message', (m) => m.role === 'system' && m.text.includes('back to the assistant'));
    assert.deepEqual(await ask(owner.socket, 'conversation:release', { conversationId: conv.conversationId }), { ok: true });
    assert.deepEqual(await unassigned, { conversationId: conv.conversationId, reason: 'handed back to the assistant' });
    const status = await bot;
    assert.equal(status.staffName, undefined);
    assert.equal(status.queue, undefined);
    assert.equal((await line).text, 'Owen Owner handed you back to the assistant. Tap “Talk to a person” whenever you need someone again.');

    assert.deepEqual(await reply(owner.socket, 'bye'), { ok: false, code: 'unauthorised', error: 'this chat is not assigned to you' });
    assert.deepEqual(await ask(owner.socket, 'conversation:release', { conversationId: conv.conversationId }), {
      ok: false,
      code: 'unauthorised',
      error: 'this chat is not assigned to you',
    });
    const list = await ask(owner.socket, 'queue:list', {});
    assert.ok(list.ok);
    assert.deepEqual(list.mine, []);
    assert.equal(list.directory.find((d) => d.id === owner.who.id)?.openChats, 0);

    // The visitor can carry on with the assistant and ask for a person again later.
    await send(visitor, conv, 'Actually, one more question for a person');
    const again = nextEvent(desk.socket, 'queue:added', (s) => s.conversationId === conv.conversationId);
    await requestHandoff(visitor, conv);
    assert.equal((await again).team.id, 'front-desk');
  });

  test('a closed chat can be neither released nor transferred', async () => {
    assert.ok((await ask(desk.socket, 'conversation:claim', { conversationId: conv.conversationId })).ok);
    assert.deepEqual(await ask(desk.socket, 'conversation:close', { conversationId: conv.conversationId, hadContext: true }), { ok: true });
    const before = await transcript(visitor, conv);
    const statuses = collect(visitor, 'conversation:status');
    assert.deepEqual(await ask(desk.socket, 'conversation:release', { conversationId: conv.conversationId }), {
      ok: false,
      code: 'closed',
      error: 'this chat is closed',
    });
    assert.deepEqual(
      await ask(desk.socket, 'conversation:transfer', { conversationId: conv.conversationId, to: { teamId: 'billing' }, note: '' }),
      {
        ok: false,
        code: 'closed',
        error: 'this chat is closed',
      },
    );
    await sleep(30);
    assert.deepEqual(statuses, []);
    assert.deepEqual(await transcript(visitor, conv), before);
    const sync = await ask(visitor, 'conversation:sync', { ...conv, afterSeq: 0 });
    assert.ok(sync.ok);
    assert.equal(sync.conversation.status, 'closed');
  });
});

test('an all-access staff member can transfer to a team they are not in', async () => {
  const boss = await addStaff(server, 'Ada Anyone');
  const socket = await connectStaff(server.url, { cookie: await loginCookie(server.url, boss) });
  const v = await connectVisitor(server.url);
  const c = await startConversation(v);
  await send(v, c, 'I would like to make a complaint');
  await requestHandoff(v, c, { reasons: ['complaint'] });
  assert.ok((await ask(socket, 'conversation:claim', { conversationId: c.conversationId })).ok);
  const toDispatch = nextEvent(dispatch.socket, 'queue:added', (s) => s.conversationId === c.conversationId);
  assert.deepEqual(await ask(socket, 'conversation:transfer', { conversationId: c.conversationId, to: { teamId: 'dispatch' }, note: '' }), {
    ok: true,
  });
  assert.equal((await toDispatch).team.id, 'dispatch');
  // No note given: none stored.
  const open = await ask(dispatch.socket, 'conversation:open', { conversationId: c.conversationId });
  assert.ok(open.ok);
  assert.deepEqual(open.detail.notes, []);
  closeAll(socket, v);
});
