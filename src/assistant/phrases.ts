/**
 * What the assistant recognises without searching (small talk, a rejected answer, a request for a
 * person), from every language's words at once, and the lines it says, from its own language.
 * Patterns run on folded text (see text.ts), so "ça" is written "ca" and "heiße" "heisse".
 */
import { LANGS, PACKS, type Lang, type Lines } from './lang/index.ts';
import { SmallTalk } from './lang/types.ts';

export { LANGS, type Lang, type Lines };
export { SmallTalk };

/** Each language's lines, by code. */
export const LINES: Record<Lang, Lines> = Object.fromEntries(LANGS.map((l) => [l, PACKS[l].lines])) as Record<Lang, Lines>;

const packs = LANGS.map((l) => PACKS[l]);

const SMALL_TALK_INDEX: ReadonlyMap<string, SmallTalk> = new Map(
  packs.flatMap((p) =>
    (Object.entries(p.words.smallTalk) as [SmallTalk, string][]).flatMap(([kind, list]) => list.split(' ').map((w) => [w, kind] as const)),
  ),
);

// Filler that may surround small talk without making it a question: "thanks a lot!", "ok, got it".
const FILLER: ReadonlySet<string> = new Set(packs.flatMap((p) => p.words.filler.split(' ')));

/** Whole phrases of a kind ("how are you"), longest first so "how are you doing" wins over "how are you". */
const SMALL_TALK_PHRASES: readonly { words: string; kind: SmallTalk }[] = packs
  .flatMap((p) =>
    (Object.entries(p.words.smallTalkPhrases ?? {}) as [SmallTalk, readonly string[]][]).flatMap(([kind, list]) =>
      list.map((words) => ({ words, kind })),
    ),
  )
  .sort((a, b) => b.words.length - a.words.length);

// The kind a mixed message takes: "ok thanks" is thanks, "hi, are you a bot?" is identity.
const SMALL_TALK_PRIORITY: readonly SmallTalk[] = ['identity', 'wellbeing', 'thanks', 'bye', 'greeting', 'ack'];

/** The small-talk kind of a message made only of small talk, or null. `tokens` are folded words. */
export function smallTalkKind(tokens: readonly string[]): SmallTalk | null {
  if (tokens.length === 0 || tokens.length > 10) return null;
  const kinds = new Set<SmallTalk>();
  // Phrases first: mark their words as used.
  let line = ` ${tokens.join(' ')} `;
  for (const { words, kind } of SMALL_TALK_PHRASES) {
    if (line.includes(` ${words} `)) {
      kinds.add(kind);
      line = line.split(` ${words} `).join(' ');
    }
  }
  for (const token of line.trim().split(' ')) {
    if (!token) continue;
    const kind = SMALL_TALK_INDEX.get(token);
    if (kind) kinds.add(kind);
    else if (!FILLER.has(token)) return null;
  }
  return SMALL_TALK_PRIORITY.find((k) => kinds.has(k)) ?? null;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

function phrases(list: readonly string[]): RegExp {
  return new RegExp(`${B}(?:${list.join('|')})${E}`, 'u');
}

/** A rejection of the previous answer wherever it appears in the message. */
const REJECTION = phrases(packs.flatMap((p) => p.patterns.rejection));
/** Words that reject an answer only when they are (nearly) the whole message: "useless." */
const SHORT_REJECTION = phrases(packs.flatMap((p) => p.patterns.shortRejection));
const PERSON_REQUEST = phrases(packs.flatMap((p) => p.patterns.person));

/** Does the visitor reject the assistant's previous answer? `folded` is the folded message. */
export function isRejection(folded: string, wordCount: number): boolean {
  if (REJECTION.test(folded)) return true;
  return wordCount <= 5 && SHORT_REJECTION.test(folded);
}

/** The visitor asks for a person rather than asking a question. */
export function isPersonRequest(folded: string): boolean {
  return PERSON_REQUEST.test(folded);
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
