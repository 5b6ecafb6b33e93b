/**
 * A training recipe (model shape, ensemble size, optimiser settings, augmentation) and training one
 * ensemble member from it. The same function runs for the cross-validation folds and for the final
 * model, in worker threads (jobs.ts), so both see exactly the same procedure.
 */
import { targetVector, type Example } from './dataset.ts';
import { features, initParams, type ModelConfig, type Params } from './model.ts';
import { typoNoise } from './noise.ts';
import { foldSubwords, tokenSubwords } from './subwords.ts';
import { mulberry32 } from './prng.ts';
import { DEFAULT_TRAIN_OPTIONS, train, type Sample, type TrainOptions } from './trainer.ts';
import { buildVocab, DEFAULT_VOCAB_OPTIONS, type VocabOptions } from './vocab-builder.ts';
import { WordPieceTokenizer } from './wordpiece.ts';

export interface Recipe {
  /** Per member; vocabSize comes from the vocabulary built on the training texts. */
  member: Omit<ModelConfig, 'vocabSize'>;
  members: number;
  train: TrainOptions;
  vocab: VocabOptions;
  /** Typo-noise copies per training text (0 for none) and the per-word perturbation rate. */
  variants: number;
  noiseRate: number;
}

export const DEFAULT_RECIPE: Recipe = {
  member: { dim: 16, buckets: 32768, prime: 1000003, hidden: 64 },
  members: 2,
  train: { ...DEFAULT_TRAIN_OPTIONS },
  vocab: { ...DEFAULT_VOCAB_OPTIONS },
  variants: 0,
  noiseRate: 0,
};

/** Deep-merges a partial recipe (as parsed from JSON on the command line) over a base recipe. */
export function withOverrides(base: Recipe, overrides: Record<string, unknown>): Recipe {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? { ...(current as object), ...(value as object) }
        : value;
  }
  return out as unknown as Recipe;
}

export function memberConfig(recipe: Recipe, vocabSize: number): ModelConfig {
  return { vocabSize, ...recipe.member };
}

export function buildTokenizer(recipe: Recipe, examples: readonly Example[]): WordPieceTokenizer {
  return new WordPieceTokenizer(
    buildVocab(
      examples.map((e) => e.text),
      recipe.vocab,
    ),
  );
}

export function toSamples(
  recipe: Recipe,
  tokenizer: WordPieceTokenizer,
  config: ModelConfig,
  examples: readonly Example[],
  seed: number,
): Sample[] {
  return examples.map((e, i) => {
    const sample: Sample = { features: features(tokenizer.encode(e.text), config), target: targetVector(e) };
    if (recipe.variants > 0) {
      const rng = mulberry32((seed * 1000003 + i) >>> 0);
      sample.variants = [];
      for (let v = 0; v < recipe.variants; v++) {
        sample.variants.push(features(tokenizer.encode(typoNoise(e.text, recipe.noiseRate, rng)), config));
      }
    }
    return sample;
  });
}

export interface MemberJob {
  recipe: Recipe;
  /** The examples to train on (a fold's training part, or everything for the final model). */
  examples: Example[];
  /** Seed of this member: initialisation, shuffling, dropout. */
  seed: number;
}

export interface MemberResult {
  vocab: string[];
  params: Params;
  seconds: number;
}

export function trainMember(job: MemberJob): MemberResult {
  const started = Date.now();
  const tokenizer = buildTokenizer(job.recipe, job.examples);
  const config = memberConfig(job.recipe, tokenizer.size);
  // The noise depends on the data, not the member, so all members see the same perturbed copies.
  const samples = toSamples(job.recipe, tokenizer, config, job.examples, 7);
  const options = { ...job.recipe.train, seed: job.seed, patience: 0 };
  const params = initParams(config, mulberry32(job.seed));
  if (config.subwordBuckets) params.tokenSubwords = tokenSubwords(tokenizer.vocab, config.subwordBuckets);
  const result = train(params, samples, [], options);
  return { vocab: [...tokenizer.vocab], params: foldSubwords(result.params), seconds: (Date.now() - started) / 1000 };
}
