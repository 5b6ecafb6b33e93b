import { TranscriptStore } from '../../src/store/transcript-store.ts';
import type { LocalMessage, OutboxItem } from '../../src/store/schema.ts';
import { assert, equal, uniqueDbName } from '../support/browser.ts';

const message = (id: string, conversationKey: string, createdAt: number): LocalMessage => ({
  id,
  conversationKey,
  role: 'visitor',
  text: `text ${id}`,
  createdAt,
  delivery: 'sending',
});
const outbox = (m: LocalMessage): OutboxItem => ({
  id: m.id,
  conversationKey: m.conversationKey,
  createdAt: m.createdAt,
  kind: 'message',
  message: { id: m.id, role: 'visitor', text: m.text, createdAt: m.createdAt },
});

async function seeded(dbName: string) {
  const store = await TranscriptStore.open({ siteKey: 'site-a', dbName });
  await store.startSession({ siteKey: 'site-a', conversationKey: 'conv-1', lastSeq: 0, status: 'bot', startedAt: 1 });
  const a = message('msg-aaaaaaaa', 'conv-1', 1000);
  const b = message('msg-bbbbbbbb', 'conv-1', 2000);
  await store.add(a, outbox(a));
  await store.add(b, outbox(b));
  return store;
}

describe('TranscriptStore (real IndexedDB)', () => {
  it('keeps messages, outbox and session across a reopen (a reload)', async () => {
    const dbName = uniqueDbName();
    const first = await seeded(dbName);
    assert(first.persistent, 'IndexedDB should be available in Chromium');
    await first.acknowledge('msg-aaaaaaaa', { id: 'msg-aaaaaaaa', seq: 1, delivery: 'sent' });

    const reopened = await TranscriptStore.open({ siteKey: 'site-a', dbName });
    equal(reopened.getSession()?.conversationKey, 'conv-1');
    equal(
      reopened.list().map((m) => [m.id, m.delivery, m.seq ?? null]),
      [
        ['msg-aaaaaaaa', 'sent', 1],
        ['msg-bbbbbbbb', 'sending', null],
      ],
    );
    equal(
      reopened.pending().map((i) => i.id),
      ['msg-bbbbbbbb'],
      'only the unacknowledged message stays in the outbox',
    );
  });

  it('lets a second tab see what the first wrote, after reload()', async () => {
    const dbName = uniqueDbName();
    const tabA = await seeded(dbName);
    const tabB = await TranscriptStore.open({ siteKey: 'site-a', dbName });
    const c = message('msg-cccccccc', 'conv-1', 3000);
    await tabA.add(c, outbox(c));
    await tabB.reload();
    equal(tabB.list().length, 3);
  });

  it('merges server messages by id without duplicating them', async () => {
    const store = await seeded(uniqueDbName());
    const echo = { ...message('msg-aaaaaaaa', 'conv-1', 1000), seq: 1, delivery: 'sent' as const };
    await store.merge([echo, echo]);
    await store.merge([echo]);
    equal(store.list().filter((m) => m.id === 'msg-aaaaaaaa').length, 1);
    equal(store.get('msg-aaaaaaaa')?.seq, 1);
  });

  it('falls back to memory when a write hits the quota, losing nothing already shown', async () => {
    const store = await seeded(uniqueDbName());
    const realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    try {
      const d = message('msg-dddddddd', 'conv-1', 4000);
      await store.add(d, outbox(d));
      assert(!store.persistent, 'store should report it is no longer persistent');
      equal(store.failure, 'storage is full');
      equal(
        store.list().map((m) => m.id),
        ['msg-aaaaaaaa', 'msg-bbbbbbbb', 'msg-dddddddd'],
      );
      equal(store.pending().length, 3);
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
  });

  it('works in memory when IndexedDB cannot be opened at all (private mode)', async () => {
    const realOpen = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () {
      throw new DOMException('blocked', 'InvalidStateError');
    };
    try {
      const store = await TranscriptStore.open({ siteKey: 'site-a', dbName: uniqueDbName() });
      assert(!store.persistent, 'expected a memory store');
      await store.startSession({ siteKey: 'site-a', conversationKey: 'conv-2', lastSeq: 0, status: 'bot', startedAt: 1 });
      const m = message('msg-eeeeeeee', 'conv-2', 1);
      await store.add(m, outbox(m));
      equal(store.list().length, 1);
    } finally {
      IDBFactory.prototype.open = realOpen;
    }
  });
});
