/**
 * Hand-offs and the queue: a conversation's way from the assistant to a person and back. A request
 * queues it, a claim is a conditional `UPDATE … WHERE status = 'queued'` (exactly one caller wins),
 * a transfer re-queues or assigns it, closing and releasing end the hand-off. Each method is one
 * transaction, so a conversation's status and its current hand-off never disagree.
 */
import type { ConversationStatus, HandoffSummary, TeamRef, VerifiedVisitor } from '../../protocol/messages.ts';
import type { Contact, HandoffPacket, HandoffReason, PageContext } from '../../protocol/schemas.ts';
import type { Db } from '../db.ts';
import type { MessageMeta } from './conversations.ts';
import { latestHandoff, prepareAll } from './sql.ts';

export interface HandoffRecord {
  id: string;
  conversationId: string;
  reason: HandoffReason;
  context: PageContext;
  requestedAt: number;
  packet?: HandoffPacket;
  /** Triage reasons, most urgent first. */
  reasons: string[];
  urgency: number;
  teamId: string;
}

export interface HandoffStore {
  /** Stores the handoff and queues the conversation; a known handoff id or an already queued/active conversation is left as it is. */
  request(handoff: HandoffRecord): { created: boolean };
  /** Exactly one concurrent caller wins. */
  claim(conversationId: string, staffId: number): boolean;
  close(conversationId: string, hadContext?: boolean): boolean;
  /** Back to the queue, for `teamId` (a transfer, or staff who went offline). */
  requeue(conversationId: string, teamId: string): boolean;
  /** Straight to one staff member (a transfer to a person). */
  assign(conversationId: string, staffId: number): boolean;
  /** Back to the assistant. */
  release(conversationId: string): boolean;
  summary(conversationId: string): HandoffSummary | undefined;
  /** Waiting chats, most urgent first, then longest waiting. */
  queue(): HandoffSummary[];
  /** The same order, with only what places and waits are worked out from (no summary per chat). */
  waiting(): WaitingChat[];
  /** Goes up with every change to the queue, so what was worked out from it can be kept until then. */
  readonly version: number;
  assignedTo(staffId: number): HandoffSummary[];
  openChats(staffId: number): number;
  packet(conversationId: string): HandoffPacket | undefined;
  /** Median time from request to claim of recent handoffs of a site, for the visitor's expected wait. */
  typicalClaimMs(siteKey: string): number | undefined;
}

/** A waiting chat as its place in the queue is worked out. */
export interface WaitingChat {
  conversationId: string;
  siteKey: string;
  teamId: string | null;
}

interface SummaryDbRow {
  id: string;
  site_key: string;
  status: ConversationStatus;
  assigned_staff_id: number | null;
  team_id: string | null;
  staff_name: string | null;
  reason: HandoffReason;
  reasons: string;
  urgency: number;
  context: string;
  requested_at: number;
  message_count: number;
  first_line: string | null;
  contact: string | null;
  contact_message: string | null;
}

/**
 * A hand-off's summary. Messages are numbered 1..n without gaps, so the count is the conversation's
 * last seq (counting rows would read every message of every waiting chat).
 */
const SUMMARY = `SELECT c.id, c.site_key, c.status, c.assigned_staff_id, c.team_id, s.name AS staff_name, h.reason, h.context, h.requested_at, h.reasons, h.urgency,
                        c.last_seq AS message_count,
                        (SELECT text FROM messages m WHERE m.conversation_id = c.id AND m.role = 'visitor' ORDER BY seq LIMIT 1) AS first_line,
                        (SELECT contact FROM contacts k WHERE k.conversation_id = c.id ORDER BY created_at DESC LIMIT 1) AS contact,
                        (SELECT message FROM contacts k WHERE k.conversation_id = c.id ORDER BY created_at DESC LIMIT 1) AS contact_message
                   FROM conversations c
                   JOIN handoffs h ON h.id = ${latestHandoff('c.id')}
                   LEFT JOIN staff s ON s.id = c.assigned_staff_id`;

export class SqliteHandoffStore implements HandoffStore {
  version = 0;
  private readonly sql;
  private readonly requestTx;
  private readonly claimTx;
  private readonly closeTx;
  private readonly requeueTx;
  private readonly assignTx;
  private readonly releaseTx;

  constructor(
    db: Db,
    private readonly siteName: (siteKey: string) => string,
    private readonly team: (siteKey: string, teamId: string | null) => TeamRef,
    /** The conversation's verified visitor, if the site vouched for one. */
    private readonly verified: (conversationId: string) => VerifiedVisitor | undefined = () => undefined,
  ) {
    const sql = prepareAll(db, {
      known: 'SELECT 1 FROM handoffs WHERE id = ?',
      status: 'SELECT status FROM conversations WHERE id = ?',
      flagged: "SELECT stored_at, meta FROM messages WHERE conversation_id = ? AND role = 'visitor' AND meta IS NOT NULL ORDER BY seq",
      insert:
        'INSERT INTO handoffs (id, conversation_id, reason, context, requested_at, packet, reasons, urgency, team_id, first_trigger_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      queue: "UPDATE conversations SET status = 'queued', assigned_staff_id = NULL, team_id = ?, updated_at = ? WHERE id = ?",
      claim: "UPDATE conversations SET status = 'active', assigned_staff_id = ?, updated_at = ? WHERE id = ? AND status = 'queued'",
      claimed: `UPDATE handoffs SET claimed_by = ?, claimed_at = ? WHERE id = ${latestHandoff('?')}`,
      close: "UPDATE conversations SET status = 'closed', updated_at = ? WHERE id = ? AND status != 'closed'",
      closed: 'UPDATE handoffs SET closed_at = ?, had_context = COALESCE(?, had_context) WHERE conversation_id = ? AND closed_at IS NULL',
      requeue:
        "UPDATE conversations SET status = 'queued', assigned_staff_id = NULL, team_id = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'active')",
      requeued: `UPDATE handoffs SET claimed_by = NULL, claimed_at = NULL, team_id = ? WHERE id = ${latestHandoff('?')}`,
      assign:
        "UPDATE conversations SET status = 'active', assigned_staff_id = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'active')",
      assigned: `UPDATE handoffs SET claimed_by = ?, claimed_at = COALESCE(claimed_at, ?) WHERE id = ${latestHandoff('?')}`,
      release:
        "UPDATE conversations SET status = 'bot', assigned_staff_id = NULL, updated_at = ? WHERE id = ? AND status IN ('queued', 'active')",
      released: 'UPDATE handoffs SET closed_at = ? WHERE conversation_id = ? AND closed_at IS NULL',
      openChats: "SELECT COUNT(*) AS n FROM conversations WHERE status = 'active' AND assigned_staff_id = ?",
      packet: `SELECT packet FROM handoffs WHERE id = ${latestHandoff('?')}`,
      claimWaits:
        'SELECT h.claimed_at - h.requested_at AS wait FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE c.site_key = ? AND h.claimed_at IS NOT NULL ORDER BY h.requested_at DESC LIMIT 20',
      summary: `${SUMMARY} WHERE c.id = ?`,
      // One statement for the whole queue: a summary per chat would be one query per waiting chat.
      queued: `${SUMMARY} WHERE c.status = 'queued' ORDER BY h.urgency, h.requested_at`,
      waiting: `SELECT c.id, c.site_key, c.team_id FROM conversations c
                  JOIN handoffs h ON h.id = ${latestHandoff('c.id')}
                 WHERE c.status = 'queued' ORDER BY h.urgency, h.requested_at`,
      visitorLine: "SELECT text FROM messages WHERE conversation_id = ? AND id = ? AND role = 'visitor'",
      visitorLines: "SELECT text, meta FROM messages WHERE conversation_id = ? AND role = 'visitor' ORDER BY seq",
      assignedTo: "SELECT id FROM conversations WHERE status = 'active' AND assigned_staff_id = ? ORDER BY updated_at DESC",
    });
    this.sql = sql;

    this.requestTx = db.transaction((h: HandoffRecord): { created: boolean } => {
      const conv = sql.status.get(h.conversationId) as { status: ConversationStatus } | undefined;
      if (sql.known.get(h.id) || !conv || conv.status === 'queued' || conv.status === 'active') return { created: false };
      // The first message the device's triage flagged: the start of "time from first trigger".
      const trigger = (sql.flagged.all(h.conversationId) as { stored_at: number; meta: string }[]).find((m) => {
        const action = (JSON.parse(m.meta) as MessageMeta).triage?.action;
        return action !== undefined && action !== 'none';
      });
      sql.insert.run(
        h.id,
        h.conversationId,
        h.reason,
        JSON.stringify(h.context),
        h.requestedAt,
        h.packet ? JSON.stringify(h.packet) : null,
        JSON.stringify(h.reasons),
        h.urgency,
        h.teamId,
        trigger?.stored_at ?? null,
      );
      sql.queue.run(h.teamId, Date.now(), h.conversationId);
      return { created: true };
    });
    this.claimTx = db.transaction((conversationId: string, staffId: number): boolean => {
      const now = Date.now();
      if (sql.claim.run(staffId, now, conversationId).changes !== 1) return false;
      sql.claimed.run(staffId, now, conversationId);
      return true;
    });
    this.closeTx = db.transaction((conversationId: string, hadContext: boolean | undefined): boolean => {
      const now = Date.now();
      const res = sql.close.run(now, conversationId);
      sql.closed.run(now, hadContext === undefined ? null : hadContext ? 1 : 0, conversationId);
      return res.changes === 1;
    });
    this.requeueTx = db.transaction((conversationId: string, teamId: string): boolean => {
      const res = sql.requeue.run(teamId, Date.now(), conversationId);
      sql.requeued.run(teamId, conversationId);
      return res.changes === 1;
    });
    this.assignTx = db.transaction((conversationId: string, staffId: number): boolean => {
      const now = Date.now();
      const res = sql.assign.run(staffId, now, conversationId);
      sql.assigned.run(staffId, now, conversationId);
      return res.changes === 1;
    });
    this.releaseTx = db.transaction((conversationId: string): boolean => {
      const now = Date.now();
      const res = sql.release.run(now, conversationId);
      sql.released.run(now, conversationId);
      return res.changes === 1;
    });
  }

  request(handoff: HandoffRecord) {
    this.version++;
    return this.requestTx(handoff);
  }

  claim(conversationId: string, staffId: number) {
    this.version++;
    return this.claimTx(conversationId, staffId);
  }

  close(conversationId: string, hadContext?: boolean) {
    this.version++;
    return this.closeTx(conversationId, hadContext);
  }

  requeue(conversationId: string, teamId: string) {
    this.version++;
    return this.requeueTx(conversationId, teamId);
  }

  assign(conversationId: string, staffId: number) {
    this.version++;
    return this.assignTx(conversationId, staffId);
  }

  release(conversationId: string) {
    this.version++;
    return this.releaseTx(conversationId);
  }

  openChats(staffId: number) {
    return (this.sql.openChats.get(staffId) as { n: number }).n;
  }

  packet(conversationId: string) {
    const row = this.sql.packet.get(conversationId) as { packet: string | null } | undefined;
    return row?.packet ? (JSON.parse(row.packet) as HandoffPacket) : undefined;
  }

  typicalClaimMs(siteKey: string) {
    const waits = (this.sql.claimWaits.all(siteKey) as { wait: number }[]).map((r) => r.wait).sort((a, b) => a - b);
    return waits.length ? waits[Math.floor(waits.length / 2)] : undefined;
  }

  summary(conversationId: string): HandoffSummary | undefined {
    const row = this.sql.summary.get(conversationId) as SummaryDbRow | undefined;
    return row && this.toSummary(row);
  }

  private toSummary(row: SummaryDbRow): HandoffSummary {
    return {
      conversationId: row.id,
      siteKey: row.site_key,
      siteName: this.siteName(row.site_key),
      reason: row.reason,
      reasons: JSON.parse(row.reasons) as string[],
      urgency: row.urgency,
      team: this.team(row.site_key, row.team_id),
      status: row.status,
      requestedAt: row.requested_at,
      firstLine: row.first_line ?? '',
      messageCount: row.message_count,
      context: JSON.parse(row.context) as PageContext,
      ...(row.contact ? { contact: JSON.parse(row.contact) as Contact } : {}),
      ...(row.contact_message ? { contactMessage: row.contact_message } : {}),
      ...(row.assigned_staff_id !== null && row.staff_name ? { assignedTo: { id: row.assigned_staff_id, name: row.staff_name } } : {}),
      ...this.extras(row),
    };
  }

  /** The verified visitor and the line that triggered the hand-off, when there are. */
  private extras(row: SummaryDbRow): Pick<HandoffSummary, 'verified' | 'triggerLine'> {
    const verified = this.verified(row.id);
    const triggerLine = this.triggerLine(row);
    return { ...(verified ? { verified } : {}), ...(triggerLine ? { triggerLine } : {}) };
  }

  /**
   * The visitor's own words behind the most urgent reason: the packet names the message each reason
   * came from (most urgent first); without one, the latest visitor line triage flagged, else the latest.
   */
  private triggerLine(row: SummaryDbRow): string | undefined {
    const reasons = JSON.parse(row.reasons) as string[];
    const why = this.packet(row.id)?.why.reasons ?? [];
    const rank = (name: string) => (reasons.includes(name) ? reasons.indexOf(name) : reasons.length);
    const source = why.filter((r) => r.messageId).sort((a, b) => rank(a.name) - rank(b.name))[0]?.messageId;
    if (source) {
      const text = (this.sql.visitorLine.get(row.id, source) as { text: string } | undefined)?.text;
      if (text) return text;
    }
    const lines = this.sql.visitorLines.all(row.id) as { text: string; meta: string | null }[];
    const flagged = lines.findLast((l) => {
      const action = l.meta ? (JSON.parse(l.meta) as MessageMeta).triage?.action : undefined;
      return action !== undefined && action !== 'none';
    });
    return (flagged ?? lines.at(-1))?.text;
  }

  queue() {
    return (this.sql.queued.all() as SummaryDbRow[]).map((row) => this.toSummary(row));
  }

  waiting(): WaitingChat[] {
    return (this.sql.waiting.all() as { id: string; site_key: string; team_id: string | null }[]).map((r) => ({
      conversationId: r.id,
      siteKey: r.site_key,
      teamId: r.team_id,
    }));
  }

  assignedTo(staffId: number) {
    return this.summaries(this.sql.assignedTo.all(staffId) as { id: string }[]);
  }

  private summaries(ids: { id: string }[]): HandoffSummary[] {
    return ids.map((r) => this.summary(r.id)).filter((s): s is HandoffSummary => s !== undefined);
  }
}
