/**
 * What a site owner and a visitor would feel of the triage, per data set and per language: how
 * often ordinary messages are handed off or offered a person, how often happy messages read as
 * frustrated, and how many messages that need a person get one — the model (with the rules and the
 * default policy) beside the keyword + VADER baseline.
 */
import { triageMessage } from '../engine.ts';
import { LABELS, type Label, type Scores } from '../labels.ts';
import { DEFAULT_POLICY, type Outcome, type SitePolicy } from '../policy.ts';
import { baselineLabels } from './baseline.ts';
import { score, type Example, type Figures } from './evaluate.ts';

export interface Rates {
  messages: number;
  routine: number;
  /** Routine messages (no label) handed off / offered a person. */
  routineHandoff: number;
  routineOffer: number;
  /** Happy or thankful messages (realism `warm`) given the frustration label. */
  warm: number;
  warmFrustrated: number;
  /** Messages with a label that got a hand-off or an offer. */
  flagged: number;
  flaggedCaught: number;
  /** Messages with a label that must hand off by default that were handed off. */
  mustHandoff: number;
  mustHandoffCaught: number;
}

export interface SetFigures {
  model: Figures;
  baseline: Figures;
  /** Per language, and `all`. */
  modelRates: Map<string, Rates>;
  baselineRates: Map<string, Rates>;
}

const emptyRates = (): Rates => ({
  messages: 0,
  routine: 0,
  routineHandoff: 0,
  routineOffer: 0,
  warm: 0,
  warmFrustrated: 0,
  flagged: 0,
  flaggedCaught: 0,
  mustHandoff: 0,
  mustHandoffCaught: 0,
});

function tally(rates: Map<string, Rates>, e: Example, labels: readonly Label[], action: Outcome): void {
  for (const key of [e.lang || '?', 'all']) {
    const r = rates.get(key) ?? emptyRates();
    rates.set(key, r);
    r.messages++;
    if (e.labels.length === 0) {
      r.routine++;
      if (action === 'handoff') r.routineHandoff++;
      if (action === 'offer') r.routineOffer++;
    } else {
      r.flagged++;
      if (action === 'handoff' || action === 'offer') r.flaggedCaught++;
    }
    if (e.kind === 'warm') {
      r.warm++;
      if (labels.includes('frustration')) r.warmFrustrated++;
    }
    if (e.labels.some((l) => DEFAULT_POLICY.labels[l].action === 'handoff')) {
      r.mustHandoff++;
      if (action === 'handoff') r.mustHandoffCaught++;
    }
  }
}

/** The baseline's action under the default policy: its most severe label's. */
function baselineAction(labels: readonly Label[]): Outcome {
  if (labels.some((l) => DEFAULT_POLICY.labels[l].action === 'handoff')) return 'handoff';
  return labels.length > 0 ? 'offer' : 'none';
}

export function evaluateSet(examples: readonly Example[], scores: readonly Scores[], policy: SitePolicy = DEFAULT_POLICY): SetFigures {
  const modelRates = new Map<string, Rates>();
  const baselineRates = new Map<string, Rates>();
  const modelLabels: Label[][] = [];
  const baseline: Label[][] = [];
  examples.forEach((e, i) => {
    const decision = triageMessage(e.text, scores[i] ?? null, policy);
    modelLabels.push(decision.labels);
    tally(modelRates, e, decision.labels, decision.decision.action);
    const b = baselineLabels(e.text);
    baseline.push(b);
    tally(baselineRates, e, b, baselineAction(b));
  });
  return { model: score(examples, modelLabels), baseline: score(examples, baseline), modelRates, baselineRates };
}

const pct = (a: number, b: number): string => (b === 0 ? '   —  ' : `${((100 * a) / b).toFixed(1)}%`.padStart(6));
const f3 = (x: number): string => x.toFixed(3);

/** One line per language: model | baseline for each rate. */
export function printRates(title: string, set: SetFigures): void {
  console.log(`${title}: model (rules + model + default policy) | keyword + VADER baseline`);
  console.log(
    `  ${'lang'.padEnd(5)} ${'n'.padStart(5)}  ${'routine handed off'.padEnd(17)}  ${'routine offered'.padEnd(15)}  ${'warm → frustration'.padEnd(18)}  ${'needs a person: caught'.padEnd(22)}  must hand off: handed off`,
  );
  const langs = [...set.modelRates.keys()].sort((a, b) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
  for (const lang of langs) {
    const m = set.modelRates.get(lang)!;
    const b = set.baselineRates.get(lang)!;
    console.log(
      `  ${lang.padEnd(5)} ${String(m.messages).padStart(5)}  ${pct(m.routineHandoff, m.routine)} | ${pct(b.routineHandoff, b.routine)}    ${pct(m.routineOffer, m.routine)} | ${pct(b.routineOffer, b.routine)}  ${pct(m.warmFrustrated, m.warm)} | ${pct(b.warmFrustrated, b.warm)}     ${pct(m.flaggedCaught, m.flagged)} | ${pct(b.flaggedCaught, b.flagged)}        ${pct(m.mustHandoffCaught, m.mustHandoff)} | ${pct(b.mustHandoffCaught, b.mustHandoff)}`,
    );
  }
}

export function printLabelFigures(model: Figures, baseline: Figures): void {
  console.log(`  ${'label'.padEnd(15)} ${'model P / R / F1'.padEnd(22)} ${'baseline P / R / F1'.padEnd(22)} support`);
  for (const l of LABELS) {
    const m = model.perLabel[l];
    const b = baseline.perLabel[l];
    console.log(
      `  ${l.padEnd(15)} ${`${f3(m.precision)} / ${f3(m.recall)} / ${f3(m.f1)}`.padEnd(22)} ${`${f3(b.precision)} / ${f3(b.recall)} / ${f3(b.f1)}`.padEnd(22)} ${m.support}`,
    );
  }
  console.log(`  micro-F1        model ${f3(model.microF1)}   baseline ${f3(baseline.microF1)}`);
  console.log(
    `  macro-F1        model ${f3(model.macroF1)}   baseline ${f3(baseline.macroF1)}   gain ${f3(model.macroF1 - baseline.macroF1)}`,
  );
}

/** The worst language's share, for the targets. */
export function worstRate(set: SetFigures, part: (r: Rates) => [number, number]): { lang: string; rate: number } {
  let worst = { lang: '', rate: 0 };
  for (const [lang, r] of set.modelRates) {
    if (lang === 'all') continue;
    const [a, b] = part(r);
    const rate = b === 0 ? 0 : a / b;
    if (rate >= worst.rate) worst = { lang, rate };
  }
  return worst;
}
