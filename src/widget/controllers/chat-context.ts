/**
 * What the widget's controllers share: the transcript store, the conversation as last shown, and
 * the two ways of saying "something changed". `ChatController` implements it and hands itself to
 * each of them, so none of them reaches into another's state.
 */
import type { SessionRecord } from '../../store/schema.ts';
import type { TranscriptStore } from '../../store/transcript-store.ts';

export interface ChatContext {
  /** The store, opened on first use (IndexedDB, or memory when that is unavailable). */
  store(): Promise<TranscriptStore>;
  /** The store once it is open; undefined before. */
  readonly openStore: TranscriptStore | undefined;
  /** The store with a current conversation (a new one, with the greeting, if there is none). */
  ensureSession(): Promise<TranscriptStore>;
  /** The conversation as last rendered. */
  readonly session: SessionRecord | undefined;
  /** The visitor has the panel open (so nothing arriving counts as unread). */
  readonly panelOpen: boolean;
  /** A local change: re-render, and tell the other tabs to re-read IndexedDB. */
  changed(): void;
  /** Re-render from the store (after reading what another tab wrote). */
  refresh(): void;
  /** A live socket, if there is none yet. */
  connect(): void;
  /** Send the outbox. */
  flush(): Promise<void>;
}
