/**
 * The Insights figures in words: the text alternative of every chart, and the formatting its
 * tables share. Pure functions, no DOM and no chart library.
 */
import { shortDuration } from '../format.ts';
import { reasonName } from '../packet-words.ts';
import type { Insights, InsightsDay } from '../types.ts';

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** `2026-01-15` (a UTC day) as "Jan 15". */
export const dayLabel = (day: string): string => dayFormat.format(Date.parse(`${day}T00:00:00Z`));

export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);
export const ms = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : shortDuration(x));
export const rating = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toFixed(1));

/** Staff's "yes, I had everything" share of the chats they marked, or null when none were marked. */
export const contextShare = (d: Pick<InsightsDay, 'contextMarked' | 'contextYes'>): number | null =>
  d.contextMarked ? d.contextYes / d.contextMarked : null;

/** True when the period has nothing to show. */
export const isEmpty = (data: Insights): boolean => data.totals.conversations === 0 && data.totals.handoffs === 0;

function best(
  days: InsightsDay[],
  value: (d: InsightsDay) => number | null,
  pick: (a: number, b: number) => boolean,
): { day: InsightsDay; value: number } | undefined {
  let found: { day: InsightsDay; value: number } | undefined;
  for (const day of days) {
    const v = value(day);
    if (v !== null && (!found || pick(v, found.value))) found = { day, value: v };
  }
  return found;
}

export function rateWords(data: Insights): string {
  const t = data.totals;
  if (!t.conversations && !t.handoffs) return 'No conversations in this period.';
  const peak = best(
    data.days,
    (d) => d.handoffRate,
    (a, b) => a > b,
  );
  return `Handoff rate ${pct(t.handoffRate)} overall: ${t.handoffs} handoffs in ${t.conversations} conversations.${peak ? ` Highest on ${dayLabel(peak.day.day)} (${pct(peak.value)}).` : ''}`;
}

export function timeWords(data: Insights): string {
  const t = data.totals;
  if (t.medianToHandoffMs === null && t.medianFirstReplyMs === null) return 'No handoff times in this period.';
  const slowest = best(
    data.days,
    (d) => d.medianFirstReplyMs,
    (a, b) => a > b,
  );
  return `Median time to handoff ${ms(t.medianToHandoffMs)} from the first message and ${ms(t.medianFromTriggerMs)} from the first trigger; median first staff reply ${ms(t.medianFirstReplyMs)}.${slowest ? ` Slowest replies on ${dayLabel(slowest.day.day)} (${ms(slowest.value)}).` : ''}`;
}

export function satisfactionWords(data: Insights): string {
  const t = data.totals;
  if (!t.ratings) return 'No ratings in this period.';
  const low = best(
    data.days,
    (d) => d.averageRating,
    (a, b) => a < b,
  );
  return `Average rating ${rating(t.averageRating)} out of 5 from ${t.ratings} ${t.ratings === 1 ? 'rating' : 'ratings'}.${low ? ` Lowest on ${dayLabel(low.day.day)} (${rating(low.value)}).` : ''}`;
}

export function contextWords(data: Insights): string {
  const t = data.totals;
  const marked = t.contextMarked
    ? `Staff had what they needed in ${pct(contextShare(t))} of ${t.contextMarked} closed ${t.contextMarked === 1 ? 'chat' : 'chats'} they marked`
    : 'No chats marked by staff yet';
  return `${marked}; packets were ${pct(t.packetCompleteness)} complete on average.`;
}

export function reasonWords(data: Insights): string {
  if (!data.reasons.length) return 'No handoffs in this period.';
  const top = data.reasons.slice(0, 3).map((r) => `${reasonName(r.reason)} (${r.handoffs}, ${pct(r.share)})`);
  return `Most handoffs: ${top.join(', ')}${data.reasons.length > 3 ? `, and ${data.reasons.length - 3} more` : ''}.`;
}
