/**
 * The console's offline copy in IndexedDB: the last queue, my chats and their transcripts, so an
 * installed console opened without a connection shows what the staff member had, clearly dated.
 * The server stays the source of truth: this is only read when it cannot be reached, and it is
 * replaced after every successful sync. Deleted on sign-out.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StaffMember } from '../../protocol/events.ts';
import type { ConversationDetail, HandoffSummary, Presence, SavedReply, StoredMessage } from '../../protocol/messages.ts';

export const OFFLINE_DB = 'baton-staff';
export const OFFLINE_DB_VERSION = 1;

export interface QueueSnapshot {
  /** Always `'last'`: one snapshot per device (the last person signed in). */
  key: 'last';
  me: StaffMember;
  queue: HandoffSummary[];
  mine: HandoffSummary[];
  presence: Presence;
  maxChats: number;
  savedReplies: SavedReply[];
  /** When the server last confirmed all of this. */
  savedAt: number;
}

export interface ChatSnapshot {
  conversationId: string;
  summary?: HandoffSummary;
  messages: StoredMessage[];
  packet?: ConversationDetail['packet'];
  notes?: ConversationDetail['notes'];
  savedAt: number;
}

interface OfflineDB extends DBSchema {
  snapshot: { key: 'last'; value: QueueSnapshot };
  chats: { key: string; value: ChatSnapshot };
}

export class OfflineStore {
  private db?: Promise<IDBPDatabase<OfflineDB> | undefined>;

  private open(): Promise<IDBPDatabase<OfflineDB> | undefined> {
    this.db ??= openDB<OfflineDB>(OFFLINE_DB, OFFLINE_DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('snapshot', { keyPath: 'key' });
          db.createObjectStore('chats', { keyPath: 'conversationId' });
        }
      },
    }).catch(() => undefined); // private mode, blocked storage: no offline copy
    return this.db;
  }

  async load(): Promise<{ snapshot: QueueSnapshot; chats: ChatSnapshot[] } | undefined> {
    try {
      const db = await this.open();
      if (!db) return undefined;
      const tx = db.transaction(['snapshot', 'chats']);
      const [snapshot, chats] = await Promise.all([tx.objectStore('snapshot').get('last'), tx.objectStore('chats').getAll(), tx.done]);
      return snapshot ? { snapshot, chats } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Replaces the copy: the queue snapshot and exactly these chats. */
  async save(snapshot: QueueSnapshot, chats: ChatSnapshot[]): Promise<void> {
    try {
      const db = await this.open();
      if (!db) return;
      const tx = db.transaction(['snapshot', 'chats'], 'readwrite');
      const store = tx.objectStore('chats');
      const keep = new Set(chats.map((c) => c.conversationId));
      const stale = (await store.getAllKeys()).filter((k) => !keep.has(k));
      await Promise.all([
        tx.objectStore('snapshot').put(snapshot),
        ...chats.map((c) => store.put(c)),
        ...stale.map((k) => store.delete(k)),
        tx.done,
      ]);
    } catch {
      // Quota or a closed database: the next sync tries again.
    }
  }

  async clear(): Promise<void> {
    try {
      const db = await this.open();
      if (!db) return;
      const tx = db.transaction(['snapshot', 'chats'], 'readwrite');
      await Promise.all([tx.objectStore('snapshot').clear(), tx.objectStore('chats').clear(), tx.done]);
    } catch {
      // Nothing to clear.
    }
  }
}
