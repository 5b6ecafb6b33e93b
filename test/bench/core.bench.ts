/**
 * `npm run bench:core`: what issue #2 asks to report.
 *  - gzip size of the pasted script (widget.js) and of what the widget loads on demand;
 *  - time from the visitor pressing "Talk to a person" (real widget, real Chromium) to the chat
 *    showing in a signed-in staff member's queue (real staff console), on loopback, median of 20.
 * Both pages run in one Chromium, so their clocks (performance.timeOrigin + now) are comparable.
 * The probes are evaluated as strings, so CSP is bypassed for the measuring pages only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Page } from 'playwright-core';
import { launchChromium } from '../../src/build/chromium.ts';
import { startServer } from '../../src/server/app.ts';
import { ROOT } from '../../src/server/env.ts';
import { hashPassword } from '../../src/server/passwords.ts';

const RUNS = 20;

const dist = join(ROOT, 'dist');
if (!existsSync(join(dist, 'widget.js'))) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
const gz = (file: string) => gzipSync(readFileSync(file)).length;
const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const appImports = new Set<string>();
const collect = (file: string) => {
  for (const m of readFileSync(file, 'utf8').matchAll(/["'](?:\.\/|\.\.\/)?(?:assets\/)?([\w.-]+\.js)["']/g)) {
    const name = m[1]!;
    if (assets.includes(name) && !appImports.has(name)) {
      appImports.add(name);
      collect(join(dist, 'assets', name));
    }
  }
};
collect(join(dist, 'widget-app.js'));
const onDemand =
  gz(join(dist, 'widget-app.js')) +
  [...appImports].filter((f) => !/worker|transformers|ort/i.test(f)).reduce((sum, f) => sum + gz(join(dist, 'assets', f)), 0);
console.log(`widget.js (the pasted script): ${(gz(join(dist, 'widget.js')) / 1024).toFixed(2)} kB gzip`);
console.log(`widget app loaded on first interaction or idle (without triage): ${(onDemand / 1024).toFixed(1)} kB gzip`);

const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, sitesFile: join(ROOT, 'demo', 'sites.json'), quiet: true });
server.staff.add('bench@example.com', 'Bench Staff', await hashPassword('bench-password'));
const browser = await launchChromium();

/**
 * Finds text anywhere in the page, through shadow roots, and returns when it was found. Kept as
 * source text: it runs in the page, where the Node-side compiler's helpers do not exist.
 */
const foundAt = (needle: string): string => `(() => {
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot && walk(el.shadowRoot)) return true;
      if (el.childElementCount === 0 && el.textContent && el.textContent.includes(${JSON.stringify(needle)})) return true;
    }
    return false;
  };
  return walk(document) ? performance.timeOrigin + performance.now() : 0;
})()`;

try {
  const staffPage = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  await staffPage.goto(`${server.url}/staff`);
  await staffPage.getByLabel('Email').fill('bench@example.com');
  await staffPage.getByLabel('Password').fill('bench-password');
  await staffPage.getByRole('button', { name: 'Sign in' }).click();
  await staffPage.waitForFunction(foundAt('No one is waiting'), undefined, { polling: 50 });

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    const visitor: Page = await context.newPage();
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const marker = `bench visitor ${i} ${Date.now()}`;
    await visitor.getByRole('textbox', { name: 'Message' }).fill(marker);
    await visitor.keyboard.press('Enter');
    await visitor.getByText('Sent').first().waitFor();
    const human = visitor.getByRole('button', { name: 'Talk to a person' });
    await human.evaluate((b) =>
      b.addEventListener('pointerdown', () => Object.assign(window, { t0: performance.timeOrigin + performance.now() }), { once: true }),
    );
    const seen = staffPage.waitForFunction(foundAt(marker), undefined, { polling: 1, timeout: 10_000 });
    await human.click();
    const t1 = (await (await seen).jsonValue()) as number;
    const t0 = (await visitor.evaluate('window.t0')) as number;
    times.push(t1 - t0);
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = (times[9]! + times[10]!) / 2;
  console.log(
    `"Talk to a person" → chat in a staff queue (loopback, real widget and console), median of ${RUNS}: ${median.toFixed(1)} ms  (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)})`,
  );

  // Enter → triage decision in the real widget, as stored with each message (TriageMeta.ms):
  // routine questions, after the model has loaded in the worker.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const visitor = await context.newPage();
  await visitor.goto(`${server.url}/`);
  await visitor.getByRole('button', { name: 'Open chat' }).click();
  await visitor.locator('baton-chat[data-triage="ready"]').waitFor({ state: 'attached', timeout: 20_000 });
  const questions = [
    'how much is a drain cleaning',
    'do you take credit cards',
    'what are your hours on saturday',
    'do you install tankless heaters',
    'is there a cancellation fee',
  ];
  for (let i = 0; i < 40; i++) {
    const text = `${questions[i % questions.length]} (${i})`;
    await visitor.getByRole('textbox', { name: 'Message' }).fill(text);
    await visitor.keyboard.press('Enter');
    await visitor.locator('.msg.visitor', { hasText: text }).getByText('Sent').waitFor();
  }
  const decisions = (server.db.prepare("SELECT meta FROM messages WHERE role = 'visitor' AND meta IS NOT NULL").all() as { meta: string }[])
    .map((r) => (JSON.parse(r.meta) as { triage?: { ms: number; scores: unknown } }).triage)
    .filter((t): t is { ms: number; scores: unknown } => !!t && t.scores !== null)
    .map((t) => t.ms)
    .sort((a, b) => a - b);
  const pct = (p: number) => decisions[Math.min(decisions.length - 1, Math.floor((p / 100) * decisions.length))]!;
  console.log(
    `Enter → triage decision in the widget (model loaded, ${decisions.length} messages): p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`,
  );
  await context.close();
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
