/**
 * Triage-driven handoff, end to end, one test per trigger family: a visitor on the demo site (the
 * real widget, the real model in its worker) writes something frustrated, a safety emergency, a
 * question repeated after an unhelpful answer, or a price negotiation. Each chat must reach the
 * right team (demo/sites.json) with the right reasons, and the staff member of that team, signed in
 * on a 390×844 console, finds it in their queue, takes it and has the whole packet without asking.
 *
 * Needs `npm run build` first (`npm test` does it). Screenshots: test-results/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../src/build/chromium.ts';
import { io, type Socket } from 'socket.io-client';
import { STAFF_NAMESPACE, type StaffClientEvents, type StaffServerEvents } from '../../src/protocol/events.ts';
import type { ConversationDetail } from '../../src/protocol/messages.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { ROOT } from '../../src/server/env.ts';
import { hashPassword } from '../../src/server/passwords.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const PASSWORD = 'e2e-team-password';
const WAIT = 20_000;

/** One staff member per demo team (their emails are the team members in demo/sites.json). */
const TEAMS = {
  dispatch: { email: 'dispatch@brightwater.example', name: 'Dana Dispatch', team: 'Dispatch' },
  billing: { email: 'billing@brightwater.example', name: 'Bill Ing', team: 'Billing' },
  owner: { email: 'owner@brightwater.example', name: 'Olive Owner', team: 'Owner' },
  frontDesk: { email: 'frontdesk@brightwater.example', name: 'Frankie Desk', team: 'Front desk' },
} as const;
type Member = (typeof TEAMS)[keyof typeof TEAMS];

let server: RunningServer;
let browser: Browser;
let dataDir: string;

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
}

/** A visitor on the demo page with the chat open and the triage model loaded. */
async function visitor(): Promise<{ page: Page; say(text: string): Promise<void>; close(): Promise<void> }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.locator('baton-chat[data-triage="ready"]').waitFor({ state: 'attached', timeout: WAIT });
  return {
    page,
    async say(text: string) {
      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('textbox', { name: 'Message' }).press('Enter');
      await page.locator('.msg.visitor', { hasText: text }).getByText('Sent').waitFor({ timeout: WAIT });
    },
    close: () => context.close(),
  };
}

/** The team member, signed in on a phone-sized console. */
async function console_(member: Member): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${server.url}/staff`);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: WAIT });
  return page;
}

/** The same staff member over the socket, to read exactly what the server hands them. */
async function detailFor(member: Member, conversationId: string): Promise<ConversationDetail> {
  const login = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: member.email, password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const socket: Socket<StaffServerEvents, StaffClientEvents> = io(`${server.url}${STAFF_NAMESPACE}`, {
    extraHeaders: { cookie },
    transports: ['websocket'],
  });
  try {
    const reply = await socket.timeout(WAIT).emitWithAck('conversation:open', { conversationId });
    assert.ok(reply.ok, JSON.stringify(reply));
    return reply.detail;
  } finally {
    socket.close();
  }
}

/** Takes the chat whose queue card quotes `line` (the line that triggered the hand-off) and returns its id. */
async function take(staff: Page, line: string): Promise<string> {
  const row = staff.locator('li', { hasText: line });
  await row.waitFor({ timeout: WAIT });
  await row.getByRole('button', { name: 'Take chat' }).click();
  await staff.getByRole('textbox', { name: 'Reply' }).waitFor({ timeout: WAIT });
  const id = /#chat\/([\w-]+)/.exec(staff.url())?.[1];
  assert.ok(id, `chat id in the console URL (${staff.url()})`);
  return id;
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-triggers-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, sitesFile: join(ROOT, 'demo', 'sites.json'), quiet: true });
  for (const m of Object.values(TEAMS)) server.staff.add(m.email, m.name, await hashPassword(PASSWORD));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('triage-driven handoff, per trigger family', { timeout: 120_000 }, () => {
  it('frustration: handed off at once to the front desk', async () => {
    const staff = await console_(TEAMS.frontDesk);
    const v = await visitor();
    const text = 'this is the third time I am asking and NOBODY has called me back. absolutely ridiculous';
    await v.say(text);
    await v.page.getByText('bringing in someone from Brightwater Plumbing now').waitFor({ timeout: WAIT });
    const id = await take(staff, text);
    await shot(staff, 'e2e-frustration-staff');
    const detail = await detailFor(TEAMS.frontDesk, id);
    assert.equal(detail.summary.team.name, 'Front desk');
    assert.equal(detail.summary.reason, 'policy');
    assert.ok(detail.summary.reasons.includes('frustration'), detail.summary.reasons.join());
    assert.equal(detail.packet?.asked.first, text);
    assert.ok(detail.packet?.why.reasons.some((r) => r.name === 'frustration' && r.messageId && r.evidence.length > 0));
    assert.ok(detail.packet.mood.length >= 1 && detail.packet.mood.at(-1)!.frustration > 0.5, 'the mood trend shows the frustration');
    await v.page.getByText('Frankie Desk from Brightwater Plumbing joined the chat.').waitFor({ timeout: WAIT });
    await shot(v.page, 'e2e-frustration-visitor');
    await Promise.all([v.close(), staff.context().close()]);
  });

  it('safety: a gas smell goes to dispatch first, with the visitor’s phone number collected', async () => {
    const staff = await console_(TEAMS.dispatch);
    const v = await visitor();
    const text = "there's a strong smell of gas in my kitchen, call me on 951-555-0199";
    await v.say(text);
    const id = await take(staff, text);
    const detail = await detailFor(TEAMS.dispatch, id);
    assert.equal(detail.summary.team.name, 'Dispatch');
    assert.equal(detail.summary.reasons[0], 'safety', 'safety is the most urgent reason');
    assert.deepEqual(
      detail.packet?.collected.filter((d) => d.kind === 'phone').map((d) => d.value.replace(/\D/g, '')),
      ['9515550199'],
    );
    assert.equal(detail.messages.filter((m) => m.role === 'visitor').length, 1, 'nothing missing or duplicated');
    await shot(staff, 'e2e-safety-staff');
    await Promise.all([v.close(), staff.context().close()]);
  });

  it('repetition: the same question again after an unhelpful answer goes to the front desk', async () => {
    const staff = await console_(TEAMS.frontDesk);
    const v = await visitor();
    const first = 'can you replace a leaking shower valve?';
    await v.say(first);
    await v.page.locator('.msg.assistant').nth(1).waitFor({ timeout: WAIT });
    const again = 'no, can you replace my leaking shower valve';
    await v.say(again);
    // The card quotes the repeat, which is what handed it off.
    const id = await take(staff, again);
    const detail = await detailFor(TEAMS.frontDesk, id);
    assert.equal(detail.summary.team.name, 'Front desk');
    assert.ok(detail.summary.reasons.includes('repetition'), detail.summary.reasons.join());
    assert.ok(detail.packet && detail.packet.tried.length >= 1, 'what the assistant tried travels with the chat');
    assert.equal(detail.packet.asked.first, first);
    await shot(staff, 'e2e-repetition-staff');
    await Promise.all([v.close(), staff.context().close()]);
  });

  it('price negotiation: the visitor accepts the offer of a person and billing gets it', async () => {
    const staff = await console_(TEAMS.billing);
    const v = await visitor();
    const text = 'can you do the water heater install for $1200 if I pay cash?';
    await v.say(text);
    const accept = v.page.getByRole('button', { name: 'Yes, bring in a person' });
    await accept.waitFor({ timeout: WAIT });
    await shot(v.page, 'e2e-deal-offer-visitor');
    await accept.click();
    const id = await take(staff, text);
    const detail = await detailFor(TEAMS.billing, id);
    assert.equal(detail.summary.team.name, 'Billing');
    assert.equal(detail.summary.reason, 'offer_accepted');
    assert.ok(detail.summary.reasons.includes('deal'), detail.summary.reasons.join());
    assert.ok(
      detail.packet?.collected.some((d) => d.kind === 'amount' && d.value.includes('1200')),
      'the amount is collected',
    );
    await shot(staff, 'e2e-deal-staff');
    await Promise.all([v.close(), staff.context().close()]);
  });

  it('unresolved: two questions the assistant cannot answer, then "ok thanks", reach staff with the whole story', async () => {
    const staff = await console_(TEAMS.frontDesk);
    const v = await visitor();
    const first = 'Do you fix garbage disposals?';
    await v.say(first);
    await v.page.locator('.msg.assistant').nth(1).waitFor({ timeout: WAIT });
    await v.say('Do you install water softeners?');
    await v.page.locator('.msg.assistant').nth(2).waitFor({ timeout: WAIT });
    await v.say('ok thanks');
    // The hand-off the visitor is told about is the one staff get: nothing refused, nothing dropped.
    await v.page.getByText('bringing in someone from Brightwater Plumbing now').waitFor({ timeout: WAIT });
    const id = await take(staff, 'ok thanks');
    const detail = await detailFor(TEAMS.frontDesk, id);
    assert.ok(detail.summary.reasons.includes('unresolved'), detail.summary.reasons.join());
    const reason = detail.packet?.why.reasons.find((r) => r.name === 'unresolved');
    assert.ok(reason && reason.score !== undefined && reason.score <= 1, JSON.stringify(reason));
    assert.equal(detail.packet?.asked.first, first);
    assert.equal(detail.messages.filter((m) => m.role === 'visitor').length, 3, 'every visitor line arrived, once');
    assert.equal(await v.page.getByText('Not sent').count(), 0, 'nothing the visitor wrote failed');
    await Promise.all([v.close(), staff.context().close()]);
  });

  it('a team member does not see another team’s chats', async () => {
    const billing = await console_(TEAMS.billing);
    const v = await visitor();
    const text = 'water is pouring through my ceiling light and there are sparks';
    await v.say(text);
    await v.page.getByText('bringing in someone').waitFor({ timeout: WAIT });
    // Dispatch's chat never shows in Billing's queue (Front desk is the fallback, not Billing).
    await billing.waitForTimeout(1_000);
    assert.equal(await billing.locator('li', { hasText: text }).count(), 0);
    await Promise.all([v.close(), billing.context().close()]);
  });
});
