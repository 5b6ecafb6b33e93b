/** `npm run triage`: the same engine and model over a JSONL file, one output line per input line. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LABELS } from '../../src/triage/labels.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-triage-cli-'));

function run(lines: string[]): Record<string, unknown>[] {
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/triage/node/cli.ts', file], { cwd: ROOT, encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('triage command line', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  const out = run([
    JSON.stringify({ id: 'm1', text: "there's a strong smell of gas in my kitchen right now" }),
    'not json',
    JSON.stringify({ id: 'm2', text: 'what time do you open on saturday?' }),
    JSON.stringify({ id: 'bad', txt: 'a typo in the key' }),
    '',
    JSON.stringify({
      id: 'c1',
      turns: [
        { role: 'visitor', text: 'how much is a haircut?' },
        { role: 'assistant', text: 'Prices are on our services page.' },
        { role: 'visitor', text: "what's the price of a haircut?" },
      ],
    }),
    JSON.stringify({ id: 'c2', turns: [{ role: 'assistant', text: 'Hello! How can I help?' }] }),
    JSON.stringify({ id: 7, text: 'Quiero hablar con una persona' }),
  ]);

  it('prints one line per non-blank input line, in order, errors included', () => {
    assert.deepEqual(
      out.map((o) => o.id),
      ['m1', null, 'm2', 'bad', 'c1', 'c2', 7],
    );
    assert.equal(typeof out[1]?.error, 'string');
    assert.equal(typeof out[3]?.error, 'string');
    assert.equal(typeof out[5]?.error, 'string', 'a conversation without a visitor turn is an error');
  });

  it('gives a message all ten scores, its labels, signals and the decision', () => {
    const m1 = out[0] as { scores: Record<string, number>; labels: string[]; handoff: boolean; reasons: string[] };
    assert.deepEqual(Object.keys(m1.scores), [...LABELS]);
    assert.ok(m1.labels.includes('safety'));
    assert.equal(m1.handoff, true);
    assert.ok(m1.reasons.includes('safety'));
    const m2 = out[2] as { labels: string[]; signals: string[]; handoff: boolean; reasons: string[] };
    assert.deepEqual([m2.labels, m2.signals, m2.handoff, m2.reasons], [[], [], false, []]);
    const spanish = out[6] as { signals: string[]; handoff: boolean };
    assert.deepEqual([spanish.signals, spanish.handoff], [['explicit_human_request'], true]);
  });

  it('gives a conversation the visitor turn where it is first handed off', () => {
    assert.deepEqual(out[4], { id: 'c1', handoff_at: 2, reasons: ['repetition'] });
  });
});
