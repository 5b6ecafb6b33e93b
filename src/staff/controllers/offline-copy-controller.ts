/**
 * The console's offline copy: after every sync the queue, my chats and their transcripts are
 * written to IndexedDB ({@link OfflineStore}); when the server cannot be reached at start, that copy
 * is shown, dated, while the console keeps trying to reach the server.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsoleState } from './console-state.ts';
import { OfflineStore, type ChatSnapshot, type QueueSnapshot } from './offline-store.ts';

/** Writes are gathered for this long (a burst of messages is one write). */
const SAVE_DEBOUNCE_MS = 500;
/** How often the console tries the server again while it shows the copy. */
const RETRY_MS = 5000;

export class OfflineCopyController implements ReactiveController {
  /** Showing the copy from IndexedDB, saved at this time (the server could not be reached at start). */
  offlineSince?: number;

  private readonly store = new OfflineStore();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setInterval>;

  constructor(
    host: ReactiveControllerHost,
    private readonly from: Pick<ConsoleState, 'queue' | 'chats' | 'presence' | 'session'>,
    /** Try the server again (the session decides what its answer means). */
    private readonly retry: () => Promise<void>,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearInterval(this.retryTimer);
  }

  /** Connected: the server's view replaces the copy from now on. */
  connected(): void {
    this.offlineSince = undefined;
    clearInterval(this.retryTimer);
  }

  /** Writes the copy (debounced): the queue, my chats and their transcripts. */
  save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      const me = this.from.session.me;
      if (!me || this.offlineSince) return;
      const { queue, chats, presence } = this.from;
      const keep = new Set([...queue.mine.map((s) => s.conversationId), ...(chats.openId ? [chats.openId] : [])]);
      const snapshot: QueueSnapshot = {
        key: 'last',
        me,
        queue: queue.queue,
        mine: queue.mine,
        presence: presence.presence,
        maxChats: presence.maxChats,
        savedReplies: queue.savedReplies,
        savedAt: queue.lastSyncedAt ?? Date.now(),
      };
      void this.store.save(snapshot, chats.snapshot(keep, Date.now()));
    }, SAVE_DEBOUNCE_MS);
  }

  /** The server is unreachable at start: the copy (if this device has one), and keep trying. */
  async restore(): Promise<{ snapshot: QueueSnapshot; chats: ChatSnapshot[] } | undefined> {
    const copy = await this.store.load();
    if (!copy) return undefined;
    this.offlineSince = copy.snapshot.savedAt;
    clearInterval(this.retryTimer);
    this.retryTimer = setInterval(() => void this.retry(), RETRY_MS);
    return copy;
  }

  /** Tries the server now (pull to refresh while the copy shows). */
  retryNow(): Promise<void> {
    return this.retry();
  }

  /** The server answered (signed in or out): stop trying. */
  stopRetrying(): void {
    clearInterval(this.retryTimer);
  }

  /** Signed out: the copy goes too. */
  clear(): Promise<void> {
    return this.store.clear();
  }

  reset(): void {
    clearInterval(this.retryTimer);
    clearTimeout(this.saveTimer);
    this.offlineSince = undefined;
  }
}
