/**
 * The four measures, per day (UTC) and per reason: handoff rate, time to handoff (from the
 * first visitor message and from the first trigger), time to first staff reply, satisfaction after
 * handoff, and whether staff had the context they needed (their own mark and the packet's filled fields).
 */
import express, { type Router } from 'express';
import type { Insights, InsightsDay } from '../protocol/insights.ts';
import type { HandoffPacket } from '../protocol/schemas.ts';
import { signedIn } from './auth.ts';
import type { SiteConfig } from './config.ts';
import type { HandoffMeasureRow, InsightsStore } from './store/insights.ts';
import type { StaffStore } from './store/staff.ts';

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Share of the packet's eight parts that carried something. */
export function packetCompleteness(packet: HandoffPacket | null, messageCount: number): number {
  if (!packet) return messageCount > 0 ? 1 / 8 : 0;
  const parts = [
    packet.asked.first.length > 0,
    packet.understood.need.length > 0,
    packet.tried.length > 0,
    packet.collected.length > 0,
    packet.why.reasons.length > 0,
    packet.mood.length > 0,
    packet.pagesSeen.length > 0,
    messageCount > 0,
  ];
  return parts.filter(Boolean).length / parts.length;
}

function figures(handoffs: HandoffMeasureRow[], conversations: number): Omit<InsightsDay, 'day'> {
  const ratings = handoffs.map((h) => h.rating).filter((r): r is number => r !== null);
  const marked = handoffs.filter((h) => h.had_context !== null);
  return {
    conversations,
    handoffs: handoffs.length,
    // A chat handed back to the assistant and handed off again is still one conversation handed off.
    handoffRate: conversations ? Math.min(1, new Set(handoffs.map((h) => h.conversation_id)).size / conversations) : null,
    medianToHandoffMs: median(
      handoffs.filter((h) => h.first_visitor_at !== null).map((h) => Math.max(0, h.requested_at - h.first_visitor_at!)),
    ),
    medianFromTriggerMs: median(
      handoffs.filter((h) => h.first_trigger_at !== null).map((h) => Math.max(0, h.requested_at - h.first_trigger_at!)),
    ),
    medianFirstReplyMs: median(
      handoffs.filter((h) => h.first_staff_reply_at !== null).map((h) => h.first_staff_reply_at! - h.requested_at),
    ),
    ratings: ratings.length,
    averageRating: mean(ratings),
    contextMarked: marked.length,
    contextYes: marked.filter((h) => h.had_context === 1).length,
    packetCompleteness: mean(
      handoffs.map((h) => packetCompleteness(h.packet ? (JSON.parse(h.packet) as HandoffPacket) : null, h.message_count)),
    ),
  };
}

export function computeInsights(store: InsightsStore, days: number, siteKeys: readonly string[], now = Date.now()): Insights {
  const since = Date.parse(dayOf(now - (days - 1) * 86_400_000));
  const handoffs = store.handoffsSince(since, siteKeys);
  const conversationStarts = store.conversationStartsSince(since, siteKeys);

  const dayList: InsightsDay[] = [];
  for (let i = 0; i < days; i++) {
    const day = dayOf(since + i * 86_400_000);
    dayList.push({
      day,
      ...figures(
        handoffs.filter((h) => dayOf(h.requested_at) === day),
        conversationStarts.filter((at) => dayOf(at) === day).length,
      ),
    });
  }
  const byReason = new Map<string, HandoffMeasureRow[]>();
  for (const h of handoffs) {
    const reasons = JSON.parse(h.reasons) as string[];
    for (const r of reasons.length ? reasons : ['visitor_asked']) byReason.set(r, [...(byReason.get(r) ?? []), h]);
  }
  const reasons = [...byReason.entries()]
    .map(([reason, rows]) => {
      const f = figures(rows, 0);
      return {
        reason,
        handoffs: rows.length,
        share: handoffs.length ? rows.length / handoffs.length : 0,
        medianFirstReplyMs: f.medianFirstReplyMs,
        averageRating: f.averageRating,
      };
    })
    .sort((a, b) => b.handoffs - a.handoffs);
  return { days: dayList, reasons, totals: figures(handoffs, conversationStarts.length) };
}

export function insightsRouter(store: InsightsStore, staff: StaffStore, sites: Map<string, SiteConfig>): Router {
  const router = express.Router();
  router.get('/', (req, res) => {
    if (!signedIn(staff, req.headers.cookie)) return void res.status(401).json({ error: 'Not signed in.' });
    const days = Math.min(90, Math.max(1, Number.parseInt(String(req.query.days ?? '14'), 10) || 14));
    const site = typeof req.query.site === 'string' ? req.query.site : undefined;
    if (site !== undefined && !sites.has(site)) return void res.status(400).json({ error: `unknown site "${site}"` });
    res.json(computeInsights(store, days, site ? [site] : [...sites.keys()]));
  });
  return router;
}
