/**
 * The main-thread side of triage. Until the model is ready, requests are answered at once on this
 * thread by the rules; once it is, they go to the worker. If the worker or the model cannot load
 * (old browser, a CSP without 'wasm-unsafe-eval', out of memory), the failure is reported once as
 * a `baton-triage-model-error` event and every request is still answered, by the rules.
 */
import type { Turn } from './conversation.ts';
import { triageConversation, type TriageResult } from './engine.ts';
import type { ClientToWorker, WorkerToClient } from './messages.ts';
import modelInfo from './model-info.json' with { type: 'json' };
import { DEFAULT_POLICY, type SitePolicy } from './policy.ts';

export class TriageModelReadyEvent extends Event {
  static readonly eventName = 'baton-triage-model-ready';
  constructor(
    readonly modelId: string,
    readonly loadMs: number,
  ) {
    super(TriageModelReadyEvent.eventName);
  }
}

export class TriageModelErrorEvent extends Event {
  static readonly eventName = 'baton-triage-model-error';
  constructor(readonly message: string) {
    super(TriageModelErrorEvent.eventName);
  }
}

export interface TriageClientOptions {
  /** The built worker script on Baton's origin; it may be cross-origin to the page. */
  workerUrl: string | URL;
  /** The folder that holds `<modelId>/config.json` and the rest of the model. */
  modelsUrl: string | URL;
  /** Defaults to the model this build was made with (model-info.json). */
  modelId?: string;
  policy?: SitePolicy;
  /** Start loading the model when the page is idle rather than on the first request. */
  loadWhenIdle?: boolean;
}

export interface TriageOptions {
  signal?: AbortSignal;
  /** Wait for the model instead of answering with the rules alone while it loads. */
  waitForModel?: boolean;
}

export type ModelState = 'idle' | 'loading' | 'ready' | 'failed';

interface Pending {
  turns: Turn[];
  resolve(result: TriageResult): void;
  reject(reason: unknown): void;
}

/**
 * A module worker from Baton's origin. `new Worker()` refuses a cross-origin script, so on a
 * customer's page the worker starts from a same-origin blob that imports the real script (served
 * with CORS); `import.meta.url` inside it is still Baton's, so its own imports resolve there.
 */
function startWorker(url: URL): { worker: Worker; shimUrl: string | null } {
  if (url.origin === location.origin) return { worker: new Worker(trustedScriptUrl(url.href), { type: 'module' }), shimUrl: null };
  const shimUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
  return { worker: new Worker(trustedScriptUrl(shimUrl), { type: 'module' }), shimUrl };
}

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}
let policy: { createScriptURL(url: string): unknown } | null | undefined;

/**
 * On a page that requires Trusted Types, `new Worker()` takes only a TrustedScriptURL: one policy,
 * "baton", vouches for the worker URLs this module made itself (its own blob, the worker it was given).
 */
function trustedScriptUrl(url: string): string {
  if (policy === undefined) {
    const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
    try {
      policy = tt ? tt.createPolicy('baton', { createScriptURL: (u) => u }) : null;
    } catch {
      policy = null; // The page's trusted-types directive does not list "baton": plain strings, as before.
    }
  }
  return (policy ? policy.createScriptURL(url) : url) as string;
}

export class TriageClient extends EventTarget {
  readonly #options: TriageClientOptions;
  readonly #policy: SitePolicy;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #shimUrl: string | null = null;
  #nextId = 1;
  #state: ModelState = 'idle';

  constructor(options: TriageClientOptions) {
    super();
    this.#options = options;
    this.#policy = options.policy ?? DEFAULT_POLICY;
    if (options.loadWhenIdle) {
      const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 2000));
      idle(() => this.warmUp());
    }
  }

  get modelState(): ModelState {
    return this.#state;
  }

  /** Starts loading the model now, e.g. when the visitor opens the chat. */
  warmUp(): void {
    if (this.#state === 'idle') this.#post({ type: 'load' });
  }

  /** Triage as of the last visitor turn of `turns`. */
  triage(turns: readonly Turn[], options: TriageOptions = {}): Promise<TriageResult> {
    const { signal, waitForModel = false } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    // A snapshot: the rules may answer from it later (if the worker fails), after the caller's array has moved on.
    const copy = turns.map((t) => ({ ...t }));
    if (this.#state === 'failed' || (this.#state !== 'ready' && !waitForModel)) {
      this.warmUp();
      return Promise.resolve(this.#rulesOnly(copy));
    }
    const id = this.#nextId++;
    return new Promise<TriageResult>((resolve, reject) => {
      const onAbort = (): void => {
        this.#pending.delete(id);
        this.#worker?.postMessage({ type: 'cancel', id } satisfies ClientToWorker);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T): void => {
          signal?.removeEventListener('abort', onAbort);
          fn(value);
        };
      this.#pending.set(id, { turns: copy, resolve: settle(resolve), reject: settle(reject) });
      this.#post({ type: 'triage', id, turns: copy, waitForModel });
    });
  }

  /** Stops the worker; pending requests are answered by the rules. */
  dispose(): void {
    if (this.#state !== 'failed') this.#state = 'idle';
    this.#worker?.terminate();
    this.#worker = null;
    this.#releaseShim();
    this.#answerPendingWithRules();
  }

  #rulesOnly(turns: readonly Turn[]): TriageResult {
    return triageConversation(turns, [], this.#policy);
  }

  #post(message: ClientToWorker): void {
    const worker = this.#ensureWorker();
    if (worker) worker.postMessage(message);
    else this.#answerPendingWithRules();
  }

  #ensureWorker(): Worker | null {
    if (this.#worker || this.#state === 'failed') return this.#worker;
    this.#state = 'loading';
    try {
      const { worker, shimUrl } = startWorker(new URL(this.#options.workerUrl, location.href));
      this.#worker = worker;
      this.#shimUrl = shimUrl;
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
      return null;
    }
    this.#worker.addEventListener('message', (event: MessageEvent<WorkerToClient>) => this.#onMessage(event.data));
    // A module worker whose script cannot load (404, CSP, a syntax error) only fires `error`.
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#fail(event.message || 'the triage worker could not start');
    });
    const { modelsUrl, modelId = modelInfo.modelId } = this.#options;
    this.#worker.postMessage({
      type: 'configure',
      modelsUrl: new URL(modelsUrl, location.href).href,
      modelId,
      policy: this.#policy,
    } satisfies ClientToWorker);
    return this.#worker;
  }

  #onMessage(message: WorkerToClient): void {
    switch (message.type) {
      case 'started':
        this.#releaseShim();
        break;
      case 'model-ready':
        this.#state = 'ready';
        this.dispatchEvent(new TriageModelReadyEvent(message.modelId, message.loadMs));
        break;
      case 'model-error':
        this.#fail(message.message);
        break;
      case 'result':
        this.#pending.get(message.id)?.resolve(message.result);
        this.#pending.delete(message.id);
        break;
      case 'failed':
        this.#pending.get(message.id)?.reject(new Error(message.message));
        this.#pending.delete(message.id);
        break;
    }
  }

  /** The only place a failure is reported, so it is reported once. */
  #fail(message: string): void {
    if (this.#state === 'failed') return;
    this.#state = 'failed';
    this.dispose();
    this.dispatchEvent(new TriageModelErrorEvent(message));
  }

  #answerPendingWithRules(): void {
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.resolve(this.#rulesOnly(pending.turns));
    }
  }

  #releaseShim(): void {
    if (this.#shimUrl) URL.revokeObjectURL(this.#shimUrl);
    this.#shimUrl = null;
  }
}
