/**
 * Ratings and the Insights figures against the real server: a visitor rates a chat once, after it
 * is closed; the figures (handoff rate, by reason, time to handoff and first reply, satisfaction,
 * context completeness) come out exactly right for a known set of conversations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Insights } from '../../src/protocol/insights.ts';
import type { Label } from '../../src/triage/labels.ts';
import {
  addStaff,
  ask,
  askRaw,
  closeAll,
  collect,
  connectStaff,
  connectVisitor,
  http,
  loginCookie,
  nextEvent,
  replyId,
  requestHandoff,
  send,
  site,
  sleep,
  startConversation,
  startTestServer,
  visitorMessage,
  type Conversation,
  type StaffClient,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

const SITE = 'demo-plumbing';
const OTHER = 'other-shop';
const sites = () => [
  { ...site(SITE, ['self'], 'Brightwater Plumbing'), greeting: 'Hi!' },
  { ...site(OTHER, ['self'], 'Other Shop'), greeting: 'Hello!' },
];
const triage = (action: 'handoff' | 'offer' | 'flag' | 'none', labels: Label[] = []) => ({
  scores: Object.fromEntries(labels.map((l) => [l, 0.9])),
  labels,
  signals: [],
  action,
  ms: 8,
});

describe('ratings', () => {
  let server: TestServer;
  let staff: StaffClient;
  let visitor: VisitorClient;
  let conv: Conversation;
  before(async () => {
    server = await startTestServer({ sites: sites() });
    staff = await connectStaff(server.url, { cookie: await loginCookie(server.url, await addStaff(server, 'Rae Rated')) });
    visitor = await connectVisitor(server.url);
    conv = await startConversation(visitor);
  });
  after(async () => {
    closeAll(staff, visitor);
    await server.cleanup();
  });

  test('only a closed chat can be rated, once; the visitor’s status then shows it rated', async () => {
    await send(visitor, conv, 'Need a plumber');
    const early = await ask(visitor, 'conversation:rate', { ...conv, rating: 4 });
    assert.deepEqual(early, { ok: false, code: 'invalid', error: 'a chat can be rated once it is closed' });
    await requestHandoff(visitor, conv);
    assert.ok((await ask(staff, 'conversation:claim', { conversationId: conv.conversationId })).ok);
    assert.deepEqual(await ask(visitor, 'conversation:rate', { ...conv, rating: 4 }), {
      ok: false,
      code: 'invalid',
      error: 'a chat can be rated once it is closed',
    });
    assert.deepEqual(await ask(staff, 'conversation:close', { conversationId: conv.conversationId, hadContext: true }), { ok: true });

    for (const [rating, field] of [
      [0, /^rating: /],
      [6, /^rating: /],
      [4.5, /^rating: /],
    ] as const) {
      const res = (await askRaw(visitor, 'conversation:rate', { ...conv, rating })) as { ok: boolean; code: string; error: string };
      assert.equal(res.code, 'invalid');
      assert.match(res.error, field);
    }
    const stranger = await connectVisitor(server.url);
    const other = await startConversation(stranger);
    assert.deepEqual(await ask(stranger, 'conversation:rate', { conversationId: conv.conversationId, token: other.token, rating: 1 }), {
      ok: false,
      code: 'unauthorised',
      error: 'this conversation does not exist or the token does not match',
    });
    stranger.close();

    const rated = nextEvent(visitor, 'conversation:status', (s) => s.rated === true);
    assert.deepEqual(await ask(visitor, 'conversation:rate', { ...conv, rating: 4, comment: '  Quick and kind  ' }), { ok: true });
    const status = await rated;
    assert.equal(status.status, 'closed');
    assert.deepEqual(await ask(visitor, 'conversation:rate', { ...conv, rating: 1 }), {
      ok: false,
      code: 'conflict',
      error: 'this chat was already rated',
    });
    const sync = await ask(visitor, 'conversation:sync', { ...conv, afterSeq: 0 });
    assert.ok(sync.ok);
    assert.equal(sync.conversation.rated, true);
    const row = server.db.prepare('SELECT rating, rating_comment FROM conversations WHERE id = ?').get(conv.conversationId);
    assert.deepEqual({ ...(row as object) }, { rating: 4, rating_comment: 'Quick and kind' });
  });
});

describe('insights', () => {
  let server: TestServer;
  let cookie: string;
  let staff: StaffClient;
  const visitors: VisitorClient[] = [];

  async function visitorOn(siteKey: string): Promise<{ visitor: VisitorClient; conv: Conversation }> {
    const visitor = await connectVisitor(server.url, { siteKey });
    visitors.push(visitor);
    return { visitor, conv: await startConversation(visitor) };
  }

  /** Claims, waits a little, replies and closes with the staff member's context mark; the visitor rates. */
  async function handled(v: { visitor: VisitorClient; conv: Conversation }, hadContext: boolean, rating: number) {
    assert.ok((await ask(staff, 'conversation:claim', { conversationId: v.conv.conversationId })).ok);
    await sleep(20);
    assert.ok(
      (
        await ask(staff, 'message:send', {
          conversationId: v.conv.conversationId,
          message: { id: replyId(), text: 'Hello, I can help.', createdAt: Date.now() },
        })
      ).ok,
    );
    assert.deepEqual(await ask(staff, 'conversation:close', { conversationId: v.conv.conversationId, hadContext }), { ok: true });
    assert.deepEqual(await ask(v.visitor, 'conversation:rate', { ...v.conv, rating }), { ok: true });
  }

  before(async () => {
    server = await startTestServer({ sites: sites() });
    const who = await addStaff(server, 'Ines Insight');
    server.staff.setMaxChats(who.email, 10);
    cookie = await loginCookie(server.url, who);
    staff = await connectStaff(server.url, { cookie });

    // 1. Triage flags a safety emergency; handed off by policy with a full packet; answered, had context, rated 5.
    const c1 = await visitorOn(SITE);
    assert.ok(
      (
        await ask(c1.visitor, 'message:send', {
          ...c1.conv,
          message: visitorMessage('I smell gas', { triage: triage('handoff', ['safety']) }),
        })
      ).ok,
    );
    await sleep(10);
    await requestHandoff(c1.visitor, c1.conv, { reasons: ['safety'] });
    await handled(c1, true, 5);

    // 2. "Talk to a person" with no packet; answered, did not have context, rated 3.
    const c2 = await visitorOn(SITE);
    await send(c2.visitor, c2.conv, 'Can I talk to someone?');
    await requestHandoff(c2.visitor, c2.conv);
    await handled(c2, false, 3);

    // 3. Triage saw nothing (action none) but the policy handed off on deal + frustration; still waiting.
    const c3 = await visitorOn(SITE);
    assert.ok(
      (
        await ask(c3.visitor, 'message:send', {
          ...c3.conv,
          message: visitorMessage('Too expensive, do better', { triage: triage('none') }),
        })
      ).ok,
    );
    await requestHandoff(c3.visitor, c3.conv, { reasons: ['deal', 'frustration'] });

    // 4. Only the assistant: no handoff.
    const c4 = await visitorOn(SITE);
    await send(c4.visitor, c4.conv, 'What are your hours?');

    // 5. Opened the widget and wrote nothing: not a conversation.
    await visitorOn(SITE);

    // 6. Another site: one "Talk to a person" handoff, not answered.
    const c6 = await visitorOn(OTHER);
    await send(c6.visitor, c6.conv, 'Hello?');
    await requestHandoff(c6.visitor, c6.conv);
  });
  after(async () => {
    closeAll(staff, ...visitors);
    await server.cleanup();
  });

  const get = (query: string, headers: Record<string, string> = { cookie }) =>
    http(`${server.url}/api/staff/insights${query}`, { headers });
  const byReason = (insights: Insights) => Object.fromEntries(insights.reasons.map((r) => [r.reason, r.handoffs]));

  test('refused without a valid session, and for an unknown site', async () => {
    const none = await get('?days=7', {});
    assert.equal(none.status, 401);
    assert.deepEqual(none.json(), { error: 'Not signed in.' });
    assert.equal((await get('?days=7', { cookie: 'baton_session=not-a-real-session-token' })).status, 401);
    const unknown = await get('?site=unknown');
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json(), { error: 'unknown site "unknown"' });
  });

  test('one site: every figure exactly right', async () => {
    const res = await get(`?days=3&site=${SITE}`);
    assert.equal(res.status, 200);
    const insights = res.json<Insights>();
    const t = insights.totals;
    assert.equal(t.conversations, 4);
    assert.equal(t.handoffs, 3);
    assert.equal(t.handoffRate, 0.75);
    assert.deepEqual(byReason(insights), { safety: 1, visitor_asked: 1, frustration: 1, deal: 1 });
    for (const r of insights.reasons) assert.equal(r.share, 1 / 3);
    assert.equal(insights.reasons.find((r) => r.reason === 'safety')!.averageRating, 5);
    assert.equal(insights.reasons.find((r) => r.reason === 'visitor_asked')!.averageRating, 3);
    assert.equal(insights.reasons.find((r) => r.reason === 'deal')!.averageRating, null);
    assert.equal(insights.reasons.find((r) => r.reason === 'deal')!.medianFirstReplyMs, null);

    assert.ok(t.medianFirstReplyMs !== null && t.medianFirstReplyMs >= 20, `medianFirstReplyMs ${t.medianFirstReplyMs}`);
    assert.ok(t.medianToHandoffMs !== null && t.medianToHandoffMs >= 0);
    // Only the safety chat had a message whose triage action was not "none".
    assert.ok(t.medianFromTriggerMs !== null && t.medianFromTriggerMs >= 10, `medianFromTriggerMs ${t.medianFromTriggerMs}`);
    assert.equal(t.ratings, 2);
    assert.equal(t.averageRating, 4);
    assert.equal(t.contextMarked, 2);
    assert.equal(t.contextYes, 1);
    // Two full packets (8/8) and one handoff with none (only the transcript: 1/8).
    assert.ok(t.packetCompleteness! > 0 && t.packetCompleteness! <= 1);
    assert.ok(Math.abs(t.packetCompleteness! - (1 + 1 / 8 + 1) / 3) < 1e-9, String(t.packetCompleteness));

    assert.equal(insights.days.length, 3);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(insights.days.at(-1)!.day, today);
    assert.deepEqual({ ...insights.days.at(-1)!, day: undefined }, { ...t, day: undefined });
    for (const day of insights.days.slice(0, -1)) {
      assert.equal(day.conversations, 0);
      assert.equal(day.handoffs, 0);
      assert.equal(day.handoffRate, null);
      assert.equal(day.averageRating, null);
    }
  });

  test('every site, and a site with no trigger', async () => {
    const all = (await get('?days=1')).json<Insights>();
    assert.equal(all.totals.conversations, 5);
    assert.equal(all.totals.handoffs, 4);
    assert.equal(all.totals.handoffRate, 0.8);
    assert.deepEqual(byReason(all), { safety: 1, visitor_asked: 2, frustration: 1, deal: 1 });
    assert.ok(Math.abs(all.totals.packetCompleteness! - (1 + 1 / 8 + 1 + 1 / 8) / 4) < 1e-9);
    assert.equal(all.days.length, 1);

    const other = (await get(`?days=1&site=${OTHER}`)).json<Insights>();
    assert.equal(other.totals.conversations, 1);
    assert.equal(other.totals.handoffs, 1);
    assert.equal(other.totals.medianFromTriggerMs, null);
    assert.equal(other.totals.medianFirstReplyMs, null);
    assert.equal(other.totals.averageRating, null);
    assert.equal(other.totals.contextMarked, 0);
    assert.deepEqual(byReason(other), { visitor_asked: 1 });

    // Days are clamped to 1-90; nonsense falls back to 14.
    assert.equal((await get('?days=500')).json<Insights>().days.length, 90);
    assert.equal((await get('?days=abc')).json<Insights>().days.length, 14);
  });

  test('a new rating changes the figures at once', async () => {
    const before = (await get(`?days=1&site=${SITE}`)).json<Insights>();
    const v = await visitorOn(SITE);
    await send(v.visitor, v.conv, 'The bill is wrong');
    const statuses = collect(v.visitor, 'conversation:status');
    await requestHandoff(v.visitor, v.conv, { reasons: ['financial'] });
    await handled(v, true, 1);
    assert.ok(statuses.some((s) => s.rated === true));
    const now = (await get(`?days=1&site=${SITE}`)).json<Insights>();
    assert.equal(now.totals.conversations, before.totals.conversations + 1);
    assert.equal(now.totals.handoffs, before.totals.handoffs + 1);
    assert.equal(now.totals.ratings, 3);
    assert.equal(now.totals.averageRating, (5 + 3 + 1) / 3);
    assert.equal(now.totals.contextYes, 2);
    assert.equal(byReason(now).financial, 1);
  });
});

describe('insights: a handoff before the visitor wrote anything', () => {
  test('the conversation still counts, so the handoff rate stays a share of conversations', async () => {
    const server = await startTestServer({ sites: sites() });
    const cookie = await loginCookie(server.url, await addStaff(server, 'Uma Upfront'));
    const visitor = await connectVisitor(server.url);
    try {
      // One visitor asks the assistant something; another presses "Talk to a person" straight away.
      const chatty = await startConversation(visitor);
      await send(visitor, chatty, 'Do you do boilers?');
      const upfront = await startConversation(visitor);
      await requestHandoff(visitor, upfront, {
        transcript: [visitorMessage('Hi!', { role: 'assistant', assistant: { kind: 'greeting', sources: [] } })],
      });

      const res = await http(`${server.url}/api/staff/insights?days=1`, { headers: { cookie } });
      const totals = res.json<Insights>().totals;
      assert.equal(totals.conversations, 2);
      assert.equal(totals.handoffs, 1);
      assert.equal(totals.handoffRate, 0.5);
      assert.equal(res.json<Insights>().days[0]!.conversations, 2);
    } finally {
      closeAll(visitor);
      await server.cleanup();
    }
  });
});

describe('insights: a chat handed back to the assistant and handed off again', () => {
  test('counts two handoffs but one conversation handed off: the rate never passes 100%', async () => {
    const server = await startTestServer({ sites: sites() });
    const member = await addStaff(server, 'Rhea Release');
    const cookie = await loginCookie(server.url, member);
    const staff = await connectStaff(server.url, { cookie });
    const visitor = await connectVisitor(server.url);
    try {
      const conv = await startConversation(visitor);
      await send(visitor, conv, 'Can someone look at my boiler?');
      await requestHandoff(visitor, conv);
      assert.ok((await ask(staff, 'conversation:claim', { conversationId: conv.conversationId })).ok);
      assert.ok((await ask(staff, 'conversation:release', { conversationId: conv.conversationId })).ok);
      await requestHandoff(visitor, conv);

      const totals = (await http(`${server.url}/api/staff/insights?days=1`, { headers: { cookie } })).json<Insights>().totals;
      assert.equal(totals.conversations, 1);
      assert.equal(totals.handoffs, 2);
      assert.equal(totals.handoffRate, 1);
    } finally {
      closeAll(staff, visitor);
      await server.cleanup();
    }
  });
});
