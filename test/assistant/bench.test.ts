/**
 * The assistant benchmark as a gate: across the demo site and the bench's other businesses, in four
 * languages, at least 90% of visitor questions answered correctly and not one invented fact.
 * `npm run bench:assistant -- --verbose` shows the cases behind a failure.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSite, runSite, SITE_KEYS, tally, type CaseResult } from './bench/score.ts';
import { LANGS } from '../../src/assistant/lang/index.ts';

const TARGET = 0.9;

describe('assistant benchmark', () => {
  const all: CaseResult[] = [];
  for (const key of SITE_KEYS) {
    const site = loadSite(key);
    const results = runSite(site);
    all.push(...results);

    test(`${key}: 100+ questions in every language, with "should not know" and small talk`, () => {
      assert.ok(site.cases.length >= 100, `${site.cases.length} cases`);
      for (const lang of LANGS)
        assert.ok(
          site.cases.some((c) => c.lang === lang),
          `no ${lang} cases`,
        );
      assert.ok(site.cases.some((c) => c.expect === 'unknown'));
      assert.ok(site.cases.some((c) => c.expect === 'smalltalk'));
    });

    test(`${key}: no invented fact, ≥ ${TARGET * 100}% correct`, () => {
      const invented = results.filter((r) => r.outcome === 'invented');
      assert.deepEqual(
        invented.map((r) => `${r.case.lang}: ${r.case.q} → ${r.why}`),
        [],
        'invented facts',
      );
      const t = tally(results);
      assert.ok(t.correct / t.total >= TARGET, `${t.correct}/${t.total} correct`);
    });
  }

  test(`every language across the sites: ≥ ${TARGET * 100}% correct`, () => {
    for (const lang of LANGS) {
      const t = tally(all.filter((r) => r.case.lang === lang));
      assert.ok(t.correct / t.total >= TARGET, `${lang}: ${t.correct}/${t.total} correct`);
    }
  });

  test('small talk is never a miss', () => {
    const missed = all.filter((r) => r.case.expect === 'smalltalk' && r.reply.kind === 'miss');
    assert.deepEqual(
      missed.map((r) => r.case.q),
      [],
    );
    for (const r of all.filter((x) => x.reply.kind === 'smalltalk')) assert.ok(r.reply.text.length <= 200, r.reply.text);
  });
});
