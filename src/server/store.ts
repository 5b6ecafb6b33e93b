/**
 * Storage behind interfaces, so handlers never see SQL. The SQLite implementation relies on
 * better-sqlite3 being synchronous: each method is one transaction, so a claim or an insert is
 * atomic without further locking.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ConversationState, ConversationStatus, HandoffSummary, Role, StaffNote, StoredMessage, TeamRef } from '../protocol/messages.ts';
import type { AssistantMeta, Contact, HandoffPacket, HandoffReason, PageContext, TriageMeta } from '../protocol/schemas.ts';
import type { Db } from './db.ts';

export interface NewMessage {
  id: string;
  role: Role;
  text: string;
  authorName?: string;
  createdAt: number;
  triage?: TriageMeta;
  assistant?: AssistantMeta;
}

export interface ConversationRow {
  id: string;
  siteKey: string;
  status: ConversationStatus;
  assignedStaffId: number | null;
  teamId: string | null;
  lastSeq: number;
  createdAt: number;
  rated: boolean;
}

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

export interface StaffRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string;
  disabled: boolean;
  maxChats: number;
  createdAt: number;
}

export interface ConversationStore {
  create(siteKey: string): { conversationId: string; token: string };
  verifyToken(conversationId: string, token: string): ConversationRow | undefined;
  get(conversationId: string): ConversationRow | undefined;
  state(conversationId: string): ConversationState | undefined;
  /** Idempotent on (conversation, message id): a known id returns the stored original. */
  append(conversationId: string, message: NewMessage): { message: StoredMessage; duplicate: boolean };
  messagesAfter(conversationId: string, afterSeq: number): StoredMessage[];
  /** Stores the handoff and queues the conversation; a known handoff id or an already queued/active conversation is left as it is. */
  requestHandoff(handoff: HandoffRecord): { created: boolean };
  /** Exactly one concurrent caller wins. */
  claim(conversationId: string, staffId: number): boolean;
  close(conversationId: string, hadContext?: boolean): boolean;
  leaveContact(id: string, conversationId: string, contact: Contact, message: string): void;
  summary(conversationId: string): HandoffSummary | undefined;
  /** Waiting chats, most urgent first, then longest waiting. */
  queue(): HandoffSummary[];
  assignedTo(staffId: number): HandoffSummary[];
  openChats(staffId: number): number;
  packet(conversationId: string): HandoffPacket | undefined;
  /** Back to the queue, for `teamId` (a transfer, or staff who went offline). */
  requeue(conversationId: string, teamId: string): boolean;
  /** Straight to one staff member (a transfer to a person). */
  assign(conversationId: string, staffId: number): boolean;
  /** Back to the assistant. */
  release(conversationId: string): boolean;
  addNote(conversationId: string, author: string, text: string): StaffNote;
  notes(conversationId: string): StaffNote[];
  rate(conversationId: string, rating: number, comment: string | undefined): boolean;
  /** Median time from request to claim of recent handoffs of a site, for the visitor's expected wait. */
  typicalClaimMs(siteKey: string): number | undefined;
}

export interface StaffStore {
  add(email: string, name: string, passwordHash: string): StaffRow;
  byEmail(email: string): StaffRow | undefined;
  byId(id: number): StaffRow | undefined;
  list(): StaffRow[];
  setDisabled(email: string, disabled: boolean): boolean;
  setMaxChats(email: string, maxChats: number): boolean;
  count(): number;
  createSession(staffId: number, ttlMs: number): string;
  sessionStaff(token: string): StaffRow | undefined;
  deleteSession(token: string): void;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');
export const newId = (): string => randomBytes(16).toString('base64url');

interface MessageDbRow {
  conversation_id: string;
  seq: number;
  id: string;
  role: Role;
  author_name: string | null;
  text: string;
  created_at: number;
  stored_at: number;
  meta: string | null;
}

type MessageMeta = Pick<StoredMessage, 'triage' | 'assistant'>;

const toMessage = (r: MessageDbRow): StoredMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  role: r.role,
  text: r.text,
  ...(r.author_name ? { authorName: r.author_name } : {}),
  createdAt: r.created_at,
  storedAt: r.stored_at,
  ...(r.meta ? (JSON.parse(r.meta) as MessageMeta) : {}),
});

const metaOf = (m: NewMessage): string | null =>
  m.triage || m.assistant ? JSON.stringify({ ...(m.triage ? { triage: m.triage } : {}), ...(m.assistant ? { assistant: m.assistant } : {}) }) : null;

interface ConversationDbRow {
  id: string;
  site_key: string;
  token_hash: string;
  status: ConversationStatus;
  assigned_staff_id: number | null;
  team_id: string | null;
  last_seq: number;
  created_at: number;
  rating: number | null;
}

const toConversation = (r: ConversationDbRow): ConversationRow => ({
  id: r.id,
  siteKey: r.site_key,
  status: r.status,
  assignedStaffId: r.assigned_staff_id,
  teamId: r.team_id,
  lastSeq: r.last_seq,
  createdAt: r.created_at,
  rated: r.rating !== null,
});

export class SqliteConversationStore implements ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly siteName: (siteKey: string) => string,
    private readonly team: (siteKey: string, teamId: string | null) => TeamRef,
  ) {}

  create(siteKey: string) {
    const conversationId = newId();
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    this.db
      .prepare('INSERT INTO conversations (id, site_key, token_hash, status, last_seq, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)')
      .run(conversationId, siteKey, sha256(token), 'bot', now, now);
    return { conversationId, token };
  }

  verifyToken(conversationId: string, token: string) {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(conversationId) as ConversationDbRow | undefined;
    if (!row) return undefined;
    const expected = Buffer.from(row.token_hash);
    const actual = Buffer.from(sha256(token));
    // Hashes have equal length, so comparing them leaks nothing about the token.
    return expected.equals(actual) ? toConversation(row) : undefined;
  }

  get(conversationId: string) {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(conversationId) as ConversationDbRow | undefined;
    return row && toConversation(row);
  }

  state(conversationId: string): ConversationState | undefined {
    const row = this.db
      .prepare('SELECT c.status, c.last_seq, c.rating, s.name AS staff_name FROM conversations c LEFT JOIN staff s ON s.id = c.assigned_staff_id WHERE c.id = ?')
      .get(conversationId) as { status: ConversationStatus; last_seq: number; rating: number | null; staff_name: string | null } | undefined;
    if (!row) return undefined;
    return {
      conversationId,
      status: row.status,
      lastSeq: row.last_seq,
      ...(row.staff_name && row.status !== 'bot' ? { staffName: row.staff_name } : {}),
      ...(row.rating !== null ? { rated: true } : {}),
    };
  }

  private readonly appendTx = (conversationId: string, m: NewMessage): { message: StoredMessage; duplicate: boolean } =>
    this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT * FROM messages WHERE conversation_id = ? AND id = ?')
        .get(conversationId, m.id) as MessageDbRow | undefined;
      if (existing) return { message: toMessage(existing), duplicate: true };
      const now = Date.now();
      const { last_seq } = this.db
        .prepare('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq')
        .get(now, conversationId) as { last_seq: number };
      const meta = metaOf(m);
      this.db
        .prepare('INSERT INTO messages (conversation_id, seq, id, role, author_name, text, created_at, stored_at, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(conversationId, last_seq, m.id, m.role, m.authorName ?? null, m.text, m.createdAt, now, meta);
      if (m.role === 'visitor') this.db.prepare('UPDATE conversations SET first_visitor_at = COALESCE(first_visitor_at, ?) WHERE id = ?').run(now, conversationId);
      if (m.role === 'staff') {
        this.db
          .prepare(
            'UPDATE handoffs SET first_staff_reply_at = ? WHERE id = (SELECT id FROM handoffs WHERE conversation_id = ? ORDER BY requested_at DESC LIMIT 1) AND first_staff_reply_at IS NULL',
          )
          .run(now, conversationId);
      }
      return {
        message: toMessage({ conversation_id: conversationId, seq: last_seq, id: m.id, role: m.role, author_name: m.authorName ?? null, text: m.text, created_at: m.createdAt, stored_at: now, meta }),
        duplicate: false,
      };
    })();

  append(conversationId: string, message: NewMessage) {
    return this.appendTx(conversationId, message);
  }

  messagesAfter(conversationId: string, afterSeq: number) {
    return (this.db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq').all(conversationId, afterSeq) as MessageDbRow[]).map(
      toMessage,
    );
  }

  requestHandoff(h: HandoffRecord) {
    return this.db.transaction(() => {
      const known = this.db.prepare('SELECT 1 FROM handoffs WHERE id = ?').get(h.id);
      const conv = this.get(h.conversationId);
      if (known || !conv || conv.status === 'queued' || conv.status === 'active') return { created: false };
      // The first message the device's triage flagged: the start of "time from first trigger".
      const trigger = (
        this.db.prepare("SELECT stored_at, meta FROM messages WHERE conversation_id = ? AND role = 'visitor' AND meta IS NOT NULL ORDER BY seq").all(h.conversationId) as {
          stored_at: number;
          meta: string;
        }[]
      ).find((m) => {
        const action = (JSON.parse(m.meta) as MessageMeta).triage?.action;
        return action !== undefined && action !== 'none';
      });
      this.db
        .prepare(
          'INSERT INTO handoffs (id, conversation_id, reason, context, requested_at, packet, reasons, urgency, team_id, first_trigger_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(h.id, h.conversationId, h.reason, JSON.stringify(h.context), h.requestedAt, h.packet ? JSON.stringify(h.packet) : null, JSON.stringify(h.reasons), h.urgency, h.teamId, trigger?.stored_at ?? null);
      this.db.prepare("UPDATE conversations SET status = 'queued', assigned_staff_id = NULL, team_id = ?, updated_at = ? WHERE id = ?").run(h.teamId, Date.now(), h.conversationId);
      return { created: true };
    })();
  }

  claim(conversationId: string, staffId: number) {
    const now = Date.now();
    return this.db.transaction(() => {
      const res = this.db
        .prepare("UPDATE conversations SET status = 'active', assigned_staff_id = ?, updated_at = ? WHERE id = ? AND status = 'queued'")
        .run(staffId, now, conversationId);
      if (res.changes !== 1) return false;
      this.db
        .prepare('UPDATE handoffs SET claimed_by = ?, claimed_at = ? WHERE id = (SELECT id FROM handoffs WHERE conversation_id = ? ORDER BY requested_at DESC LIMIT 1)')
        .run(staffId, now, conversationId);
      return true;
    })();
  }

  close(conversationId: string, hadContext?: boolean) {
    const now = Date.now();
    return this.db.transaction(() => {
      const res = this.db.prepare("UPDATE conversations SET status = 'closed', updated_at = ? WHERE id = ? AND status != 'closed'").run(now, conversationId);
      this.db
        .prepare('UPDATE handoffs SET closed_at = ?, had_context = COALESCE(?, had_context) WHERE conversation_id = ? AND closed_at IS NULL')
        .run(now, hadContext === undefined ? null : hadContext ? 1 : 0, conversationId);
      return res.changes === 1;
    })();
  }

  openChats(staffId: number) {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE status = 'active' AND assigned_staff_id = ?").get(staffId) as { n: number }).n;
  }

  packet(conversationId: string) {
    const row = this.db.prepare('SELECT packet FROM handoffs WHERE conversation_id = ? ORDER BY requested_at DESC LIMIT 1').get(conversationId) as
      | { packet: string | null }
      | undefined;
    return row?.packet ? (JSON.parse(row.packet) as HandoffPacket) : undefined;
  }

  requeue(conversationId: string, teamId: string) {
    return this.db.transaction(() => {
      const res = this.db
        .prepare("UPDATE conversations SET status = 'queued', assigned_staff_id = NULL, team_id = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'active')")
        .run(teamId, Date.now(), conversationId);
      this.db
        .prepare('UPDATE handoffs SET claimed_by = NULL, claimed_at = NULL, team_id = ? WHERE id = (SELECT id FROM handoffs WHERE conversation_id = ? ORDER BY requested_at DESC LIMIT 1)')
        .run(teamId, conversationId);
      return res.changes === 1;
    })();
  }

  assign(conversationId: string, staffId: number) {
    const now = Date.now();
    return this.db.transaction(() => {
      const res = this.db
        .prepare("UPDATE conversations SET status = 'active', assigned_staff_id = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'active')")
        .run(staffId, now, conversationId);
      this.db
        .prepare('UPDATE handoffs SET claimed_by = ?, claimed_at = COALESCE(claimed_at, ?) WHERE id = (SELECT id FROM handoffs WHERE conversation_id = ? ORDER BY requested_at DESC LIMIT 1)')
        .run(staffId, now, conversationId);
      return res.changes === 1;
    })();
  }

  release(conversationId: string) {
    const now = Date.now();
    return this.db.transaction(() => {
      const res = this.db
        .prepare("UPDATE conversations SET status = 'bot', assigned_staff_id = NULL, updated_at = ? WHERE id = ? AND status IN ('queued', 'active')")
        .run(now, conversationId);
      this.db.prepare('UPDATE handoffs SET closed_at = ? WHERE conversation_id = ? AND closed_at IS NULL').run(now, conversationId);
      return res.changes === 1;
    })();
  }

  addNote(conversationId: string, author: string, text: string): StaffNote {
    const note = { id: newId(), author, text, createdAt: Date.now() };
    this.db.prepare('INSERT INTO notes (id, conversation_id, author, text, created_at) VALUES (?, ?, ?, ?, ?)').run(note.id, conversationId, author, text, note.createdAt);
    return note;
  }

  notes(conversationId: string): StaffNote[] {
    return (
      this.db.prepare('SELECT id, author, text, created_at FROM notes WHERE conversation_id = ? ORDER BY created_at').all(conversationId) as {
        id: string;
        author: string;
        text: string;
        created_at: number;
      }[]
    ).map((n) => ({ id: n.id, author: n.author, text: n.text, createdAt: n.created_at }));
  }

  rate(conversationId: string, rating: number, comment: string | undefined) {
    const res = this.db
      .prepare("UPDATE conversations SET rating = ?, rating_comment = ? WHERE id = ? AND status = 'closed' AND rating IS NULL")
      .run(rating, comment ?? null, conversationId);
    return res.changes === 1;
  }

  typicalClaimMs(siteKey: string) {
    const waits = (
      this.db
        .prepare(
          'SELECT h.claimed_at - h.requested_at AS wait FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE c.site_key = ? AND h.claimed_at IS NOT NULL ORDER BY h.requested_at DESC LIMIT 20',
        )
        .all(siteKey) as { wait: number }[]
    )
      .map((r) => r.wait)
      .sort((a, b) => a - b);
    return waits.length ? waits[Math.floor(waits.length / 2)] : undefined;
  }

  leaveContact(id: string, conversationId: string, contact: Contact, message: string) {
    this.db
      .prepare('INSERT OR IGNORE INTO contacts (id, conversation_id, contact, message, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, conversationId, JSON.stringify(contact), message, Date.now());
  }

  summary(conversationId: string): HandoffSummary | undefined {
    const row = this.db
      .prepare(
        `SELECT c.id, c.site_key, c.status, c.assigned_staff_id, c.team_id, s.name AS staff_name, h.reason, h.context, h.requested_at, h.reasons, h.urgency,
                (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
                (SELECT text FROM messages m WHERE m.conversation_id = c.id AND m.role = 'visitor' ORDER BY seq LIMIT 1) AS first_line,
                (SELECT contact FROM contacts k WHERE k.conversation_id = c.id ORDER BY created_at DESC LIMIT 1) AS contact,
                (SELECT message FROM contacts k WHERE k.conversation_id = c.id ORDER BY created_at DESC LIMIT 1) AS contact_message
           FROM conversations c
           JOIN handoffs h ON h.id = (SELECT id FROM handoffs WHERE conversation_id = c.id ORDER BY requested_at DESC LIMIT 1)
           LEFT JOIN staff s ON s.id = c.assigned_staff_id
          WHERE c.id = ?`,
      )
      .get(conversationId) as
      | {
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
      | undefined;
    if (!row) return undefined;
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
    };
  }

  private summaries(sql: string, ...params: unknown[]): HandoffSummary[] {
    const ids = this.db.prepare(sql).all(...params) as { id: string }[];
    return ids.map((r) => this.summary(r.id)).filter((s): s is HandoffSummary => s !== undefined);
  }

  queue() {
    return this.summaries(
      `SELECT c.id FROM conversations c
         JOIN handoffs h ON h.id = (SELECT id FROM handoffs WHERE conversation_id = c.id ORDER BY requested_at DESC LIMIT 1)
        WHERE c.status = 'queued' ORDER BY h.urgency, h.requested_at`,
    );
  }

  assignedTo(staffId: number) {
    return this.summaries("SELECT id FROM conversations WHERE status = 'active' AND assigned_staff_id = ? ORDER BY updated_at DESC", staffId);
  }

}

interface StaffDbRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  disabled: number;
  max_chats: number;
  created_at: number;
}
const toStaff = (r: StaffDbRow): StaffRow => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  maxChats: r.max_chats,
  createdAt: r.created_at,
});

export class SqliteStaffStore implements StaffStore {
  constructor(private readonly db: Db) {}

  add(email: string, name: string, passwordHash: string) {
    const row = this.db
      .prepare('INSERT INTO staff (email, name, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING *')
      .get(email.trim(), name.trim(), passwordHash, Date.now()) as StaffDbRow;
    return toStaff(row);
  }

  byEmail(email: string) {
    const row = this.db.prepare('SELECT * FROM staff WHERE email = ?').get(email.trim()) as StaffDbRow | undefined;
    return row && toStaff(row);
  }

  byId(id: number) {
    const row = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffDbRow | undefined;
    return row && toStaff(row);
  }

  list() {
    return (this.db.prepare('SELECT * FROM staff ORDER BY id').all() as StaffDbRow[]).map(toStaff);
  }

  setDisabled(email: string, disabled: boolean) {
    return this.db.transaction(() => {
      const res = this.db.prepare('UPDATE staff SET disabled = ? WHERE email = ?').run(disabled ? 1 : 0, email.trim());
      if (disabled) this.db.prepare('DELETE FROM staff_sessions WHERE staff_id = (SELECT id FROM staff WHERE email = ?)').run(email.trim());
      return res.changes === 1;
    })();
  }

  setMaxChats(email: string, maxChats: number) {
    return this.db.prepare('UPDATE staff SET max_chats = ? WHERE email = ?').run(maxChats, email.trim()).changes === 1;
  }

  count() {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM staff WHERE disabled = 0').get() as { n: number }).n;
  }

  createSession(staffId: number, ttlMs: number) {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    this.db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?').run(now);
    this.db.prepare('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(sha256(token), staffId, now, now + ttlMs);
    return token;
  }

  sessionStaff(token: string) {
    const row = this.db
      .prepare('SELECT s.* FROM staff_sessions t JOIN staff s ON s.id = t.staff_id WHERE t.token_hash = ? AND t.expires_at > ? AND s.disabled = 0')
      .get(sha256(token), Date.now()) as StaffDbRow | undefined;
    return row && toStaff(row);
  }

  deleteSession(token: string) {
    this.db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?').run(sha256(token));
  }
}
