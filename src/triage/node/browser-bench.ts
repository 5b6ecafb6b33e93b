/**
 * The Chromium half of the benchmark: a customer's page on one origin loads the built triage
 * client from Baton's origin (another port), which starts the real worker the way the widget will.
 */
import { launchChromium } from '../../build/chromium.ts';
import type { TriageBuild } from './build.ts';
import { serveStatic } from './static-server.ts';

export interface BrowserFigures {
  /** First request (waiting for the model) to its answer, cold cache. */
  coldReadyMs: number;
  /** The same on a second page load, with the model and runtime in the browser's cache. */
  cachedReadyMs: number;
  /** Per message through the worker, model loaded: the round trip from the main thread. */
  warmMs: number[];
  /** The part of each of those spent in the worker (model and engine). */
  inWorkerMs: number[];
  /** Paths fetched from Baton's origin during the cold load. */
  served: string[];
  /** Those fetched again on the next page load (the rest came from the browser's caches). */
  servedAgain: string[];
}

interface PageRun {
  readyMs: number;
  usedModel: boolean;
  modelError: string | null;
  warmMs: number[];
  inWorkerMs: number[];
}

/** Runs in the page: everything it needs comes in as arguments. */
async function inPage(args: { client: string; assets: string; warmUp: string[]; texts: string[] }): Promise<PageRun> {
  type Turn = { role: 'visitor'; text: string };
  type Client = EventTarget & { triage(turns: Turn[], o?: { waitForModel?: boolean }): Promise<{ scores: unknown; workerMs?: number }> };
  const { TriageClient } = (await import(args.client)) as { TriageClient: new (o: unknown) => Client };
  const { triageUrls } = (await import(args.assets)) as { triageUrls: () => unknown };
  const client = new TriageClient(triageUrls());
  let modelError: string | null = null;
  client.addEventListener('baton-triage-model-error', (e) => (modelError = (e as Event & { message: string }).message));
  const t0 = performance.now();
  const first = await client.triage([{ role: 'visitor', text: 'hello, is anyone there?' }], { waitForModel: true });
  const readyMs = performance.now() - t0;
  for (const text of args.warmUp) await client.triage([{ role: 'visitor', text }]);
  await new Promise((settled) => setTimeout(settled, 1000));
  const warmMs: number[] = [];
  const inWorkerMs: number[] = [];
  let usedModel = first.scores !== null;
  for (const text of args.texts) {
    const t = performance.now();
    const r = await client.triage([{ role: 'visitor', text }]);
    warmMs.push(performance.now() - t);
    inWorkerMs.push(r.workerMs ?? NaN);
    usedModel &&= r.scores !== null;
  }
  return { readyMs, usedModel, modelError, warmMs, inWorkerMs };
}

export async function benchChromium(built: TriageBuild, warmUp: readonly string[], texts: readonly string[]): Promise<BrowserFigures> {
  const baton = await serveStatic(built.outDir);
  const site = await serveStatic(null, '<!doctype html><title>A customer site</title><p>Hello</p>');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const base = `http://127.0.0.1:${baton.port}/`;
    const args = { client: base + built.client, assets: base + built.assets, warmUp: [...warmUp], texts: [...texts] };
    await page.goto(`http://127.0.0.1:${site.port}/host.html`);
    const cold = await page.evaluate(inPage, args);
    const served = [...baton.served];
    await page.reload();
    const cached = await page.evaluate(inPage, { ...args, warmUp: [], texts: [] });
    const servedAgain = baton.served.slice(served.length);
    for (const run of [cold, cached]) {
      if (!run.usedModel) throw new Error(`the worker answered without the model: ${run.modelError ?? 'no error reported'}`);
    }
    return {
      coldReadyMs: cold.readyMs,
      cachedReadyMs: cached.readyMs,
      warmMs: cold.warmMs,
      inWorkerMs: cold.inWorkerMs,
      served,
      servedAgain,
    };
  } finally {
    await browser.close();
    await baton.close();
    await site.close();
  }
}
