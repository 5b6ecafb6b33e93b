/**
 * npm run train [-- --seed N] [--folds K] [--threads T] [--cv writers|examples]
 * Builds the tokenizer and trains the classifier on everything in src/triage/data/train. The recipe
 * (main-recipe.ts) was chosen by k-fold cross-validation on the training data; here the same k-fold run
 * gives out-of-fold scores on which the per-label thresholds are tuned (routine false-flag rate capped),
 * then the final ensemble is trained on all the training data, quantised, exported to
 * public/models/triage-<version>/ and described in src/triage/model-info.json. The validation set is
 * only scored at the very end, for information: nothing is chosen with it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fileSizes, modelConfig, ONNX_FILE, thresholdsByLabel, writeModelDir, type ModelInfo } from './artifacts.ts';
import { crossValidate, finalJobs } from './cv.ts';
import { dedupe, readJsonl, readTrainingDir, targetVector, type Example } from './dataset.ts';
import { mergeMembers } from './ensemble.ts';
import { runJobs } from './jobs.ts';
import { LABELS } from './labels.ts';
import { HANDOFF_LABELS } from '../policy.ts';
import { RECIPE } from './main-recipe.ts';
import { report, tuneHandoffThresholds, tuneThresholdsConstrained, type Report } from './metrics.ts';
import { features, predict, type Params } from './model.ts';
import { describeArchitecture, encodeOnnx } from './onnx-export.ts';
import { quantizeModel } from './quantize.ts';
import { memberConfig } from './recipe.ts';
import { tokenizerConfig, tokenizerJson } from './tokenizer-files.ts';
import { MODEL_MAX_LENGTH, WordPieceTokenizer } from './wordpiece.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Tuned out of fold: at most this share of label-free lines may get any label (and so an offer). */
const MAX_ROUTINE_FLAG_RATE = 0.03;
/** Tuned out of fold: at most this share of label-free lines may reach a hand-off point. */
const MAX_ROUTINE_HANDOFF_RATE = 0.01;

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    folds: { type: 'string', default: '5' },
    threads: { type: 'string' },
    // Thresholds are tuned on out-of-fold scores; holding out whole writers calibrates them for voices the model never saw.
    cv: { type: 'string', default: 'writers' },
    data: { type: 'string', default: join(ROOT, 'src/triage/data/train') },
    validation: { type: 'string', default: join(ROOT, 'src/triage/data/validation/validation.jsonl') },
    models: { type: 'string', default: join(ROOT, 'public/models') },
    info: { type: 'string', default: join(ROOT, 'src/triage/model-info.json') },
  },
});
const seed = Number(args.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${args.seed}`);
const folds = Number(args.folds);
if (!Number.isInteger(folds) || folds < 2) throw new Error(`--folds must be an integer >= 2, got ${args.folds}`);
const threads = args.threads === undefined ? undefined : Number(args.threads);
if (args.cv !== 'writers' && args.cv !== 'examples') throw new Error(`--cv must be writers or examples, got ${args.cv}`);
const byWriter = args.cv === 'writers';

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(5);
}

function printReport(title: string, r: Report, thresholds?: readonly number[]): void {
  console.log(`${title}: macro-F1 ${pct(r.macroF1)}  micro-F1 ${pct(r.microF1)}  routine flagged ${pct(r.routineFalseFlagRate)}%`);
  LABELS.forEach((label, k) => {
    const t = thresholds ? `  threshold ${thresholds[k]!.toFixed(3)}` : '';
    console.log(`  ${label.padEnd(14)} F1 ${pct(r.perLabel[k]!)}${t}`);
  });
}

function scoreAll(params: Params, tokenizer: WordPieceTokenizer, examples: readonly Example[]): Float32Array[] {
  return examples.map((e) => predict(params, features(tokenizer.encode(e.text), params.config)));
}

const started = Date.now();
const data = readTrainingDir(args.data);
const examples = dedupe(data.examples);
console.log(
  `training data: ${data.files.length} files (${data.files.join(', ')}), ${data.examples.length} lines, ${examples.length} unique` +
    (data.skipped > 0 ? `, ${data.skipped} unparseable lines skipped` : ''),
);

// Final members first in the queue: they are the same jobs whatever the folds, and start at once.
const finalPromise = runJobs(finalJobs(RECIPE, examples, seed), threads);
const cv = await crossValidate(RECIPE, examples, folds, seed, threads, byWriter);
const finalMembers = await finalPromise;
const trainSeconds = (Date.now() - started) / 1000;
console.log(`training took ${trainSeconds.toFixed(1)} s (${folds}-fold cross-validation + final model, ${RECIPE.members} members each)`);

const thresholds = tuneThresholdsConstrained(cv.scores, cv.targets, MAX_ROUTINE_FLAG_RATE);
printReport(
  `${folds}-fold cross-validation, ${byWriter ? 'whole writers held out' : 'examples held out'} (out-of-fold, quantised, thresholds tuned out of fold)`,
  report(cv.scores, cv.targets, thresholds),
  thresholds,
);

// Hand-off points above the label thresholds: first for the labels that hand off by default (safety
// stays at its label threshold, see policy.ts), then the rest, for a site that makes them hand off.
const byDefault = HANDOFF_LABELS.filter((l) => l !== 'safety').map((l) => LABELS.indexOf(l));
const others = LABELS.map((_, k) => k).filter((k) => !byDefault.includes(k));
const handoffThresholds = tuneHandoffThresholds(
  cv.scores,
  cv.targets,
  tuneHandoffThresholds(cv.scores, cv.targets, thresholds, byDefault, MAX_ROUTINE_HANDOFF_RATE),
  others,
  MAX_ROUTINE_HANDOFF_RATE,
);
console.log(`hand-off thresholds: ${LABELS.map((l, k) => `${l} ${handoffThresholds[k]!.toFixed(3)}`).join(', ')}`);
const routineOof = cv.scores.filter((_, i) => !cv.targets[i]!.some((y) => y === 1));
const handedOffOof = routineOof.filter((s) => byDefault.some((k) => s[k]! >= handoffThresholds[k]!)).length;
console.log(`out of fold, routine lines reaching a hand-off point (safety aside): ${pct(handedOffOof / routineOof.length)}%`);

const vocab = finalMembers[0]!.vocab;
const tokenizer = new WordPieceTokenizer(vocab);
const member = memberConfig(RECIPE, vocab.length);
const architecture = describeArchitecture(member, RECIPE.members);
console.log(`vocabulary: ${vocab.length} tokens; model: ${architecture}`);
const quantized = quantizeModel(mergeMembers(finalMembers.map((r) => r.params)));

const files = {
  'config.json': JSON.stringify(modelConfig(vocab.length, quantized.params.config.dim, MODEL_MAX_LENGTH), null, 2),
  'tokenizer.json': JSON.stringify(tokenizerJson(vocab)),
  'tokenizer_config.json': JSON.stringify(tokenizerConfig(), null, 2),
  [ONNX_FILE]: encodeOnnx(quantized, `${architecture}; seed ${seed}`),
};
mkdirSync(args.models, { recursive: true });
const { modelId, version } = writeModelDir(args.models, files);
const bytes = fileSizes(files);
const total = Object.values(bytes).reduce((a, b) => a + b, 0);
console.log(`wrote ${join(args.models, modelId)}`);
for (const [name, size] of Object.entries(bytes)) console.log(`  ${name.padEnd(28)} ${size.toLocaleString('en')} bytes`);
console.log(`  ${'total'.padEnd(28)} ${total.toLocaleString('en')} bytes`);
if (total > 2 * 1024 * 1024) throw new Error(`the model is ${total} bytes, over the 2 MB budget`);

const info: ModelInfo = {
  modelId,
  version,
  labels: LABELS,
  thresholds: thresholdsByLabel(thresholds),
  handoffThresholds: thresholdsByLabel(handoffThresholds),
  bytes,
  trainedOn: { lines: examples.length, seed },
  architecture,
};
writeFileSync(args.info, JSON.stringify(info, null, 2) + '\n');
console.log(`wrote ${args.info}`);

const sample = examples.slice(0, 500);
const t0 = performance.now();
for (let round = 0; round < 5; round++) scoreAll(quantized.params, tokenizer, sample);
const perMessage = (performance.now() - t0) / (5 * sample.length);
console.log(`forward pass (tokenise + features + predict, TypeScript): ${(perMessage * 1000).toFixed(1)} µs per message`);

if (existsSync(args.validation)) {
  // Information only: the model and thresholds above are final and nothing below feeds back.
  const validation = readJsonl(args.validation).examples;
  const scores = scoreAll(quantized.params, tokenizer, validation);
  printReport(`validation (${validation.length} lines, information only)`, report(scores, validation.map(targetVector), thresholds));
}
