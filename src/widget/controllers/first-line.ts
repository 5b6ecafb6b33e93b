/**
 * The first line of a chat, on the device: the built-in assistant (answers from the site's
 * knowledge), triage (rules at once, the model in a worker once loaded) and the handoff packet
 * that carries everything across to a person.
 */
import { createAssistant, type Assistant, type AssistantReply } from '../../assistant/assistant.ts';
import { extractDetails } from '../../assistant/extract.ts';
import type { SiteInfo } from '../../protocol/messages.ts';
import type { HandoffPacket, HandoffReason, TriageMeta } from '../../protocol/schemas.ts';
import type { LocalMessage } from '../../store/schema.ts';
import { TriageClient, TriageModelErrorEvent, TriageModelReadyEvent, type ModelState } from '../../triage/client.ts';
import type { Turn } from '../../triage/conversation.ts';
import { triageConversation, type TriageResult } from '../../triage/engine.ts';
import { DEFAULT_POLICY, type Reason } from '../../triage/policy.ts';

export interface TriageUrls {
  workerUrl: string | URL;
  modelsUrl: string | URL;
}

type PacketReason = HandoffPacket['why']['reasons'][number];

/** The conversation as triage and the assistant read it: visitor and assistant turns only. */
function toTurns(messages: readonly Pick<LocalMessage, 'id' | 'role' | 'text' | 'assistant'>[]): Turn[] {
  return (
    messages
      // The assistant's answers and misses are what the visitor reacts to; its greeting, notices,
      // offers and contact requests are not answers to anything.
      .filter(
        (m) =>
          m.role === 'visitor' || (m.role === 'assistant' && (!m.assistant || ['answer', 'miss', 'smalltalk'].includes(m.assistant.kind))),
      )
      .map((m) => ({
        id: m.id,
        role: m.role as Turn['role'],
        text: m.text,
        ...(m.role === 'assistant' && m.assistant ? { resolved: m.assistant.kind !== 'miss' } : {}),
      }))
  );
}

function metaOf(result: TriageResult, ms: number): TriageMeta {
  return {
    scores: result.scores,
    labels: result.labels,
    signals: result.signals,
    action: result.decision.action,
    ms: Math.round(ms * 100) / 100,
  };
}

/** The evidence's own words (each `text` is already the quoted part of its message). */
const quote = (reason: Reason): string =>
  reason.evidence
    .map((e) => e.text)
    .join(' … ')
    .slice(0, 500);

export class FirstLine {
  private site: SiteInfo | undefined;
  private assistant: Assistant | undefined;
  private client: TriageClient | undefined;
  /** The latest triage result, for the packet's mood and reasons. */
  last: TriageResult | undefined;
  /** The visitor opened the chat before the site's policy (and so the client) was known. */
  private warm = false;

  constructor(
    private readonly urls: TriageUrls | undefined,
    private readonly onModelError: (message: string) => void,
    private readonly onModelReady: () => void = () => undefined,
  ) {}

  /** `rules` when no model is configured (tests, or a build without triage files). */
  get modelState(): ModelState | 'rules' {
    return this.client?.modelState ?? 'rules';
  }

  get agentAnswers(): boolean {
    return !!this.site?.agent;
  }

  configure(site: SiteInfo): void {
    if (this.site && JSON.stringify(this.site) === JSON.stringify(site)) return;
    this.site = site;
    this.assistant = createAssistant(site.knowledge, { siteName: site.name });
    this.client?.dispose();
    if (!this.urls) return;
    this.client = new TriageClient({ ...this.urls, policy: site.policy });
    this.client.addEventListener(TriageModelErrorEvent.eventName, (e) => this.onModelError((e as TriageModelErrorEvent).message));
    this.client.addEventListener(TriageModelReadyEvent.eventName, () => this.onModelReady());
    if (this.warm) this.client.warmUp();
  }

  /** The visitor opened the chat or started typing: start loading the model. */
  warmUp(): void {
    this.warm = true;
    this.client?.warmUp();
  }

  dispose(): void {
    this.client?.dispose();
    this.client = undefined;
  }

  /** Triage as of `message`, the visitor's newest; timed from the call (the visitor's Enter). */
  async triage(
    history: readonly LocalMessage[],
    message: { id: string; text: string },
  ): Promise<{ meta: TriageMeta; result: TriageResult }> {
    const started = performance.now();
    const turns = toTurns([...history, { id: message.id, role: 'visitor', text: message.text }]);
    const result = this.client ? await this.client.triage(turns) : triageConversation(turns, [], this.site?.policy ?? DEFAULT_POLICY);
    this.last = result;
    return { meta: metaOf(result, performance.now() - started), result };
  }

  /**
   * Once the model is ready: the visitor's recent messages that only the rules judged, judged again
   * as of each one (oldest first), so a message typed before the model loaded is not left to the
   * rules for good. The most severe new decision becomes `last`, for the packet.
   */
  async retriage(history: readonly LocalMessage[], since: number): Promise<{ id: string; meta: TriageMeta; result: TriageResult }[]> {
    if (this.client?.modelState !== 'ready') return [];
    const judged: { id: string; meta: TriageMeta; result: TriageResult }[] = [];
    for (const [i, m] of history.entries()) {
      if (m.role !== 'visitor' || !m.triage || m.triage.scores !== null || m.createdAt < since) continue;
      const started = performance.now();
      const result = await this.client.triage(toTurns(history.slice(0, i + 1)));
      if (!result.scores) continue;
      judged.push({ id: m.id, meta: metaOf(result, performance.now() - started), result });
    }
    const severity = { handoff: 3, offer: 2, flag: 1, none: 0 };
    const worst = judged.reduce<TriageResult | undefined>(
      (a, j) => (!a || severity[j.result.decision.action] > severity[a.decision.action] ? j.result : a),
      undefined,
    );
    if (worst && worst.decision.action !== 'none') this.last = worst;
    return judged;
  }

  /** The built-in assistant's reply to the newest visitor message; undefined when the site's own agent answers. */
  answer(history: readonly LocalMessage[], evenWithAgent = false): AssistantReply | undefined {
    if (!this.assistant || (this.site?.agent && !evenWithAgent)) return undefined;
    const turns = toTurns(history).map(({ role, text }) => ({ role, text }));
    if (turns.at(-1)?.role !== 'visitor') return undefined;
    return this.assistant.reply(turns);
  }

  /** Everything a person needs, as of now. */
  packet(messages: readonly LocalMessage[], trigger: HandoffReason, visit: { startedAt: number; pages: string[] }): HandoffPacket {
    const visitor = messages.filter((m) => m.role === 'visitor');
    const answers = messages.filter(
      (m) =>
        m.role === 'assistant' && (m.assistant?.kind === 'answer' || m.assistant?.kind === 'miss' || m.assistant?.kind === 'smalltalk'),
    );
    const needs = [...new Set(answers.map((m) => m.assistant?.need).filter((n): n is string => !!n))].slice(-20);

    const reasons: PacketReason[] = [];
    const add = (r: PacketReason) => {
      if (!reasons.some((x) => x.name === r.name)) reasons.push(r);
    };
    if (trigger !== 'policy')
      add({
        kind: 'visitor',
        name: trigger,
        evidence: trigger === 'visitor_asked' ? 'Pressed “Talk to a person”.' : 'Accepted the offer of a person.',
      });
    for (const r of this.last?.decision.reasons ?? []) {
      add({ kind: r.kind, name: r.name, ...(r.score === undefined ? {} : { score: r.score }), messageId: r.messageId, evidence: quote(r) });
    }
    // Earlier messages that triage flagged count too: staff see the whole story, not just the last straw.
    for (const m of visitor) {
      if (!m.triage || m.triage.action === 'none') continue;
      for (const label of m.triage.labels)
        add({
          kind: 'label',
          name: label,
          ...(m.triage.scores?.[label] === undefined ? {} : { score: m.triage.scores[label] }),
          messageId: m.id,
          evidence: m.text.slice(0, 500),
        });
      for (const signal of m.triage.signals) add({ kind: 'signal', name: signal, messageId: m.id, evidence: m.text.slice(0, 500) });
    }

    const moods = this.last?.mood ?? [];
    const lastAnswer = answers.at(-1)?.assistant?.need;
    return {
      asked: { first: visitor[0]?.text ?? '', latest: visitor.at(-1)?.text ?? '', needs },
      understood: {
        need: (lastAnswer ?? visitor.at(-1)?.text ?? '').slice(0, 300),
        messages: visitor
          .filter((m) => m.triage)
          .map((m) => ({ messageId: m.id, labels: m.triage!.labels, scores: m.triage!.scores, signals: m.triage!.signals })),
      },
      tried: answers.map((m) => ({
        messageId: m.id,
        kind: m.assistant!.kind as 'answer' | 'miss' | 'smalltalk',
        text: m.text,
        sources: m.assistant!.sources,
      })),
      collected: extractDetails(messages.map((m) => ({ id: m.id, role: m.role, text: m.text }))).slice(0, 50),
      why: { action: trigger === 'policy' ? (this.last?.decision.action ?? 'handoff') : 'handoff', reasons: reasons.slice(0, 20) },
      // Triage's mood is per visitor turn, oldest first, as of its latest run.
      mood: visitor.map((m, i) => ({
        messageId: m.id,
        frustration: Math.min(1, Math.max(0, moods[i] ?? m.triage?.scores?.frustration ?? 0)),
      })),
      pagesSeen: visit.pages,
      localTime: new Date().toString().slice(0, 60),
      timeOnSiteMs: Math.max(0, Date.now() - visit.startedAt),
    };
  }
}
