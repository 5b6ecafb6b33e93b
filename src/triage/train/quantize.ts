/**
 * Symmetric per-row int8 quantisation of embedding tables. Per row rather than per tensor because row
 * norms differ a lot (frequent tokens grow large, rare ones stay small) and one shared scale would
 * flatten the rare rows to a few levels.
 */
import type { Params } from './model.ts';

export interface QuantizedTable {
  values: Int8Array;
  /** One scale per row; value = q * scale, zero point 0. */
  scales: Float32Array;
  rows: number;
  dim: number;
}

export function quantizeRows(table: Float32Array, dim: number): QuantizedTable {
  const rows = table.length / dim;
  const values = new Int8Array(table.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let maxAbs = 0;
    for (let j = 0; j < dim; j++) maxAbs = Math.max(maxAbs, Math.abs(table[r * dim + j]!));
    // An all-zero row (an unused bucket) still needs a valid positive scale.
    const scale = maxAbs > 0 ? maxAbs / 127 : 1;
    scales[r] = scale;
    for (let j = 0; j < dim; j++) {
      values[r * dim + j] = Math.max(-127, Math.min(127, Math.round(table[r * dim + j]! / scales[r]!)));
    }
  }
  return { values, scales, rows, dim };
}

/** What DequantizeLinear computes: float32(q * scale). */
export function dequantize(q: QuantizedTable): Float32Array {
  const out = new Float32Array(q.values.length);
  for (let i = 0; i < out.length; i++) out[i] = q.values[i]! * q.scales[Math.floor(i / q.dim)]!;
  return out;
}

export interface QuantizedModel {
  params: Params;
  tokens: QuantizedTable;
  bigrams: QuantizedTable;
  /** Empty (0 rows) without trigrams. */
  trigrams: QuantizedTable;
}

/** Quantises the embedding tables and returns parameters whose tables hold exactly the dequantised values. */
export function quantizeModel(params: Params): QuantizedModel {
  const tokens = quantizeRows(params.tokens, params.config.dim);
  const bigrams = quantizeRows(params.bigrams, params.config.dim);
  const trigrams = quantizeRows(params.trigrams, params.config.dim);
  return {
    params: { ...params, tokens: dequantize(tokens), bigrams: dequantize(bigrams), trigrams: dequantize(trigrams) },
    tokens,
    bigrams,
    trigrams,
  };
}
