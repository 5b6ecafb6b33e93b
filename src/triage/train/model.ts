/**
 * The triage classifier: fastText-style bags of token, hashed token-bigram and (optionally) hashed
 * token-trigram embeddings, each averaged over the unmasked positions, optionally plus a max-over-time
 * of the token embeddings (floored at 0), concatenated, then one ReLU hidden layer and a linear layer
 * to one logit per label. The n-gram hashes are chosen so the ONNX graph can compute them with int64
 * Mul/Add/Mod and TypeScript can compute them exactly in doubles.
 */
import { NUM_LABELS } from './labels.ts';
import { gaussian, type Rng } from './prng.ts';

/** Intermediate modulus of the trigram hash; keeps every product below 2^53. */
export const TRIGRAM_MODULUS = 1048573;

export interface ModelConfig {
  vocabSize: number;
  dim: number;
  /** Rows of the hashed bigram table. */
  buckets: number;
  /** Multiplier of the n-gram hashes: bigram bucket = (left * prime + right) mod buckets. */
  prime: number;
  hidden: number;
  /**
   * Rows of the hashed trigram table, 0 or absent for none. Trigram bucket =
   * ((((a * prime + b) mod TRIGRAM_MODULUS) * prime) + c) mod trigramBuckets.
   */
  trigramBuckets?: number;
  /** Also pool max(0, max over unmasked positions) of the token embeddings. */
  maxPool?: boolean;
  /** Rows of the character n-gram table shared between tokens while training (subwords.ts); 0 or absent for none. */
  subwordBuckets?: number;
}

export interface Params {
  config: ModelConfig;
  /** [vocabSize, dim] */
  tokens: Float32Array;
  /** [buckets, dim] */
  bigrams: Float32Array;
  /** [trigramBuckets, dim]; empty without trigrams. */
  trigrams: Float32Array;
  /** [subwordBuckets, dim]; empty without subwords, and always empty once folded for export. */
  subwords: Float32Array;
  /** Per token id, its n-gram rows in `subwords`; only while training with subwords. */
  tokenSubwords?: Int32Array[] | undefined;
  /** [hidden, inputWidth] */
  w1: Float32Array;
  b1: Float32Array;
  /** [NUM_LABELS, hidden] */
  w2: Float32Array;
  b2: Float32Array;
}

/** Token ids plus the n-gram buckets the graph derives from them. */
export interface Features {
  tokens: Int32Array;
  bigrams: Int32Array;
  trigrams: Int32Array;
}

/** Pooled segments, in input order: token mean, bigram mean, [trigram mean], [token max]. */
export function segments(config: ModelConfig): number {
  return 2 + (config.trigramBuckets ? 1 : 0) + (config.maxPool ? 1 : 0);
}

export function inputWidth(config: ModelConfig): number {
  return segments(config) * config.dim;
}

export function bigramBucket(left: number, right: number, config: ModelConfig): number {
  // Exact in doubles: left < 2^17 and prime < 2^24 keep the product far below 2^53.
  return (left * config.prime + right) % config.buckets;
}

export function trigramBucket(a: number, b: number, c: number, config: ModelConfig): number {
  const inner = (a * config.prime + b) % TRIGRAM_MODULUS;
  return (inner * config.prime + c) % config.trigramBuckets!;
}

export function features(ids: readonly number[], config: ModelConfig): Features {
  const bigrams = new Int32Array(Math.max(ids.length - 1, 0));
  for (let t = 0; t + 1 < ids.length; t++) bigrams[t] = bigramBucket(ids[t]!, ids[t + 1]!, config);
  const trigrams = new Int32Array(config.trigramBuckets ? Math.max(ids.length - 2, 0) : 0);
  for (let t = 0; t < trigrams.length; t++) trigrams[t] = trigramBucket(ids[t]!, ids[t + 1]!, ids[t + 2]!, config);
  return { tokens: Int32Array.from(ids), bigrams, trigrams };
}

export function initParams(config: ModelConfig, rng: Rng): Params {
  const width = inputWidth(config);
  const tokens = new Float32Array(config.vocabSize * config.dim);
  for (let i = 0; i < tokens.length; i++) tokens[i] = gaussian(rng) * 0.1;
  // N-gram rows start at zero: buckets that training never touches stay exactly zero.
  const bigrams = new Float32Array(config.buckets * config.dim);
  const trigrams = new Float32Array((config.trigramBuckets ?? 0) * config.dim);
  const subwords = new Float32Array((config.subwordBuckets ?? 0) * config.dim);
  const w1 = new Float32Array(config.hidden * width);
  const he1 = Math.sqrt(2 / width);
  for (let i = 0; i < w1.length; i++) w1[i] = gaussian(rng) * he1;
  const w2 = new Float32Array(NUM_LABELS * config.hidden);
  const glorot2 = Math.sqrt(2 / (config.hidden + NUM_LABELS));
  for (let i = 0; i < w2.length; i++) w2[i] = gaussian(rng) * glorot2;
  return {
    config,
    tokens,
    bigrams,
    trigrams,
    subwords,
    w1,
    b1: new Float32Array(config.hidden),
    w2,
    b2: new Float32Array(NUM_LABELS),
  };
}

/** Adds the mean of the selected rows of `table` into `out[offset .. offset + dim)`. */
export function meanRows(table: Float32Array, rows: Int32Array, dim: number, out: Float32Array, offset: number): void {
  if (rows.length === 0) return;
  const inv = 1 / rows.length;
  for (const row of rows) {
    const base = row * dim;
    for (let j = 0; j < dim; j++) out[offset + j]! += table[base + j]! * inv;
  }
}

/**
 * Writes max(0, max over rows) per column into out[offset ..), and into argmax[j] the row that won
 * (-1 where the floor 0 won), for backpropagation.
 */
export function maxRows(table: Float32Array, rows: Int32Array, dim: number, out: Float32Array, offset: number, argmax?: Int32Array): void {
  for (let j = 0; j < dim; j++) {
    let best = 0;
    let who = -1;
    for (const row of rows) {
      const v = table[row * dim + j]!;
      if (v > best) {
        best = v;
        who = row;
      }
    }
    out[offset + j] = best;
    if (argmax) argmax[j] = who;
  }
}

/** Pooled input vector of one example. */
export function pool(params: Params, f: Features, out: Float32Array, argmax?: Int32Array): void {
  const { dim } = params.config;
  out.fill(0);
  meanRows(params.tokens, f.tokens, dim, out, 0);
  if (params.tokenSubwords && f.tokens.length > 0) {
    const inv = 1 / f.tokens.length;
    for (const t of f.tokens) {
      const grams = params.tokenSubwords[t]!;
      for (const g of grams) {
        const base = g * dim;
        for (let j = 0; j < dim; j++) out[j]! += (params.subwords[base + j]! * inv) / grams.length;
      }
    }
  }
  meanRows(params.bigrams, f.bigrams, dim, out, dim);
  let offset = 2 * dim;
  if (params.config.trigramBuckets) {
    meanRows(params.trigrams, f.trigrams, dim, out, offset);
    offset += dim;
  }
  if (params.config.maxPool) maxRows(params.tokens, f.tokens, dim, out, offset, argmax);
}

/** out = W x + b, W is [rows, cols] row-major. */
export function affine(w: Float32Array, b: Float32Array, x: Float32Array, out: Float32Array): void {
  const cols = x.length;
  for (let r = 0; r < out.length; r++) {
    let sum = b[r]!;
    const base = r * cols;
    for (let c = 0; c < cols; c++) sum += w[base + c]! * x[c]!;
    out[r] = sum;
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Inference: per-label logits for one example. */
export function logits(params: Params, f: Features): Float32Array {
  const x = new Float32Array(inputWidth(params.config));
  pool(params, f, x);
  const hidden = new Float32Array(params.config.hidden);
  affine(params.w1, params.b1, x, hidden);
  for (let i = 0; i < hidden.length; i++) hidden[i] = Math.max(0, hidden[i]!);
  const out = new Float32Array(NUM_LABELS);
  affine(params.w2, params.b2, hidden, out);
  return out;
}

/** Inference: per-label sigmoid scores for one example. */
export function predict(params: Params, f: Features): Float32Array {
  return logits(params, f).map(sigmoid);
}
