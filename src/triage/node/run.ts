/**
 * What `npm run triage` does to each input line, apart from reading and printing: the same engine,
 * model files and default policy as the widget, in Node.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { triageConversation, triageTimeline, type TriageResult } from '../engine.ts';
import type { Scores } from '../labels.ts';
import { loadTriageModel, type TriageModel } from '../model.ts';
import { DEFAULT_POLICY } from '../policy.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../../public/models/', import.meta.url));

export function loadNodeModel(): Promise<TriageModel> {
  return loadTriageModel({ localModelPath: MODELS_DIR });
}

const id = z.union([z.string(), z.number()]);
const turn = z.object({
  role: z.enum(['visitor', 'assistant']),
  text: z.string(),
  id: z.string().optional(),
  resolved: z.boolean().optional(),
});
const message = z.object({ id, text: z.string() }).strict();
const conversation = z
  .object({ id, turns: z.array(turn).min(1) })
  .strict()
  .refine((c) => c.turns.some((t) => t.role === 'visitor'), 'a conversation needs at least one visitor turn');
type Line = z.infer<typeof message> | z.infer<typeof conversation>;

export type Parsed = { ok: true; line: Line } | { ok: false; id: string | number | null; error: string };

export function parseLine(raw: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, id: null, error: 'not valid JSON' };
  }
  const maybeId = id.safeParse((json as { id?: unknown } | null)?.id);
  const lineId = maybeId.success ? maybeId.data : null;
  const shape = json !== null && typeof json === 'object' && 'turns' in json ? conversation : message;
  const parsed = shape.safeParse(json);
  if (parsed.success) return { ok: true, line: parsed.data };
  const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return { ok: false, id: lineId, error: `expected {"id", "text"} or {"id", "turns": [{"role", "text"}, …]}: ${detail}` };
}

function visitorTexts(l: Line): string[] {
  return 'text' in l ? [l.text] : l.turns.filter((t) => t.role === 'visitor').map((t) => t.text);
}

function round(scores: Scores): Scores {
  return Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Math.round(v * 1e4) / 1e4])) as Scores;
}

/** The names behind the decision: the reasons at its action's level, each once. */
function reasonNames(result: TriageResult): string[] {
  const { action, reasons } = result.decision;
  return [...new Set(reasons.filter((r) => r.action === action).map((r) => r.name))];
}

function messageOutput(l: { id: string | number }, result: TriageResult): object {
  return {
    id: l.id,
    scores: result.scores ? round(result.scores) : null,
    labels: result.labels,
    signals: result.signals,
    handoff: result.decision.action === 'handoff',
    action: result.decision.action,
    reasons: reasonNames(result),
  };
}

function conversationOutput(l: { id: string | number }, timeline: readonly TriageResult[]): object {
  const at = timeline.findIndex((r) => r.decision.action === 'handoff');
  const hit = timeline[at];
  return { id: l.id, handoff_at: hit ? at + 1 : null, reasons: hit ? reasonNames(hit) : [] };
}

/** Triage a batch of parsed lines with one model call; the output lines come back in input order. */
export async function runBatch(model: TriageModel, batch: readonly Parsed[]): Promise<object[]> {
  const texts = [...new Set(batch.flatMap((p) => (p.ok ? visitorTexts(p.line) : [])))];
  const scored = await model.score(texts);
  const byText = new Map(texts.map((t, i) => [t, scored[i] ?? null]));
  return batch.map((p) => {
    if (!p.ok) return { id: p.id, error: p.error };
    const l = p.line;
    const scores = visitorTexts(l).map((t) => byText.get(t) ?? null);
    if ('text' in l)
      return messageOutput(l, triageConversation([{ role: 'visitor', text: l.text, id: String(l.id) }], scores, DEFAULT_POLICY));
    return conversationOutput(l, triageTimeline(l.turns, scores, DEFAULT_POLICY));
  });
}
