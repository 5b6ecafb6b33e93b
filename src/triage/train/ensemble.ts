/**
 * Folds N independently trained members into one model of the same shape family, so the ONNX graph
 * and the forward pass need no notion of an ensemble. Member m owns columns [m*dim, (m+1)*dim) of every
 * embedding table and hidden units [m*hidden, (m+1)*hidden); W1 is block-diagonal between them and
 * W2 is scaled by 1/N, so the merged logits are exactly the mean of the members' logits. (Max pooling
 * is per column, so it merges the same way as the means.)
 */
import { NUM_LABELS } from './labels.ts';
import { segments, type Params } from './model.ts';

function interleaveRows(tables: Float32Array[], rows: number, dim: number): Float32Array {
  const width = tables.length * dim;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    tables.forEach((table, m) => out.set(table.subarray(r * dim, (r + 1) * dim), r * width + m * dim));
  }
  return out;
}

export function mergeMembers(members: readonly Params[]): Params {
  const first = members[0];
  if (!first) throw new Error('an ensemble needs at least one member');
  if (members.length === 1) return first;
  const { dim, hidden, vocabSize, buckets } = first.config;
  const trigramBuckets = first.config.trigramBuckets ?? 0;
  const n = members.length;
  const segs = segments(first.config);
  const memberWidth = segs * dim;
  const mergedDim = n * dim;
  const mergedHidden = n * hidden;
  const mergedWidth = segs * mergedDim;

  const w1 = new Float32Array(mergedHidden * mergedWidth);
  const b1 = new Float32Array(mergedHidden);
  const w2 = new Float32Array(NUM_LABELS * mergedHidden);
  const b2 = new Float32Array(NUM_LABELS);
  members.forEach((p, m) => {
    for (let i = 0; i < hidden; i++) {
      const row = (m * hidden + i) * mergedWidth;
      b1[m * hidden + i] = p.b1[i]!;
      // Pooled input layout: segment s of every member, then segment s + 1, ...
      for (let s = 0; s < segs; s++) {
        for (let j = 0; j < dim; j++) w1[row + s * mergedDim + m * dim + j] = p.w1[i * memberWidth + s * dim + j]!;
      }
    }
    for (let k = 0; k < NUM_LABELS; k++) {
      b2[k]! += p.b2[k]! / n;
      for (let i = 0; i < hidden; i++) w2[k * mergedHidden + m * hidden + i] = p.w2[k * hidden + i]! / n;
    }
  });
  return {
    config: { ...first.config, dim: mergedDim, hidden: mergedHidden },
    tokens: interleaveRows(
      members.map((p) => p.tokens),
      vocabSize,
      dim,
    ),
    bigrams: interleaveRows(
      members.map((p) => p.bigrams),
      buckets,
      dim,
    ),
    trigrams: interleaveRows(
      members.map((p) => p.trigrams),
      trigramBuckets,
      dim,
    ),
    // Members come folded (subwords.ts): their n-gram tables are already in their token rows.
    subwords: new Float32Array(0),
    w1,
    b1,
    w2,
    b2,
  };
}
