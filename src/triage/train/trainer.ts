/**
 * Hand-written backpropagation for model.ts: weighted binary cross-entropy with optional label
 * smoothing, Adam on the dense layers, lazy Adam on the embedding tables (only rows used in the batch
 * are touched, which keeps an epoch cheap even with 10^6 embedding weights), dropout, a cosine learning
 * rate decay over a fixed number of epochs, optional typo-noise copies of the texts, and (when a dev set
 * and patience are given) early stopping on the dev split.
 */
import { NUM_LABELS } from './labels.ts';
import { report, tuneThresholds, type Report } from './metrics.ts';
import { affine, inputWidth, pool, predict, sigmoid, type Features, type Params } from './model.ts';
import { mulberry32, shuffle, type Rng } from './prng.ts';

export interface Sample {
  features: Features;
  target: Uint8Array;
  /** Perturbed copies of the text (typo noise); each epoch may use one instead of the original. */
  variants?: Features[];
}

export interface TrainOptions {
  maxEpochs: number;
  /** Stop after this many epochs without a better dev score; 0 trains all epochs and keeps the last. */
  patience: number;
  batchSize: number;
  lr: number;
  /** 'cosine' decays the learning rate to lr * minLrFraction over maxEpochs. */
  schedule: 'constant' | 'cosine';
  minLrFraction: number;
  /** Probability of dropping each pooled token / n-gram during training (bag-of-features augmentation). */
  featureDropout: number;
  hiddenDropout: number;
  /** Decoupled weight decay on the dense layers. */
  weightDecay: number;
  /** Positive-class weight per label is (negatives / positives)^posWeightPower, capped here. */
  maxPosWeight: number;
  posWeightPower: number;
  /** Targets become y (1 - s) + s / 2. */
  labelSmoothing: number;
  /** Weight of the loss on lines without any label (routine), which the false-flag cap is about. */
  routineWeight: number;
  /** Probability of using a perturbed variant (when the sample has any) instead of the original. */
  variantRate: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  maxEpochs: 60,
  patience: 10,
  batchSize: 16,
  lr: 1e-2,
  schedule: 'constant',
  minLrFraction: 0.02,
  featureDropout: 0.2,
  hiddenDropout: 0.2,
  weightDecay: 1e-4,
  maxPosWeight: 4,
  posWeightPower: 0.5,
  labelSmoothing: 0,
  routineWeight: 1,
  variantRate: 0,
  seed: 1,
};

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Updates param[from .. to) from grad and zeroes that part of grad. */
  update(param: Float32Array, grad: Float32Array, lr: number, step: number, from = 0, to = param.length): void {
    const c1 = 1 - BETA1 ** step;
    const c2 = 1 - BETA2 ** step;
    this.updateCorrected(param, grad, lr / c1, 1 / c2, from, to);
  }

  /** update() with the bias corrections precomputed: stepSize = lr / c1, invC2 = 1 / c2. */
  updateCorrected(param: Float32Array, grad: Float32Array, stepSize: number, invC2: number, from: number, to: number): void {
    const mm = this.m;
    const vv = this.v;
    for (let i = from; i < to; i++) {
      const g = grad[i]!;
      const m = BETA1 * mm[i]! + (1 - BETA1) * g;
      const v = BETA2 * vv[i]! + (1 - BETA2) * g * g;
      mm[i] = m;
      vv[i] = v;
      param[i] = param[i]! - (stepSize * m) / (Math.sqrt(v * invC2) + EPS);
      grad[i] = 0;
    }
  }
}

/** An embedding table's gradient, with the list of rows the current batch touched. */
class SparseGrad {
  readonly grad: Float32Array;
  private readonly touched: Uint8Array;
  private rows: number[] = [];

  constructor(
    rowCount: number,
    readonly dim: number,
  ) {
    this.grad = new Float32Array(rowCount * dim);
    this.touched = new Uint8Array(rowCount);
  }

  private touch(row: number): void {
    if (this.touched[row] === 0) {
      this.touched[row] = 1;
      this.rows.push(row);
    }
  }

  add(row: number, delta: Float32Array, offset: number, scale: number): void {
    this.touch(row);
    const base = row * this.dim;
    for (let j = 0; j < this.dim; j++) this.grad[base + j]! += delta[offset + j]! * scale;
  }

  addAt(row: number, column: number, value: number): void {
    this.touch(row);
    this.grad[row * this.dim + column]! += value;
  }

  apply(table: Float32Array, adam: Adam, lr: number, step: number): void {
    const stepSize = lr / (1 - BETA1 ** step);
    const invC2 = 1 / (1 - BETA2 ** step);
    const dim = this.dim;
    for (const row of this.rows) {
      adam.updateCorrected(table, this.grad, stepSize, invC2, row * dim, (row + 1) * dim);
      this.touched[row] = 0;
    }
    this.rows = [];
  }
}

function keepSome(rows: Int32Array, drop: number, rng: Rng): Int32Array {
  if (drop === 0 || rows.length <= 1) return rows;
  const kept = rows.filter(() => rng() >= drop);
  return kept.length > 0 ? kept : rows.subarray(0, 1);
}

export function positiveWeights(samples: readonly Sample[], cap: number, power = 0.5): Float32Array {
  const weights = new Float32Array(NUM_LABELS);
  for (let k = 0; k < NUM_LABELS; k++) {
    const positives = samples.filter((s) => s.target[k] === 1).length;
    weights[k] = Math.min(cap, ((samples.length - positives) / Math.max(positives, 1)) ** power);
  }
  return weights;
}

export function cloneParams(p: Params): Params {
  return {
    config: { ...p.config },
    tokens: p.tokens.slice(),
    bigrams: p.bigrams.slice(),
    trigrams: p.trigrams.slice(),
    subwords: p.subwords.slice(),
    tokenSubwords: p.tokenSubwords,
    w1: p.w1.slice(),
    b1: p.b1.slice(),
    w2: p.w2.slice(),
    b2: p.b2.slice(),
  };
}

export interface EpochLog {
  epoch: number;
  trainLoss: number;
  /** Absent when there is no dev set. */
  dev?: Report;
  devLoss?: number;
}

export interface TrainResult {
  params: Params;
  bestEpoch: number;
  history: EpochLog[];
}

export function meanLoss(params: Params, samples: readonly Sample[]): number {
  let total = 0;
  for (const s of samples) {
    const p = predict(params, s.features);
    for (let k = 0; k < NUM_LABELS; k++) {
      const q = Math.min(Math.max(p[k]!, 1e-7), 1 - 1e-7);
      total -= s.target[k] === 1 ? Math.log(q) : Math.log(1 - q);
    }
  }
  return total / Math.max(samples.length, 1);
}

export function evaluate(params: Params, samples: readonly Sample[], thresholds?: readonly number[]): Report {
  const scores = samples.map((s) => predict(params, s.features));
  const targets = samples.map((s) => s.target);
  return report(scores, targets, thresholds ?? tuneThresholds(scores, targets));
}

/**
 * Trains `params` in place. With a dev set and patience > 0, returns a copy of the best epoch's
 * parameters by dev macro-F1; otherwise trains every epoch and returns the final parameters.
 */
export function train(
  params: Params,
  trainSet: readonly Sample[],
  devSet: readonly Sample[],
  options: TrainOptions,
  log: (entry: EpochLog) => void = () => {},
): TrainResult {
  const { dim, hidden } = params.config;
  const hasTrigrams = (params.config.trigramBuckets ?? 0) > 0;
  const maxPool = params.config.maxPool === true;
  const width = inputWidth(params.config);
  const maxOffset = (hasTrigrams ? 3 : 2) * dim;
  const rng = mulberry32(options.seed ^ 0x9e3779b9);
  const posWeight = positiveWeights(trainSet, options.maxPosWeight, options.posWeightPower);
  const smoothing = options.labelSmoothing;
  const earlyStopping = devSet.length > 0 && options.patience > 0;

  const adam = {
    tokens: new Adam(params.tokens.length),
    bigrams: new Adam(params.bigrams.length),
    trigrams: new Adam(params.trigrams.length),
    subwords: new Adam(params.subwords.length),
    w1: new Adam(params.w1.length),
    b1: new Adam(params.b1.length),
    w2: new Adam(params.w2.length),
    b2: new Adam(params.b2.length),
  };
  const grad = {
    tokens: new SparseGrad(params.config.vocabSize, dim),
    bigrams: new SparseGrad(params.config.buckets, dim),
    trigrams: new SparseGrad(params.config.trigramBuckets ?? 0, dim),
    subwords: new SparseGrad(params.config.subwordBuckets ?? 0, dim),
    w1: new Float32Array(params.w1.length),
    b1: new Float32Array(params.b1.length),
    w2: new Float32Array(params.w2.length),
    b2: new Float32Array(params.b2.length),
  };

  const x = new Float32Array(width);
  const argmax = new Int32Array(dim);
  const z1 = new Float32Array(hidden);
  const a1 = new Float32Array(hidden);
  const logits = new Float32Array(NUM_LABELS);
  const dLogits = new Float32Array(NUM_LABELS);
  const dA1 = new Float32Array(hidden);
  const dX = new Float32Array(width);
  const keepScale = 1 / (1 - options.hiddenDropout);

  const order = trainSet.map((_, i) => i);
  const batchesPerEpoch = Math.ceil(order.length / options.batchSize);
  const totalSteps = options.maxEpochs * batchesPerEpoch;
  const learningRate = (step: number): number => {
    if (options.schedule === 'constant') return options.lr;
    const progress = Math.min(1, (step - 1) / Math.max(1, totalSteps - 1));
    const floor = options.minLrFraction;
    return options.lr * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  };
  let step = 0;
  let best: TrainResult = { params: cloneParams(params), bestEpoch: 0, history: [] };
  let bestScore = -Infinity;

  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    shuffle(order, rng);
    let lossSum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      const scale = 1 / batch.length;
      for (const index of batch) {
        const sample = trainSet[index]!;
        let source = sample.features;
        if (sample.variants && sample.variants.length > 0 && options.variantRate > 0 && rng() < options.variantRate) {
          source = sample.variants[Math.floor(rng() * sample.variants.length)]!;
        }
        const f: Features = {
          tokens: keepSome(source.tokens, options.featureDropout, rng),
          bigrams: keepSome(source.bigrams, options.featureDropout, rng),
          trigrams: keepSome(source.trigrams, options.featureDropout, rng),
        };
        pool(params, f, x, argmax);
        affine(params.w1, params.b1, x, z1);
        for (let i = 0; i < hidden; i++) {
          const dropped = options.hiddenDropout > 0 && rng() < options.hiddenDropout;
          a1[i] = z1[i]! > 0 && !dropped ? z1[i]! * keepScale : 0;
        }
        affine(params.w2, params.b2, a1, logits);

        const exampleWeight = sample.target.includes(1) ? 1 : options.routineWeight;
        for (let k = 0; k < NUM_LABELS; k++) {
          const p = sigmoid(logits[k]!);
          const y = sample.target[k] === 1 ? 1 - smoothing / 2 : smoothing / 2;
          const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
          const w = posWeight[k]!;
          lossSum -= exampleWeight * (w * y * Math.log(q) + (1 - y) * Math.log(1 - q));
          // d/dz of -(w y log p + (1 - y) log(1 - p)), times the example's weight.
          dLogits[k] = exampleWeight * (w * y * (p - 1) + (1 - y) * p) * scale;
        }

        // Output layer.
        dA1.fill(0);
        for (let k = 0; k < NUM_LABELS; k++) {
          const g = dLogits[k]!;
          grad.b2[k]! += g;
          const base = k * hidden;
          for (let i = 0; i < hidden; i++) {
            grad.w2[base + i]! += g * a1[i]!;
            dA1[i]! += g * params.w2[base + i]!;
          }
        }
        // Hidden layer: a1 is zero exactly where ReLU or dropout blocked the gradient.
        dX.fill(0);
        for (let i = 0; i < hidden; i++) {
          if (a1[i] === 0) continue;
          const g = dA1[i]! * keepScale;
          grad.b1[i]! += g;
          const base = i * width;
          for (let c = 0; c < width; c++) {
            grad.w1[base + c]! += g * x[c]!;
            dX[c]! += g * params.w1[base + c]!;
          }
        }
        // Mean pooling spreads the gradient evenly over the pooled rows; max pooling sends it to the winner.
        for (const row of f.tokens) grad.tokens.add(row, dX, 0, 1 / f.tokens.length);
        if (params.tokenSubwords) {
          for (const row of f.tokens) {
            const grams = params.tokenSubwords[row]!;
            for (const g of grams) grad.subwords.add(g, dX, 0, 1 / (f.tokens.length * grams.length));
          }
        }
        for (const row of f.bigrams) grad.bigrams.add(row, dX, dim, 1 / f.bigrams.length);
        if (hasTrigrams) for (const row of f.trigrams) grad.trigrams.add(row, dX, 2 * dim, 1 / f.trigrams.length);
        if (maxPool) {
          for (let j = 0; j < dim; j++) if (argmax[j]! >= 0) grad.tokens.addAt(argmax[j]!, j, dX[maxOffset + j]!);
        }
      }

      step++;
      const lr = learningRate(step);
      const decay = 1 - lr * options.weightDecay;
      for (let i = 0; i < params.w1.length; i++) params.w1[i]! *= decay;
      for (let i = 0; i < params.w2.length; i++) params.w2[i]! *= decay;
      adam.w1.update(params.w1, grad.w1, lr, step);
      adam.b1.update(params.b1, grad.b1, lr, step);
      adam.w2.update(params.w2, grad.w2, lr, step);
      adam.b2.update(params.b2, grad.b2, lr, step);
      grad.tokens.apply(params.tokens, adam.tokens, lr, step);
      grad.bigrams.apply(params.bigrams, adam.bigrams, lr, step);
      if (hasTrigrams) grad.trigrams.apply(params.trigrams, adam.trigrams, lr, step);
      if (params.tokenSubwords) grad.subwords.apply(params.subwords, adam.subwords, lr, step);
    }

    const entry: EpochLog = { epoch, trainLoss: lossSum / trainSet.length };
    if (earlyStopping) {
      entry.dev = evaluate(params, devSet);
      entry.devLoss = meanLoss(params, devSet);
    }
    best.history.push(entry);
    log(entry);
    if (!earlyStopping) continue;
    // Loss only breaks ties between equal F1s.
    const score = entry.dev!.macroF1 - 1e-4 * entry.devLoss!;
    if (score > bestScore) {
      bestScore = score;
      best = { params: cloneParams(params), bestEpoch: epoch, history: best.history };
    } else if (epoch - best.bestEpoch >= options.patience) {
      break;
    }
  }
  if (!earlyStopping) best = { params: cloneParams(params), bestEpoch: options.maxEpochs, history: best.history };
  return best;
}
