/// <reference types="vite/client" />
/**
 * Where the built triage files are, for the widget to pass to `TriageClient`. Vite-only (it emits
 * the worker from this import); tests and tools give the client their own URLs.
 */
import workerUrl from './worker.ts?worker&url';

export function triageUrls(): { workerUrl: URL; modelsUrl: URL } {
  const worker = new URL(workerUrl, import.meta.url);
  // Built, the worker is in assets/ and public/models/ is copied beside that folder; the dev
  // server serves public/ at the root.
  return { workerUrl: worker, modelsUrl: new URL(import.meta.env.DEV ? '/models/' : '../models/', worker) };
}
