/** F1 scores, per-label threshold tuning and the routine false-flag rate. */
import { NUM_LABELS } from './labels.ts';

/** targets[i][k] is 1 when example i has label k. */
export type Targets = readonly Uint8Array[];
export type Scores = readonly Float32Array[];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function f1(c: Counts): number {
  const denom = 2 * c.tp + c.fp + c.fn;
  return denom === 0 ? 1 : (2 * c.tp) / denom;
}

export function countsFor(scores: Scores, targets: Targets, label: number, threshold: number): Counts {
  const c = { tp: 0, fp: 0, fn: 0 };
  scores.forEach((s, i) => {
    const predicted = s[label]! >= threshold;
    const actual = targets[i]![label] === 1;
    if (predicted && actual) c.tp++;
    else if (predicted) c.fp++;
    else if (actual) c.fn++;
  });
  return c;
}

export interface Report {
  perLabel: number[];
  macroF1: number;
  microF1: number;
  /** Share of examples without labels that get at least one label above threshold. */
  routineFalseFlagRate: number;
}

export function report(scores: Scores, targets: Targets, thresholds: readonly number[]): Report {
  const perCounts = thresholds.map((t, k) => countsFor(scores, targets, k, t));
  const total = perCounts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const perLabel = perCounts.map(f1);
  let routine = 0;
  let flagged = 0;
  scores.forEach((s, i) => {
    if (targets[i]!.some((y) => y === 1)) return;
    routine++;
    if (thresholds.some((t, k) => s[k]! >= t)) flagged++;
  });
  return {
    perLabel,
    macroF1: perLabel.reduce((a, b) => a + b, 0) / perLabel.length,
    microF1: f1(total),
    routineFalseFlagRate: routine === 0 ? 0 : flagged / routine,
  };
}

/**
 * Per-label threshold with the best F1 on the given split. The grid is coarse and, among equally good
 * thresholds, the middle of the best run is taken: with a few dozen positives per label an exact
 * optimum would just fit noise.
 */
export function tuneThresholds(scores: Scores, targets: Targets, grid = thresholdGrid()): number[] {
  const thresholds: number[] = [];
  for (let k = 0; k < NUM_LABELS; k++) {
    const values = grid.map((t) => f1(countsFor(scores, targets, k, t)));
    const best = Math.max(...values);
    const near = grid.filter((_, i) => values[i]! >= best - 1e-9);
    thresholds.push(near[Math.floor((near.length - 1) / 2)]!);
  }
  return thresholds;
}

export function thresholdGrid(): number[] {
  const grid: number[] = [];
  for (let t = 0.1; t <= 0.9 + 1e-9; t += 0.025) grid.push(Math.round(t * 1000) / 1000);
  return grid;
}

/** Share of examples without labels that get at least one label at or above its threshold. */
export function routineFalseFlagRate(scores: Scores, targets: Targets, thresholds: readonly number[]): number {
  return report(scores, targets, thresholds).routineFalseFlagRate;
}

export function fineThresholdGrid(): number[] {
  const grid: number[] = [];
  for (let i = 5; i <= 95; i++) grid.push(i / 100);
  return grid;
}

/**
 * Thresholds for out-of-fold scores (thousands of examples, so a fine grid is affordable): per label,
 * the best F1 after smoothing F1 over ±`window` grid steps (a plateau beats a spike); then, while the
 * routine false-flag rate exceeds `maxRoutineFlagRate`, raise the threshold whose next step removes
 * the most false flags per point of F1 lost.
 */
export function tuneThresholdsConstrained(
  scores: Scores,
  targets: Targets,
  maxRoutineFlagRate: number,
  grid = fineThresholdGrid(),
  window = 2,
): number[] {
  const index: number[] = [];
  const f1At: number[][] = [];
  for (let k = 0; k < NUM_LABELS; k++) {
    const values = grid.map((t) => f1(countsFor(scores, targets, k, t)));
    f1At.push(values);
    const smooth = values.map((_, i) => {
      let sum = 0;
      let n = 0;
      for (let j = Math.max(0, i - window); j <= Math.min(values.length - 1, i + window); j++, n++) sum += values[j]!;
      return sum / n;
    });
    let bestI = 0;
    smooth.forEach((v, i) => {
      if (v > smooth[bestI]! + 1e-12) bestI = i;
    });
    index.push(bestI);
  }
  // Routine examples only decide the false-flag rate; keep their scores at hand.
  const routine = scores.filter((_, i) => !targets[i]!.some((y) => y === 1));
  const rateWith = (idx: readonly number[]): number => {
    if (routine.length === 0) return 0;
    let flagged = 0;
    for (const s of routine) {
      for (let k = 0; k < NUM_LABELS; k++) {
        if (s[k]! >= grid[idx[k]!]!) {
          flagged++;
          break;
        }
      }
    }
    return flagged / routine.length;
  };
  let rate = rateWith(index);
  while (rate > maxRoutineFlagRate) {
    // For each label, the smallest raise that removes at least one false flag; take the cheapest.
    let choice = -1;
    let choiceTo = 0;
    let choiceRate = rate;
    let bestValue = -Infinity;
    for (let k = 0; k < NUM_LABELS; k++) {
      const from = index[k]!;
      for (let to = from + 1; to < grid.length; to++) {
        index[k] = to;
        const newRate = rateWith(index);
        index[k] = from;
        const gain = rate - newRate;
        if (gain <= 0) continue;
        const loss = Math.max(0, f1At[k]![from]! - f1At[k]![to]!);
        const value = gain / (loss + 1e-4);
        if (value > bestValue) {
          bestValue = value;
          choice = k;
          choiceTo = to;
          choiceRate = newRate;
        }
        break;
      }
    }
    if (choice < 0) break;
    index[choice] = choiceTo;
    rate = choiceRate;
  }
  return index.map((i) => grid[i]!);
}

/**
 * The fine grid plus a finer top end: a hand-off point may need to sit above 0.95 for a label whose
 * confident scores still reach ordinary messages from unseen writers.
 */
export function handoffThresholdGrid(): number[] {
  return [...fineThresholdGrid(), 0.96, 0.97, 0.98, 0.99, 0.995];
}

/**
 * Hand-off thresholds above the label thresholds `from`: while more than `maxRoutineRate` of the
 * label-free examples would reach any label's hand-off point, raise the label whose next grid step
 * removes a false hand-off for the smallest loss of true ones. Labels outside `labels` keep `from`.
 */
export function tuneHandoffThresholds(
  scores: Scores,
  targets: Targets,
  from: readonly number[],
  labels: readonly number[],
  maxRoutineRate: number,
  grid = handoffThresholdGrid(),
): number[] {
  const thresholds = [...from];
  const routine = scores.filter((_, i) => !targets[i]!.some((y) => y === 1));
  const rate = (t: readonly number[]): number =>
    routine.length === 0 ? 0 : routine.filter((s) => labels.some((k) => s[k]! >= t[k]!)).length / routine.length;
  const caught = (k: number, t: number): number => scores.filter((s, i) => targets[i]![k] === 1 && s[k]! >= t).length;
  let current = rate(thresholds);
  while (current > maxRoutineRate) {
    let choice = -1;
    let choiceTo = 0;
    let bestValue = -Infinity;
    for (const k of labels) {
      const next = grid.find((t) => t > thresholds[k]!);
      if (next === undefined) continue;
      const before = thresholds[k]!;
      thresholds[k] = next;
      const gain = current - rate(thresholds);
      thresholds[k] = before;
      if (gain <= 0) continue;
      const value = gain / (caught(k, before) - caught(k, next) + 1);
      if (value > bestValue) {
        bestValue = value;
        choice = k;
        choiceTo = next;
      }
    }
    if (choice < 0) break;
    thresholds[choice] = choiceTo;
    current = rate(thresholds);
  }
  return thresholds;
}
