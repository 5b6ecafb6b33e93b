/**
 * Character n-grams of the vocabulary's tokens, shared between tokens during training (fastText's
 * subword information): a token's embedding is its own row plus the mean of its n-grams' rows, so
 * "frustrant", "frustrado" and "frustriert" learn from each other, and a token seen a few times
 * borrows from its neighbours in spelling. The n-gram table exists only while training: the sum is
 * folded into the token table before export, so the browser model is unchanged in shape and size.
 */
import { CONTINUATION_PREFIX } from './wordpiece.ts';
import type { Params } from './model.ts';

const MIN_N = 3;
const MAX_N = 5;

/** FNV-1a over UTF-16 code units: stable and fast, spread enough for a few 10^4 buckets. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The n-gram buckets of each vocabulary token; special and single-character tokens have none. */
export function tokenSubwords(vocab: readonly string[], buckets: number): Int32Array[] {
  return vocab.map((token) => {
    if (/^\[[A-Z]+\]$/.test(token)) return new Int32Array(0);
    const continuation = token.startsWith(CONTINUATION_PREFIX);
    // Word starts are marked so "##ing" and "ing…" stay apart, as fastText marks word edges.
    const chars = [...(continuation ? `#${token.slice(CONTINUATION_PREFIX.length)}` : `<${token}`)];
    const grams = new Set<number>();
    for (let n = MIN_N; n <= MAX_N; n++) {
      for (let i = 0; i + n <= chars.length; i++) grams.add(hash(chars.slice(i, i + n).join('')) % buckets);
    }
    return Int32Array.from(grams);
  });
}

/** Adds each token's mean n-gram row into its own row and drops the n-gram table. */
export function foldSubwords(params: Params): Params {
  const lists = params.tokenSubwords;
  if (!lists || params.subwords.length === 0) return params;
  const { dim } = params.config;
  const tokens = params.tokens.slice();
  lists.forEach((grams, t) => {
    if (grams.length === 0) return;
    for (const g of grams) {
      for (let j = 0; j < dim; j++) tokens[t * dim + j]! += params.subwords[g * dim + j]! / grams.length;
    }
  });
  const { subwordBuckets: _dropped, ...config } = params.config;
  return { ...params, config, tokens, subwords: new Float32Array(0), tokenSubwords: undefined };
}
