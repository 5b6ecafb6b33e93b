/**
 * Conversations and their messages: the token a visitor holds, the gap-free message sequence, the
 * contact a visitor leaves, staff notes and the visitor's rating. Each method is one transaction
 * (better-sqlite3 is synchronous), so an insert and its `seq` are atomic without further locking.
 */
import type { ConversationState, ConversationStatus, Role, StaffNote, StoredMessage } from '../../protocol/messages.ts';
import type { AssistantMeta, Contact, TriageMeta } from '../../protocol/schemas.ts';
import type { Db } from '../db.ts';
import { latestHandoff, newId, newToken, prepareAll, sha256 } from './sql.ts';

export interface NewMessage {
  id: string;
  role: Role;
  text: string;
  authorName?: string;
  createdAt: number;
  triage?: TriageMeta;
  assistant?: AssistantMeta;
  claimed?: 'assistant';
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

export interface ConversationStore {
  /** `client` identifies who started it (site and address) for the per-client limits; only a salted hash is kept. */
  create(siteKey: string, client?: string): { conversationId: string; token: string };
  /** Chats started by `client` that wait in the queue now. */
  queuedOf(client: string): number;
  verifyToken(conversationId: string, token: string): ConversationRow | undefined;
  get(conversationId: string): ConversationRow | undefined;
  state(conversationId: string): ConversationState | undefined;
  /** Idempotent on (conversation, message id): a known id returns the stored original. */
  append(conversationId: string, message: NewMessage): { message: StoredMessage; duplicate: boolean };
  messagesAfter(conversationId: string, afterSeq: number): StoredMessage[];
  /** Runs `work` in one transaction (one commit, one sync to disk), e.g. a hand-off's missing messages. */
  transaction<T>(work: () => T): T;
  /** The ids of every message stored in the conversation. */
  messageIds(conversationId: string): Set<string>;
  leaveContact(id: string, conversationId: string, contact: Contact, message: string): void;
  addNote(conversationId: string, author: string, text: string): StaffNote;
  notes(conversationId: string): StaffNote[];
  rate(conversationId: string, rating: number, comment: string | undefined): boolean;
}

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

export type MessageMeta = Pick<StoredMessage, 'triage' | 'assistant' | 'claimed'>;

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
  m.triage || m.assistant || m.claimed
    ? JSON.stringify({
        ...(m.triage ? { triage: m.triage } : {}),
        ...(m.assistant ? { assistant: m.assistant } : {}),
        ...(m.claimed ? { claimed: m.claimed } : {}),
      })
    : null;

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
  private readonly sql;
  private readonly salt = newToken();
  private readonly appendTx;

  constructor(private readonly db: Db) {
    this.sql = prepareAll(db, {
      insert:
        'INSERT INTO conversations (id, site_key, token_hash, status, last_seq, created_at, updated_at, client) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
      queuedOf: "SELECT COUNT(*) AS n FROM conversations WHERE client = ? AND status = 'queued'",
      byId: 'SELECT * FROM conversations WHERE id = ?',
      state:
        'SELECT c.status, c.last_seq, c.rating, s.name AS staff_name FROM conversations c LEFT JOIN staff s ON s.id = c.assigned_staff_id WHERE c.id = ?',
      messageById: 'SELECT * FROM messages WHERE conversation_id = ? AND id = ?',
      nextSeq: 'UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq',
      insertMessage:
        'INSERT INTO messages (conversation_id, seq, id, role, author_name, text, created_at, stored_at, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      firstVisitor: 'UPDATE conversations SET first_visitor_at = COALESCE(first_visitor_at, ?) WHERE id = ?',
      firstStaffReply: `UPDATE handoffs SET first_staff_reply_at = ? WHERE id = ${latestHandoff('?')} AND first_staff_reply_at IS NULL`,
      messagesAfter: 'SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq',
      messageIds: 'SELECT id FROM messages WHERE conversation_id = ?',
      insertContact: 'INSERT OR IGNORE INTO contacts (id, conversation_id, contact, message, created_at) VALUES (?, ?, ?, ?, ?)',
      insertNote: 'INSERT INTO notes (id, conversation_id, author, text, created_at) VALUES (?, ?, ?, ?, ?)',
      notes: 'SELECT id, author, text, created_at FROM notes WHERE conversation_id = ? ORDER BY created_at',
      rate: "UPDATE conversations SET rating = ?, rating_comment = ? WHERE id = ? AND status = 'closed' AND rating IS NULL",
    });
    this.appendTx = db.transaction((conversationId: string, m: NewMessage): { message: StoredMessage; duplicate: boolean } => {
      const existing = this.sql.messageById.get(conversationId, m.id) as MessageDbRow | undefined;
      if (existing) return { message: toMessage(existing), duplicate: true };
      const now = Date.now();
      const { last_seq } = this.sql.nextSeq.get(now, conversationId) as { last_seq: number };
      const row: MessageDbRow = {
        conversation_id: conversationId,
        seq: last_seq,
        id: m.id,
        role: m.role,
        author_name: m.authorName ?? null,
        text: m.text,
        created_at: m.createdAt,
        stored_at: now,
        meta: metaOf(m),
      };
      this.sql.insertMessage.run(
        row.conversation_id,
        row.seq,
        row.id,
        row.role,
        row.author_name,
        row.text,
        row.created_at,
        row.stored_at,
        row.meta,
      );
      if (m.role === 'visitor') this.sql.firstVisitor.run(now, conversationId);
      if (m.role === 'staff') this.sql.firstStaffReply.run(now, conversationId);
      return { message: toMessage(row), duplicate: false };
    });
  }

  create(siteKey: string, client?: string) {
    const conversationId = newId();
    const token = newToken();
    const now = Date.now();
    this.sql.insert.run(conversationId, siteKey, sha256(token), 'bot', now, now, client === undefined ? null : this.clientHash(client));
    return { conversationId, token };
  }

  queuedOf(client: string): number {
    return (this.sql.queuedOf.get(this.clientHash(client)) as { n: number }).n;
  }

  /** Salted per process: the limits need to recognise a client for minutes, never to name one. */
  private clientHash(client: string): string {
    return sha256(`${this.salt}:${client}`);
  }

  verifyToken(conversationId: string, token: string) {
    const row = this.sql.byId.get(conversationId) as ConversationDbRow | undefined;
    if (!row) return undefined;
    const expected = Buffer.from(row.token_hash);
    const actual = Buffer.from(sha256(token));
    // Hashes have equal length, so comparing them leaks nothing about the token.
    return expected.equals(actual) ? toConversation(row) : undefined;
  }

  get(conversationId: string) {
    const row = this.sql.byId.get(conversationId) as ConversationDbRow | undefined;
    return row && toConversation(row);
  }

  state(conversationId: string): ConversationState | undefined {
    const row = this.sql.state.get(conversationId) as
      { status: ConversationStatus; last_seq: number; rating: number | null; staff_name: string | null } | undefined;
    if (!row) return undefined;
    return {
      conversationId,
      status: row.status,
      lastSeq: row.last_seq,
      ...(row.staff_name && row.status !== 'bot' ? { staffName: row.staff_name } : {}),
      ...(row.rating !== null ? { rated: true } : {}),
    };
  }

  append(conversationId: string, message: NewMessage) {
    return this.appendTx(conversationId, message);
  }

  messagesAfter(conversationId: string, afterSeq: number) {
    return (this.sql.messagesAfter.all(conversationId, afterSeq) as MessageDbRow[]).map(toMessage);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  messageIds(conversationId: string) {
    return new Set(this.sql.messageIds.pluck().all(conversationId) as string[]);
  }

  leaveContact(id: string, conversationId: string, contact: Contact, message: string) {
    this.sql.insertContact.run(id, conversationId, JSON.stringify(contact), message, Date.now());
  }

  addNote(conversationId: string, author: string, text: string): StaffNote {
    const note = { id: newId(), author, text, createdAt: Date.now() };
    this.sql.insertNote.run(note.id, conversationId, author, text, note.createdAt);
    return note;
  }

  notes(conversationId: string): StaffNote[] {
    return (this.sql.notes.all(conversationId) as { id: string; author: string; text: string; created_at: number }[]).map((n) => ({
      id: n.id,
      author: n.author,
      text: n.text,
      createdAt: n.created_at,
    }));
  }

  rate(conversationId: string, rating: number, comment: string | undefined) {
    return this.sql.rate.run(rating, comment ?? null, conversationId).changes === 1;
  }
}
