/**
 * Typo noise for augmentation: perturbed copies of a training text with the mistakes visitors make
 * when typing fast (a dropped, swapped or doubled letter, a missing apostrophe). Case is not varied: the
 * tokenizer lowercases, so case variants would produce the same ids.
 */
import type { Rng } from './prng.ts';

const LETTER = /\p{L}/u;

function perturbWord(word: string, rng: Rng): string {
  const chars = [...word];
  const letters = chars.filter((c) => LETTER.test(c)).length;
  if (letters < 4) return word;
  const i = 1 + Math.floor(rng() * (chars.length - 2));
  const kind = rng();
  if (kind < 0.35) chars.splice(i, 1);
  else if (kind < 0.7) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  else chars.splice(i, 0, chars[i]!);
  return chars.join('');
}

/** A copy of `text` where each word of 4+ letters is perturbed with probability `rate`. */
export function typoNoise(text: string, rate: number, rng: Rng): string {
  return text
    .split(/(\s+)/)
    .map((part) => {
      if (/^\s*$/.test(part)) return part;
      let word = part;
      if (word.includes("'") && rng() < rate) word = word.replace(/'/g, '');
      return rng() < rate ? perturbWord(word, rng) : word;
    })
    .join('');
}
