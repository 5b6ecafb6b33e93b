/** The rows the Insights measures are computed from: hand-offs and conversation starts since a day. */
import type { Db } from '../db.ts';
import { prepareAll } from './sql.ts';

export interface HandoffMeasureRow {
  conversation_id: string;
  requested_at: number;
  first_trigger_at: number | null;
  first_staff_reply_at: number | null;
  had_context: number | null;
  reasons: string;
  packet: string | null;
  first_visitor_at: number | null;
  rating: number | null;
  message_count: number;
}

export class InsightsStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = prepareAll(db, {
      handoffs: `SELECT h.conversation_id, h.requested_at, h.first_trigger_at, h.first_staff_reply_at, h.had_context, h.reasons, h.packet,
                        c.first_visitor_at, c.rating,
                        (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count
                   FROM handoffs h JOIN conversations c ON c.id = h.conversation_id
                  WHERE h.requested_at >= ? AND c.site_key IN (SELECT value FROM json_each(?))`,
      // A conversation starts with the visitor's first message, or with a handoff requested before
      // they wrote anything ("Talk to a person" at once): otherwise the rate could exceed 100%.
      starts: `SELECT first_visitor_at FROM (
                 SELECT COALESCE(c.first_visitor_at, (SELECT MIN(h.requested_at) FROM handoffs h WHERE h.conversation_id = c.id)) AS first_visitor_at
                   FROM conversations c WHERE c.site_key IN (SELECT value FROM json_each(?)))
                WHERE first_visitor_at >= ?`,
    });
  }

  /** Hand-offs of these sites requested since `since`. */
  handoffsSince(since: number, siteKeys: readonly string[]): HandoffMeasureRow[] {
    return this.sql.handoffs.all(since, JSON.stringify(siteKeys)) as HandoffMeasureRow[];
  }

  /** When each conversation of these sites that started since `since` started. */
  conversationStartsSince(since: number, siteKeys: readonly string[]): number[] {
    return (this.sql.starts.all(JSON.stringify(siteKeys), since) as { first_visitor_at: number }[]).map((r) => r.first_visitor_at);
  }
}
