/** Reading labelled JSONL and scoring predictions against it: per-label P/R/F1, micro and macro F1. */
import { readFileSync } from 'node:fs';
import { isLabel, LABELS, type Label } from '../labels.ts';

export interface Example {
  text: string;
  labels: Label[];
  lang: string;
  /** Realism set only: `routine`, `warm` (happy, thankful; no label) or `flag`. */
  kind?: string;
}

export function readExamples(path: string): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const raw = JSON.parse(line) as { text?: unknown; labels?: unknown; lang?: unknown; kind?: unknown };
      if (typeof raw.text !== 'string' || !Array.isArray(raw.labels)) throw new Error(`${path}:${i + 1}: not an example`);
      return {
        text: raw.text,
        labels: raw.labels.filter((l): l is Label => typeof l === 'string' && isLabel(l)),
        lang: typeof raw.lang === 'string' ? raw.lang : '',
        ...(typeof raw.kind === 'string' ? { kind: raw.kind } : {}),
      };
    });
}

export interface LabelFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Figures {
  perLabel: Record<Label, LabelFigures>;
  microF1: number;
  macroF1: number;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** `predicted[i]` is the label set predicted for `examples[i]`. */
export function score(examples: readonly Example[], predicted: readonly (readonly Label[])[]): Figures {
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  const perLabel = {} as Record<Label, LabelFigures>;
  for (const label of LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    examples.forEach((ex, i) => {
      const p = predicted[i]?.includes(label) ?? false;
      const a = ex.labels.includes(label);
      if (p && a) tp++;
      else if (p) fp++;
      else if (a) fn++;
    });
    tpAll += tp;
    fpAll += fp;
    fnAll += fn;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    perLabel[label] = { precision, recall, f1: ratio(2 * tp, 2 * tp + fp + fn), support: tp + fn };
  }
  const macroF1 = LABELS.reduce((sum, l) => sum + perLabel[l].f1, 0) / LABELS.length;
  return { perLabel, microF1: ratio(2 * tpAll, 2 * tpAll + fpAll + fnAll), macroF1 };
}
