/**
 * `npm run --silent triage -- FILE.jsonl` (or `-` for stdin): one JSON line out per input line, in
 * order. Message lines `{"id", "text"}` get scores, labels, signals and the decision; conversation
 * lines `{"id", "turns"}` get the visitor turn at which the default policy first hands off. A bad
 * line gets `{"id", "error"}` and the run goes on.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadNodeModel, parseLine, runBatch, type Parsed } from './run.ts';

const BATCH = 64;

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run --silent triage -- FILE.jsonl   (- reads stdin)\n');
    return 2;
  }
  const model = await loadNodeModel();
  const input = createInterface({ input: file === '-' ? process.stdin : createReadStream(file), crlfDelay: Infinity });
  let batch: Parsed[] = [];
  const flush = async (): Promise<void> => {
    for (const out of await runBatch(model, batch)) process.stdout.write(`${JSON.stringify(out)}\n`);
    batch = [];
  };
  for await (const raw of input) {
    if (raw.trim() === '') continue;
    batch.push(parseLine(raw));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`triage: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
