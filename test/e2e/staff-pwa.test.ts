/**
 * The installable staff console in Debian's Chromium, against the real server serving the built
 * console (`npm run build` first; `npm test` does it):
 * - install: the manifest, the service worker at /staff/sw.js controlling /staff, the shell precached;
 * - offline: with the server gone, a reload is served by the worker and the console shows the last
 *   queue and open chats from IndexedDB, marked "Offline — showing what you had at HH:MM"; when the
 *   server is back it reconnects and the banner goes;
 * - notified in the background: with the console hidden, a new handoff (1) is pushed by the server
 *   to the local push-service stand-in, encrypted (decrypted here) and (2) shown by the service
 *   worker as a notification; the push itself is then delivered to the worker with CDP
 *   (`ServiceWorker.deliverPushMessage`, the step a real push service does) and de-duplicated;
 *   a tap on the notification (a `notificationclick` dispatched inside the worker with the real
 *   Notification object, see below) takes the chat in that console, and the reply reaches the visitor.
 *
 * What is not covered: a real push service (FCM, Mozilla, Apple) cannot be reached here, so
 * `pushManager.subscribe` is not exercised (the test registers a subscription for the stand-in);
 * and Chromium gives no way to click a system notification, so the click is a synthetic
 * NotificationEvent: it runs the worker's real handler, but without the user-gesture permission a
 * real tap grants (`clients.openWindow` is refused), so "no console open → open one" is untested.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { launchChromium } from '../../src/build/chromium.ts';
import type { PushPayload } from '../../src/server/push.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { ROOT } from '../../src/server/env.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { decrypt, fakeBrowser, PushServiceStandIn } from '../support/push-service.ts';
import { connectVisitor, requestHandoff, send, startConversation, type Conversation, type VisitorClient } from '../support/server.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SITES_FILE = join(ROOT, 'demo', 'sites.json');
const DIST = join(ROOT, 'dist');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const WAIT_MS = 15_000;
const STAFF = { email: 'pat@example.com', name: 'Pat Okafor', password: 'pwa-password-1' };

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/staff`);
  await page.getByLabel('Email').fill(STAFF.email);
  await page.getByLabel('Password').fill(STAFF.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { name: /Waiting/ }).waitFor({ timeout: WAIT_MS });
}

/** The console's service worker, once it controls the page. */
async function serviceWorker(context: BrowserContext, page: Page): Promise<Worker> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: WAIT_MS });
  return until(async () => context.serviceWorkers().find((w) => w.url().endsWith('/staff/sw.js')), 'the service worker');
}

/**
 * A page script that makes the console believe it is hidden or visible (a phone with the console in
 * the background). A string, so the test runner's transform adds no helpers to it.
 */
const setVisibility = (state: 'hidden' | 'visible'): string => `
  Object.defineProperty(document, 'visibilityState', { configurable: true, get() { return '${state}'; } });
  Object.defineProperty(document, 'hidden', { configurable: true, get() { return ${state === 'hidden'}; } });
  document.dispatchEvent(new Event('visibilitychange'));`;

/** A visitor (socket.io, as the widget speaks) who asks for a person; `said` collects what they receive. */
async function visitorAsks(url: string, line: string): Promise<{ visitor: VisitorClient; conv: Conversation; said: string[] }> {
  const visitor = await connectVisitor(url);
  const said: string[] = [];
  visitor.on('message', (m) => said.push(m.text));
  const conv = await startConversation(visitor);
  await send(visitor, conv, line);
  await requestHandoff(visitor, conv);
  return { visitor, conv, said };
}

describe('installable staff console', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let port: number;
  const pushService = new PushServiceStandIn();
  const start = () =>
    startServer({ port, host: '127.0.0.1', dataDir, sitesFile: SITES_FILE, quiet: true, push: { allowHttpEndpoints: true } });
  const url = () => `http://127.0.0.1:${port}`;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'staff', 'sw.js')), 'dist/staff/sw.js is missing: run `npm run build` first (npm test does)');
    await pushService.start();
    dataDir = mkdtempSync(join(tmpdir(), 'baton-pwa-'));
    port = 0;
    server = await start();
    port = server.port;
    server.staff.add(STAFF.email, STAFF.name, await hashPassword(STAFF.password));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await pushService.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('installs: manifest, a service worker that controls /staff, the shell precached', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, url());
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await page.request.get(new URL(manifestHref!, `${url()}/staff`).href)).json()) as Record<string, unknown>;
    assert.equal(manifest['start_url'], '/staff');
    assert.equal(manifest['scope'], '/staff');
    assert.equal(manifest['display'], 'standalone');
    const icons = manifest['icons'] as { sizes: string; purpose: string; src: string }[];
    for (const size of ['192x192', '512x512'])
      assert.ok(
        icons.some((i) => i.sizes === size && i.purpose === 'any'),
        `icon ${size}`,
      );
    assert.ok(
      icons.some((i) => i.purpose === 'maskable'),
      'a maskable icon',
    );
    for (const icon of icons) assert.equal((await page.request.get(`${url()}${icon.src}`)).status(), 200, icon.src);

    const sw = await page.request.get(`${url()}/staff/sw.js`);
    assert.equal(sw.headers()['service-worker-allowed'], '/staff');
    const worker = await serviceWorker(context, page);
    const cached = await worker.evaluate(async () => {
      const keys = await caches.keys();
      const shell = keys.find((k) => k.startsWith('baton-staff-shell-'));
      const cache = await caches.open(shell!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    assert.ok(cached.includes('/staff'), `the page is precached: ${cached.join(', ')}`);
    assert.ok(
      cached.some((p) => /^\/assets\/staff-.*\.js$/.test(p)),
      'the console script is precached',
    );
    // The page's CSP still holds under the worker (it serves the cached response with its headers).
    const csp = (await page.request.get(`${url()}/staff`)).headers()['content-security-policy'];
    assert.match(csp ?? '', /script-src 'self'/);
    await context.close();
  });

  it('offline: the shell opens from the worker and shows the last queue and chats, dated; back online it reconnects', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[staff pageerror] ${e.message}`));
    await signIn(page, url());
    await serviceWorker(context, page);
    const line = `Offline test ${Date.now()}: the boiler pilot light keeps going out`;
    const { visitor, conv } = await visitorAsks(url(), line);
    await page.getByRole('listitem').filter({ hasText: line }).getByRole('button', { name: 'Take chat' }).click();
    await page.getByRole('log', { name: 'Transcript' }).getByText(line).waitFor({ timeout: WAIT_MS });
    await send(visitor, conv, 'Also, the radiator upstairs is cold');
    await page.getByRole('log', { name: 'Transcript' }).getByText('radiator upstairs').waitFor({ timeout: WAIT_MS });
    // The offline copy is written shortly after each sync.
    await page.waitForTimeout(1200);
    visitor.close();

    await server.close();
    await page.reload();
    await page.getByText(/Offline — showing what you had at \d{1,2}:\d{2}/).waitFor({ timeout: WAIT_MS });
    await page.getByRole('log', { name: 'Transcript' }).getByText('radiator upstairs').waitFor({ timeout: WAIT_MS });
    await shot(page, 'pwa-phone-offline-chat');
    await page.goBack().catch(() => undefined);
    await page.goto(`${url()}/staff`).catch(() => undefined);
    await page.getByText(/Offline — showing what you had at/).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: /Visitor · Brightwater Plumbing/ }).waitFor({ timeout: WAIT_MS });
    await shot(page, 'pwa-phone-offline-queue');

    server = await start();
    server.staff.add('other-' + STAFF.email, 'Other', await hashPassword(STAFF.password));
    await page.getByText(/Offline — showing/).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByRole('button', { name: /Visitor · Brightwater Plumbing/ }).waitFor({ timeout: WAIT_MS });
    await context.close();
  });

  it('a handoff while the console is in the background: pushed, notified, tapped, taken and answered', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
    await context.grantPermissions(['notifications'], { origin: url() });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[staff pageerror] ${e.message}`));
    await signIn(page, url());
    const worker = await serviceWorker(context, page);

    // This device's push subscription, pointing at the stand-in (a real browser would get an FCM/Mozilla/Apple endpoint).
    const device = fakeBrowser();
    const subscribed = await page.evaluate(
      async (body) =>
        (
          await fetch('/api/staff/push/subscriptions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      { ...device.subscription(pushService.endpoint('pat-phone')), device: 'Test phone' },
    );
    assert.equal(subscribed, 201);

    // The console goes to the background.
    await page.evaluate(setVisibility('hidden'));

    pushService.deliveries.length = 0;
    const line = `Background test ${Date.now()}: water coming through the ceiling`;
    const { visitor, conv, said } = await visitorAsks(url(), line);

    // 1. The server pushed it, encrypted, to this staff member's device.
    const delivery = await until(async () => pushService.for('pat-phone')[0], 'the push to reach the push service');
    const payload = JSON.parse(decrypt(device, delivery.body)) as PushPayload;
    assert.equal(payload.kind, 'handoff');
    assert.equal(payload.conversationId, conv.conversationId);
    assert.equal(payload.body, line);
    assert.equal(delivery.headers['urgency'], 'high');

    // 2. The worker shows one notification for the chat (the hidden console asked for it).
    const tag = `baton-${conv.conversationId}`;
    const shown = await until(
      () =>
        worker.evaluate(async (t) => {
          const list = await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications({ tag: t });
          return list.length ? list.map((n) => ({ title: n.title, body: n.body })) : undefined;
        }, tag),
      'the notification',
    );
    assert.equal(shown.length, 1);
    assert.equal(shown[0]!.body, line);
    assert.match(shown[0]!.title, /Brightwater Plumbing/);

    // 3. The push service delivers the same message to the worker: it is not shown twice.
    const cdp = await context.newCDPSession(page);
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on(
        'ServiceWorker.workerRegistrationUpdated',
        ({ registrations }: { registrations: { registrationId: string; scopeURL: string }[] }) => {
          const reg = registrations.find((r) => r.scopeURL.endsWith('/staff'));
          if (reg) resolve(reg.registrationId);
        },
      );
      void cdp.send('ServiceWorker.enable');
    });
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: url(), registrationId, data: JSON.stringify(payload) });
    await page.waitForTimeout(500);
    const count = await worker.evaluate(
      (t) =>
        (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications({ tag: t }).then((l) => l.length),
      tag,
    );
    assert.equal(count, 1, 'one notification per event, however it arrived');

    // 4. A tap: the worker's notificationclick handler runs with the real notification.
    await page.evaluate(setVisibility('visible'));
    await worker.evaluate(async (t) => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(e: Event): boolean };
      const [notification] = await scope.registration.getNotifications({ tag: t });
      const NotificationEventCtor = (
        self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }
      ).NotificationEvent;
      scope.dispatchEvent(new NotificationEventCtor('notificationclick', { notification: notification! }));
    }, tag);

    // The console takes the chat and shows it; the notification is gone.
    const log = page.getByRole('log', { name: 'Transcript' });
    await log.getByText(line).waitFor({ timeout: WAIT_MS });
    await log.getByText(`${STAFF.name} from Brightwater Plumbing joined the chat.`).waitFor({ timeout: WAIT_MS });
    assert.equal(new URL(page.url()).hash, `#chat/${conv.conversationId}`);
    const left = await worker.evaluate(
      (t) =>
        (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications({ tag: t }).then((l) => l.length),
      tag,
    );
    assert.equal(left, 0);

    // 5. The answer reaches the visitor.
    const reply = 'Pat here: please turn off the water at the main valve, someone is on the way.';
    await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
    await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await until(async () => (said.includes(reply) ? true : undefined), 'the visitor to see the reply');
    await shot(page, 'pwa-phone-answered-from-notification');
    visitor.close();
    await context.close();
  });
});
