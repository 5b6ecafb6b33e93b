/**
 * Loading the triage model with Transformers.js, in the browser (worker) and in Node alike.
 * Transformers.js is imported on first load only, so rules answer before it has even downloaded.
 */
import type * as Transformers from '@huggingface/transformers';
import modelInfo from './model-info.json' with { type: 'json' };
import { LABELS, isLabel, type Label, type Scores } from './labels.ts';

/** Versioned by the trainer ("triage-<version>"), so a retrained model has new URLs and never comes from a stale cache. */
export const MODEL_ID: string = modelInfo.modelId;

export interface TriageModel {
  readonly modelId: string;
  /** One score per label for each text, in the order given. */
  score(texts: readonly string[]): Promise<Scores[]>;
}

export interface LoadOptions {
  /** Where model folders live: a URL in the browser, a directory in Node; ends in "/models/". */
  localModelPath: string;
  modelId?: string;
  /** `wasm` in the browser; Node's native runtime runs `cpu`, the default. */
  executionProvider?: 'wasm' | 'cpu';
}

type TransformersModule = typeof Transformers;

/** For the worker: settings of the ONNX runtime that must be in place before the first session. */
export type ConfigureRuntime = (env: TransformersModule['env']) => void;

/** The labels of the model's logits, in order, from its config.json. */
function logitLabels(id2label: Record<string, string> = {}): (Label | null)[] {
  return Object.entries(id2label)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, name]) => (isLabel(name) ? name : null));
}

/** `runtime` may still be settling (the worker fetching the runtime's .wasm) while Transformers.js downloads. */
export async function loadTriageModel(options: LoadOptions, runtime?: Promise<ConfigureRuntime>): Promise<TriageModel> {
  // Destructured in the import's own callback, so the bundler can leave out the rest of the library.
  const transformers = import('@huggingface/transformers').then(({ env, pipeline }) => ({ env, pipeline }));
  const [{ env, pipeline }, configure] = await Promise.all([transformers, runtime]);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = options.localModelPath;
  configure?.(env);
  const modelId = options.modelId ?? MODEL_ID;
  const classifier = await pipeline('text-classification', modelId, {
    dtype: 'q4',
    // Transformers.js 4.3 checks a named device against the runtime it imported itself, a list
    // left empty when the worker registers its own runtime; 'auto' skips that check, and the
    // execution provider is named directly.
    device: 'auto',
    session_options: { executionProviders: [options.executionProvider ?? 'cpu'] },
  });
  const { tokenizer, model } = classifier;
  const labels = logitLabels((model.config as { id2label?: Record<string, string> }).id2label);
  if (!LABELS.every((l) => labels.includes(l))) throw new Error(`${modelId} does not score every triage label`);
  return {
    modelId,
    // What `classifier(texts, { top_k: null })` computes for a multi-label model (a sigmoid per
    // logit), without the extra runtime session per message that its sorting step costs.
    async score(texts) {
      if (texts.length === 0) return [];
      const inputs = tokenizer([...texts], { padding: true, truncation: true });
      const { logits } = (await model(inputs)) as { logits: { data: Float32Array; dims: number[] } };
      const width = logits.dims[1] ?? 0;
      return texts.map((_, row) => {
        const scores = {} as Scores;
        labels.forEach((label, k) => {
          if (label) scores[label] = 1 / (1 + Math.exp(-(logits.data[row * width + k] ?? 0)));
        });
        return scores;
      });
    },
  };
}
