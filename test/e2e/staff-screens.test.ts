/**
 * Screenshots of every issue-5 screen of the staff console, at phone (390×844) and desktop
 * (1280×800) size, light and dark: the queue with unread counts, a chat with saved replies, the
 * same chat with the on-screen keyboard up (the viewport shrunk to 390×480, as
 * `interactive-widget=resizes-content` does), settings, presence away, and the offline copy.
 * Also checks what they show: the composer and the last message stay on screen with the keyboard
 * up, the load reads "n/3", and the offline banner is dated.
 * Files: test-results/screenshots/staff-<screen>-<phone|desktop>-<light|dark>.png
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { launchChromium } from '../../src/build/chromium.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { ROOT } from '../../src/server/env.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { assertNoSeriousViolations } from '../support/axe.ts';
import {
  ask,
  connectStaff,
  connectVisitor,
  loginCookie,
  handoffPacket,
  requestHandoff,
  send,
  startConversation,
  type Conversation,
  type StaffClient,
  type VisitorClient,
} from '../support/server.ts';

const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const WAIT_MS = 15_000;
const STAFF = { email: 'robin@example.com', name: 'Robin Diaz', password: 'screens-password-1' };
const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
} as const;

describe('staff console screens (phone and desktop, light and dark)', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let staffSocket: StaffClient;
  const visitors: VisitorClient[] = [];
  const chats: Conversation[] = [];

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'staff', 'sw.js')), 'run `npm run build` first');
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'baton-screens-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, sitesFile: join(ROOT, 'demo', 'sites.json'), quiet: true });
    const url = `http://127.0.0.1:${server.port}`;
    server.staff.add(STAFF.email, STAFF.name, await hashPassword(STAFF.password));
    staffSocket = await connectStaff(url, { cookie: await loginCookie(url, STAFF) });
    // Two chats of mine, one visitor still waiting.
    const lines = [
      ['Dana', 'Hi, my kitchen sink is leaking under the cabinet. Can someone come today?'],
      ['Lee', 'Do you service tankless water heaters? Ours shows error code 11.'],
      ['Sam', 'There is a smell of gas near the boiler.'],
      ['', 'Are you open on Saturday?'],
    ] as const;
    for (const [i, [name, line]] of lines.entries()) {
      const visitor = await connectVisitor(url);
      visitors.push(visitor);
      const conv = await startConversation(visitor);
      // The gas leak opened with small talk: its card must lead with the leak, not "hi there".
      if (i === 2) await send(visitor, conv, 'hi there');
      const sent = await send(visitor, conv, line);
      await requestHandoff(visitor, conv, i === 2 ? { packet: handoffPacket(['safety', 'frustration'], sent.id) } : { context: undefined });
      if (name)
        await ask(visitor, 'contact:leave', { ...conv, id: `contact-${i}-${Date.now()}`, contact: { name }, message: '' } as never).catch(
          () => undefined,
        );
      chats.push(conv);
      if (i < 2) {
        const claimed = await ask(staffSocket, 'conversation:claim', { conversationId: conv.conversationId });
        assert.ok(claimed.ok, JSON.stringify(claimed));
      }
    }
    browser = await launchChromium();
  });

  after(async () => {
    for (const v of visitors) v.close();
    staffSocket?.close();
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const size of ['phone', 'desktop'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${size}, ${scheme}`, async () => {
        const url = `http://127.0.0.1:${server.port}`;
        const context = await browser.newContext({
          ...SIZES[size],
          colorScheme: scheme,
          locale: 'en-US',
          timezoneId: 'America/Los_Angeles',
        });
        const page = await context.newPage();
        page.on('pageerror', (e) => console.log(`[staff pageerror] ${e.message}`));
        const shot = (screen: string) => page.screenshot({ path: join(SCREENSHOTS, `staff-${screen}-${size}-${scheme}.png`) });

        await page.goto(`${url}/staff`);
        await page.getByLabel('Email').waitFor({ timeout: WAIT_MS });
        await assertNoSeriousViolations(page, `sign-in (${size}, ${scheme})`);
        await page.getByLabel('Email').fill(STAFF.email);
        await page.getByLabel('Password').fill(STAFF.password);
        await page.getByLabel('Password').press('Enter');
        await page.getByRole('heading', { name: /Waiting/ }).waitFor({ timeout: WAIT_MS });
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: WAIT_MS });
        const dock = page.getByRole('navigation', { name: 'Console' });
        await dock.getByRole('button', { name: /Online, 2 of 3 chats/ }).waitFor({ timeout: WAIT_MS });

        // A message arrives in a chat that is not open: unread count and latest line.
        const unreadLine = `Also the dishwasher drains into that cabinet (${scheme} ${size})`;
        await send(visitors[1]!, chats[1]!, unreadLine);
        // Wait for that chat's row to show the new line as unread (other rows may have unread lines too).
        await page.getByRole('button', { name: /\d+ unread Also the dishwasher drains/ }).waitFor({ timeout: WAIT_MS });
        await page.getByText('Chats', { exact: false }).first().waitFor();
        await shot('queue');
        await assertNoSeriousViolations(page, `queue (${size}, ${scheme})`);

        // A chat with saved replies; a tapped saved reply lands in the composer.
        await page
          .getByRole('button', { name: /Brightwater Plumbing.*Hi, my kitchen/ })
          .first()
          .click();
        const log = page.getByRole('log', { name: 'Transcript' });
        await log.getByText('kitchen sink').waitFor({ timeout: WAIT_MS });
        const saved = page.getByRole('group', { name: 'Saved replies' });
        await saved.getByRole('button', { name: 'On my way' }).click();
        const composer = page.getByRole('textbox', { name: 'Reply' });
        assert.match(await composer.inputValue(), /Thanks for waiting/);
        await shot('chat-saved-replies');
        await assertNoSeriousViolations(page, `chat (${size}, ${scheme})`);

        if (size === 'phone') {
          // The keyboard takes the lower half: the composer and the last message stay visible.
          await page.setViewportSize({ width: 390, height: 480 });
          await composer.focus();
          // The log scrolls to its end after the resize settles; wait for that state, not for a time.
          const last = log.locator('.bubble').last();
          const fits = async () => {
            const box = await composer.boundingBox();
            const lastBox = await last.boundingBox();
            const ok = !!box && !!lastBox && box.y + box.height <= 480 && lastBox.y >= 0 && lastBox.y + lastBox.height <= box.y + 1;
            return { ok, box, lastBox };
          };
          let seen = await fits();
          for (const deadline = Date.now() + WAIT_MS; !seen.ok && Date.now() < deadline; seen = await fits()) {
            await new Promise((r) => setTimeout(r, 50));
          }
          assert.ok(seen.box && seen.box.y + seen.box.height <= 480, `composer above the keyboard: ${JSON.stringify(seen.box)}`);
          assert.ok(seen.ok, `last message visible: ${JSON.stringify(seen.lastBox)} above the composer at ${JSON.stringify(seen.box)}`);
          await shot('chat-keyboard');
          await page.setViewportSize(SIZES.phone.viewport);
          await page.getByRole('button', { name: 'Queue' }).click();
        }

        // Settings and presence.
        await dock.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('heading', { name: 'Settings' }).waitFor();
        await page.getByRole('button', { name: 'Turn on notifications' }).waitFor();
        await shot('settings');
        await assertNoSeriousViolations(page, `settings (${size}, ${scheme})`);
        await page.getByRole('group', { name: 'Presence' }).getByRole('button', { name: 'Away' }).click();
        await dock.getByRole('button', { name: /^Away, 2 of 3 chats/ }).waitFor({ timeout: WAIT_MS });
        await shot('settings-away');
        await dock.getByRole('button', { name: /^Chats/ }).click();
        await page.getByRole('heading', { name: /Waiting/ }).waitFor();
        await shot('queue-away');
        await dock.getByRole('button', { name: /^Away, 2 of 3 chats/ }).click();
        await dock.getByRole('button', { name: /^Online, 2 of 3 chats/ }).waitFor({ timeout: WAIT_MS });

        // Insights, once its figures have loaded.
        await page.getByRole('button', { name: 'Insights' }).click();
        await page.getByRole('heading', { name: 'Insights' }).waitFor({ timeout: WAIT_MS });
        await page.waitForTimeout(500);
        await assertNoSeriousViolations(page, `insights (${size}, ${scheme})`);
        await page.getByRole('button', { name: 'Chats' }).first().click();
        await page.getByRole('heading', { name: /Waiting/ }).waitFor({ timeout: WAIT_MS });

        // Offline: the worker serves the console, IndexedDB the last copy.
        await page.waitForTimeout(800);
        await context.setOffline(true);
        await page.reload();
        await page.getByText(/Offline — showing what you had at \d{1,2}:\d{2}/).waitFor({ timeout: WAIT_MS });
        await page
          .getByRole('button', { name: /1 unread|Brightwater Plumbing/ })
          .first()
          .waitFor({ timeout: WAIT_MS });
        await shot('offline');
        await context.setOffline(false);
        await context.close();
      });
    }
  }
});
