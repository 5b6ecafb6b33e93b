/**
 * Text handling for the assistant's search: folding, tokens, stop words, a light stemmer and a few
 * synonym groups, from every language in ./lang. The same functions process the knowledge
 * when it is indexed and the visitor's message when it is searched, so both meet on equal terms.
 */

import { LANGS, PACKS } from './lang/index.ts';

const COMBINING_MARK = /\p{M}/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is the point
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case without diacritics ("Öffnungszeiten" → "offnungszeiten"); ß becomes ss. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING_MARK, '').replace(/ß/g, 'ss').replace(/[’‘]/g, "'");
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
// French and Italian elisions ("l'eau", "qu'est") and English contractions ("what's", "don't").
const ELISION = /^(?:l|d|j|qu|n|s|c|m|t)'/;
const LETTER_PREFIX = /(?<![\p{L}\p{N}'])(\p{L})-(?=\p{L}{2})/gu;
const CONTRACTION = /'(?:s|t|re|ve|ll|d|m)$/;

/** Folded word tokens, with elisions and contractions removed ("what's" → "what", "l'eau" → "eau"). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  // One letter and a hyphen make one word: "e-bike" is "ebike", "e-mail" "email", "x-ray" "xray".
  for (const raw of fold(text).replace(LETTER_PREFIX, '$1').match(TOKEN) ?? []) {
    const token = raw.replace(ELISION, '').replace(CONTRACTION, '');
    if (token) out.push(token);
  }
  return out;
}

const packs = LANGS.map((l) => PACKS[l]);

/** Words that carry no need on their own, in every language. Folded, like everything here. */
export const STOPWORDS: ReadonlySet<string> = new Set(packs.flatMap((p) => p.words.stop.split(' ')));

/**
 * Words that name the same need map to one term, so "how much is X" meets a price line and "when
 * are you open" meets the hours, in any language. Kept small and generic: a site's own wording goes
 * in its keywords and translations.
 */
const CONCEPT_WORDS: readonly (readonly [string, string])[] = packs.flatMap((p) =>
  (Object.entries(p.words.concepts) as [string, string][]).flatMap(([concept, list]) =>
    list
      .split(' ')
      .filter(Boolean)
      .map((w) => [w, concept] as const),
  ),
);

const SUFFIXES: readonly string[] = [...new Set(packs.flatMap((p) => p.words.suffixes))].sort((a, b) => b.length - a.length);

function stripSuffix(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      return suffix === 'ies' ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

// A concept's words are known by their stems too, so "mutuelles" meets "mutuelle" and "vereinbare"
// meets "vereinbaren". The word itself wins over another word's stem.
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ...CONCEPT_WORDS.map(([w, c]) => [stem(w), c] as const),
  ...CONCEPT_WORDS.map(([w, c]) => [w, c] as const),
]);

/** A crude stemmer (two passes), enough for "cleaning"/"cleaner"/"clean" and "heaters"/"heater". */
export function stem(word: string): string {
  return stripSuffix(stripSuffix(word));
}

/** One token to its indexed form, or null for a stop word. Tokens are already folded. */
export function processTerm(token: string): string | null {
  if (token.length < 2 && !/\d/.test(token)) return null;
  if (STOPWORDS.has(token)) return null;
  const stemmed = stem(token);
  return SYNONYMS.get(token) ?? SYNONYMS.get(stemmed) ?? stemmed;
}

/** The distinct search terms of a text, in order. */
export function terms(text: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.add(term);
  }
  return [...out];
}

/** Turns one search term into the terms it is made of, for languages that write compounds as one word. */
export type Splitter = (term: string) => string[];

/**
 * A splitter for compounds built from a vocabulary (the texts of a site's knowledge): a term of
 * eight letters or more that is two known stems of four letters or more, the first perhaps with a
 * linking "s", becomes those two ("kinderuntersuch" → "kind", "untersuch"; "schlauchwechsel" →
 * "schlauch", "install"). Both the knowledge and the messages are split the same way, so
 * "Kinderuntersuchung" meets "Kind" and "Untersuchung", and "Schlauchwechsel" meets "Schlauch wechseln".
 */
export function compoundSplitter(vocabulary: Iterable<string>): Splitter {
  // Stems as written, before concepts: "wechseln" is known as "wechsel", not only as "install".
  const known = new Set(
    [...vocabulary]
      .flatMap((text) => tokenize(text))
      .filter((t) => !STOPWORDS.has(t))
      .map(stem)
      .filter((t) => t.length >= 4 && !/\d/.test(t)),
  );
  const isKnown = (part: string) => part.length >= 4 && (known.has(part) || known.has(stem(part)));
  const cache = new Map<string, string[]>();
  return (term) => {
    if (term.length < 8 || /\d/.test(term)) return [term];
    let parts = cache.get(term);
    if (!parts) {
      parts = [term];
      for (let i = 4; i <= term.length - 4; i++) {
        const tail = term.slice(i);
        const head = term.slice(0, i);
        const linked = head.endsWith('s') ? head.slice(0, -1) : head;
        if (!isKnown(tail)) continue;
        const first = isKnown(head) ? head : isKnown(linked) ? linked : null;
        if (first === null) continue;
        parts = [...new Set([stem(first), tail].map((p) => SYNONYMS.get(p) ?? p))];
        break;
      }
      cache.set(term, parts);
    }
    return parts;
  };
}

/** The distinct search terms of a text, compounds split. */
export function splitTerms(text: string, split: Splitter): string[] {
  return [...new Set(terms(text).flatMap(split))];
}
