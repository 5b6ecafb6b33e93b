/** The embedded SQLite database: one file in the data folder, migrated step by step. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE staff (
     id INTEGER PRIMARY KEY,
     email TEXT NOT NULL UNIQUE COLLATE NOCASE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE staff_sessions (
     token_hash TEXT PRIMARY KEY,
     staff_id INTEGER NOT NULL REFERENCES staff(id),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     site_key TEXT NOT NULL,
     token_hash TEXT NOT NULL,
     status TEXT NOT NULL,
     assigned_staff_id INTEGER REFERENCES staff(id),
     last_seq INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX conversations_status ON conversations(status);
   CREATE TABLE messages (
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     seq INTEGER NOT NULL,
     id TEXT NOT NULL,
     role TEXT NOT NULL,
     author_name TEXT,
     text TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     stored_at INTEGER NOT NULL,
     PRIMARY KEY (conversation_id, seq),
     UNIQUE (conversation_id, id)
   );
   CREATE TABLE handoffs (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     reason TEXT NOT NULL,
     context TEXT NOT NULL,
     requested_at INTEGER NOT NULL,
     claimed_by INTEGER REFERENCES staff(id),
     claimed_at INTEGER,
     closed_at INTEGER
   );
   CREATE INDEX handoffs_conversation ON handoffs(conversation_id);
   CREATE TABLE contacts (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     contact TEXT NOT NULL,
     message TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );`,
  // Triage-driven handoff: triage and assistant data per message, the handoff packet, routing and
  // the measures (time to handoff, first reply, rating, context completeness), staff capacity.
  `ALTER TABLE messages ADD COLUMN meta TEXT;
   ALTER TABLE handoffs ADD COLUMN packet TEXT;
   ALTER TABLE handoffs ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE handoffs ADD COLUMN urgency INTEGER NOT NULL DEFAULT 99;
   ALTER TABLE handoffs ADD COLUMN team_id TEXT;
   ALTER TABLE handoffs ADD COLUMN first_trigger_at INTEGER;
   ALTER TABLE handoffs ADD COLUMN first_staff_reply_at INTEGER;
   ALTER TABLE handoffs ADD COLUMN had_context INTEGER;
   ALTER TABLE conversations ADD COLUMN team_id TEXT;
   ALTER TABLE conversations ADD COLUMN first_visitor_at INTEGER;
   ALTER TABLE conversations ADD COLUMN rating INTEGER;
   ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
   ALTER TABLE staff ADD COLUMN max_chats INTEGER NOT NULL DEFAULT 3;
   CREATE TABLE notes (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     author TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX notes_conversation ON notes(conversation_id);
   CREATE INDEX handoffs_requested ON handoffs(requested_at);
   CREATE INDEX conversations_created ON conversations(created_at);`,
  // Web Push: one subscription per staff member and device; the endpoint identifies the device.
  `CREATE TABLE push_subscriptions (
     endpoint TEXT PRIMARY KEY,
     staff_id INTEGER NOT NULL REFERENCES staff(id),
     p256dh TEXT NOT NULL,
     auth TEXT NOT NULL,
     device TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX push_subscriptions_staff ON push_subscriptions(staff_id);`,
  // Limits per client: who started a conversation (a salted hash of the site and address, never the
  // address itself), so one client's waiting chats can be counted.
  `ALTER TABLE conversations ADD COLUMN client TEXT;
   CREATE INDEX conversations_client ON conversations(client, status);`,
];

export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'baton.sqlite'));
  db.pragma('journal_mode = WAL');
  // An ack promises the message survives a crash or power loss, so every commit is synced.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
