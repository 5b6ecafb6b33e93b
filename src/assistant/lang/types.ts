/**
 * What one language brings to the assistant: its own lines (everything it says that is not taken
 * from the site's knowledge) and the words it recognises (stop words, small talk, the words for
 * common needs, rejections, requests for a person). One file per language, registered in
 * `./index.ts`; matching uses every language's words at once, so a question in any of them meets
 * the knowledge, and the lines follow the language the assistant speaks.
 *
 * Words and patterns are written folded (see ../text.ts): lower case, no diacritics, ß as ss.
 */

export const SmallTalk = {
  greeting: 'greeting',
  thanks: 'thanks',
  ack: 'ack',
  bye: 'bye',
  /** "how are you?" */
  wellbeing: 'wellbeing',
  /** "are you a bot?", "who am I talking to?" */
  identity: 'identity',
} as const;
export type SmallTalk = (typeof SmallTalk)[keyof typeof SmallTalk];

/**
 * Needs that visitors name in many ways, each mapped to one search term so "how much", "cuánto
 * cuesta" and "was kostet" all meet a price line. The key is the term; each language lists its words.
 */
export const CONCEPTS = [
  'price',
  'hours',
  'book',
  'refund',
  'pay',
  'warranty',
  'cancel',
  'emergency',
  'estimate',
  'email',
  'phone',
  'address',
  'install',
  'repair',
  'parking',
  'insurance',
  'service',
  'duration',
  'rent',
] as const;
export type Concept = (typeof CONCEPTS)[number];

export type FactKey = 'hours' | 'serviceArea' | 'phone' | 'email' | 'address';

/** Everything the assistant says that is not taken from the site's knowledge. */
export interface Lines {
  smallTalk: Record<SmallTalk, string>;
  miss: string;
  rejected: string;
  repeated: string;
  person: string;
  empty: string;
  hours: string;
  serviceArea: string;
  phone: string;
  email: string;
  address: string;
  priceList: string;
  /** One price line; `{note}` is dropped with its separator when the line has none. */
  price: string;
  /** Before published text that has no translation into this language: `{language}` is where it exists. */
  onlyIn: string;
  /** The safety line for a site that published none: `{number}` is its emergency number. */
  safetyDefault: string;
  /** Before the site's own safety text when it exists only in another language. */
  safetyOwn: string;
  factTitles: Record<FactKey | 'contact' | 'prices', string>;
  needs: Record<FactKey | 'contact' | 'prices' | 'price', string>;
  rejectedNeed: string;
  personNeed: string;
}

export interface Words {
  /** Words that carry no need on their own. */
  stop: string;
  /** Words of each small-talk kind: a message made only of these and filler is small talk. */
  smallTalk: Partial<Record<SmallTalk, string>>;
  /** Phrases (folded, space-separated words) that make a whole message small talk of a kind. */
  smallTalkPhrases?: Partial<Record<SmallTalk, readonly string[]>>;
  /** Words that may surround small talk without making it a question ("thanks a lot"). */
  filler: string;
  /** The words for each concept, space-separated; they are indexed and searched as the concept. */
  concepts: Partial<Record<Concept, string>>;
  /** Suffixes the light stemmer may strip, longest first. */
  suffixes: readonly string[];
}

export interface Patterns {
  /** A rejection of the previous answer anywhere in the message (regular expression sources). */
  rejection: readonly string[];
  /** Rejections that count only when they are (nearly) the whole message: "useless." */
  shortRejection: readonly string[];
  /** The visitor asks for a person rather than asking a question. */
  person: readonly string[];
}

export interface LangPack {
  /** BCP 47 primary language subtag, the key the widget passes. */
  code: string;
  /** The language's own name, used when the runtime cannot name it (Intl.DisplayNames). */
  name: string;
  lines: Lines;
  words: Words;
  patterns: Patterns;
}
