/**
 * The triage worker (a module worker). Rules answer at once; the model loads on the first request
 * that waits for it or on a `load` message, and a load failure is reported once, after which the
 * worker keeps answering with the rules alone.
 */
import * as ort from 'onnxruntime-web/wasm';
import { triageConversation } from './engine.ts';
import type { Scores } from './labels.ts';
import type { ClientToWorker, WorkerToClient } from './messages.ts';
import { loadTriageModel, type ConfigureRuntime, type TriageModel } from './model.ts';
import type { SitePolicy } from './policy.ts';
import type { Turn } from './conversation.ts';

// Transformers.js uses the ONNX runtime registered under this symbol rather than the WebGPU/JSEP
// build it imports itself. vite.config.ts swaps that import for this same CPU-only build anyway;
// registering it keeps unbundled runs (the browser tests) on the runtime visitors get.
(globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;

// The CPU-only runtime: its .wasm and the small JS glue that instantiates it. Vite emits both next
// to this worker with hashed names; unbundled (the browser tests) they come straight from
// node_modules. Either way they are on Baton's origin, never a CDN.
const RUNTIME_WASM = new URL('../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm', import.meta.url).href;
const RUNTIME_GLUE = new URL('../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.mjs', import.meta.url).href;

/** One cache for the runtime and the model; their URLs carry hashes and versions, so nothing in it goes stale. */
const CACHE_NAME = 'baton-triage';

/** Insecure pages (plain http) have no Cache API; the browser's HTTP cache still applies there. */
const cacheStorage = (): CacheStorage | null => (typeof caches === 'undefined' ? null : caches);

async function cachedBytes(cache: Cache, url: string): Promise<ArrayBuffer> {
  let response = await cache.match(url);
  if (!response) {
    response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await cache.put(url, response.clone());
  }
  return response.arrayBuffer();
}

/**
 * Settings for Transformers.js and its runtime. Transformers.js 4.3 skips its "does
 * tokenizer_config.json exist" check when the model path is a full URL, and then loads no
 * tokenizer; so it is given the path alone ("/models/"), and its fetches and cache keys are
 * resolved here against Baton's origin, which in a worker started from a blob URL is not `location`.
 */
async function prepareRuntime(models: URL): Promise<ConfigureRuntime> {
  const resolve = (request: string | URL): string => new URL(request, models).href;
  const storage = cacheStorage();
  const cache = storage ? await storage.open(CACHE_NAME) : null;
  // Kept with the model: in Chromium the HTTP cache fetched these 14 MB again on every page load.
  const wasmBinary = cache ? await cachedBytes(cache, RUNTIME_WASM) : undefined;
  return (env) => {
    const wasm = env.backends.onnx.wasm;
    if (wasm) {
      // Always set: Transformers.js otherwise points the runtime at a CDN.
      wasm.wasmPaths = { wasm: RUNTIME_WASM, mjs: RUNTIME_GLUE };
      if (wasmBinary) wasm.wasmBinary = wasmBinary;
      // One thread needs no SharedArrayBuffer, so no cross-origin isolation on customers' pages.
      wasm.numThreads = 1;
    }
    // The .wasm is fetched and cached above, in parallel with the library; Transformers.js's own
    // runtime cache would fetch it a second time.
    env.useWasmCache = false;
    env.fetch = (input: string | URL, init?: RequestInit) => fetch(resolve(input), init);
    if (cache) {
      env.useBrowserCache = false;
      env.useCustomCache = true;
      env.customCache = {
        match: (request) => cache.match(resolve(request)),
        put: (request, response) => cache.put(resolve(request), response),
      };
    }
  };
}

interface WorkerScope {
  postMessage(message: WorkerToClient): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ClientToWorker>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

let modelsUrl = '';
let modelId = '';
let policy: SitePolicy | undefined;
let model: TriageModel | null = null;
let loading: Promise<TriageModel | null> | null = null;
let failed = false;
const cancelled = new Set<number>();

/** Conversations are sent whole on every message, so earlier turns are scored once, from here. */
const scoreCache = new Map<string, Scores>();
const SCORE_CACHE_SIZE = 512;

function fail(error: unknown): null {
  model = null;
  if (!failed) {
    failed = true;
    scope.postMessage({ type: 'model-error', message: error instanceof Error ? error.message : String(error) });
  }
  return null;
}

function load(): Promise<TriageModel | null> {
  loading ??= (async () => {
    const started = performance.now();
    try {
      const models = new URL(modelsUrl);
      model = await loadTriageModel({ localModelPath: models.pathname, modelId, executionProvider: 'wasm' }, prepareRuntime(models));
      scope.postMessage({ type: 'model-ready', modelId: model.modelId, loadMs: performance.now() - started });
      return model;
    } catch (error) {
      return fail(error);
    }
  })();
  return loading;
}

async function scoreVisitors(m: TriageModel, turns: readonly Turn[]): Promise<(Scores | null)[]> {
  const texts = turns.filter((t) => t.role === 'visitor').map((t) => t.text);
  const missing = [...new Set(texts.filter((t) => !scoreCache.has(t)))];
  const fresh = await m.score(missing);
  missing.forEach((text, i) => {
    if (scoreCache.size >= SCORE_CACHE_SIZE) scoreCache.delete(scoreCache.keys().next().value as string);
    scoreCache.set(text, fresh[i] as Scores);
  });
  return texts.map((t) => scoreCache.get(t) ?? null);
}

async function triage(id: number, turns: Turn[], waitForModel: boolean): Promise<void> {
  const started = performance.now();
  if (!model && !failed) {
    if (waitForModel) await load();
    else void load();
  }
  let scores: (Scores | null)[] = [];
  if (model && !cancelled.has(id)) {
    try {
      scores = await scoreVisitors(model, turns);
    } catch (error) {
      fail(error);
    }
  }
  if (cancelled.delete(id)) return;
  const result = triageConversation(turns, scores, policy);
  scope.postMessage({ type: 'result', id, result: { ...result, workerMs: performance.now() - started } });
}

scope.addEventListener('message', ({ data }) => {
  switch (data.type) {
    case 'configure':
      modelsUrl = data.modelsUrl;
      modelId = data.modelId;
      policy = data.policy;
      break;
    case 'load':
      void load();
      break;
    case 'cancel':
      cancelled.add(data.id);
      break;
    case 'triage':
      triage(data.id, data.turns, data.waitForModel).catch((error: unknown) => {
        cancelled.delete(data.id);
        scope.postMessage({ type: 'failed', id: data.id, message: error instanceof Error ? error.message : String(error) });
      });
      break;
  }
});

scope.postMessage({ type: 'started' });
