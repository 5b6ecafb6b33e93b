/**
 * What a site owner who only pastes the script tag can do, in Debian's Chromium against the real
 * server and the built `dist/widget.js`: the `baton(...)` command queue used before the script has
 * loaded (show, hide, language, identify, listening to events), and signed visitors: a good
 * signature reaches staff as verified; a wrong one and an expired one do not.
 *
 * Needs `npm run build` first (`npm test` does it); skipped without dist/widget.js.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { HandoffSummary } from '../../src/protocol/messages.ts';
import type { VisitorIdentity } from '../../src/protocol/schemas.ts';
import { launchChromium } from '../../src/build/chromium.ts';
import { ROOT } from '../../src/server/env.ts';
import { signIdentity } from '../../src/server/identity.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { addStaff, ask, connectStaff, loginCookie, site, writeSites } from '../support/server.ts';

const SITE = 'owner-site';
const SECRET = 'a-long-random-secret-the-site-server-keeps-0123456789';
const built = existsSync(join(ROOT, 'dist', 'widget.js'));
const WAIT_MS = 15_000;

/** The owner's page: the queue stub, commands issued before widget.js exists, then the tag itself. */
function ownerPage(identity: VisitorIdentity | undefined, batonUrl: string): string {
  return `<!doctype html><html lang="en"><head><title>Owner</title></head><body><h1>Owner page</h1>
<script>
  window.baton = window.baton || function () { (baton.q = baton.q || []).push(arguments); };
  window.seen = [];
  for (const name of ['ready', 'show', 'hide']) baton('on', name, () => seen.push(name));
  baton('on', 'baton-message', (e) => seen.push('message:' + e.role));
  baton('on', 'handoff', (e) => seen.push('handoff:' + e.trigger));
  baton('language', 'es');
  ${identity ? `baton('identify', ${JSON.stringify(identity)});` : ''}
  baton('show');
</script>
<script src="${batonUrl}/widget.js" data-site="${SITE}" async></script>
</body></html>`;
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen);

describe('the script-tag API and verified visitors', { skip: built ? false : 'needs npm run build' }, () => {
  let server: RunningServer;
  let url: string;
  let owner: Server;
  let ownerUrl: string;
  let browser: Browser;
  let cookie: string;
  // The owner's pages come from their own small server on another origin, as a real site's would
  // (the chat server's demo folder has a CSP that blocks the inline queue stub). They are served
  // over the network: Chromium refuses a page it did not load that way a socket to a loopback address.
  const pages = mkdtempSync(join(tmpdir(), 'baton-owner-'));
  let pageCount = 0;

  before(async () => {
    owner = createServer((req, res) => {
      const file = join(pages, new URL(req.url ?? '/', 'http://x').pathname.replace(/[^\w.-]/g, ''));
      if (!existsSync(file) || !file.endsWith('.html')) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => owner.listen(0, '127.0.0.1', resolve));
    ownerUrl = `http://127.0.0.1:${(owner.address() as AddressInfo).port}`;
    const sitesFile = await writeSites(pages, { sites: [{ ...site(SITE, [ownerUrl], 'Owner Plumbing'), identitySecret: SECRET }] });
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(pages, 'data'), sitesFile, quiet: true });
    url = `http://127.0.0.1:${server.port}`;
    cookie = await loginCookie(url, await addStaff(server, 'Queue Reader'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => owner?.close(resolve));
    rmSync(pages, { recursive: true, force: true });
  });

  const identity = (expiresInS: number, secret = SECRET): VisitorIdentity => {
    const fields = {
      id: 'cust-4711',
      name: 'Dana Whitfield',
      email: 'dana@example.com',
      expires: Math.floor(Date.now() / 1000) + expiresInS,
    };
    return { ...fields, signature: signIdentity(secret, SITE, fields) };
  };

  /** Opens the owner's page as a new visitor, asks for a person, and returns what staff see in the queue. */
  async function visit(who: VisitorIdentity | undefined) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[owner pageerror] ${e.message}`));
    const file = `owner-${++pageCount}.html`;
    writeFileSync(join(pages, file), ownerPage(who, url));
    await page.goto(`${ownerUrl}/${file}`);
    // The queued 'show' loaded the widget and opened it, without a click.
    await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: WAIT_MS });
    await page.waitForFunction(() => (document.querySelector('baton-chat') as { identityStatus?: string } | null)?.identityStatus, null, {
      timeout: WAIT_MS,
    });
    const status = await page.evaluate(
      () => (document.querySelector('baton-chat') as unknown as { identityStatus: string }).identityStatus,
    );
    await page.getByRole('button', { name: 'Talk to a person' }).click();
    const staff = await connectStaff(url, { cookie });
    let summary: HandoffSummary | undefined;
    for (let i = 0; i < 100 && !summary; i++) {
      const list = await ask(staff, 'queue:list', {});
      assert.ok(list.ok);
      summary = list.queue.find((s) => s.siteKey === SITE && s.status === 'queued' && !seenIds.has(s.conversationId));
      if (!summary) await new Promise((r) => setTimeout(r, 100));
    }
    staff.close();
    assert.ok(summary, 'the hand-off reached the queue');
    seenIds.add(summary.conversationId);
    return { context, page, status, summary };
  }
  const seenIds = new Set<string>();

  it('runs commands queued before load: show, language, listeners; hide and events afterwards', async () => {
    const { context, page } = await visit(undefined);
    try {
      assert.equal(await page.locator('baton-chat').getAttribute('language'), 'es', 'the language set before load reached the element');
      assert.equal(await page.evaluate(() => localStorage.getItem('baton:language')), 'es', 'and is kept for later visits');
      await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.includes('handoff:visitor_asked'));
      const events = await seen(page);
      for (const e of ['ready', 'show', 'message:assistant', 'handoff:visitor_asked'])
        assert.ok(events.includes(e), `"${e}" reached the listener (saw ${events.join(', ')})`);
      await page.evaluate(() => (window as unknown as { baton: (c: string) => void }).baton('hide'));
      await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.includes('hide'));
      assert.equal(await page.getByRole('textbox', { name: 'Message' }).isVisible(), false, 'hide closed the panel');
    } finally {
      await context.close();
    }
  });

  it('a good signature: staff see the customer as verified', async () => {
    const { context, status, summary } = await visit(identity(600));
    await context.close();
    assert.equal(status, 'verified');
    assert.equal(summary.verified?.id, 'cust-4711');
    assert.equal(summary.verified?.name, 'Dana Whitfield');
    assert.equal(summary.verified?.email, 'dana@example.com');
  });

  it('a wrong signature: unverified, and the chat works as for anyone', async () => {
    const { context, status, summary } = await visit(identity(600, 'not-the-sites-secret-not-the-sites-secret'));
    await context.close();
    assert.equal(status, 'invalid');
    assert.equal(summary.verified, undefined);
  });

  it('an expired signature cannot be replayed', async () => {
    const { context, status, summary } = await visit(identity(-60));
    await context.close();
    assert.equal(status, 'expired');
    assert.equal(summary.verified, undefined);
  });
});
