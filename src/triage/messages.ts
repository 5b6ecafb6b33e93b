/** The messages between the main-thread client and the triage worker: one union each way, tagged by `type`. */
import type { Turn } from './conversation.ts';
import type { TriageResult } from './engine.ts';
import type { SitePolicy } from './policy.ts';

export type ClientToWorker =
  /** Sent first: where the models live, which one to load, and the site's policy. */
  | { type: 'configure'; modelsUrl: string; modelId: string; policy: SitePolicy }
  /** Start loading the model now (idle time, first interaction). */
  | { type: 'load' }
  /** `waitForModel: false` answers with the rules alone while the model is not ready. */
  | { type: 'triage'; id: number; turns: Turn[]; waitForModel: boolean }
  | { type: 'cancel'; id: number };

export type WorkerToClient =
  /** The worker's script has run; the client can let go of the blob URL that started it. */
  | { type: 'started' }
  | { type: 'result'; id: number; result: TriageResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'model-ready'; modelId: string; loadMs: number }
  /** Sent at most once; the worker then answers with the rules alone. */
  | { type: 'model-error'; message: string };
