/** Loading the JSONL examples and the seeded, label-stratified dev split of the training data. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLabel, LABELS, NUM_LABELS, type Label } from './labels.ts';
import { mulberry32, shuffle } from './prng.ts';

export interface Example {
  text: string;
  labels: Label[];
  lang: string;
  /** The file it came from: one writer's brief and voice. */
  source?: string;
}

function parseLine(line: string, where: string): Example {
  const raw = JSON.parse(line) as { text?: unknown; labels?: unknown; lang?: unknown };
  if (typeof raw.text !== 'string' || !Array.isArray(raw.labels)) throw new Error(`${where}: not an example`);
  const labels = raw.labels.filter((l): l is Label => typeof l === 'string' && isLabel(l));
  if (labels.length !== raw.labels.length) throw new Error(`${where}: unknown label in ${JSON.stringify(raw.labels)}`);
  return { text: raw.text, labels, lang: typeof raw.lang === 'string' ? raw.lang : '' };
}

/** Reads a JSONL file; a line that does not parse (a file still being written) is skipped and counted. */
export function readJsonl(path: string): { examples: Example[]; skipped: number } {
  const examples: Example[] = [];
  let skipped = 0;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        examples.push(parseLine(line, `${path}:${i + 1}`));
      } catch {
        skipped++;
      }
    });
  return { examples, skipped };
}

/** Every *.jsonl in the directory, in file-name order so the result does not depend on the file system. */
export function readTrainingDir(dir: string): { examples: Example[]; skipped: number; files: string[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const examples: Example[] = [];
  let skipped = 0;
  for (const file of files) {
    const read = readJsonl(join(dir, file));
    examples.push(...read.examples.map((e) => ({ ...e, source: file })));
    skipped += read.skipped;
  }
  return { examples, skipped, files };
}

export function targetVector(example: Example): Uint8Array {
  const y = new Uint8Array(NUM_LABELS);
  for (const label of example.labels) y[LABELS.indexOf(label)] = 1;
  return y;
}

/**
 * Holds out `fraction` of the examples. Examples are grouped by their rarest label (or "routine") and
 * each group contributes its share, so the dev split has positives for every label.
 */
export function devSplit(examples: readonly Example[], fraction: number, seed: number): { train: Example[]; dev: Example[] } {
  const frequency = new Map<string, number>();
  for (const e of examples) for (const l of e.labels) frequency.set(l, (frequency.get(l) ?? 0) + 1);
  const groups = new Map<string, Example[]>();
  for (const e of examples) {
    const key = [...e.labels].sort((a, b) => frequency.get(a)! - frequency.get(b)! || a.localeCompare(b))[0] ?? '';
    const group = groups.get(key) ?? [];
    group.push(e);
    groups.set(key, group);
  }
  const rng = mulberry32(seed);
  const train: Example[] = [];
  const dev: Example[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = shuffle([...groups.get(key)!], rng);
    const held = Math.round(group.length * fraction);
    dev.push(...group.slice(0, held));
    train.push(...group.slice(held));
  }
  return { train, dev };
}

/** Drops repeated texts (compared after trimming and lowercasing) so they cannot sit on both sides of the split. */
export function dedupe(examples: readonly Example[]): Example[] {
  const seen = new Set<string>();
  return examples.filter((e) => {
    const key = e.text.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
