/**
 * The built-in assistant: the first line of a chat. It answers routine questions from the site's
 * knowledge alone (FAQ answers verbatim, facts and price lines as short sentences), ranked by
 * MiniSearch on the device, and says plainly when it does not know. It never composes facts.
 *
 * Pure logic: no DOM, no Node, no clock, no network. Build one per site with `createAssistant`
 * (indexing is the only cost) and call `reply` with the conversation so far.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Knowledge } from './knowledge.ts';
import { buildDocs, knowledgeTexts, type Doc } from './docs.ts';
import { CONCEPTS, isLang, languageName, PACKS } from './lang/index.ts';
import { safetyInstruction, type SafetyInstruction } from './safety.ts';
import { fill, isPersonRequest, isRejection, LINES, smallTalkKind, type Lang } from './phrases.ts';
import { compoundSplitter, fold, processTerm, splitTerms, tokenize } from './text.ts';

export const ReplyKind = {
  /** Answered from the knowledge; `sources` names the entries used. */
  answer: 'answer',
  /** Could not answer, or the visitor rejected the previous answer. Counts toward `unresolved`. */
  miss: 'miss',
  /** A greeting, thanks, goodbye or a question about the assistant itself, answered in kind. */
  smalltalk: 'smalltalk',
} as const;
export type ReplyKind = (typeof ReplyKind)[keyof typeof ReplyKind];

export interface AssistantTurn {
  role: 'visitor' | 'assistant';
  text: string;
}

export interface AssistantSource {
  /** A FAQ entry's id, or a generated one: `fact:hours`, `fact:contact`, `fact:prices`, `price:0`. */
  id: string;
  title: string;
}

export interface AssistantReply {
  kind: ReplyKind;
  /** What the visitor sees. */
  text: string;
  /** The knowledge entries the text came from; empty unless `kind` is `answer` (or a repeated answer). */
  sources: AssistantSource[];
  /** One line for staff: what the visitor wants, as the assistant read it. */
  need: string;
  /** Confidence in [0, 1] of the best knowledge match (1 for small talk, 0 for a rejection). */
  score: number;
  /** The language the reply speaks (its own lines; published text may carry an "only in" note). */
  lang?: Lang;
}

export interface AssistantOptions {
  /** The business name, used in the assistant's own lines ("A person from {siteName} can answer"). */
  siteName: string;
  /**
   * The visitor's language: the assistant's own lines, and published text where the knowledge
   * carries a translation (else the published text with a note naming its language). Default `en`.
   * A message plainly written in another of the assistant's languages is answered in that one.
   */
  lang?: Lang;
  /** Minimum confidence for an answer. Default `DEFAULT_THRESHOLD`; tuned on the benchmark sites. */
  threshold?: number;
}

export interface ReplyOptions {
  /** This reply's language, when the visitor changed it since the assistant was made. */
  lang?: Lang;
}

export interface Assistant {
  /** Replies to the last turn, which must be the visitor's. */
  reply(turns: readonly AssistantTurn[], options?: ReplyOptions): AssistantReply;
  /** The site's own safety instruction in `lang` where it can be, else a default naming the site's emergency number. */
  safetyInstruction(lang?: Lang): SafetyInstruction;
}

/** Below this confidence the assistant says it does not know. */
export const DEFAULT_THRESHOLD = 0.62;

/** How far a message may run before `need` shortens it. */
const NEED_CHARS = 140;

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= NEED_CHARS ? t : `${t.slice(0, NEED_CHARS - 1).trimEnd()}…`;
}

/**
 * Needs a message states by how it asks: "how much" wants a price, "how long" a duration. An entry
 * that cannot give what is asked is a weaker match, however well it names the subject: "how long
 * does a root canal take" must not be answered with the root canal's price.
 */
const INTENTS = ['price', 'duration'] as const;
/** What a match keeps of its confidence for each stated need the entry cannot give. */
const INTENT_MISS = 0.6;
/** How much more a concept term weighs in a message than another term as rare. */
const CONCEPT_WEIGHT = 1.2;
const CONCEPT_TERMS: ReadonlySet<string> = new Set(CONCEPTS);

/**
 * The language a message is plainly written in, if it is one of the assistant's and not `current`:
 * two or more words that only that language uses, and none that only `current` uses.
 */
const LANG_WORDS: ReadonlyMap<string, Lang> = (() => {
  const owners = new Map<string, Set<Lang>>();
  for (const lang of Object.keys(PACKS).filter(isLang)) {
    const w = PACKS[lang].words;
    const all = [w.stop, ...Object.values(w.smallTalk), ...Object.values(w.concepts)].join(' ').split(' ');
    for (const word of all) if (word.length > 1) owners.set(word, (owners.get(word) ?? new Set()).add(lang));
  }
  return new Map([...owners].filter(([, langs]) => langs.size === 1).map(([word, langs]) => [word, [...langs][0]!]));
})();

function messageLang(tokens: readonly string[], current: Lang): Lang {
  const counts = new Map<Lang, number>();
  for (const t of tokens) {
    const l = LANG_WORDS.get(t);
    if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  if ((counts.get(current) ?? 0) > 0) return current;
  let best: Lang = current;
  let bestCount = 1;
  for (const [l, n] of counts) if (n > bestCount) [best, bestCount] = [l, n];
  return best;
}

interface Match {
  doc: Doc;
  confidence: number;
  score: number;
}

/** How many candidates, by MiniSearch score, are weighed for confidence. */
const CANDIDATES = 8;

/** How close in confidence another price line must be to the best one to be given beside it. */
const PRICE_TIE = 0.03;
const MAX_PRICE_LINES = 3;

/** Credit for a term met only through a typo-tolerant match. */
const FUZZY_CREDIT = 0.75;

export function createAssistant(knowledge: Knowledge, options: AssistantOptions): Assistant {
  const defaultLang = options.lang ?? 'en';
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const site = options.siteName;
  // Staff read the site's language: sources, titles and needs are written in it.
  const staffLines = LINES[knowledge.lang ?? 'en'];
  const split = compoundSplitter(knowledgeTexts(knowledge));
  const docs = buildDocs(knowledge, staffLines, split);
  const byId = new Map(docs.map((d) => [d.id, d]));

  const index = new MiniSearch<Doc>({
    fields: ['question', 'keywords', 'answer'],
    idField: 'id',
    tokenize: (text) => tokenize(text),
    processTerm: (term) => {
      const t = processTerm(term);
      return t ? split(t) : null;
    },
    searchOptions: {
      // Questions name the need; keywords are the visitor's words for it; answers only support.
      boost: { question: 3, keywords: 2, answer: 1 },
      // Short terms neither fuzz nor prefix: "car" must not become "card" or "care". Terms are
      // stems, so a typo is one edit in 4-7 letters ("clening" → "clen" → "clean"), two beyond.
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
      weights: { fuzzy: 0.5, prefix: 0.7 },
      // OR for recall; the confidence below then asks how much of the message each candidate covers.
      combineWith: 'OR',
    },
  });
  index.addAll(docs);
  const size = docs.length;

  /**
   * Confidence that `result` is what the message asks about, from two sides: how much of the
   * message it covers (each term weighted by rarity, so a word no entry knows, like "car" or
   * "pizza", weighs most), and how fully the message names the entry (its question or a keyword).
   * Exact matches count fully; prefix and fuzzy matches count less.
   */
  function confidence(result: SearchResult, doc: Doc, queryTerms: readonly string[], weight: (t: string) => number): number {
    const docTerms = result.terms;
    // How well a query term is met in this entry.
    const met = (q: string): number => {
      if (docTerms.includes(q)) return 1;
      let best = 0;
      for (const d of docTerms) best = Math.max(best, d.startsWith(q) ? q.length / d.length : FUZZY_CREDIT);
      return best;
    };
    // How well an entry term is met by the message.
    const named = (d: string): number => {
      if (queryTerms.includes(d)) return 1;
      if (!docTerms.includes(d)) return 0;
      const prefix = queryTerms.find((q) => d.startsWith(q));
      return prefix ? prefix.length / d.length : FUZZY_CREDIT;
    };
    const matched = new Set(result.queryTerms);
    let total = 0;
    let covered = 0;
    for (const q of queryTerms) {
      const w = weight(q);
      total += w;
      if (matched.has(q)) covered += w * met(q);
    }
    const coverage = total === 0 ? 0 : covered / total;
    let naming = 0;
    for (const name of doc.names) {
      const share = name.terms.reduce((sum, d) => sum + named(d), 0) / name.terms.length;
      naming = Math.max(naming, share * share * name.weight);
    }
    return 0.6 * coverage + 0.4 * naming;
  }

  /** The candidates for a message, most confident first. */
  function matches(text: string): Match[] {
    const queryTerms = splitTerms(text, split);
    if (queryTerms.length === 0) return [];
    const results = index.search(text);
    if (results.length === 0) return [];
    const df = new Map<string, number>();
    for (const r of results) for (const t of r.queryTerms) df.set(t, (df.get(t) ?? 0) + 1);
    // A concept the message names ("replace", "rent", "warranty") states the need: it weighs more.
    const weight = (t: string) => Math.log(1 + size / ((df.get(t) ?? 0) + 1)) * (CONCEPT_TERMS.has(t) ? CONCEPT_WEIGHT : 1);
    const intents = INTENTS.filter((i) => queryTerms.includes(i));
    const found: Match[] = [];
    for (const r of results.slice(0, CANDIDATES)) {
      const doc = byId.get(String(r.id));
      if (!doc) continue;
      let c = confidence(r, doc, queryTerms, weight);
      for (const intent of intents) if (!doc.all.has(intent)) c *= INTENT_MISS;
      found.push({ doc, confidence: c, score: r.score });
    }
    return found.sort((a, b) => (Math.abs(a.confidence - b.confidence) > 1e-9 ? b.confidence - a.confidence : b.score - a.score));
  }

  function bestMatch(text: string): Match | null {
    return matches(text)[0] ?? null;
  }

  const round = (n: number) => Math.round(n * 1000) / 1000;
  const source = (doc: Doc): AssistantSource => ({ id: doc.id, title: doc.title });

  function reply(turns: readonly AssistantTurn[], replyOptions: ReplyOptions = {}): AssistantReply {
    const last = turns[turns.length - 1];
    const message = last && last.role === 'visitor' ? last.text : '';
    const folded = fold(message);
    const tokens = tokenize(message);
    const lang = messageLang(tokens, replyOptions.lang ?? defaultLang);
    const lines = LINES[lang];
    const miss = (text: string, need: string, score: number): AssistantReply => ({
      kind: 'miss',
      text: fill(text, { site }),
      sources: [],
      need,
      score: round(score),
      lang,
    });
    if (tokens.length === 0) return miss(lines.empty, shorten(message) || '(no text)', 0);

    const before = turns.slice(0, -1);
    const lastAnswer = [...before].reverse().find((t) => t.role === 'assistant');
    if (lastAnswer && isRejection(folded, tokens.length)) {
      // Staff need what was asked, not "that doesn't help": the visitor turn the answer was for.
      const answeredIndex = before.lastIndexOf(lastAnswer);
      const asked = [...before.slice(0, answeredIndex)].reverse().find((t) => t.role === 'visitor');
      const askedMatch = asked ? bestMatch(asked.text) : null;
      const askedNeed = askedMatch && askedMatch.confidence >= threshold ? askedMatch.doc.need : shorten(asked?.text ?? message);
      return miss(lines.rejected, fill(staffLines.rejectedNeed, { need: askedNeed }), 0);
    }

    const small = smallTalkKind(tokens);
    if (small)
      return {
        kind: 'smalltalk',
        text: fill(lines.smallTalk[small], { site }),
        sources: [],
        need: `small talk (${small})`,
        score: 1,
        lang,
      };

    const ranked = matches(message);
    const match = ranked[0] ?? null;
    const confident = match !== null && match.confidence >= threshold;
    if (isPersonRequest(folded)) return miss(lines.person, confident ? match.doc.need : staffLines.personNeed, match?.confidence ?? 0);
    if (!confident) return miss(lines.miss, shorten(message), match?.confidence ?? 0);

    const { doc } = match;
    // Price lines the message fits about equally well ("what does a service cost" with a basic and
    // a full service) are all given: choosing one would be a guess.
    const used =
      doc.kind === 'price'
        ? ranked
            .filter((m) => m.doc.kind === 'price' && m.confidence >= threshold && match.confidence - m.confidence <= PRICE_TIE)
            .slice(0, MAX_PRICE_LINES)
        : [match];
    const rendered = used.map((m) => m.doc.render(lang));
    const own = rendered.filter((r) => r.translated).map((r) => r.text);
    const untranslated = rendered.filter((r) => !r.translated).map((r) => r.text);
    const note = fill(lines.onlyIn, { language: languageName(knowledge.lang ?? 'en', lang) });
    const text = [...own, ...(untranslated.length > 0 ? [note, ...untranslated] : [])].join(' ');
    if (lastAnswer && lastAnswer.text === text) {
      // Saying the same thing twice is the classic bot failure: say so, and offer a person.
      return { ...miss(lines.repeated, doc.need, match.confidence), sources: used.map((m) => source(m.doc)) };
    }
    return { kind: 'answer', text, sources: used.map((m) => source(m.doc)), need: doc.need, score: round(match.confidence), lang };
  }

  return { reply, safetyInstruction: (lang = defaultLang) => safetyInstruction(knowledge, site, lang) };
}
