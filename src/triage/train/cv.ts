/**
 * k-fold cross-validation on the training data: every example is scored by an ensemble that never saw
 * it (built, merged and quantised exactly like the shipped model), giving out-of-fold scores to compare
 * recipes and to tune thresholds on.
 */
import { targetVector, type Example } from './dataset.ts';
import { mergeMembers } from './ensemble.ts';
import { runJobs } from './jobs.ts';
import { features, predict, type Params } from './model.ts';
import { mulberry32, shuffle } from './prng.ts';
import { quantizeModel } from './quantize.ts';
import type { MemberJob, Recipe } from './recipe.ts';
import { WordPieceTokenizer } from './wordpiece.ts';

/** Fold of each example, stratified by its rarest label (or "routine") like devSplit. */
export function foldAssignments(examples: readonly Example[], folds: number, seed: number): number[] {
  const frequency = new Map<string, number>();
  for (const e of examples) for (const l of e.labels) frequency.set(l, (frequency.get(l) ?? 0) + 1);
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = [...e.labels].sort((a, b) => frequency.get(a)! - frequency.get(b)! || a.localeCompare(b))[0] ?? '';
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const rng = mulberry32(seed ^ 0x5bd1e995);
  const fold = new Array<number>(examples.length).fill(0);
  let offset = 0;
  for (const key of [...groups.keys()].sort()) {
    const members = shuffle([...groups.get(key)!], rng);
    // Continue the round-robin across groups so the folds end up the same size.
    members.forEach((index, j) => (fold[index] = (offset + j) % folds));
    offset += members.length;
  }
  return fold;
}

/**
 * Fold of each example when whole writers are held out: every file (one writer's brief and voice)
 * goes to one fold, largest first into the smallest fold. Out-of-fold scores then come from a model
 * that never saw that writer's idioms, which is what real visitors' text is like; thresholds tuned on
 * them are calibrated for unseen voices, not for the writers the model learned from.
 */
export function writerFolds(examples: readonly Example[], folds: number): number[] {
  const sizes = new Map<string, number>();
  for (const e of examples) sizes.set(e.source ?? '', (sizes.get(e.source ?? '') ?? 0) + 1);
  const load = new Array<number>(folds).fill(0);
  const foldOf = new Map<string, number>();
  for (const [source, size] of [...sizes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const f = load.indexOf(Math.min(...load));
    foldOf.set(source, f);
    load[f]! += size;
  }
  return examples.map((e) => foldOf.get(e.source ?? '')!);
}

/** Member jobs for the final model (all examples). */
export function finalJobs(recipe: Recipe, examples: readonly Example[], seed: number): MemberJob[] {
  return Array.from({ length: recipe.members }, (_, m) => ({ recipe, examples: [...examples], seed: seed + m }));
}

export interface Ensemble {
  tokenizer: WordPieceTokenizer;
  /** Merged, not yet quantised. */
  params: Params;
}

export interface CrossValidation {
  scores: Float32Array[];
  targets: Uint8Array[];
  fold: number[];
  memberSeconds: number[];
}

export async function crossValidate(
  recipe: Recipe,
  examples: readonly Example[],
  folds: number,
  seed: number,
  threads?: number,
  byWriter = false,
): Promise<CrossValidation> {
  const fold = byWriter ? writerFolds(examples, folds) : foldAssignments(examples, folds, seed);
  const jobs: MemberJob[] = [];
  for (let f = 0; f < folds; f++) {
    const trainPart = examples.filter((_, i) => fold[i] !== f);
    for (let m = 0; m < recipe.members; m++) jobs.push({ recipe, examples: trainPart, seed: seed + m });
  }
  const results = await runJobs(jobs, threads);
  const scores: Float32Array[] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const members = results.slice(f * recipe.members, (f + 1) * recipe.members);
    const tokenizer = new WordPieceTokenizer(members[0]!.vocab);
    const model = quantizeModel(mergeMembers(members.map((r) => r.params))).params;
    examples.forEach((e, i) => {
      if (fold[i] === f) scores[i] = predict(model, features(tokenizer.encode(e.text), model.config));
    });
  }
  return { scores, targets: examples.map(targetVector), fold, memberSeconds: results.map((r) => r.seconds) };
}
