/**
 * WordPiece tokenisation that reproduces, id for id, what Transformers.js (via @huggingface/tokenizers)
 * does with the tokenizer.json written by tokenizer-files.ts: Sequence[NFKC, BertNormalizer] normaliser,
 * BertPreTokenizer, WordPiece model, [CLS] … [SEP] template, then plain truncation to model_max_length.
 * The quirks below (UTF-16 code-unit CJK check, the control-character regex) are copied on purpose:
 * the trainer must see exactly the ids the browser will feed the model.
 */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;
export const CONTINUATION_PREFIX = '##';
export const MAX_INPUT_CHARS_PER_WORD = 100;
export const MODEL_MAX_LENGTH = 128;

const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN_PATTERN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const SPECIAL_TOKEN_PATTERN = /(\[PAD\]|\[UNK\]|\[CLS\]|\[SEP\]|\[MASK\])/;
// Same (oddly parenthesised) pattern as the library, so the same characters count as control.
const CONTROL_PATTERN = /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u;

function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function isControl(char: string): boolean {
  if (char === '\t' || char === '\n' || char === '\r') return false;
  return CONTROL_PATTERN.test(char);
}

function cleanText(text: string): string {
  let out = '';
  for (const char of text) {
    const cp = char.charCodeAt(0);
    if (cp === 0 || cp === 0xfffd || isControl(char)) continue;
    out += /^\s$/.test(char) ? ' ' : char;
  }
  return out;
}

function spaceChineseChars(text: string): string {
  let out = '';
  // Code units, not code points, exactly like the library (so only BMP ideographs are spaced).
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    out += isChineseChar(char.charCodeAt(0)) ? ` ${char} ` : char;
  }
  return out;
}

/** NFKC, then BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents). */
export function normalize(text: string): string {
  const cleaned = spaceChineseChars(cleanText(text.normalize('NFKC')));
  return cleaned
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
}

/** BertPreTokenizer: runs of non-space non-punctuation, and single punctuation characters. */
export function preTokenize(normalized: string): string[] {
  return normalized.trim().match(PRE_TOKEN_PATTERN) ?? [];
}

/** The words (pre-tokens) of a raw text, as the vocabulary builder should count them. */
export function words(text: string): string[] {
  return text
    .split(SPECIAL_TOKEN_PATTERN)
    .filter((section) => !(SPECIAL_TOKENS as readonly string[]).includes(section))
    .flatMap((section) => preTokenize(normalize(section)));
}

export class WordPieceTokenizer {
  readonly vocab: readonly string[];
  private readonly ids: Map<string, number>;

  constructor(vocab: readonly string[]) {
    SPECIAL_TOKENS.forEach((token, id) => {
      if (vocab[id] !== token) throw new Error(`vocab[${id}] must be ${token}`);
    });
    this.vocab = vocab;
    this.ids = new Map(vocab.map((token, id) => [token, id]));
  }

  get size(): number {
    return this.vocab.length;
  }

  /** Greedy longest-match-first WordPiece; a word with any unmatched character becomes one [UNK]. */
  encodeWord(word: string, out: number[]): void {
    const chars = [...word];
    if (chars.length > MAX_INPUT_CHARS_PER_WORD) {
      out.push(UNK_ID);
      return;
    }
    const pieces: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let match: number | undefined;
      while (start < end) {
        const piece = chars.slice(start, end).join('');
        match = this.ids.get(start > 0 ? CONTINUATION_PREFIX + piece : piece);
        if (match !== undefined) break;
        end--;
      }
      if (match === undefined) {
        out.push(UNK_ID);
        return;
      }
      pieces.push(match);
      start = end;
    }
    out.push(...pieces);
  }

  /** Ids as the text-classification pipeline produces them: [CLS] text [SEP], cut at MODEL_MAX_LENGTH. */
  encode(text: string, maxLength = MODEL_MAX_LENGTH): number[] {
    const ids = [CLS_ID];
    for (const section of text.split(SPECIAL_TOKEN_PATTERN)) {
      if (section.length === 0) continue;
      const special = this.ids.get(section);
      if (special !== undefined && special < SPECIAL_TOKENS.length) {
        ids.push(special);
        continue;
      }
      for (const word of preTokenize(normalize(section))) this.encodeWord(word, ids);
      // Long texts: stop early rather than tokenising 10,000 characters that will be cut anyway.
      if (ids.length >= maxLength) break;
    }
    ids.push(SEP_ID);
    if (ids.length > maxLength) ids.length = maxLength;
    return ids;
  }
}
