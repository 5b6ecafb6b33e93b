/**
 * Triage-aware routing against the real server, with the demo site's teams: the most urgent reason
 * picks the team, team members see (and may take) only their team's chats, the fallback team takes
 * over when a team has nobody, the queue is ordered by urgency then waiting time, and the visitor is
 * told honestly where they stand. Also: the handoff packet and per-message triage/assistant data
 * reach staff intact, invalid packets change nothing, and invalid team configuration refuses to start.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { ConversationState, HandoffSummary } from '../../src/protocol/messages.ts';
import type { HandoffPacket, TriageMeta } from '../../src/protocol/schemas.ts';
import { createAssistant } from '../../src/assistant/assistant.ts';
import { SiteConfig } from '../../src/server/config.ts';
import {
  addStaff,
  addStaffWithEmail,
  ask,
  askRaw,
  DEMO_SITES,
  closeAll,
  collect,
  connectVisitor,
  DEMO_TEAM_EMAILS,
  demoTeamsSite,
  handoffId,
  handoffPacket,
  nextEvent,
  pageContext,
  requestHandoff,
  send,
  signInStaff,
  sleep,
  startConversation,
  startTestServer,
  tempDir,
  transcript,
  visitorMessage,
  writeSites,
  type Conversation,
  type SignedInStaff,
  type SiteInput,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

/** A site as the server reads it (defaults filled in), for working out what its assistant says. */
const demoSiteConfig = (knowledge: SiteInput['knowledge']): SiteConfig => SiteConfig.parse(demoTeamsSite({ knowledge }));

const SITE_NAME = 'Brightwater Plumbing';
type TeamId = keyof typeof DEMO_TEAM_EMAILS;
const TEAM_NAMES: Record<TeamId, string> = { dispatch: 'Dispatch', billing: 'Billing', owner: 'Owner', 'front-desk': 'Front desk' };

/** A member of one of the demo teams (by their exact email), signed in with a console open. */
async function teamMember(server: TestServer, team: TeamId): Promise<SignedInStaff> {
  return signInStaff(server.url, await addStaffWithEmail(server, DEMO_TEAM_EMAILS[team], `${TEAM_NAMES[team]} Person`));
}

/** A staff member whose email is in no team: they see and take everything. */
async function allAccess(server: TestServer, name: string): Promise<SignedInStaff> {
  return signInStaff(server.url, await addStaff(server, name));
}

interface Waiting {
  visitor: VisitorClient;
  conv: Conversation;
  ack: { staffOnline: number; position: number };
  status: ConversationState;
  line: string;
}

/** A visitor writes one message and is handed off for `reasons`; returns what they were told. */
async function handedOff(
  server: TestServer,
  reasons: string[],
  text = `Help with ${reasons.join(' and ') || 'something'}`,
): Promise<Waiting> {
  const visitor = await connectVisitor(server.url);
  const conv = await startConversation(visitor);
  await send(visitor, conv, text);
  const status = nextEvent(visitor, 'conversation:status', (s) => s.status === 'queued');
  const line = nextEvent(visitor, 'message', (m) => m.role === 'system');
  const ack = await requestHandoff(visitor, conv, { reasons });
  return { visitor, conv, ack, status: await status, line: (await line).text };
}

describe('routing by reason, every team online', () => {
  let server: TestServer;
  let members: Record<TeamId, SignedInStaff>;
  let boss: SignedInStaff;
  const added = new Map<string, HandoffSummary[]>();
  const visitors: VisitorClient[] = [];
  /** conversationId → the team it was routed to. */
  const routed = new Map<string, string>();

  before(async () => {
    server = await startTestServer({
      sites: [demoTeamsSite({ savedReplies: [{ title: 'On our way', text: 'An engineer is on the way.' }] })],
    });
    members = {
      dispatch: await teamMember(server, 'dispatch'),
      billing: await teamMember(server, 'billing'),
      owner: await teamMember(server, 'owner'),
      'front-desk': await teamMember(server, 'front-desk'),
    };
    boss = await allAccess(server, 'Bea Boss');
    for (const [name, online] of [...Object.entries(members), ['boss', boss] as const])
      added.set(name, collect(online.socket, 'queue:added'));
  });
  after(async () => {
    closeAll(...Object.values(members).map((m) => m.socket), boss.socket, ...visitors);
    await server.cleanup();
  });

  const cases: [string, string[], TeamId, string[]][] = [
    ['safety', ['safety'], 'dispatch', ['safety']],
    ['deal', ['deal'], 'billing', ['deal']],
    ['complaint', ['complaint'], 'owner', ['complaint']],
    ['frustration', ['frustration'], 'front-desk', ['frustration']],
    ['deal + safety (most urgent wins)', ['deal', 'safety'], 'dispatch', ['safety', 'deal']],
    ['a reason no team takes', ['shouting'], 'front-desk', ['shouting']],
    ['"Talk to a person" with no triage reasons', [], 'front-desk', ['visitor_asked']],
  ];
  for (const [title, reasons, team, stored] of cases) {
    test(`${title} → ${TEAM_NAMES[team]}`, async () => {
      const toBoss = nextEvent(boss.socket, 'queue:added', (s) => s.firstLine === `Help with ${reasons.join(' and ') || 'something'}`);
      const w = await handedOff(server, reasons);
      visitors.push(w.visitor);
      const summary = await toBoss;
      assert.equal(summary.conversationId, w.conv.conversationId);
      assert.deepEqual(summary.team, { id: team, name: TEAM_NAMES[team] });
      assert.deepEqual(summary.reasons, stored);
      assert.equal(summary.reason, reasons.length ? 'policy' : 'visitor_asked');
      routed.set(w.conv.conversationId, team);

      assert.equal(w.status.queue?.teamName, TEAM_NAMES[team]);
      assert.equal(w.status.queue?.available, true);
      // The place counts only chats waiting for the same team.
      const position = [...routed.values()].filter((t) => t === team).length;
      assert.equal(w.status.queue?.position, position);
      assert.ok((w.status.queue?.expectedWaitMs ?? 0) > 0, JSON.stringify(w.status.queue));
      assert.equal(w.status.queue?.opensAt, undefined);
      assert.ok(w.ack.staffOnline >= 1 && w.ack.position === position, JSON.stringify(w.ack));
      assert.equal(
        w.line,
        `Getting a person from ${SITE_NAME} (${TEAM_NAMES[team]}) for you. They will see everything you have written, so there is no need to repeat anything.`,
      );
    });
  }

  test('members see and hear about only their team’s chats; the fallback team and all-access staff see every one', async () => {
    assert.equal(routed.size, cases.length);
    await sleep(50);
    const all = [...routed.keys()].sort();
    const ofTeam = (team: TeamId) =>
      [...routed]
        .filter(([, t]) => t === team)
        .map(([id]) => id)
        .sort();
    const expected: Record<string, string[]> = {
      dispatch: ofTeam('dispatch'),
      billing: ofTeam('billing'),
      owner: ofTeam('owner'),
      // Front desk is the fallback team: its members back up every team.
      'front-desk': all,
      boss: all,
    };
    assert.deepEqual(expected.dispatch!.length, 2);
    for (const [name, online] of [...Object.entries(members), ['boss', boss] as const]) {
      const list = await ask(online.socket, 'queue:list', {});
      assert.ok(list.ok);
      assert.deepEqual(list.queue.map((s) => s.conversationId).sort(), expected[name], `queue:list of ${name}`);
      assert.deepEqual(
        added
          .get(name)!
          .map((s) => s.conversationId)
          .sort(),
        expected[name],
        `queue:added to ${name}`,
      );
      assert.deepEqual(
        list.teams,
        Object.entries(TEAM_NAMES).map(([id, teamName]) => ({ id, name: teamName })),
      );
      assert.deepEqual(list.savedReplies, [{ siteKey: 'demo-plumbing', title: 'On our way', text: 'An engineer is on the way.' }]);
    }
    // The directory shows each member's teams; the all-access member is in none.
    const list = await ask(boss.socket, 'queue:list', {});
    assert.ok(list.ok);
    assert.deepEqual(Object.fromEntries(list.directory.map((d) => [d.name, d.teams])), {
      'Dispatch Person': ['dispatch'],
      'Billing Person': ['billing'],
      'Owner Person': ['owner'],
      'Front desk Person': ['front-desk'],
      'Bea Boss': [],
    });
  });

  test('claiming or previewing another team’s chat is refused; one’s own team’s works', async () => {
    const dispatchChat = [...routed].find(([, t]) => t === 'dispatch')![0];
    const billingChat = [...routed].find(([, t]) => t === 'billing')![0];
    assert.deepEqual(await ask(members.billing.socket, 'conversation:claim', { conversationId: dispatchChat }), {
      ok: false,
      code: 'unauthorised',
      error: 'this chat is for Dispatch',
    });
    assert.equal((await ask(members.billing.socket, 'conversation:open', { conversationId: dispatchChat })).ok, false);
    const list = await ask(boss.socket, 'queue:list', {});
    assert.ok(
      list.ok && list.queue.some((s) => s.conversationId === dispatchChat && s.status === 'queued'),
      'the refused claim changed nothing',
    );

    const preview = await ask(members.billing.socket, 'conversation:open', { conversationId: billingChat });
    assert.ok(preview.ok);
    const claim = await ask(members.billing.socket, 'conversation:claim', { conversationId: billingChat });
    assert.ok(claim.ok, JSON.stringify(claim));
    assert.deepEqual(claim.detail.summary.assignedTo, { id: members.billing.who.id, name: members.billing.who.name });
    // Front desk (the fallback team) may take any chat, including Dispatch's.
    const backup = await ask(members['front-desk'].socket, 'conversation:claim', { conversationId: dispatchChat });
    assert.ok(backup.ok, JSON.stringify(backup));
  });
});

describe('queue order and place in the queue', () => {
  let server: TestServer;
  let boss: SignedInStaff;
  const visitors: VisitorClient[] = [];
  before(async () => {
    server = await startTestServer({ sites: [demoTeamsSite()] });
    boss = await allAccess(server, 'Olga Order');
  });
  after(async () => {
    closeAll(boss.socket, ...visitors);
    await server.cleanup();
  });

  test('urgency first (safety before deal even when requested later), then waiting time; positions count within the team', async () => {
    const deal1 = await handedOff(server, ['deal'], 'first deal');
    await sleep(5);
    const safety = await handedOff(server, ['safety'], 'gas smell');
    await sleep(5);
    const deal2 = await handedOff(server, ['deal'], 'second deal');
    await sleep(5);
    const frustration = await handedOff(server, ['frustration'], 'this is useless');
    visitors.push(deal1.visitor, safety.visitor, deal2.visitor, frustration.visitor);

    const list = await ask(boss.socket, 'queue:list', {});
    assert.ok(list.ok);
    assert.deepEqual(
      list.queue.map((s) => s.firstLine),
      ['gas smell', 'this is useless', 'first deal', 'second deal'],
    );
    assert.deepEqual(
      list.queue.map((s) => s.urgency),
      [...list.queue.map((s) => s.urgency)].sort((a, b) => a - b),
    );

    // Places are among chats for the same team: the later safety chat is first for Dispatch.
    assert.deepEqual([deal1.ack.position, safety.ack.position, deal2.ack.position, frustration.ack.position], [1, 1, 2, 1]);
    for (const w of [deal1, safety, deal2, frustration]) {
      const sync = await ask(w.visitor, 'conversation:sync', { ...w.conv, afterSeq: 0 });
      assert.ok(sync.ok);
      assert.equal(sync.conversation.status, 'queued');
      assert.equal(sync.conversation.queue?.position, w.ack.position);
      assert.equal(sync.conversation.queue?.available, true);
      assert.ok(sync.conversation.queue!.expectedWaitMs > 0);
    }
    const deal2Sync = await ask(deal2.visitor, 'conversation:sync', { ...deal2.conv, afterSeq: 0 });
    const deal1Sync = await ask(deal1.visitor, 'conversation:sync', { ...deal1.conv, afterSeq: 0 });
    assert.ok(deal1Sync.ok && deal2Sync.ok);
    assert.equal(deal2Sync.conversation.queue?.teamName, 'Billing');
    assert.ok(deal2Sync.conversation.queue!.expectedWaitMs > deal1Sync.conversation.queue!.expectedWaitMs, 'second in line waits longer');

    // The first Billing chat is taken: the second moves up, and its visitor is told.
    const movedUp = nextEvent(deal2.visitor, 'conversation:status', (s) => s.queue?.position === 1);
    assert.ok((await ask(boss.socket, 'conversation:claim', { conversationId: deal1.conv.conversationId })).ok);
    assert.equal((await movedUp).queue?.teamName, 'Billing');
  });
});

describe('fallback team and nobody available', () => {
  test('the chosen team has nobody online but the fallback team has: the chat goes to the fallback team', async () => {
    const server = await startTestServer({ sites: [demoTeamsSite()] });
    const desk = await teamMember(server, 'front-desk');
    const toDesk = collect(desk.socket, 'queue:added');
    const deal = await handedOff(server, ['deal']);
    const safety = await handedOff(server, ['safety']);
    try {
      for (const w of [deal, safety]) {
        assert.equal(w.status.queue?.teamName, 'Front desk');
        assert.equal(w.status.queue?.available, true);
        assert.equal(w.ack.staffOnline, 1);
        assert.match(w.line, /^Getting a person from Brightwater Plumbing \(Front desk\) for you\./);
      }
      await sleep(30);
      assert.deepEqual(
        toDesk.map((s) => [s.conversationId, s.team.id, s.reasons]),
        [
          [deal.conv.conversationId, 'front-desk', ['deal']],
          [safety.conv.conversationId, 'front-desk', ['safety']],
        ],
      );
    } finally {
      closeAll(desk.socket, deal.visitor, safety.visitor);
      await server.cleanup();
    }
  });

  test('nobody available: the chat waits for the chosen team and the visitor is told the team is busy', async () => {
    const server = await startTestServer({ sites: [demoTeamsSite()] });
    // A member who is signed in but away is not available either.
    const billing = await teamMember(server, 'billing');
    assert.deepEqual(await ask(billing.socket, 'presence:set', { status: 'away' }), { ok: true });
    const w = await handedOff(server, ['deal']);
    try {
      assert.deepEqual(w.ack, { ok: true, staffOnline: 0, position: 1 });
      assert.equal(w.status.queue?.teamName, 'Billing');
      assert.equal(w.status.queue?.available, false);
      assert.equal(w.status.queue?.position, 1);
      assert.equal(w.status.queue?.opensAt, undefined);
      assert.equal(w.status.queue?.busy, true, 'someone is signed in, just away');
      assert.equal(
        w.line,
        `Everyone at ${SITE_NAME} is busy right now; your chat stays in line and the next free person will pick it up. Leave your email or phone number and a short message, and the team will get back to you. Everything you wrote here is kept for them.`,
      );
      // Billing comes back: the waiting visitor is told someone is there now.
      const available = nextEvent(w.visitor, 'conversation:status', (s) => s.queue?.available === true);
      assert.deepEqual(await ask(billing.socket, 'presence:set', { status: 'online' }), { ok: true });
      assert.equal((await available).queue?.teamName, 'Billing');
    } finally {
      closeAll(billing.socket, w.visitor);
      await server.cleanup();
    }
  });

  test('a business that is never open ("hours": {}) with nobody online: the visitor is told it is closed', async () => {
    const server = await startTestServer({ sites: [demoTeamsSite({ hours: {} })] });
    const w = await handedOff(server, ['deal']);
    try {
      assert.equal(w.status.queue?.available, false);
      assert.match(w.line, new RegExp(`^${SITE_NAME} is closed right now\\. Leave your email or phone number`));
      assert.equal((await transcript(w.visitor, w.conv)).at(-1)!.text, w.line);
    } finally {
      closeAll(w.visitor);
      await server.cleanup();
    }
  });

  test('closed until tomorrow with nobody online: the visitor is told when it opens; staff who are online still take chats', async () => {
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const tomorrow = days[(new Date().getUTCDay() + 1) % 7]!;
    const server = await startTestServer({ sites: [demoTeamsSite({ timeZone: 'UTC', hours: { [tomorrow]: ['09:00', '17:00'] } })] });
    const closed = await handedOff(server, ['deal']);
    const desk = await teamMember(server, 'front-desk');
    const afterHours = await handedOff(server, ['frustration']);
    try {
      assert.equal(closed.status.queue?.opensAt, 'tomorrow at 09:00');
      assert.equal(closed.status.queue?.available, false);
      assert.match(closed.line, new RegExp(`^${SITE_NAME} is closed right now \\(open again tomorrow at 09:00\\)\\. Leave your email`));
      assert.equal(afterHours.status.queue?.available, true);
      assert.match(afterHours.line, /^Getting a person from/);
    } finally {
      closeAll(desk.socket, closed.visitor, afterHours.visitor);
      await server.cleanup();
    }
  });
});

describe('the handoff packet and per-message triage data', () => {
  let server: TestServer;
  let boss: SignedInStaff;
  const log: string[] = [];
  // The demo site's knowledge, so the assistant has something to answer from.
  const knowledge = (JSON.parse(readFileSync(DEMO_SITES, 'utf8')) as { sites: SiteInput[] }).sites[0]!.knowledge!;
  before(async () => {
    server = await startTestServer({ sites: [demoTeamsSite({ knowledge })], log: (line) => log.push(line) });
    boss = await allAccess(server, 'Pia Packet');
  });
  after(async () => {
    closeAll(boss.socket);
    await server.cleanup();
  });

  test("a full packet and the triage/assistant meta of each message reach staff; meta of the wrong kind is dropped; assistant lines are the assistant's only if it said them", async () => {
    const visitor = await connectVisitor(server.url);
    const conv = await startConversation(visitor);
    const triage: TriageMeta = {
      scores: { safety: 0.93, frustration: 0.2 },
      labels: ['safety'],
      signals: ['shouting'],
      action: 'handoff',
      ms: 12.5,
    };
    const first = visitorMessage('I SMELL GAS in the kitchen', { triage });
    // What the built-in assistant says to that, as the widget works it out on the device.
    const said = createAssistant(demoSiteConfig(knowledge).knowledge, { siteName: 'Brightwater Plumbing' }).reply([
      { role: 'visitor', text: first.text },
    ]);
    assert.equal(said.kind, 'answer');
    const assistantMeta = { kind: said.kind, sources: said.sources, need: said.need.slice(0, 300) };
    // The device may send its own idea of the sources; the server keeps the ones it worked out.
    const answer = visitorMessage(said.text, {
      role: 'assistant',
      assistant: { ...assistantMeta, sources: [{ id: 'made-up', title: 'Made up' }] },
    });
    // Wrong kinds: triage on an assistant message, assistant data on a visitor message.
    const wrong1 = visitorMessage('Anything else?', { role: 'assistant', triage });
    const wrong2 = visitorMessage('Please send someone', { assistant: assistantMeta });
    for (const message of [first, answer, wrong1, wrong2]) assert.ok((await ask(visitor, 'message:send', { ...conv, message })).ok);
    // The handoff transcript carries more, again with meta of the wrong kind.
    const wrong3 = visitorMessage('Hurry please', { triage: { ...triage, action: 'none' }, assistant: assistantMeta });
    const wrong4 = visitorMessage('A person is joining.', { role: 'assistant', triage, assistant: { kind: 'notice', sources: [] } });
    const notice = visitorMessage('This is one for a person, so I’m bringing in someone from Brightwater Plumbing now.', {
      role: 'assistant',
      assistant: { kind: 'notice', sources: [] },
    });

    const packet = handoffPacket(['safety', 'shouting'], first.id);
    const added = nextEvent(boss.socket, 'queue:added', (s) => s.conversationId === conv.conversationId);
    await requestHandoff(visitor, conv, { packet, transcript: [first, answer, wrong1, wrong2, wrong3, wrong4, notice] });
    const summary = await added;
    assert.deepEqual(summary.reasons, ['safety', 'shouting']);
    assert.equal(summary.team.id, 'dispatch');

    const preview = await ask(boss.socket, 'conversation:open', { conversationId: conv.conversationId });
    assert.ok(preview.ok);
    assert.deepEqual(preview.detail.packet, packet);
    assert.deepEqual(preview.detail.notes, []);
    const claim = await ask(boss.socket, 'conversation:claim', { conversationId: conv.conversationId });
    assert.ok(claim.ok);
    assert.deepEqual(claim.detail.packet, packet);

    const byId = new Map(claim.detail.messages.map((m) => [m.id, m]));
    assert.deepEqual(byId.get(first.id)!.triage, triage);
    assert.equal(byId.get(first.id)!.assistant, undefined);
    assert.equal(byId.get(answer.id)!.role, 'assistant');
    assert.deepEqual(byId.get(answer.id)!.assistant, assistantMeta);
    assert.equal(byId.get(answer.id)!.triage, undefined);
    // Lines the assistant never said are the visitor's, marked as a claim, with no meta at all.
    for (const forged of [wrong1, wrong4]) {
      const m = byId.get(forged.id)!;
      assert.equal(m.role, 'visitor', forged.text);
      assert.equal(m.claimed, 'assistant');
      assert.ok(!('triage' in m) && !('assistant' in m), 'no meta on a claimed line');
    }
    assert.ok(
      !('triage' in byId.get(wrong2.id)!) && !('assistant' in byId.get(wrong2.id)!),
      'assistant data on a visitor message is dropped',
    );
    assert.deepEqual(byId.get(wrong3.id)!.triage, { ...triage, action: 'none' });
    assert.ok(!('assistant' in byId.get(wrong3.id)!), 'assistant data on a visitor message in the handoff transcript is dropped');
    assert.equal(byId.get(notice.id)!.role, 'assistant');
    assert.deepEqual(byId.get(notice.id)!.assistant, { kind: 'notice', sources: [] });
    // The visitor's own view agrees with the staff view.
    assert.deepEqual(await transcript(visitor, conv), claim.detail.messages);
    closeAll(visitor);
  });

  test('a packet with invalid fields is repaired, not refused: the chat reaches staff with every valid part, and each repair is logged', async () => {
    const good = handoffPacket(['deal']);
    const badScore: HandoffPacket = { ...good, why: { ...good.why, reasons: [{ ...good.why.reasons[0]!, score: 2 }] } };
    const badLabel = { ...good, understood: { ...good.understood, messages: [{ ...good.understood.messages[0]!, labels: ['bargain'] }] } };
    const badScores = {
      ...good,
      understood: { ...good.understood, messages: [{ ...good.understood.messages[0]!, scores: { bargain: 0.5 } }] },
    };
    const cases: [unknown, RegExp, (p: HandoffPacket) => void][] = [
      [
        badScore,
        /why\.reasons\.0\.score: .*\(clamped to 1\)/,
        (p) => assert.deepEqual(p.why.reasons, [{ ...good.why.reasons[0]!, score: 1 }]),
      ],
      [
        badLabel,
        /understood\.messages\.0\.labels\.0: .*dropped/,
        (p) => assert.deepEqual(p.understood.messages, [{ ...good.understood.messages[0]!, labels: [] }]),
      ],
      [badScores, /understood\.messages\.0\.scores/, (p) => assert.deepEqual(p.understood.messages, [])],
      [
        { ...good, mood: [{ messageId: 'm-ok-00001', frustration: -1 }] },
        /mood\.0\.frustration: .*\(clamped to 0\)/,
        (p) => assert.deepEqual(p.mood, [{ messageId: 'm-ok-00001', frustration: 0 }]),
      ],
      [
        { ...good, collected: [{ kind: 'shoe_size', value: '9', messageId: 'm-ok-00001' }, good.collected[0]] },
        /collected\.0\.kind: .*dropped/,
        (p) => assert.deepEqual(p.collected, [good.collected[0]]),
      ],
      [{ ...good, localTime: 42 }, /localTime: .*reset/, (p) => assert.equal(p.localTime, '')],
    ];
    for (const [packet, repaired, check] of cases) {
      const visitor = await connectVisitor(server.url);
      const conv = await startConversation(visitor);
      await send(visitor, conv, 'I want a discount');
      const pending = visitorMessage('stored with the hand-off');
      log.length = 0;
      const added = nextEvent(boss.socket, 'queue:added', (s) => s.conversationId === conv.conversationId);
      const res = await askRaw(visitor, 'handoff:request', {
        ...conv,
        id: handoffId(),
        reason: 'policy',
        context: pageContext(),
        transcript: [pending],
        packet,
      });
      assert.equal((res as { ok: boolean }).ok, true, JSON.stringify(res));
      assert.equal((await added).team.id, 'billing');
      const open = await ask(boss.socket, 'conversation:open', { conversationId: conv.conversationId });
      assert.ok(open.ok && open.detail.packet);
      check(open.detail.packet);
      // Everything else arrived as sent.
      assert.deepEqual(open.detail.packet.asked, good.asked);
      assert.deepEqual(open.detail.packet.tried, good.tried);
      assert.deepEqual(
        (await transcript(visitor, conv)).map((m) => m.role),
        ['visitor', 'visitor', 'system'],
      );
      assert.ok(
        log.some((line) => line.includes(conv.conversationId) && repaired.test(line)),
        `${repaired}: ${log.join(' | ')}`,
      );
      closeAll(visitor);
    }
    // Something that is no packet at all leaves the hand-off without one, and says so.
    const visitor = await connectVisitor(server.url);
    const conv = await startConversation(visitor);
    log.length = 0;
    const res = await askRaw(visitor, 'handoff:request', {
      ...conv,
      id: handoffId(),
      reason: 'visitor_asked',
      context: pageContext(),
      transcript: [visitorMessage('hello?')],
      packet: 'not a packet',
    });
    assert.equal((res as { ok: boolean }).ok, true);
    const open = await ask(boss.socket, 'conversation:open', { conversationId: conv.conversationId });
    assert.ok(open.ok);
    assert.equal(open.detail.packet, undefined);
    assert.ok(
      log.some((line) => line.includes(conv.conversationId) && /packet: is not an object/.test(line)),
      log.join(' | '),
    );
    closeAll(visitor);
  });
});

describe('team configuration is checked before the server starts', () => {
  const cases: [string, Partial<SiteInput>, RegExp][] = [
    ['an unknown fallback team', { fallbackTeam: 'sales' }, /sites\.0\.fallbackTeam: must be the id of one of the teams/],
    ['no fallback team', { fallbackTeam: undefined }, /sites\.0\.fallbackTeam: is required when teams are defined/],
    [
      'a duplicate team id',
      { teams: [...demoTeamsSite().teams!, { id: 'billing', name: 'Billing again', reasons: ['deal'], members: [] }] },
      /sites\.0\.teams\.4\.id: duplicate team id "billing"/,
    ],
    // The types refuse the reason too; the sites file is JSON, so the schema must refuse it as well.
    [
      'a reason that is neither a label nor a signal',
      // @ts-expect-error 'bargain' is no routable reason
      { teams: [{ id: 'front-desk', name: 'Desk', reasons: ['bargain'], members: [] }] },
      /sites\.0\.teams\.0\.reasons\.0: /,
    ],
    [
      'a member that is not an email',
      { teams: [{ id: 'front-desk', name: 'Desk', reasons: [], members: ['frontdesk'] }] },
      /sites\.0\.teams\.0\.members\.0: must be an email address/,
    ],
    [
      'a bad team id',
      { teams: [{ id: 'Front Desk', name: 'Desk', reasons: [], members: [] }], fallbackTeam: 'Front Desk' },
      /sites\.0\.teams\.0\.id: /,
    ],
    ['a bad time zone', { timeZone: 'Mars/Olympus_Mons' }, /sites\.0\.timeZone: must be an IANA time zone/],
    [
      'bad opening hours',
      { hours: { mon: ['7am', '19:00'] } as unknown as SiteInput['hours'] },
      /sites\.0\.hours\.mon\.0: must be a time like "07:30"/,
    ],
  ];
  for (const [title, overrides, message] of cases) {
    test(`refuses ${title}`, async () => {
      const dir = await tempDir();
      try {
        const sitesFile = await writeSites(dir, { sites: [{ ...demoTeamsSite(), ...overrides }] });
        await assert.rejects(startTestServer({ sitesFile, dataDir: dir }), (err: Error) => {
          assert.match(err.message, /^Invalid sites configuration in /);
          assert.match(err.message, message);
          return true;
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  test('the demo site’s own teams are valid', async () => {
    const server = await startTestServer();
    try {
      const site = server.sites.get('demo-plumbing')!;
      assert.deepEqual(
        site.teams.map((t) => t.id),
        ['dispatch', 'billing', 'owner', 'front-desk'],
      );
      assert.equal(site.fallbackTeam, 'front-desk');
    } finally {
      await server.cleanup();
    }
  });
});
