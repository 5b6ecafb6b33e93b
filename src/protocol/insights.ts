/** `GET /api/staff/insights`: the measures per day (UTC) and per reason. Types only. */

export interface InsightsDay {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Conversations in which the visitor wrote something (or asked for a person straight away). */
  conversations: number;
  handoffs: number;
  handoffRate: number | null;
  /** From the visitor's first message to the handoff. */
  medianToHandoffMs: number | null;
  /** From the first message on-device triage flagged to the handoff. */
  medianFromTriggerMs: number | null;
  /** From the handoff to the first staff reply. */
  medianFirstReplyMs: number | null;
  ratings: number;
  averageRating: number | null;
  /** Handoffs whose staff answered "did you have everything you needed?". */
  contextMarked: number;
  contextYes: number;
  /** Mean share of the handoff packet's parts that carried something. */
  packetCompleteness: number | null;
}

export interface InsightsReason {
  reason: string;
  handoffs: number;
  share: number;
  medianFirstReplyMs: number | null;
  averageRating: number | null;
}

export interface Insights {
  days: InsightsDay[];
  reasons: InsightsReason[];
  totals: Omit<InsightsDay, 'day'>;
}
