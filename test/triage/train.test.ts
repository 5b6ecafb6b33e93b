/**
 * Unit tests for the triage trainer (src/triage/train), including the two properties the browser
 * depends on: our tokenizer produces Transformers.js's ids, and the exported ONNX graph loaded through
 * the text-classification pipeline scores exactly like the TypeScript forward pass.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import protobuf from 'protobufjs';
import { AutoModelForSequenceClassification, AutoTokenizer, env, pipeline, Tensor } from '@huggingface/transformers';
import { fileSizes, modelConfig, ONNX_FILE, writeModelDir } from '../../src/triage/train/artifacts.ts';
import { mergeMembers } from '../../src/triage/train/ensemble.ts';
import { dedupe, devSplit, readJsonl, readTrainingDir, targetVector, type Example } from '../../src/triage/train/dataset.ts';
import { LABELS } from '../../src/triage/train/labels.ts';
import { f1, report, tuneThresholds, tuneThresholdsConstrained } from '../../src/triage/train/metrics.ts';
import {
  bigramBucket,
  features,
  initParams,
  predict,
  segments,
  TRIGRAM_MODULUS,
  trigramBucket,
  type ModelConfig,
  type Params,
} from '../../src/triage/train/model.ts';
import { foldAssignments } from '../../src/triage/train/cv.ts';
import { typoNoise } from '../../src/triage/train/noise.ts';
import { foldSubwords, tokenSubwords } from '../../src/triage/train/subwords.ts';
import { encodeOnnx } from '../../src/triage/train/onnx-export.ts';
import { mulberry32 } from '../../src/triage/train/prng.ts';
import {
  dequantize,
  fromFloat16Bits,
  quantizeModel,
  quantizeRows,
  toFloat16Bits,
  ZERO_POINT,
  type QuantizedTable,
} from '../../src/triage/train/quantize.ts';
import { tokenizerConfig, tokenizerJson } from '../../src/triage/train/tokenizer-files.ts';
import { DEFAULT_TRAIN_OPTIONS, train, type Sample } from '../../src/triage/train/trainer.ts';
import { buildVocab, DEFAULT_VOCAB_OPTIONS } from '../../src/triage/train/vocab-builder.ts';
import { CLS_ID, MODEL_MAX_LENGTH, SEP_ID, UNK_ID, WordPieceTokenizer } from '../../src/triage/train/wordpiece.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const MODELS_DIR = join(ROOT, 'public/models');
const TRAIN_DIR = join(ROOT, 'src/triage/data/train');

env.allowRemoteModels = false;
env.allowLocalModels = true;

const scratch = mkdtempSync(join(tmpdir(), 'triage-train-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function trainingExamples(): Example[] {
  return dedupe(readTrainingDir(TRAIN_DIR).examples);
}

/** ~300 training texts spread over all files plus the awkward cases. */
function parityTexts(examples: readonly Example[]): string[] {
  const step = Math.max(1, Math.floor(examples.length / 300));
  const sample = examples.filter((_, i) => i % step === 0).map((e) => e.text);
  return [
    ...sample,
    '',
    '   ',
    '😡😡😡 WHERE IS MY ORDER???',
    'great😡 thanks👍🏽 👨‍👩‍👧 family ❤️',
    'Ça coûte combien? Très cher… ¿Cuánto cuesta? Grüße aus Köln, straße',
    'ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ ﬁne ①',
    'مرحبا، أريد التحدث مع شخص حقيقي',
    'שלום, אני צריך עזרה דחוף',
    '中文测试 mixed 日本語 한국어',
    'tab\there\nnewline\r\nzero\u200bwidth soft\u00adhyphen \u0000nul \ufffd',
    'literal [CLS] and [SEP] and [UNK] [MASK][PAD] tokens',
    'x'.repeat(150) + ' short',
    'refund '.repeat(1430),
    'a'.repeat(10_000),
    'e\u0301 combining n\u0303 İstanbul ß ǅ',
  ];
}

async function loadTokenizer(dir: string, modelId: string) {
  env.localModelPath = dir;
  return AutoTokenizer.from_pretrained(modelId);
}

function idsFromTransformers(tokenizer: Awaited<ReturnType<typeof loadTokenizer>>, text: string): number[] {
  const encoded = tokenizer(text, { truncation: true }) as { input_ids: Tensor };
  return Array.from(encoded.input_ids.data as BigInt64Array, Number);
}

describe('WordPiece tokenizer', () => {
  test('matches Transformers.js ids on training texts and edge cases (vocabulary built here)', async () => {
    const examples = trainingExamples();
    // A vocabulary from half the data and capped small, so unseen words, pieces and [UNK] all occur.
    const vocab = buildVocab(
      examples.filter((_, i) => i % 2 === 0).map((e) => e.text),
      { ...DEFAULT_VOCAB_OPTIONS, maxSize: 2500 },
    );
    const dir = join(scratch, 'tok');
    const modelId = 'tok-under-test';
    mkdirSync(join(dir, modelId), { recursive: true });
    writeFileSync(join(dir, modelId, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
    writeFileSync(join(dir, modelId, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig()));
    const reference = await loadTokenizer(dir, modelId);
    const ours = new WordPieceTokenizer(vocab);

    const texts = parityTexts(examples);
    assert.ok(texts.length >= 300);
    let sawUnk = false;
    for (const text of texts) {
      const expected = idsFromTransformers(reference, text);
      const actual = ours.encode(text);
      assert.deepEqual(actual, expected, `ids differ for ${JSON.stringify(text.slice(0, 80))}`);
      sawUnk ||= actual.includes(UNK_ID);
    }
    assert.ok(sawUnk, 'the edge cases should exercise [UNK]');
  });

  test('the shipped tokenizer.json round-trips through Transformers.js', async () => {
    const { modelId } = shippedInfo();
    const ours = new WordPieceTokenizer(shippedVocab(modelId));
    const reference = await loadTokenizer(MODELS_DIR, modelId);
    for (const text of parityTexts(trainingExamples())) {
      assert.deepEqual(ours.encode(text), idsFromTransformers(reference, text));
    }
  });

  test('wraps in [CLS] … [SEP] and truncates to model_max_length', () => {
    const tok = new WordPieceTokenizer(buildVocab(['hello world', 'hello there']));
    assert.deepEqual(tok.encode(''), [CLS_ID, SEP_ID]);
    const long = tok.encode('hello '.repeat(500));
    assert.equal(long.length, MODEL_MAX_LENGTH);
    assert.equal(long[0], CLS_ID);
  });

  test('typos decompose into pieces rather than [UNK]', () => {
    const vocab = buildVocab(['refund refund refund', 'refunded please', 'charged twice', 'charge me']);
    const ids = new WordPieceTokenizer(vocab).encode('refnd chrged');
    assert.ok(!ids.includes(UNK_ID));
  });
});

describe('model pieces', () => {
  const config: ModelConfig = { vocabSize: 50, dim: 4, buckets: 97, prime: 1000003, hidden: 5 };

  test('bigram buckets follow the in-graph formula and length-1 input has none', () => {
    assert.equal(bigramBucket(7, 3, config), (7 * 1000003 + 3) % 97);
    assert.equal(features([CLS_ID], config).bigrams.length, 0);
    assert.equal(features([], config).tokens.length, 0);
    assert.deepEqual(Array.from(features([2, 9, 3], config).bigrams), [bigramBucket(2, 9, config), bigramBucket(9, 3, config)]);
  });

  test('character n-grams shared while training fold into the token table without changing a score', () => {
    const vocab = [
      '[PAD]',
      '[UNK]',
      '[CLS]',
      '[SEP]',
      '[MASK]',
      'refund',
      'refunds',
      '##ed',
      'x',
      ...Array.from({ length: 41 }, (_, i) => `w${i}`),
    ];
    const sub: ModelConfig = { ...config, subwordBuckets: 64 };
    const params = initParams(sub, mulberry32(3));
    params.tokenSubwords = tokenSubwords(vocab, 64);
    for (let i = 0; i < params.subwords.length; i++) params.subwords[i] = Math.sin(i);
    const shared = (a: number, b: number) => params.tokenSubwords![a]!.filter((g) => params.tokenSubwords![b]!.includes(g)).length;
    assert.ok(shared(5, 6) >= 3, '"refund" and "refunds" share n-grams');
    assert.equal(params.tokenSubwords[2]!.length, 0, 'special tokens have none');
    const folded = foldSubwords(params);
    assert.equal(folded.subwords.length, 0);
    assert.equal(folded.config.subwordBuckets, undefined, 'the exported shape knows nothing of subwords');
    for (const ids of [
      [CLS_ID, 5, 7, SEP_ID],
      [CLS_ID, 6, 8, 9, SEP_ID],
    ]) {
      const f = features(ids, config);
      const before = Array.from(predict(params, f));
      Array.from(predict(folded, f)).forEach((p, k) => assert.ok(Math.abs(p - before[k]!) < 1e-5));
    }
  });

  test('trigram buckets follow the in-graph formula, exactly, even for the largest ids', () => {
    const tri: ModelConfig = { ...config, trigramBuckets: 101 };
    assert.equal(trigramBucket(7, 3, 11, tri), (((7 * 1000003 + 3) % TRIGRAM_MODULUS) * 1000003 + 11) % 101);
    const big = 2 ** 17 - 1;
    const exact = (((BigInt(big) * 1000003n + BigInt(big)) % BigInt(TRIGRAM_MODULUS)) * 1000003n + BigInt(big)) % 101n;
    assert.equal(trigramBucket(big, big, big, tri), Number(exact));
    assert.equal(features([CLS_ID, SEP_ID], tri).trigrams.length, 0);
    assert.deepEqual(Array.from(features([2, 9, 3, 4], tri).trigrams), [trigramBucket(2, 9, 3, tri), trigramBucket(9, 3, 4, tri)]);
    assert.equal(features([2, 9, 3, 4], config).trigrams.length, 0, 'no trigrams unless configured');
  });

  test('per-row 4-bit quantisation keeps each value within half a step, on 15 levels', () => {
    const rng = mulberry32(3);
    const table = Float32Array.from({ length: 40 }, (_, i) => (rng() - 0.5) * (i < 8 ? 10 : 0.01));
    const q = quantizeRows(table, 8);
    const back = dequantize(q);
    table.forEach((v, i) => assert.ok(Math.abs(v - back[i]!) <= q.scales[Math.floor(i / 8)]! / 2 + 1e-9));
    assert.ok(q.values.every((v) => v >= -7 && v <= 7));
    assert.deepEqual(Array.from(dequantize(quantizeRows(new Float32Array(8), 8))), new Array(8).fill(0));
  });

  test('float16 scales: every finite half survives the round trip, and rounding is to nearest even', () => {
    for (let h = 0; h < 0x7c00; h++) assert.equal(toFloat16Bits(fromFloat16Bits(h)), h);
    assert.equal(toFloat16Bits(1 + 2 ** -11), 0x3c00, 'a tie rounds to the even neighbour');
    assert.equal(toFloat16Bits(1 + 3 * 2 ** -11), 0x3c02);
    assert.equal(fromFloat16Bits(toFloat16Bits(2.5e-5)), 2.4974346160888672e-5, 'subnormal scales are kept');
  });

  for (const shape of [config, { ...config, trigramBuckets: 61, maxPool: true }]) {
    test(`a merged ensemble outputs the mean of its members’ logits (${segments(shape)} pooled segments)`, () => {
      const rng = mulberry32(4);
      const members = [1, 2, 3].map((s) => initParams(shape, mulberry32(s)));
      // N-gram tables start at zero; give them values so the merge of those columns is checked too.
      for (const m of members) {
        m.bigrams.forEach((_, i, table) => (table[i] = rng() - 0.5));
        m.trigrams.forEach((_, i, table) => (table[i] = rng() - 0.5));
      }
      const merged = mergeMembers(members);
      const f = features([CLS_ID, 7, 12, 7, 30, SEP_ID], shape);
      const logit = (p: number) => Math.log(p / (1 - p));
      const expected = LABELS.map((_, k) => members.reduce((a, m) => a + logit(predict(m, f)[k]!), 0) / members.length);
      predict(merged, f).forEach((p, k) => assert.ok(Math.abs(logit(p) - expected[k]!) < 1e-4));
    });
  }

  test('training is deterministic for a seed and learns a toy task', () => {
    const toy = { ...config, hidden: 24 };
    const samples: Sample[] = [];
    const rng = mulberry32(5);
    for (let i = 0; i < 200; i++) {
      const word = 5 + Math.floor(rng() * 40);
      const target = new Uint8Array(LABELS.length);
      target[word % LABELS.length] = 1;
      samples.push({ features: features([CLS_ID, word, SEP_ID], toy), target });
    }
    const options = { ...DEFAULT_TRAIN_OPTIONS, maxEpochs: 40, patience: 40, featureDropout: 0, hiddenDropout: 0, seed: 9 };
    const a = train(initParams(toy, mulberry32(1)), samples, samples, options);
    const b = train(initParams(toy, mulberry32(1)), samples, samples, options);
    assert.deepEqual(a.params.w1, b.params.w1);
    assert.deepEqual(a.params.tokens, b.params.tokens);
    assert.ok(a.history.at(-1)!.dev!.macroF1 > 0.9, `macro-F1 ${a.history.at(-1)!.dev!.macroF1}`);
  });

  test('the fixed-schedule recipe (cosine decay, label smoothing, routine weight, trigrams, max pooling, noisy variants) is deterministic and learns', () => {
    const toy: ModelConfig = { ...config, hidden: 24, trigramBuckets: 53, maxPool: true };
    const rng = mulberry32(6);
    const samples: Sample[] = [];
    for (let i = 0; i < 200; i++) {
      const word = 5 + Math.floor(rng() * 40);
      const target = new Uint8Array(LABELS.length);
      target[word % LABELS.length] = 1;
      const noisy = features([CLS_ID, word, 5 + ((word * 7) % 40), SEP_ID], toy);
      samples.push({ features: features([CLS_ID, 4, word, SEP_ID], toy), target, variants: [noisy] });
    }
    const options = {
      ...DEFAULT_TRAIN_OPTIONS,
      maxEpochs: 30,
      patience: 0,
      schedule: 'cosine' as const,
      labelSmoothing: 0.05,
      routineWeight: 2,
      variantRate: 0.2,
      featureDropout: 0,
      hiddenDropout: 0.1,
      seed: 3,
    };
    const a = train(initParams(toy, mulberry32(1)), samples, [], options);
    const b = train(initParams(toy, mulberry32(1)), samples, [], options);
    assert.equal(a.bestEpoch, 30);
    assert.deepEqual(a.params.trigrams, b.params.trigrams);
    assert.deepEqual(a.params.tokens, b.params.tokens);
    const scores = samples.map((s) => predict(a.params, s.features));
    const targets = samples.map((s) => s.target);
    assert.ok(
      report(
        scores,
        targets,
        LABELS.map(() => 0.5),
      ).macroF1 > 0.9,
    );
  });

  test('typo noise is seeded and only touches longer words', () => {
    const text = "hi my refrigerator doesn't work at all";
    assert.equal(typoNoise(text, 1, mulberry32(1)), typoNoise(text, 1, mulberry32(1)));
    assert.notEqual(typoNoise(text, 1, mulberry32(1)), text);
    assert.equal(typoNoise('hi my cat is ok', 1, mulberry32(2)), 'hi my cat is ok');
    assert.equal(typoNoise(text, 0, mulberry32(1)), text);
  });
});

describe('metrics and data', () => {
  test('the data sets hold what the model is trained and judged on, and share no message', () => {
    const key = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const training = trainingExamples();
    const validation = readJsonl(join(ROOT, 'src/triage/data/validation/validation.jsonl')).examples;
    const realism = readJsonl(join(ROOT, 'src/triage/data/realism/realism.jsonl')).examples;
    // Routine dominates training as it does real traffic; every label still has hundreds of examples.
    assert.ok(training.length >= 25000, `training: ${training.length} lines`);
    assert.ok(training.filter((e) => e.labels.length === 0).length / training.length >= 0.5, 'training: routine dominates');
    for (const label of LABELS) assert.ok(training.filter((e) => e.labels.includes(label)).length >= 500, `training: ${label}`);
    for (const lang of ['es', 'fr', 'de']) assert.ok(training.filter((e) => e.lang === lang).length >= 4000, `training: ${lang}`);
    for (const [name, set, perLanguage] of [
      ['validation', validation, 100],
      ['realism', realism, 150],
    ] as const) {
      assert.ok(set.filter((e) => e.labels.length === 0).length / set.length >= 0.4, `${name}: routine share`);
      for (const lang of ['en', 'es', 'fr', 'de']) assert.ok(set.filter((e) => e.lang === lang).length >= perLanguage, `${name}: ${lang}`);
      for (const label of LABELS)
        assert.ok(
          set.some((e) => e.labels.includes(label)),
          `${name}: ${label}`,
        );
    }
    const trained = new Set(training.map((e) => key(e.text)));
    for (const [name, set] of [
      ['validation', validation],
      ['realism', realism],
    ] as const) {
      const shared = set.filter((e) => trained.has(key(e.text))).map((e) => e.text);
      assert.deepEqual(shared, [], `a ${name} message also in training would flatter the figures`);
    }
    const heldOut = new Set(validation.map((e) => key(e.text)));
    assert.deepEqual(
      realism.filter((e) => heldOut.has(key(e.text))).map((e) => e.text),
      [],
      'the two held-out sets are independent',
    );
  });

  test('F1, routine false flags and thresholds', () => {
    assert.equal(f1({ tp: 2, fp: 1, fn: 1 }), 2 / 3);
    const scores = [0.9, 0.2, 0.7, 0.1].map((s) => Float32Array.from(LABELS, () => s));
    const targets = [1, 0, 1, 0].map((y) => Uint8Array.from(LABELS, () => y));
    const thresholds = tuneThresholds(scores, targets);
    const r = report(scores, targets, thresholds);
    assert.equal(r.macroF1, 1);
    assert.equal(r.routineFalseFlagRate, 0);
    assert.equal(
      report(
        scores,
        targets,
        LABELS.map(() => 0.15),
      ).routineFalseFlagRate,
      0.5,
    );
  });

  test('constrained thresholds hold the routine false-flag rate', () => {
    const rng = mulberry32(8);
    const scores: Float32Array[] = [];
    const targets: Uint8Array[] = [];
    for (let i = 0; i < 600; i++) {
      const y = Uint8Array.from(LABELS, () => (rng() < 0.08 ? 1 : 0));
      targets.push(y);
      scores.push(Float32Array.from(y, (v) => Math.min(1, 0.15 * v + 0.85 * rng())));
    }
    const free = tuneThresholdsConstrained(scores, targets, 1);
    const capped = tuneThresholdsConstrained(scores, targets, 0.04);
    assert.ok(report(scores, targets, free).routineFalseFlagRate > 0.04);
    assert.ok(report(scores, targets, capped).routineFalseFlagRate <= 0.04);
    capped.forEach((t, k) => assert.ok(t >= free[k]!));
  });

  test('folds are seeded, balanced and stratified', () => {
    const examples = trainingExamples();
    const a = foldAssignments(examples, 5, 1);
    assert.deepEqual(a, foldAssignments(examples, 5, 1));
    const sizes = [0, 1, 2, 3, 4].map((f) => a.filter((x) => x === f).length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${sizes}`);
    for (let f = 0; f < 5; f++) {
      for (let k = 0; k < LABELS.length; k++) assert.ok(examples.some((e, i) => a[i] === f && targetVector(e)[k] === 1));
    }
  });

  test('the dev split is seeded, disjoint and covers every label', () => {
    const examples = trainingExamples();
    const a = devSplit(examples, 0.12, 1);
    const b = devSplit(examples, 0.12, 1);
    assert.deepEqual(a.dev, b.dev);
    assert.equal(a.train.length + a.dev.length, examples.length);
    const devTexts = new Set(a.dev.map((e) => e.text));
    assert.ok(a.train.every((e) => !devTexts.has(e.text)));
    for (let k = 0; k < LABELS.length; k++)
      assert.ok(
        a.dev.some((e) => targetVector(e)[k] === 1),
        LABELS[k],
      );
  });
});

/** Rebuilds the TypeScript parameters from the initializers of an exported graph. */
function paramsFromOnnx(path: string): Params {
  const ModelProto = protobuf.loadSync(join(ROOT, 'src/triage/train/onnx.proto')).lookupType('onnx.ModelProto');
  const decoded = ModelProto.toObject(ModelProto.decode(readFileSync(path)), { longs: Number }) as {
    graph: { initializer: { name: string; dims: number[]; rawData: Uint8Array }[] };
  };
  const tensors = new Map(decoded.graph.initializer.map((t) => [t.name, t]));
  const tensor = (name: string) => {
    const t = tensors.get(name);
    if (!t) throw new Error(`no initializer ${name}`);
    // Copy: protobufjs hands out unaligned views into the file buffer.
    return { dims: t.dims, buffer: new Uint8Array(t.rawData).buffer };
  };
  const floats = (name: string) => new Float32Array(tensor(name).buffer);
  // Unpacks what onnx-export.ts packs: high nibble = column j, low nibble = column j + dim/2.
  const table = (name: string): QuantizedTable => {
    const { dims, buffer } = tensor(`${name}_packed`);
    const packed = new Uint8Array(buffer);
    const [rows, half] = [dims[0]!, dims[1]!];
    const values = new Int8Array(rows * half * 2);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < half; j++) {
        values[r * 2 * half + j] = (packed[r * half + j]! >> 4) - ZERO_POINT;
        values[r * 2 * half + half + j] = (packed[r * half + j]! & 15) - ZERO_POINT;
      }
    }
    const scales = Float32Array.from(new Uint16Array(tensor(`${name}_scale`).buffer), fromFloat16Bits);
    return { values, scales, rows, dim: half * 2 };
  };
  const int64 = (name: string) => Number(new BigInt64Array(tensor(name).buffer)[0]);
  const tokens = table('token_embedding');
  const bigrams = table('bigram_embedding');
  const trigrams: QuantizedTable = tensors.has('trigram_embedding_packed')
    ? table('trigram_embedding')
    : { values: new Int8Array(0), scales: new Float32Array(0), rows: 0, dim: tokens.dim };
  const inputSegments = tensor('w1').dims[1]! / tokens.dim;
  return {
    config: {
      vocabSize: tokens.rows,
      dim: tokens.dim,
      buckets: bigrams.rows,
      prime: int64('prime'),
      hidden: tensor('w1').dims[0]!,
      trigramBuckets: trigrams.rows,
      maxPool: inputSegments === 2 + (trigrams.rows > 0 ? 1 : 0) + 1,
    },
    tokens: dequantize(tokens),
    bigrams: dequantize(bigrams),
    trigrams: dequantize(trigrams),
    subwords: new Float32Array(0),
    w1: floats('w1'),
    b1: floats('b1'),
    w2: floats('w2'),
    b2: floats('b2'),
  };
}

function shippedVocab(modelId: string): string[] {
  const json = JSON.parse(readFileSync(join(MODELS_DIR, modelId, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  const vocab: string[] = [];
  for (const [token, id] of Object.entries(json.model.vocab)) vocab[id] = token;
  return vocab;
}

function shippedInfo(): { modelId: string; thresholds: Record<string, number>; bytes: Record<string, number> } {
  return JSON.parse(readFileSync(join(ROOT, 'src/triage/model-info.json'), 'utf8'));
}

describe('ONNX export through Transformers.js', () => {
  const texts = [
    'my card got charged twice and nobody answers, this is ridiculous!!! I want a refund',
    'hola',
    '',
    '😡',
    'bonjour, je voudrais parler à quelqu’un, mon père est décédé la semaine dernière',
    'Ich habe Gasgeruch in der Küche, was soll ich tun?',
    'word '.repeat(200),
  ];

  const shapes: { name: string; extra: Partial<ModelConfig>; members: number }[] = [
    { name: 'token + bigram means', extra: {}, members: 1 },
    { name: '+ trigram mean + token max, merged ensemble', extra: { trigramBuckets: 512, maxPool: true }, members: 2 },
  ];
  for (const shape of shapes)
    test(`pipeline scores match the TypeScript forward pass (batch, padding, length 1, length 0): ${shape.name}`, async () => {
      const examples = trainingExamples().slice(0, 400);
      const vocab = buildVocab(examples.map((e) => e.text));
      const tokenizer = new WordPieceTokenizer(vocab);
      const member: ModelConfig = { vocabSize: vocab.length, dim: 8, buckets: 1024, prime: 1000003, hidden: 12, ...shape.extra };
      const samples = examples.map((e) => ({ features: features(tokenizer.encode(e.text), member), target: targetVector(e) }));
      const members = Array.from(
        { length: shape.members },
        (_, m) =>
          train(initParams(member, mulberry32(2 + m)), samples, samples.slice(0, 50), { ...DEFAULT_TRAIN_OPTIONS, maxEpochs: 3, seed: m })
            .params,
      );
      const quantized = quantizeModel(mergeMembers(members));
      const config = quantized.params.config;
      const modelsDir = join(scratch, `models-${shape.members}-${segments(config)}`);
      mkdirSync(modelsDir, { recursive: true });
      const { modelId } = writeModelDir(modelsDir, {
        'config.json': JSON.stringify(modelConfig(vocab.length, config.dim, MODEL_MAX_LENGTH)),
        'tokenizer.json': JSON.stringify(tokenizerJson(vocab)),
        'tokenizer_config.json': JSON.stringify(tokenizerConfig()),
        [ONNX_FILE]: encodeOnnx(quantized, 'test model'),
      });

      env.localModelPath = modelsDir;
      const classify = await pipeline('text-classification', modelId, { dtype: 'q4' });
      const batch = (await classify(texts, { top_k: null })) as { label: string; score: number }[][];
      assert.equal(batch.length, texts.length);
      texts.forEach((text, i) => {
        const expected = predict(quantized.params, features(tokenizer.encode(text), config));
        assert.equal(batch[i]!.length, LABELS.length);
        for (const { label, score } of batch[i]!) {
          const k = LABELS.indexOf(label as (typeof LABELS)[number]);
          assert.ok(Math.abs(score - expected[k]!) < 1e-3, `${label} on ${JSON.stringify(text.slice(0, 40))}: ${score} vs ${expected[k]}`);
        }
      });

      // Inputs the pipeline never produces but the graph must survive: one token, and no tokens at all.
      const model = await AutoModelForSequenceClassification.from_pretrained(modelId, { dtype: 'q4' });
      for (const ids of [[CLS_ID], []]) {
        const input = new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
        const mask = new Tensor(
          'int64',
          BigInt64Array.from(ids, () => 1n),
          [1, ids.length],
        );
        const { logits } = (await model({ input_ids: input, attention_mask: mask })) as { logits: Tensor };
        const expected = predict(quantized.params, features(ids, config));
        Array.from(logits.data as Float32Array).forEach((logit, k) => {
          assert.ok(Math.abs(1 / (1 + Math.exp(-logit)) - expected[k]!) < 1e-3);
        });
      }
    });

  test('the shipped model loads as the product loads it, matches the forward pass and stays under 2 MB', async () => {
    const info = shippedInfo();
    const total = Object.values(info.bytes).reduce((a, b) => a + b, 0);
    assert.ok(total <= 2 * 1024 * 1024, `${total} bytes`);
    assert.deepEqual(Object.keys(info.thresholds), [...LABELS]);
    const files = Object.fromEntries(Object.keys(info.bytes).map((f) => [f, readFileSync(join(MODELS_DIR, info.modelId, f))]));
    assert.deepEqual(fileSizes(files), info.bytes);

    env.localModelPath = MODELS_DIR;
    const classify = await pipeline('text-classification', info.modelId, { dtype: 'q4' });
    const results = (await classify(texts, { top_k: null })) as { label: string; score: number }[][];
    const params = paramsFromOnnx(join(MODELS_DIR, info.modelId, ONNX_FILE));
    const tokenizer = new WordPieceTokenizer(shippedVocab(info.modelId));
    results.forEach((result, i) => {
      assert.deepEqual(result.map((r) => r.label).sort(), [...LABELS].sort());
      const expected = predict(params, features(tokenizer.encode(texts[i]!), params.config));
      for (const { label, score } of result) {
        const k = LABELS.indexOf(label as (typeof LABELS)[number]);
        assert.ok(Math.abs(score - expected[k]!) < 1e-3, `${label}: ${score} vs ${expected[k]}`);
      }
    });
    // Independent sigmoids, not a softmax: the scores need not sum to 1.
    assert.ok(results.some((r) => Math.abs(r.reduce((a, b) => a + b.score, 0) - 1) > 0.05));
  });
});
