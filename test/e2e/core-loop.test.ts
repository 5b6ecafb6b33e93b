/**
 * The core loop, end to end, in Debian's Chromium: a visitor on the demo page sends two messages
 * and asks for a person; a staff member signs in to the console on a 390×844 phone page, takes the
 * chat, sees both messages and the page context, and replies; the visitor sees the reply; the
 * staff member closes the chat and the visitor sees it closed.
 *
 * The visitor is the real widget (`dist/widget.js` on the demo page) when the build has one, or a
 * socket.io-client visitor otherwise (`BATON_E2E_VISITOR=socket` forces it). Both implement
 * `Visitor`, so the staff half does not care which one it talks to.
 *
 * A second test covers the console's resync: a live `message` dropped on the wire (Playwright's
 * WebSocket routing; Chrome's offline mode would not cut the socket) is fetched by sequence, and a
 * reply typed while the server is down is delivered exactly once after it restarts.
 *
 * Needs `npm run build` first (`npm test` does it). Screenshots: test-results/screenshots/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchChromium } from '../../src/build/chromium.ts';
import { io, type Socket } from 'socket.io-client';
import { VISITOR_NAMESPACE, type VisitorClientEvents, type VisitorServerEvents } from '../../src/protocol/events.ts';
import type { StoredMessage } from '../../src/protocol/messages.ts';
import type { MessageInput, PageContext } from '../../src/protocol/schemas.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { ROOT } from '../../src/server/env.ts';
import { hashPassword } from '../../src/server/passwords.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SITE = 'demo-plumbing';
const SITES_FILE = join(ROOT, 'demo', 'sites.json');
const DIST = join(ROOT, 'dist');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const WAIT_MS = 15_000;
const STAFF = { email: 'sam@example.com', name: 'Sam Rivera', password: 'e2e-password-1' };

const useWidget =
  process.env.BATON_E2E_VISITOR !== 'socket' && existsSync(join(DIST, 'widget.js')) && existsSync(join(ROOT, 'demo', 'index.html'));

async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
  return path;
}

// ---- Visitors ------------------------------------------------------------------------------------

/** What the test needs from a visitor, whichever way it is driven. */
interface Visitor {
  readonly kind: string;
  start(): Promise<void>;
  /** Sends a message and returns once the server has acknowledged it. */
  say(text: string): Promise<void>;
  askForPerson(): Promise<void>;
  /** Resolves when the visitor can see `text` (a staff reply, a system line). */
  sees(text: string): Promise<void>;
  screenshot(name: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The real widget on the demo page, driven like a person would: by role and accessible name. */
class WidgetVisitor implements Visitor {
  readonly kind = 'the real widget on the demo page';
  private context?: BrowserContext;
  private page?: Page;

  constructor(
    private readonly browser: Browser,
    private readonly url: string,
  ) {}

  private get p(): Page {
    assert.ok(this.page, 'visitor page not started');
    return this.page;
  }

  private get log(): Locator {
    return this.p.getByRole('log', { name: 'Messages' });
  }

  async start() {
    this.context = await this.browser.newContext({ ...PHONE, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
    this.page = await this.context.newPage();
    this.page.on('pageerror', (e) => console.log(`[visitor pageerror] ${e.message}`));
    await this.page.goto(`${this.url}/`);
    await this.page.getByRole('button', { name: 'Open chat' }).click();
    await this.page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: WAIT_MS });
  }

  async say(text: string) {
    const box = this.p.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
    await this.log.getByText(text).waitFor({ timeout: WAIT_MS });
    // Delivered means acknowledged by the server: no "Sending…" left in the log.
    await until(
      async () => ((await this.log.getByText('Sending…', { exact: true }).count()) === 0 ? true : undefined),
      `"${text}" to be sent`,
    );
  }

  async askForPerson() {
    await this.p.getByRole('button', { name: 'Talk to a person' }).click();
  }

  async sees(text: string) {
    await this.p.getByText(text).first().waitFor({ timeout: WAIT_MS });
  }

  screenshot(name: string) {
    return shot(this.p, name);
  }

  async close() {
    await this.context?.close();
  }
}

/** A visitor speaking the widget's protocol over socket.io-client (no Origin header: same-origin). */
class SocketVisitor implements Visitor {
  readonly kind = 'a socket.io-client visitor';
  private socket?: Socket<VisitorServerEvents, VisitorClientEvents>;
  private conversationId = '';
  private token = '';
  private readonly sent: MessageInput[] = [];
  readonly received: StoredMessage[] = [];
  private readonly startedAt = Date.now();
  private counter = 0;

  constructor(private readonly url: string) {}

  private get s(): Socket<VisitorServerEvents, VisitorClientEvents> {
    assert.ok(this.socket, 'visitor socket not started');
    return this.socket;
  }

  get id(): string {
    return this.conversationId;
  }

  async start() {
    this.socket = io(`${this.url}${VISITOR_NAMESPACE}`, { auth: { siteKey: SITE }, transports: ['websocket'] });
    this.socket.on('message', (m) => this.received.push(m));
    await new Promise<void>((ok, fail) => (this.s.once('connect', ok), this.s.once('connect_error', fail)));
    const started = await this.s.timeout(WAIT_MS).emitWithAck('conversation:start', {});
    assert.ok(started.ok, `conversation:start refused: ${JSON.stringify(started)}`);
    this.conversationId = started.conversationId;
    this.token = started.token;
  }

  async say(text: string) {
    const message: MessageInput = { id: `e2e-visitor-${Date.now()}-${++this.counter}`, role: 'visitor', text, createdAt: Date.now() };
    const ack = await this.s
      .timeout(WAIT_MS)
      .emitWithAck('message:send', { conversationId: this.conversationId, token: this.token, message });
    assert.ok(ack.ok, `message:send refused: ${JSON.stringify(ack)}`);
    this.sent.push(message);
  }

  async askForPerson() {
    const context: PageContext = {
      url: `${this.url}/`,
      title: 'Brightwater Plumbing — 24/7 plumbers in Riverside County',
      referrer: 'https://www.google.com/',
      language: 'en-US',
      timeZone: 'America/Los_Angeles',
      device: {
        userAgent:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
        viewport: '390x844',
        touch: true,
      },
      timeOnPageMs: Date.now() - this.startedAt,
    };
    const ack = await this.s.timeout(WAIT_MS).emitWithAck('handoff:request', {
      conversationId: this.conversationId,
      token: this.token,
      id: `e2e-handoff-${Date.now()}`,
      reason: 'visitor_asked',
      context,
      transcript: this.sent,
    } as Parameters<VisitorClientEvents['handoff:request']>[0]);
    assert.ok(ack.ok, `handoff:request refused: ${JSON.stringify(ack)}`);
  }

  async sees(text: string) {
    const deadline = Date.now() + WAIT_MS;
    while (!this.received.some((m) => m.text.includes(text))) {
      if (Date.now() > deadline)
        assert.fail(`the visitor never received "${text}"; got ${JSON.stringify(this.received.map((m) => m.text))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async screenshot() {
    console.log('visitor screenshot: none (socket-driven visitor has no page)');
    return undefined;
  }

  async close() {
    this.socket?.close();
  }
}

// ---- Staff -----------------------------------------------------------------------------------

async function staffSignsIn(browser: Browser, url: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[staff pageerror] ${e.message}`));
  await page.goto(`${url}/staff`);
  await page.getByLabel('Email').fill(STAFF.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Email or password is wrong.').waitFor({ timeout: WAIT_MS });
  await shot(page, `${name}-login-error`);
  await page.getByLabel('Password').fill(STAFF.password);
  await page.getByLabel('Password').press('Enter'); // Enter submits
  await page.getByRole('heading', { name: /Waiting/ }).waitFor({ timeout: WAIT_MS });
  return { context, page };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const queueRow = (page: Page, firstLine: string): Locator => page.getByRole('listitem').filter({ hasText: firstLine });

// ---- Tests -----------------------------------------------------------------------------------

describe('core loop: visitor → queue → staff phone → reply', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'dist/index.html is missing: run `npm run build` first (npm test does)');
    dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
    server = await startServer({ port: 0, dataDir, sitesFile: SITES_FILE, quiet: true });
    server.staff.add(STAFF.email, STAFF.name, await hashPassword(STAFF.password));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a staff member on a phone takes the chat, sees everything, and the visitor sees the reply', async () => {
    const visitor: Visitor = useWidget ? new WidgetVisitor(browser, server.url) : new SocketVisitor(server.url);
    console.log(`visitor: ${visitor.kind}`);
    const first = 'Hello, do you also work in Norco?';
    const second = 'And could someone come out on Saturday morning?';
    const reply = 'Hi, Sam here from Brightwater. Yes, we cover Norco and have Saturday slots.';

    // The staff member is signed in first, so the handoff arrives live (queue:added).
    const staff = await staffSignsIn(browser, server.url, 'staff-phone');
    const page = staff.page;
    await page.getByText('No one is waiting').waitFor({ timeout: WAIT_MS });

    await visitor.start();
    await visitor.say(first);
    await visitor.say(second);
    await visitor.askForPerson();

    // The card quotes the line the visitor asked for a person on (their latest), not their first.
    const row = queueRow(page, second);
    await row.waitFor({ timeout: WAIT_MS });
    await row.getByText('Asked for a person').waitFor();
    await row.getByText(/waiting/).waitFor();
    await row.getByText('Brightwater Plumbing').waitFor();
    await shot(page, 'staff-phone-queue');
    await visitor.screenshot('visitor-phone-waiting');

    await row.getByRole('button', { name: 'Take chat' }).click();
    const log = page.getByRole('log', { name: 'Transcript' });
    await log.getByText(first).waitFor({ timeout: WAIT_MS });
    await log.getByText(second).waitFor();
    await log.getByText(`${STAFF.name} from Brightwater Plumbing joined the chat.`).waitFor();
    // The first message comes before the second, in seq order.
    const texts = await log.locator('.bubble').allTextContents();
    assert.ok(texts.indexOf(first) !== -1 && texts.indexOf(first) < texts.indexOf(second), `transcript order: ${JSON.stringify(texts)}`);

    // The handoff summary: reason, the page the visitor was on, and their context.
    const summary = page.locator('baton-staff-summary');
    await page.locator('baton-staff-packet').getByText('Asked for a person').first().waitFor();
    await summary.getByText(/Brightwater Plumbing — 24\/7 plumbers/).waitFor();
    await summary.getByText(server.url).first().waitFor();
    for (const label of ['Page', 'Time on page', 'Language', 'Time zone', 'Device'])
      await summary.getByText(label, { exact: true }).waitFor();
    await summary.getByText(/English/).waitFor();
    await summary.getByText(/America\/Los_Angeles/).waitFor();
    await shot(page, 'staff-phone-chat');

    // Reply: Enter sends; the reply shows as sent, and reaches the visitor in real time.
    const composer = page.getByRole('textbox', { name: 'Reply' });
    await composer.fill(reply);
    await composer.press('Enter');
    await log.getByText(reply).waitFor();
    await page.locator('baton-staff-chat .msg.staff.sent').getByText('Sent').waitFor({ timeout: WAIT_MS });
    assert.equal(await composer.inputValue(), '', 'the composer is cleared after sending');
    await visitor.sees(reply);
    await shot(page, 'staff-phone-replied');
    await visitor.screenshot('visitor-phone-reply');

    // Close, with confirmation; the visitor sees the chat closed.
    await page.getByRole('button', { name: 'Close chat' }).click();
    // Closing asks whether the handoff had everything staff needed (stored for Insights).
    await page.getByRole('dialog', { name: 'Close this chat?' }).getByRole('button', { name: 'Yes', exact: true }).click();
    await page.getByText('This chat is closed.').waitFor({ timeout: WAIT_MS });
    await visitor.sees(`${STAFF.name} closed the chat.`).catch(() => visitor.sees('closed this chat'));
    await shot(page, 'staff-phone-closed');
    await visitor.screenshot('visitor-phone-closed');

    // Back to the queue on the phone; the closed chat is no longer among "My chats".
    await page.getByRole('button', { name: 'Back to queue' }).click();
    await page.getByText('Chats you take appear here.').waitFor({ timeout: WAIT_MS });

    await visitor.close();
    await staff.context.close();
  });

  it('two staff take the same chat: one wins, the other is told who took it and the row goes', async () => {
    const other = { email: 'alex@example.com', name: 'Alex Chen', password: 'e2e-password-2' };
    server.staff.add(other.email, other.name, await hashPassword(other.password));
    const sam = await staffSignsIn(browser, server.url, 'staff-phone-race');
    const alexContext = await browser.newContext({ ...PHONE, locale: 'en-US' });
    const alex = await alexContext.newPage();
    // Alex's console does not hear that Sam took the chat (as if the claims crossed on the wire),
    // so Alex presses "Take chat" on a chat that is already gone.
    await alex.routeWebSocket(/socket\.io/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((data) => {
        if (typeof data === 'string' && data.includes('"queue:removed"')) return;
        ws.send(data);
      });
    });
    await alex.goto(`${server.url}/staff`);
    await alex.getByLabel('Email').fill(other.email);
    await alex.getByLabel('Password').fill(other.password);
    await alex.getByRole('button', { name: 'Sign in' }).click();
    await alex.getByText('No one is waiting').waitFor({ timeout: WAIT_MS });
    await alex.waitForTimeout(300); // let socket.io upgrade to the routed WebSocket

    const visitor = new SocketVisitor(server.url);
    await visitor.start();
    const line = `Race ${Date.now()}: my water heater is making a banging noise.`;
    await visitor.say(line);
    await visitor.askForPerson();

    const samRow = queueRow(sam.page, line);
    const alexRow = queueRow(alex, line);
    await Promise.all([samRow.waitFor({ timeout: WAIT_MS }), alexRow.waitFor({ timeout: WAIT_MS })]);
    await samRow.getByRole('button', { name: 'Take chat' }).click();
    await sam.page.getByRole('log', { name: 'Transcript' }).getByText(line).waitFor({ timeout: WAIT_MS });

    await alexRow.getByRole('button', { name: 'Take chat' }).click();
    await alex.getByRole('status').getByText(`${STAFF.name} already took this chat`).waitFor({ timeout: WAIT_MS });
    await alexRow.waitFor({ state: 'detached', timeout: WAIT_MS });
    assert.equal(await alex.getByRole('log', { name: 'Transcript' }).count(), 0, 'the loser does not get the chat');
    assert.equal(await sam.page.getByText(/already took this chat/).count(), 0, 'the winner is not told it lost');
    await shot(alex, 'staff-phone-claim-lost');

    await visitor.close();
    await alexContext.close();
    await sam.context.close();
  });
});

describe('staff console resync', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let port: number;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'dist/index.html is missing: run `npm run build` first (npm test does)');
    dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
    server = await startServer({ port: 0, dataDir, sitesFile: SITES_FILE, quiet: true });
    port = server.port;
    server.staff.add(STAFF.email, STAFF.name, await hashPassword(STAFF.password));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fetches a missed message by sequence, and delivers a reply typed while the server was down exactly once', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
    const page = await context.newPage();
    // Swallow the first live `message` packet that carries DROP-ME: the console must notice the seq jump.
    let dropped = 0;
    await page.routeWebSocket(/socket\.io/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((data) => {
        if (typeof data === 'string' && data.includes('"message"') && data.includes('DROP-ME') && dropped === 0) {
          dropped += 1;
          return;
        }
        ws.send(data);
      });
    });
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password').fill(STAFF.password);
    await page.getByLabel('Password').press('Enter');
    await page.getByText('No one is waiting').waitFor({ timeout: WAIT_MS });

    const visitor = new SocketVisitor(server.url);
    await visitor.start();
    await visitor.say('Before the handoff: is there a call-out fee?');
    await visitor.askForPerson();
    await queueRow(page, 'call-out fee').getByRole('button', { name: 'Take chat' }).click();
    const log = page.getByRole('log', { name: 'Transcript' });
    await log.getByText('call-out fee').waitFor({ timeout: WAIT_MS });
    // Let socket.io upgrade to WebSocket, so live packets go through the route above.
    await page.waitForTimeout(500);

    await visitor.say('DROP-ME: this one is lost on the wire');
    await visitor.say('This one arrives, one seq later');
    await log.getByText('This one arrives').waitFor({ timeout: WAIT_MS });
    await log.getByText('DROP-ME: this one is lost on the wire').waitFor({ timeout: WAIT_MS });
    assert.equal(dropped, 1, 'the route dropped exactly one live message');
    const texts = await log.locator('.bubble').allTextContents();
    assert.ok(
      texts.indexOf('DROP-ME: this one is lost on the wire') < texts.indexOf('This one arrives, one seq later'),
      `gap filled in order: ${JSON.stringify(texts)}`,
    );
    assert.equal(texts.filter((t) => t.startsWith('DROP-ME')).length, 1, 'no duplicate after the gap fetch');

    // The server goes away: the console says so and keeps the reply.
    await server.close();
    await page.getByText(/Reconnecting/).waitFor({ timeout: WAIT_MS });
    const reply = 'Typed while the server was down; sent once it is back.';
    await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('baton-staff-chat .msg.staff.sending').getByText(reply).waitFor({ timeout: WAIT_MS });
    await shot(page, 'staff-phone-reconnecting');

    // Same port, same data folder: the console reconnects, resyncs and sends the reply once.
    server = await startServer({ port, dataDir, sitesFile: SITES_FILE, quiet: true });
    await page.locator('baton-staff-chat .msg.staff.sent').getByText(reply).waitFor({ timeout: 30_000 });
    await page.getByText(/Reconnecting/).waitFor({ state: 'detached', timeout: WAIT_MS });
    const stored = server.db.prepare('SELECT text FROM messages WHERE conversation_id = ? AND text = ?').all(visitor.id, reply);
    assert.equal(stored.length, 1, 'the reply is stored exactly once');
    const shown = (await log.locator('.bubble').allTextContents()).filter((t) => t === reply);
    assert.equal(shown.length, 1, 'the reply is shown exactly once');

    await shot(page, 'staff-phone-resynced');
    await visitor.close();
    await context.close();
  });
});
