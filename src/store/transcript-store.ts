/**
 * The visitor's transcript on the device. IndexedDB is the durable copy; an in-memory copy is the
 * working set the view reads. Every write goes to IndexedDB first, so nothing is shown or sent
 * that a reload would lose; if IndexedDB is unavailable or fails (quota, private mode), the store
 * carries on in memory and says so through `persistent`.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { DB_NAME, DB_VERSION, type BatonDB, type LocalMessage, type OutboxItem, type SessionRecord } from './schema.ts';

type StoreName = 'messages' | 'outbox' | 'sessions';

const byOrder = (a: LocalMessage, b: LocalMessage): number =>
  (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER) || a.createdAt - b.createdAt;

export interface TranscriptStoreOptions {
  siteKey: string;
  /** Tests pass a fresh name so runs do not share state. */
  dbName?: string;
}

export class TranscriptStore {
  private db: IDBPDatabase<BatonDB> | undefined;
  private session: SessionRecord | undefined;
  private messages = new Map<string, LocalMessage>();
  private outbox = new Map<string, OutboxItem>();
  /** Counts writes, so a reload can tell that one happened while it was reading. */
  private writes = 0;
  /** Why the store fell back to memory, if it did. */
  failure: string | undefined;

  private constructor(readonly siteKey: string) {}

  static async open(options: TranscriptStoreOptions): Promise<TranscriptStore> {
    const store = new TranscriptStore(options.siteKey);
    try {
      store.db = await openDB<BatonDB>(options.dbName ?? DB_NAME, DB_VERSION, {
        upgrade(db, oldVersion) {
          if (oldVersion < 1) {
            db.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversation', ['conversationKey', 'createdAt']);
            db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-conversation', ['conversationKey', 'createdAt']);
            db.createObjectStore('sessions', { keyPath: 'siteKey' });
          }
        },
        blocking() {
          // A newer version of the widget wants to upgrade: let it.
          store.db?.close();
        },
      });
      await store.reload();
    } catch (err) {
      store.degrade(err);
    }
    return store;
  }

  /** Releases the database connection (the element left the page). */
  close(): void {
    this.db?.close();
    this.db = undefined;
    this.failure = 'closed';
  }

  get persistent(): boolean {
    return this.db !== undefined;
  }

  /**
   * Re-reads everything for this site from IndexedDB (another tab changed it). A write of ours
   * that lands while the read is in flight would be overwritten by the older snapshot, so the
   * read is retried until no write intervened.
   */
  async reload(): Promise<void> {
    for (;;) {
      if (!this.db) return;
      const writesBefore = this.writes;
      try {
        const tx = this.db.transaction(['sessions', 'messages', 'outbox'], 'readonly');
        const session = await tx.objectStore('sessions').get(this.siteKey);
        const range = session && IDBKeyRange.bound([session.conversationKey, 0], [session.conversationKey, Number.MAX_SAFE_INTEGER]);
        const messages = range ? await tx.objectStore('messages').index('by-conversation').getAll(range) : [];
        const outbox = range ? await tx.objectStore('outbox').index('by-conversation').getAll(range) : [];
        if (this.writes !== writesBefore) continue;
        this.session = session;
        this.messages = new Map(messages.map((m) => [m.id, m]));
        this.outbox = new Map(outbox.map((o) => [o.id, o]));
        return;
      } catch (err) {
        this.degrade(err);
      }
    }
  }

  getSession(): SessionRecord | undefined {
    return this.session;
  }

  /** The current conversation's messages in display order. */
  list(): LocalMessage[] {
    return [...this.messages.values()].sort(byOrder);
  }

  get(id: string): LocalMessage | undefined {
    return this.messages.get(id);
  }

  pending(): OutboxItem[] {
    return [...this.outbox.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Starts a new local conversation; the old one stays in IndexedDB but is no longer shown. */
  async startSession(session: SessionRecord): Promise<void> {
    await this.write(['sessions'], async (tx) => {
      await tx.objectStore('sessions').put(session);
    });
    this.session = session;
    this.messages.clear();
    this.outbox.clear();
  }

  /** Read-modify-write in one transaction, so a concurrent update from another tab is not undone. */
  async updateSession(patch: Partial<SessionRecord>): Promise<SessionRecord> {
    if (!this.session) throw new Error('no session');
    let next = { ...this.session, ...patch };
    await this.write(['sessions'], async (tx) => {
      const stored = await tx.objectStore('sessions').get(this.siteKey);
      if (stored && stored.conversationKey === next.conversationKey) next = { ...stored, ...patch };
      await tx.objectStore('sessions').put(next);
    });
    this.session = next;
    return next;
  }

  /** Stores a message and, atomically with it, what must still be sent to the server. */
  async add(message: LocalMessage | undefined, item: OutboxItem | undefined): Promise<void> {
    await this.write(['messages', 'outbox'], async (tx) => {
      if (message) await tx.objectStore('messages').put(message);
      if (item) await tx.objectStore('outbox').put(item);
    });
    if (message) this.messages.set(message.id, message);
    if (item) this.outbox.set(item.id, item);
  }

  /** The server acknowledged an outbox item: drop it and record the message's server state. */
  async acknowledge(itemId: string, message?: Partial<LocalMessage> & { id: string }): Promise<void> {
    const current = message && this.messages.get(message.id);
    const next = current && { ...current, ...message };
    await this.write(['messages', 'outbox'], async (tx) => {
      await tx.objectStore('outbox').delete(itemId);
      if (next) await tx.objectStore('messages').put(next);
    });
    this.outbox.delete(itemId);
    if (next) this.messages.set(next.id, next);
  }

  /** Marks a message's delivery without touching the outbox (an ack timed out: it is still queued). */
  async patchMessage(id: string, patch: Partial<LocalMessage>): Promise<void> {
    const current = this.messages.get(id);
    if (!current) return;
    const next = { ...current, ...patch };
    await this.write(['messages'], async (tx) => {
      await tx.objectStore('messages').put(next);
    });
    this.messages.set(id, next);
  }

  /** Messages from the server (other tabs, staff, system, resync): merged by id, never duplicated. */
  async merge(incoming: LocalMessage[]): Promise<LocalMessage[]> {
    const changed = incoming
      .map((m) => {
        const current = this.messages.get(m.id);
        return current ? { ...current, seq: m.seq, delivery: m.delivery, ...(m.authorName ? { authorName: m.authorName } : {}) } : m;
      })
      .filter((m) => {
        const current = this.messages.get(m.id);
        return !current || current.seq !== m.seq || current.delivery !== m.delivery;
      });
    if (changed.length === 0) return [];
    await this.write(['messages'], async (tx) => {
      for (const m of changed) await tx.objectStore('messages').put(m);
    });
    for (const m of changed) this.messages.set(m.id, m);
    return changed;
  }

  /**
   * One write transaction. The outbox is the promise "this will reach the server", so writes are
   * strict-durable (Chrome's default is relaxed). On failure the store continues in memory.
   */
  private async write(stores: StoreName[], body: (tx: IDBPTransaction<BatonDB, StoreName[], 'readwrite'>) => Promise<void>): Promise<void> {
    if (!this.db) return;
    this.writes++;
    try {
      const tx = this.db.transaction(stores, 'readwrite', { durability: 'strict' });
      await Promise.all([body(tx), tx.done]);
    } catch (err) {
      this.degrade(err);
    }
  }

  private degrade(err: unknown): void {
    const name = err instanceof DOMException || err instanceof Error ? err.name : 'Error';
    this.failure = name === 'QuotaExceededError' ? 'storage is full' : 'storage is unavailable';
    console.warn('[baton] IndexedDB unavailable, keeping the chat in memory:', err);
    try {
      this.db?.close();
    } catch {
      // Already closed or never opened: nothing to release.
    }
    this.db = undefined;
  }
}
