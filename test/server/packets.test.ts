/**
 * Hand-off packets as the widget really builds them pass the server's schema. Conversations are
 * made from the project's validation and realism messages (real visitors' words), answered by the
 * demo site's built-in assistant, triaged the way the widget triages (rules alone, as before the
 * model loads, and the engine's timeline with model scores across the whole range), and packed by
 * the widget's own `FirstLine.packet`. Some are then handed off to a real server, whose stored
 * packet and transcript must be exactly what was sent: nothing repaired, every assistant line the
 * assistant's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { HandoffReason, MessageInput } from '../../src/protocol/schemas.ts';
import { HandoffPacket } from '../../src/protocol/schemas.ts';
import { loadSites, type SiteConfig } from '../../src/server/config.ts';
import { ROOT } from '../../src/server/env.ts';
import { siteInfo } from '../../src/server/visitor-socket.ts';
import type { LocalMessage } from '../../src/store/schema.ts';
import type { Turn } from '../../src/triage/conversation.ts';
import { triageTimeline } from '../../src/triage/engine.ts';
import { LABELS, type Scores } from '../../src/triage/labels.ts';
import { FirstLine } from '../../src/widget/controllers/first-line.ts';
import {
  addStaff,
  ask,
  closeAll,
  connectVisitor,
  DEMO_SITE,
  DEMO_SITES,
  demoTeamsSite,
  handoffId,
  messageId,
  pageContext,
  signInStaff,
  startConversation,
  startTestServer,
  type SignedInStaff,
  type TestServer,
} from '../support/server.ts';

const texts = ['validation/validation.jsonl', 'realism/realism.jsonl'].flatMap((file) =>
  readFileSync(join(ROOT, 'src/triage/data', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text),
);

/** A small deterministic generator, so every run checks the same packets. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scores as the model gives them: mostly low, some high, and the edges of the range. */
function modelScores(next: () => number): Scores {
  const edge = [0, 1, 0.5, 0.9999999, 1e-9];
  return Object.fromEntries(
    LABELS.map((label) => [label, next() < 0.1 ? edge[Math.floor(next() * edge.length)]! : next() < 0.8 ? next() * 0.3 : next()]),
  ) as Scores;
}

interface Built {
  messages: LocalMessage[];
  packet: HandoffPacket;
  trigger: HandoffReason;
}

const site: SiteConfig = loadSites(DEMO_SITES).get(DEMO_SITE)!;

/** One conversation: visitor turns from the data, each answered by the assistant, then packed. */
function build(turnTexts: string[], withModel: boolean, trigger: HandoffReason, next: () => number): Built {
  const firstLine = new FirstLine(undefined, () => undefined);
  firstLine.configure(siteInfo(site));
  const messages: LocalMessage[] = [];
  const local = (m: Omit<LocalMessage, 'conversationKey' | 'delivery' | 'createdAt'>): LocalMessage => ({
    ...m,
    conversationKey: 'k',
    delivery: 'sent',
    createdAt: 1_760_000_000_000 + messages.length,
  });
  messages.push(local({ id: messageId(), role: 'assistant', text: site.greeting, assistant: { kind: 'greeting', sources: [] } }));
  const scores: Scores[] = [];
  for (const text of turnTexts) {
    const id = messageId();
    if (withModel) {
      scores.push(modelScores(next));
      const turns: Turn[] = [...messages, { id, role: 'visitor' as const, text }]
        .filter((m) => m.role === 'visitor' || (m.role === 'assistant' && m.assistant?.kind !== 'greeting'))
        .map((m) => ({
          id: m.id,
          role: m.role as Turn['role'],
          text: m.text,
          ...(m.role === 'assistant' ? { resolved: m.assistant?.kind !== 'miss' } : {}),
        }));
      const result = triageTimeline(turns, scores, site.policy).at(-1)!;
      firstLine.last = result;
      messages.push(
        local({
          id,
          role: 'visitor',
          text,
          triage: { scores: result.scores, labels: result.labels, signals: result.signals, action: result.decision.action, ms: 3.2 },
        }),
      );
    } else {
      // Rules only, exactly as the widget calls it before the model has loaded.
      messages.push(local({ id, role: 'visitor', text }));
    }
    const reply = firstLine.answer(messages);
    if (reply)
      messages.push(
        local({
          id: messageId(),
          role: 'assistant',
          text: reply.text,
          assistant: { kind: reply.kind, sources: reply.sources, need: reply.need.slice(0, 300) },
        }),
      );
  }
  return {
    messages,
    packet: firstLine.packet(messages, trigger, { startedAt: Date.now() - 60_000, pages: ['http://localhost/demo/'] }),
    trigger,
  };
}

async function buildRulesOnly(turnTexts: string[], trigger: HandoffReason): Promise<Built> {
  const firstLine = new FirstLine(undefined, () => undefined);
  firstLine.configure(siteInfo(site));
  const messages: LocalMessage[] = [];
  const local = (m: Omit<LocalMessage, 'conversationKey' | 'delivery' | 'createdAt'>): LocalMessage => ({
    ...m,
    conversationKey: 'k',
    delivery: 'sent',
    createdAt: 1_760_000_000_000 + messages.length,
  });
  messages.push(local({ id: messageId(), role: 'assistant', text: site.greeting, assistant: { kind: 'greeting', sources: [] } }));
  for (const text of turnTexts) {
    const message = { id: messageId(), text };
    const { meta } = await firstLine.triage(messages, message);
    messages.push(local({ ...message, role: 'visitor', triage: meta }));
    const reply = firstLine.answer(messages);
    if (reply)
      messages.push(
        local({
          id: messageId(),
          role: 'assistant',
          text: reply.text,
          assistant: { kind: reply.kind, sources: reply.sources, need: reply.need.slice(0, 300) },
        }),
      );
  }
  return {
    messages,
    packet: firstLine.packet(messages, trigger, { startedAt: Date.now() - 60_000, pages: ['http://localhost/demo/'] }),
    trigger,
  };
}

/** Every conversation the data makes: 1 to 6 visitor turns each, in the data's order. */
async function allPackets(): Promise<Built[]> {
  const next = random(9);
  const triggers: HandoffReason[] = ['policy', 'visitor_asked', 'offer_accepted'];
  const built: Built[] = [];
  for (let i = 0, n = 0; i < texts.length; n++) {
    const length = 1 + Math.floor(next() * 6);
    const turnTexts = texts.slice(i, i + length);
    i += length;
    const trigger = triggers[n % 3]!;
    built.push(await buildRulesOnly(turnTexts, trigger));
    built.push(build(turnTexts, true, trigger, next));
  }
  return built;
}

let packets: Built[];
before(async () => {
  packets = await allPackets();
});

describe('packets from real conversations', () => {
  test('every packet the widget builds passes the server schema', () => {
    assert.ok(packets.length > 800, `${packets.length} packets`);
    const failures = packets.flatMap(({ packet }) => {
      const parsed = HandoffPacket.safeParse(packet);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    });
    assert.deepEqual([...new Set(failures)], []);
    // They exercise the packet: reasons, details, tries and moods all occur.
    assert.ok(packets.some((p) => p.packet.why.reasons.some((r) => r.kind === 'signal')));
    assert.ok(packets.some((p) => p.packet.why.reasons.some((r) => r.kind === 'label' && r.score !== undefined)));
    assert.ok(packets.some((p) => p.packet.collected.length > 0));
    assert.ok(packets.some((p) => p.packet.tried.some((t) => t.kind === 'answer' && t.sources.length > 0)));
  });
});

describe('handed off to a real server', () => {
  let server: TestServer;
  let boss: SignedInStaff;
  const log: string[] = [];
  before(async () => {
    server = await startTestServer({
      sites: [demoTeamsSite({ knowledge: site.knowledge, greeting: site.greeting })],
      log: (line) => log.push(line),
    });
    boss = await signInStaff(server.url, await addStaff(server, 'Pat Packets'));
  });
  after(async () => {
    closeAll(boss.socket);
    await server.cleanup();
  });

  test("the packet is stored as sent, nothing repaired, and every assistant line is stored as the assistant's", async () => {
    // The longest conversations of each kind, where most can go wrong.
    const chosen = [...packets].sort((a, b) => b.messages.length - a.messages.length).slice(0, 24);
    for (const { messages, packet, trigger } of chosen) {
      const visitor = await connectVisitor(server.url);
      const conv = await startConversation(visitor);
      const transcript: MessageInput[] = messages.map((m) => ({
        id: m.id,
        role: m.role as MessageInput['role'],
        text: m.text,
        createdAt: m.createdAt,
        ...(m.triage ? { triage: m.triage } : {}),
        ...(m.assistant ? { assistant: m.assistant } : {}),
      }));
      const ack = await ask(visitor, 'handoff:request', {
        ...conv,
        id: handoffId(),
        reason: trigger,
        context: pageContext(),
        transcript,
        packet,
      });
      assert.ok(ack.ok, JSON.stringify(ack));
      const open = await ask(boss.socket, 'conversation:open', { conversationId: conv.conversationId });
      assert.ok(open.ok);
      assert.deepEqual(open.detail.packet, packet);
      const stored = new Map(open.detail.messages.map((m) => [m.id, m]));
      for (const m of messages) {
        const s = stored.get(m.id)!;
        assert.equal(s.role, m.role, `${m.role}: ${m.text}`);
        assert.equal(s.claimed, undefined);
        if (m.role === 'assistant') assert.deepEqual(s.assistant, m.assistant);
      }
      closeAll(visitor);
    }
    assert.deepEqual(
      log.filter((l) => /repaired|refused/.test(l)),
      [],
    );
  });
});
