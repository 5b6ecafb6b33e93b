/**
 * `npm run bench:assistant`: how often the built-in assistant answers visitor questions correctly,
 * per site and per language, and whether it ever invents a fact. `--verbose` lists every case that
 * was not correct.
 */
import { LANGS } from '../../../src/assistant/lang/index.ts';
import { loadSite, runSite, SITE_KEYS, tally, type BenchSet, type CaseResult, type Tally } from './score.ts';

const verbose = process.argv.includes('--verbose');
const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const row = (label: string, t: Tally) =>
  `${label.padEnd(22)} ${String(t.total).padStart(5)} ${String(t.correct).padStart(8)} ${pct(t.correct, t.total)} ${String(t.missed).padStart(7)} ${String(t.invented).padStart(9)}`;

const TITLES: Record<BenchSet, string> = { main: 'main set (tuned on)', heldout: 'held-out (used once)', unseen: 'unseen (never tuned)' };
const all: CaseResult[] = [];
function report(set: BenchSet, perSite: boolean): void {
  const results: CaseResult[] = [];
  console.log(
    `${TITLES[set].padEnd(22)} ${'cases'.padStart(5)} ${'correct'.padStart(8)} ${''.padStart(6)} ${'missed'.padStart(7)} ${'invented'.padStart(9)}`,
  );
  for (const key of SITE_KEYS) {
    const siteResults = runSite(loadSite(key, set));
    results.push(...siteResults);
    if (!perSite) continue;
    console.log(row(key, tally(siteResults)));
    for (const lang of LANGS) console.log(row(`  ${lang}`, tally(siteResults.filter((r) => r.case.lang === lang))));
  }
  console.log(row('all sites', tally(results)));
  for (const lang of LANGS) console.log(row(`  ${lang}`, tally(results.filter((r) => r.case.lang === lang))));
  all.push(...results);
}

console.log('Assistant: answered correctly, missed (said it did not know), invented (a wrong or unpublished fact)');
report('main', true);
console.log('');
report('heldout', false);
console.log('');
report('unseen', false);

if (verbose) {
  for (const r of all.filter((x) => x.outcome !== 'correct')) {
    console.log(
      `\n[${r.outcome}] ${r.site} ${r.case.lang}: ${r.case.q}\n  expected ${JSON.stringify(r.case.expect)}; ${r.why} (score ${r.reply.score})\n  → ${r.reply.text}`,
    );
  }
}
