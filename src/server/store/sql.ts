/** What every SQLite store shares: statements prepared once, ids and token hashes, the current hand-off. */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from '../db.ts';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');
export const newId = (): string => randomBytes(16).toString('base64url');
/** An unguessable secret (conversation and session tokens); only its hash is stored. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Prepares each statement once, when the store is made: better-sqlite3 compiles SQL on `prepare`,
 * and the stores run the same few statements on every event.
 */
export function prepareAll<K extends string>(db: Db, sql: Record<K, string>): Record<K, Database.Statement> {
  return Object.fromEntries(Object.entries<string>(sql).map(([name, text]) => [name, db.prepare(text)])) as Record<K, Database.Statement>;
}

/**
 * The id of a conversation's current hand-off, its latest request. `conversation` is an SQL
 * expression: `?` for a parameter, or a column such as `c.id` in a correlated subquery.
 */
export const latestHandoff = (conversation: string): string =>
  `(SELECT id FROM handoffs WHERE conversation_id = ${conversation} ORDER BY requested_at DESC LIMIT 1)`;
