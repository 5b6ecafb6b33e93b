/** Staff accounts and their sign-in sessions (only a hash of each session token is stored). */
import type { Db } from '../db.ts';
import { newToken, prepareAll, sha256 } from './sql.ts';

export interface StaffRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string;
  disabled: boolean;
  maxChats: number;
  createdAt: number;
}

export interface StaffStore {
  add(email: string, name: string, passwordHash: string): StaffRow;
  byEmail(email: string): StaffRow | undefined;
  byId(id: number): StaffRow | undefined;
  list(): StaffRow[];
  /** Disabling also ends the account's sessions. */
  setDisabled(email: string, disabled: boolean): boolean;
  setMaxChats(email: string, maxChats: number): boolean;
  count(): number;
  createSession(staffId: number, ttlMs: number): string;
  sessionStaff(token: string): StaffRow | undefined;
  deleteSession(token: string): void;
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
  private readonly sql;
  private readonly setDisabledTx;

  constructor(db: Db) {
    const sql = prepareAll(db, {
      insert: 'INSERT INTO staff (email, name, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING *',
      byEmail: 'SELECT * FROM staff WHERE email = ?',
      byId: 'SELECT * FROM staff WHERE id = ?',
      list: 'SELECT * FROM staff ORDER BY id',
      setDisabled: 'UPDATE staff SET disabled = ? WHERE email = ?',
      endSessionsOf: 'DELETE FROM staff_sessions WHERE staff_id = (SELECT id FROM staff WHERE email = ?)',
      setMaxChats: 'UPDATE staff SET max_chats = ? WHERE email = ?',
      count: 'SELECT COUNT(*) AS n FROM staff WHERE disabled = 0',
      deleteExpired: 'DELETE FROM staff_sessions WHERE expires_at < ?',
      insertSession: 'INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      sessionStaff:
        'SELECT s.* FROM staff_sessions t JOIN staff s ON s.id = t.staff_id WHERE t.token_hash = ? AND t.expires_at > ? AND s.disabled = 0',
      deleteSession: 'DELETE FROM staff_sessions WHERE token_hash = ?',
    });
    this.sql = sql;
    this.setDisabledTx = db.transaction((email: string, disabled: boolean): boolean => {
      const res = sql.setDisabled.run(disabled ? 1 : 0, email);
      if (disabled) sql.endSessionsOf.run(email);
      return res.changes === 1;
    });
  }

  add(email: string, name: string, passwordHash: string) {
    return toStaff(this.sql.insert.get(email.trim(), name.trim(), passwordHash, Date.now()) as StaffDbRow);
  }

  byEmail(email: string) {
    const row = this.sql.byEmail.get(email.trim()) as StaffDbRow | undefined;
    return row && toStaff(row);
  }

  byId(id: number) {
    const row = this.sql.byId.get(id) as StaffDbRow | undefined;
    return row && toStaff(row);
  }

  list() {
    return (this.sql.list.all() as StaffDbRow[]).map(toStaff);
  }

  setDisabled(email: string, disabled: boolean) {
    return this.setDisabledTx(email.trim(), disabled);
  }

  setMaxChats(email: string, maxChats: number) {
    return this.sql.setMaxChats.run(maxChats, email.trim()).changes === 1;
  }

  count() {
    return (this.sql.count.get() as { n: number }).n;
  }

  createSession(staffId: number, ttlMs: number) {
    const token = newToken();
    const now = Date.now();
    this.sql.deleteExpired.run(now);
    this.sql.insertSession.run(sha256(token), staffId, now, now + ttlMs);
    return token;
  }

  sessionStaff(token: string) {
    const row = this.sql.sessionStaff.get(sha256(token), Date.now()) as StaffDbRow | undefined;
    return row && toStaff(row);
  }

  deleteSession(token: string) {
    this.sql.deleteSession.run(sha256(token));
  }
}
