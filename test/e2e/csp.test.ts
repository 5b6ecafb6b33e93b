/**
 * The README's Content Security Policy recipe, on a customer's page on another origin, with Trusted
 * Types required: the launcher appears (built without markup strings), the chat opens and talks to
 * the server, and the triage worker loads its model (a module worker's imports are checked against
 * worker-src, so Baton's origin must be there beside blob:).
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
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/build/chromium.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { ROOT } from '../../src/server/env.ts';
import { site, writeSites } from '../support/server.ts';

const SITE = 'csp-site';
const WAIT_MS = 15_000;
const MODEL_WAIT_MS = 60_000;
const built = existsSync(join(ROOT, 'dist', 'widget.js'));

/** The README's recipe for a page whose own scripts come from itself, with Baton at `baton`. */
function recipe(baton: string): string {
  const ws = baton.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' ${baton} 'wasm-unsafe-eval'`,
    `connect-src 'self' ${baton} ${ws}`,
    `worker-src ${baton} blob:`,
    "require-trusted-types-for 'script'",
  ].join('; ');
}

describe('the widget under the README CSP recipe, with Trusted Types required', { skip: built ? false : 'needs npm run build' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-csp-'));
  let shop: Server;
  let shopOrigin: string;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    let csp = '';
    let page = '';
    shop = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
      res.end(page);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    const sitesFile = await writeSites(dir, { sites: [site(SITE, [shopOrigin], 'Strict Shop')] });
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), sitesFile, quiet: true });
    const baton = `http://127.0.0.1:${server.port}`;
    csp = recipe(baton);
    page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict shop</title></head>
<body><h1>A shop with a strict CSP</h1><script src="${baton}/widget.js" data-site="${SITE}" async></script></body></html>`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => shop?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the launcher, opens the chat and loads the triage model, with no CSP violations', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|TrustedScriptURL|TrustedHTML|Trusted Type/i.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
    try {
      await page.goto(`${shopOrigin}/`);
      await page.getByRole('button', { name: 'Open chat' }).click({ timeout: WAIT_MS });
      await page.getByText('Hello from Strict Shop').first().waitFor({ timeout: WAIT_MS });
      await page.waitForFunction(() => document.querySelector('baton-chat')?.getAttribute('data-triage') === 'ready', null, {
        timeout: MODEL_WAIT_MS,
      });
      assert.deepEqual(problems, [], 'nothing refused by the policy');
    } catch (err) {
      const triage = await page.evaluate(() => document.querySelector('baton-chat')?.getAttribute('data-triage'));
      throw new Error(`${(err as Error).message}\ntriage: ${triage}\n${problems.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
