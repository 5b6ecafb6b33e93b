/**
 * Builds a WordPiece vocabulary from the training texts. Not the likelihood-driven HF trainer but a
 * frequency heuristic that suits a small multilingual corpus: frequent whole words, stems shared by
 * several words (so "refunded" → "refund ##ed"), common endings as "##" pieces, and every character
 * seen, both word-initial and as a continuation, so typos and unseen words decompose instead of
 * collapsing to [UNK].
 */
import { CONTINUATION_PREFIX, SPECIAL_TOKENS, words } from './wordpiece.ts';

export interface VocabOptions {
  /** Hard cap on the vocabulary size, special tokens and characters included. */
  maxSize: number;
  /** A whole word needs at least this many occurrences. */
  minWordCount: number;
  /** A prefix or ending needs to be shared by at least this many distinct words. */
  minPieceTypes: number;
  minPieceChars: number;
  maxPieceChars: number;
}

export const DEFAULT_VOCAB_OPTIONS: VocabOptions = {
  maxSize: 8000,
  minWordCount: 2,
  minPieceTypes: 3,
  minPieceChars: 3,
  maxPieceChars: 7,
};

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Sorts by descending score, then by the token itself, so the result is deterministic. */
function ranked(scores: Map<string, number>, min: number): string[] {
  return [...scores]
    .filter(([, score]) => score >= min)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([token]) => token);
}

export function buildVocab(texts: readonly string[], options: VocabOptions = DEFAULT_VOCAB_OPTIONS): string[] {
  const wordCounts = new Map<string, number>();
  for (const text of texts) for (const word of words(text)) increment(wordCounts, word);

  const charCounts = new Map<string, number>();
  const prefixTypes = new Map<string, number>();
  const endingTypes = new Map<string, number>();
  for (const [word, count] of wordCounts) {
    const chars = [...word];
    for (const char of chars) increment(charCounts, char, count);
    const longest = Math.min(options.maxPieceChars, chars.length - 1);
    for (let n = options.minPieceChars; n <= longest; n++) {
      increment(prefixTypes, chars.slice(0, n).join(''));
    }
    for (let n = 2; n <= Math.min(options.maxPieceChars - 2, chars.length - 1); n++) {
      increment(endingTypes, CONTINUATION_PREFIX + chars.slice(chars.length - n).join(''));
    }
  }

  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set<string>(vocab);
  const add = (token: string): void => {
    if (vocab.length < options.maxSize && !seen.has(token)) {
      seen.add(token);
      vocab.push(token);
    }
  };
  // Characters first: they guarantee every seen word can be spelled out.
  for (const char of ranked(charCounts, 1)) {
    add(char);
    add(CONTINUATION_PREFIX + char);
  }
  // Interleave the three kinds by rank so a tight cap keeps the best of each.
  const queues = [
    ranked(wordCounts, options.minWordCount),
    ranked(prefixTypes, options.minPieceTypes),
    ranked(endingTypes, options.minPieceTypes),
  ];
  const longestQueue = Math.max(...queues.map((q) => q.length));
  for (let i = 0; i < longestQueue && vocab.length < options.maxSize; i++) {
    for (const queue of queues) if (i < queue.length) add(queue[i]!);
  }
  return vocab;
}
