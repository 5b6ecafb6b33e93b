/**
 * Loading the triage model with Transformers.js, in the browser (worker) and in Node alike.
 * Transformers.js is imported on first load only, so rules answer before it has even downloaded.
 */
import modelInfo from './model-info.json' with { type: 'json' };
import { LABELS, isLabel, type Scores } from './labels.ts';

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
}

type TransformersModule = typeof import('@huggingface/transformers');

/** For the worker: settings of the ONNX runtime that must be in place before the first session. */
export type ConfigureRuntime = (env: TransformersModule['env']) => void;

interface LabelScore {
  label: string;
  score: number;
}

function toScores(row: readonly LabelScore[]): Scores {
  const scores = Object.fromEntries(LABELS.map((l) => [l, 0])) as Scores;
  for (const { label, score } of row) if (isLabel(label)) scores[label] = score;
  return scores;
}

export async function loadTriageModel(options: LoadOptions, configure?: ConfigureRuntime): Promise<TriageModel> {
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = options.localModelPath;
  configure?.(env);
  const modelId = options.modelId ?? MODEL_ID;
  const classify = await pipeline('text-classification', modelId, { dtype: 'q8' });
  return {
    modelId,
    async score(texts) {
      if (texts.length === 0) return [];
      const out = (await classify([...texts], { top_k: null })) as unknown as LabelScore[][];
      return out.map(toScores);
    },
  };
}
