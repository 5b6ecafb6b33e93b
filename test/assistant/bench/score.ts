/**
 * The assistant benchmark: for each site, visitor questions in four languages with the answer each
 * should get. Shared by `npm run bench:assistant` (which prints the figures) and the Node test that
 * holds the line.
 *
 * A case is one JSON line: `{"lang": "es", "q": "…", "expect": ["$149"]}` (the answer must contain
 * every listed fact), `"expect": "unknown"` (the assistant must say it does not know) or
 * `"expect": "smalltalk"` (a short human reply, never a miss).
 *
 * Outcomes: *correct*; *missed* (said it did not know, or answered small talk with a miss); *invented*
 * (gave an answer without the expected facts, i.e. another entry's, answered a question the knowledge
 * does not cover, or showed a number the knowledge does not contain).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAssistant, type AssistantReply } from '../../../src/assistant/index.ts';
import { Knowledge } from '../../../src/assistant/knowledge.ts';
import { LANGS, type Lang } from '../../../src/assistant/lang/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

export interface BenchCase {
  lang: Lang;
  q: string;
  expect: string[] | 'unknown' | 'smalltalk';
}

export interface BenchSite {
  key: string;
  name: string;
  knowledge: Knowledge;
  cases: BenchCase[];
}

export type Outcome = 'correct' | 'missed' | 'invented';

export interface CaseResult {
  site: string;
  case: BenchCase;
  reply: AssistantReply;
  outcome: Outcome;
  why: string;
}

/** The demo site as it ships, and the bench's own businesses. */
export const SITE_KEYS = ['demo-plumbing', 'lakeside-dental', 'radhaus-kreuzberg'] as const;

/**
 * `main` is the set the assistant was tuned on. `heldout/` was written after that tuning; its first
 * run (78.9% correct, 6 invented) was then used once to find general faults, so it is no longer
 * blind. `unseen/` was written after those fixes and has not been tuned on: its figure is the
 * honest one for questions nobody has looked at.
 */
export type BenchSet = 'main' | 'heldout' | 'unseen';

function loadCases(key: string, set: BenchSet): BenchCase[] {
  return readFileSync(join(here, ...(set === 'main' ? [] : [set]), `${key}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const c = JSON.parse(line) as BenchCase;
      if (!LANGS.includes(c.lang) || typeof c.q !== 'string') throw new Error(`${key}.jsonl:${i + 1}: bad case ${line}`);
      return c;
    });
}

export function loadSite(key: string, set: BenchSet = 'main'): BenchSite {
  const raw =
    key === 'demo-plumbing'
      ? (
          JSON.parse(readFileSync(join(root, 'demo', 'sites.json'), 'utf8')) as {
            sites: { key: string; name: string; knowledge: unknown }[];
          }
        ).sites.find((s) => s.key === key)
      : (JSON.parse(readFileSync(join(here, `${key}.json`), 'utf8')) as { key: string; name: string; knowledge: unknown });
  if (!raw) throw new Error(`no site ${key}`);
  return { key, name: raw.name, knowledge: Knowledge.parse(raw.knowledge), cases: loadCases(key, set) };
}

/** Folded for comparison: case, accents, dashes and spaces do not matter. */
function norm(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‐-―−]/g, '-')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

export function runSite(site: BenchSite): CaseResult[] {
  const published = norm(JSON.stringify(site.knowledge));
  const assistants = new Map<Lang, ReturnType<typeof createAssistant>>();
  const assistantFor = (lang: Lang) => {
    let a = assistants.get(lang);
    if (!a) assistants.set(lang, (a = createAssistant(site.knowledge, { siteName: site.name, lang })));
    return a;
  };
  return site.cases.map((c) => {
    const reply = assistantFor(c.lang).reply([{ role: 'visitor', text: c.q }]);
    const result = (outcome: Outcome, why: string): CaseResult => ({ site: site.key, case: c, reply, outcome, why });
    const text = norm(reply.text);
    const strangers = (text.match(NUMBER) ?? []).filter((n) => !published.includes(n));
    if (strangers.length > 0) return result('invented', `numbers not in the knowledge: ${strangers.join(', ')}`);
    if (c.expect === 'smalltalk') {
      if (reply.kind === 'smalltalk') return result('correct', 'small talk');
      return reply.kind === 'answer'
        ? result('invented', `answered small talk from ${reply.sources[0]?.id}`)
        : result('missed', 'small talk taken for a question');
    }
    if (c.expect === 'unknown') {
      if (reply.kind === 'answer') return result('invented', `answered from ${reply.sources[0]?.id} though the knowledge does not say`);
      return result('correct', reply.kind);
    }
    if (reply.kind !== 'answer') return result('missed', reply.kind);
    const absent = c.expect.filter((fact) => !text.includes(norm(fact)));
    return absent.length === 0
      ? result('correct', reply.sources[0]?.id ?? '')
      : result('invented', `answered from ${reply.sources[0]?.id}, without ${absent.join(', ')}`);
  });
}

export interface Tally {
  total: number;
  correct: number;
  missed: number;
  invented: number;
}

export function tally(results: readonly CaseResult[]): Tally {
  const t: Tally = { total: results.length, correct: 0, missed: 0, invented: 0 };
  for (const r of results) t[r.outcome]++;
  return t;
}
