/**
 * Recipe comparison by k-fold cross-validation on the training data only (never the validation set):
 *   tsx src/triage/train/experiment.ts --recipe '{"member":{"dim":24}}' [--base main|old] [--folds 5] [--seed 1]
 *     [--name x] [--data dir] [--log results.tsv] [--dump oof.json] [--writers]
 * --recipe overrides the base recipe (main-recipe.ts, or "old": the previous fixed shape); --seed moves
 * both the fold assignment and the member initialisation.
 * Prints out-of-fold macro-F1 with per-label thresholds tuned on the out-of-fold scores, unconstrained
 * and with the routine false-flag rate held at or below 3% (as `npm run train` tunes them). --writers holds
 * out whole data files (writers) per fold, as `npm run train` does.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { crossValidate } from './cv.ts';
import { dedupe, readTrainingDir } from './dataset.ts';
import { LABELS } from './labels.ts';
import { report, tuneThresholdsConstrained } from './metrics.ts';
import { DEFAULT_RECIPE, withOverrides } from './recipe.ts';
import { RECIPE } from './main-recipe.ts';

const { values: args } = parseArgs({
  options: {
    recipe: { type: 'string', default: '{}' },
    base: { type: 'string', default: 'main' },
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    name: { type: 'string', default: '' },
    data: { type: 'string', default: 'src/triage/data/train' },
    log: { type: 'string' },
    dump: { type: 'string' },
    writers: { type: 'boolean', default: false },
  },
});
const base = args.base === 'old' ? DEFAULT_RECIPE : RECIPE;
const recipe = withOverrides(base, JSON.parse(args.recipe!));
const examples = dedupe(readTrainingDir(args.data!).examples);
const started = Date.now();
const cv = await crossValidate(recipe, examples, Number(args.folds), Number(args.seed), undefined, args.writers);
const seconds = (Date.now() - started) / 1000;
const free = tuneThresholdsConstrained(cv.scores, cv.targets, 1);
const constrained = tuneThresholdsConstrained(cv.scores, cv.targets, 0.03);
const r1 = report(cv.scores, cv.targets, free);
const r2 = report(cv.scores, cv.targets, constrained);
if (args.dump) {
  const oof = { scores: cv.scores.map((s) => Array.from(s)), targets: cv.targets.map((t) => Array.from(t)) };
  writeFileSync(args.dump, JSON.stringify(oof));
}
const pct = (x: number) => (100 * x).toFixed(1);
const memberAvg = cv.memberSeconds.reduce((a, b) => a + b, 0) / cv.memberSeconds.length;
const line = [
  (args.name || args.recipe) + (args.writers ? ' [writers held out]' : ''),
  `n=${examples.length}`,
  `free ${pct(r1.macroF1)} ff ${pct(r1.routineFalseFlagRate)}`,
  `ff<=3: ${pct(r2.macroF1)} ff ${pct(r2.routineFalseFlagRate)} min ${pct(Math.min(...r2.perLabel))}`,
  LABELS.map((l, k) => `${l.slice(0, 5)} ${pct(r2.perLabel[k]!)}`).join(' '),
  `member ${memberAvg.toFixed(1)}s total ${seconds.toFixed(0)}s`,
].join(' | ');
console.log(line);
if (args.log) appendFileSync(args.log, line + '\n');
