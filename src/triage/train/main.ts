/**
 * npm run train [-- --seed N]
 * Builds the tokenizer, trains the classifier on src/triage/data/train (minus a seeded dev split used
 * for early stopping and thresholds), quantises, exports to public/models/triage-<version>/ and writes
 * src/triage/model-info.json. Validation data is only scored at the very end, for information.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  fileSizes,
  modelConfig,
  ONNX_FILE,
  thresholdsByLabel,
  writeModelDir,
  type ModelInfo,
} from './artifacts.ts';
import { dedupe, devSplit, readJsonl, readTrainingDir, targetVector, type Example } from './dataset.ts';
import { LABELS } from './labels.ts';
import { report, tuneThresholds, type Report } from './metrics.ts';
import { mergeMembers } from './ensemble.ts';
import { features, initParams, predict, type ModelConfig, type Params } from './model.ts';
import { describeArchitecture, encodeOnnx } from './onnx-export.ts';
import { mulberry32 } from './prng.ts';
import { quantizeModel } from './quantize.ts';
import { tokenizerConfig, tokenizerJson } from './tokenizer-files.ts';
import { DEFAULT_TRAIN_OPTIONS, train, type Sample } from './trainer.ts';
import { buildVocab } from './vocab-builder.ts';
import { MODEL_MAX_LENGTH, WordPieceTokenizer } from './wordpiece.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DEV_FRACTION = 0.12;
// Per member. Chosen by 4-fold cross-validation within the training data (never the validation set):
// two 16-wide members beat one 32- or 48-wide model of the same size by 1.5–3 macro-F1 points.
const MEMBER_SHAPE = { dim: 16, buckets: 32768, prime: 1000003, hidden: 64 };
const MEMBERS = 2;

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    data: { type: 'string', default: join(ROOT, 'src/triage/data/train') },
    validation: { type: 'string', default: join(ROOT, 'src/triage/data/validation/validation.jsonl') },
    models: { type: 'string', default: join(ROOT, 'public/models') },
    info: { type: 'string', default: join(ROOT, 'src/triage/model-info.json') },
  },
});
const seed = Number(args.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${args.seed}`);

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
  `training data: ${data.files.length} files, ${data.examples.length} lines, ${examples.length} unique` +
    (data.skipped > 0 ? `, ${data.skipped} unparseable lines skipped` : ''),
);
const split = devSplit(examples, DEV_FRACTION, seed);
console.log(`split: ${split.train.length} train, ${split.dev.length} dev (seed ${seed})`);

const vocab = buildVocab(split.train.map((e) => e.text));
const tokenizer = new WordPieceTokenizer(vocab);
const memberConfig: ModelConfig = { vocabSize: vocab.length, ...MEMBER_SHAPE };
const architecture = describeArchitecture(memberConfig, MEMBERS);
console.log(`vocabulary: ${vocab.length} tokens; model: ${architecture}`);

const toSample = (e: Example): Sample => ({
  features: features(tokenizer.encode(e.text), memberConfig),
  target: targetVector(e),
});
const trainSet = split.train.map(toSample);
const devSet = split.dev.map(toSample);

const members: Params[] = [];
for (let m = 0; m < MEMBERS; m++) {
  // Members differ only by seed (initialisation, shuffling, dropout); the dev split is shared.
  const memberSeed = seed + m;
  const options = { ...DEFAULT_TRAIN_OPTIONS, seed: memberSeed };
  const result = train(initParams(memberConfig, mulberry32(memberSeed)), trainSet, devSet, options, (e) => {
    console.log(
      `member ${m + 1}/${MEMBERS} epoch ${String(e.epoch).padStart(3)}  train loss ${e.trainLoss.toFixed(4)}  dev loss ${e.devLoss.toFixed(4)}  ` +
        `dev macro-F1 ${pct(e.dev.macroF1)}`,
    );
  });
  console.log(`member ${m + 1}: best epoch ${result.bestEpoch}`);
  members.push(result.params);
}
const trainSeconds = (Date.now() - started) / 1000;
console.log(`training took ${trainSeconds.toFixed(1)} s`);

// Thresholds are tuned on the merged, quantised model: that is the model the browser runs.
const quantized = quantizeModel(mergeMembers(members));
const devScores = scoreAll(quantized.params, tokenizer, split.dev);
const devTargets = split.dev.map(targetVector);
const thresholds = tuneThresholds(devScores, devTargets);
printReport('dev (quantised, tuned thresholds)', report(devScores, devTargets, thresholds), thresholds);

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

const info: ModelInfo = {
  modelId,
  version,
  labels: LABELS,
  thresholds: thresholdsByLabel(thresholds),
  bytes,
  trainedOn: { lines: examples.length, seed },
  architecture,
};
writeFileSync(args.info, JSON.stringify(info, null, 2) + '\n');
console.log(`wrote ${args.info}`);

const t0 = performance.now();
for (let round = 0; round < 20; round++) scoreAll(quantized.params, tokenizer, split.dev);
const perMessage = (performance.now() - t0) / (20 * split.dev.length);
console.log(`forward pass (tokenise + features + predict, TypeScript): ${(perMessage * 1000).toFixed(1)} µs per message`);

if (existsSync(args.validation)) {
  // Information only: the model and thresholds above are final and nothing below feeds back.
  const validation = readJsonl(args.validation).examples;
  const scores = scoreAll(quantized.params, tokenizer, validation);
  printReport(`validation (${validation.length} lines, information only)`, report(scores, validation.map(targetVector), thresholds));
}
