/**
 * The triage classifier: fastText-style bag of token and hashed token-bigram embeddings, each averaged
 * over the unmasked positions, concatenated, then one ReLU hidden layer and a linear layer to one
 * logit per label. The bigram hash is chosen so the ONNX graph can compute it with int64 Mul/Add/Mod.
 */
import { NUM_LABELS } from './labels.ts';
import { gaussian, type Rng } from './prng.ts';

export interface ModelConfig {
  vocabSize: number;
  dim: number;
  /** Rows of the hashed bigram table. */
  buckets: number;
  /** Multiplier of the bigram hash: bucket = (left * prime + right) mod buckets. */
  prime: number;
  hidden: number;
}

export interface Params {
  config: ModelConfig;
  /** [vocabSize, dim] */
  tokens: Float32Array;
  /** [buckets, dim] */
  bigrams: Float32Array;
  /** [hidden, 2 * dim] */
  w1: Float32Array;
  b1: Float32Array;
  /** [NUM_LABELS, hidden] */
  w2: Float32Array;
  b2: Float32Array;
}

/** Token ids plus the bigram buckets the graph derives from them. */
export interface Features {
  tokens: Int32Array;
  bigrams: Int32Array;
}

export function inputWidth(config: ModelConfig): number {
  return 2 * config.dim;
}

export function bigramBucket(left: number, right: number, config: ModelConfig): number {
  // Exact in doubles: left < 2^17 and prime < 2^24 keep the product far below 2^53.
  return (left * config.prime + right) % config.buckets;
}

export function features(ids: readonly number[], config: ModelConfig): Features {
  const bigrams = new Int32Array(Math.max(ids.length - 1, 0));
  for (let t = 0; t + 1 < ids.length; t++) bigrams[t] = bigramBucket(ids[t]!, ids[t + 1]!, config);
  return { tokens: Int32Array.from(ids), bigrams };
}

export function initParams(config: ModelConfig, rng: Rng): Params {
  const width = inputWidth(config);
  const tokens = new Float32Array(config.vocabSize * config.dim);
  for (let i = 0; i < tokens.length; i++) tokens[i] = gaussian(rng) * 0.1;
  // Bigram rows start at zero: buckets that training never touches stay exactly zero.
  const bigrams = new Float32Array(config.buckets * config.dim);
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

/** Pooled input vector of one example. */
export function pool(params: Params, f: Features, out: Float32Array): void {
  const { dim } = params.config;
  out.fill(0);
  meanRows(params.tokens, f.tokens, dim, out, 0);
  meanRows(params.bigrams, f.bigrams, dim, out, dim);
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

/** Inference: per-label sigmoid scores for one example. */
export function predict(params: Params, f: Features): Float32Array {
  const x = new Float32Array(inputWidth(params.config));
  pool(params, f, x);
  const hidden = new Float32Array(params.config.hidden);
  affine(params.w1, params.b1, x, hidden);
  for (let i = 0; i < hidden.length; i++) hidden[i] = Math.max(0, hidden[i]!);
  const logits = new Float32Array(NUM_LABELS);
  affine(params.w2, params.b2, hidden, logits);
  return logits.map(sigmoid);
}
