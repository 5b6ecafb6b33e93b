/**
 * A customer's page on plain http, on its own host name: not a secure context, so browser APIs
 * that exist only on https (or localhost) are missing there. Chromium maps `shop.test` to this
 * machine; the page is served by a small static server, and the widget script comes from the real
 * Baton server on another origin, as the README's script tag does. The visitor sees the greeting
 * and a typed message reaches the server.
 *
 * Needs `npm run build` first (`npm test` does it); skipped without dist/widget.js.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/build/chromium.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { ROOT } from '../../src/server/env.ts';
import { site, writeSites } from '../support/server.ts';

const SITE = 'shop-site';
const HOST = 'shop.test';
/** The same page on a host name no site allows, as when an owner forgets to list their domain. */
const OTHER_HOST = 'other-shop.test';
const WAIT_MS = 15_000;
const built = existsSync(join(ROOT, 'dist', 'widget.js'));

function shopPage(batonUrl: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,"></head>
<body><h1>A shop on plain http</h1><p>Opening hours and prices.</p>
<script src="${batonUrl}/widget.js" data-site="${SITE}" async></script>
</body></html>`;
}

describe('the widget on a plain-http page on another host name', { skip: built ? false : 'needs npm run build' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-plain-http-'));
  let shop: Server;
  let shopOrigin: string;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    let page = '';
    shop = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopOrigin = `http://${HOST}:${(shop.address() as AddressInfo).port}`;
    const sitesFile = await writeSites(dir, { sites: [site(SITE, [shopOrigin], 'Corner Shop')] });
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), sitesFile, quiet: true });
    page = shopPage(`http://127.0.0.1:${server.port}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP ${OTHER_HOST} 127.0.0.1`],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => shop?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the greeting and delivers a typed message', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${shopOrigin}/`);
      assert.equal(await page.evaluate(() => window.isSecureContext), false, 'the page is not a secure context');
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByText('Hello from Corner Shop').first().waitFor({ timeout: WAIT_MS });

      const text = 'Do you sell replacement tap washers?';
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill(text);
      await box.press('Enter');
      const log = page.getByRole('log', { name: 'Messages' });
      await log.getByText(text).waitFor({ timeout: WAIT_MS });

      const stored = () =>
        server.db.prepare('SELECT count(*) AS n FROM messages WHERE role = ? AND text = ?').get('visitor', text) as { n: number };
      const deadline = Date.now() + WAIT_MS;
      while (stored().n === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.equal(stored().n, 1, `the message reached the server (page errors: ${errors.join('; ') || 'none'})`);
      assert.deepEqual(errors, [], 'no uncaught errors on the page');
    } finally {
      await context.close();
    }
  });

  it('on a host no site allows, says calmly that chat is unavailable and tells the owner why in the console', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    try {
      const otherOrigin = shopOrigin.replace(HOST, OTHER_HOST);
      await page.goto(`${otherOrigin}/`);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByText('Chat is unavailable on this page').waitFor({ timeout: WAIT_MS });
      assert.equal(await page.getByRole('textbox', { name: 'Message' }).count(), 0, 'no composer that could never send');
      assert.ok(
        consoleErrors.some((e) => e.includes(otherOrigin) && e.includes('allowed origins')),
        `the console names the origin and the fix: ${consoleErrors.join(' | ')}`,
      );
    } finally {
      await context.close();
    }
  });
});
