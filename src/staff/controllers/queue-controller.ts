/**
 * The queue and "My chats" as the server last said: waiting handoffs in the server's order (most
 * urgent, then longest waiting), my chats, the teams and people a chat can be passed to, and the
 * saved replies. Claims, transfers and hand-backs are decided by the server; after a refusal the
 * queue is read again rather than guessed at.
 */
import type { ReactiveControllerHost } from 'lit';
import type { StaffClientEvents } from '../../protocol/events.ts';
import {
  ConversationStatus,
  type ConversationDetail,
  type ConversationState,
  type HandoffSummary,
  type SavedReply,
  type StaffDirectoryEntry,
  type TeamRef,
} from '../../protocol/messages.ts';
import type { AckOf } from '../../sync/request.ts';
import { sentence } from '../format.ts';
import { refused, type CallResult, type ConnectionController } from './connection-controller.ts';

/** What `queue:list` answers. */
export type QueueList = AckOf<StaffClientEvents, 'queue:list'>;

/** The server's queue order: most urgent first, then longest waiting. */
const byQueueOrder = (a: HandoffSummary, b: HandoffSummary): number => a.urgency - b.urgency || a.requestedAt - b.requestedAt;
const byName = (a: StaffDirectoryEntry, b: StaffDirectoryEntry): number => a.name.localeCompare(b.name);
const without = (list: HandoffSummary[], conversationId: string): HandoffSummary[] =>
  list.filter((s) => s.conversationId !== conversationId);

export interface QueueHooks {
  /** The server sent the queue (on every (re)connect and refresh). */
  listed(list: QueueList): void;
  /** My claim won: the chat is mine, with its transcript so far. */
  claimed(detail: ConversationDetail): void;
  /** A chat of mine left me by my own doing (transfer, hand back): why, in words. */
  left(conversationId: string, notice: string): void;
}

export class QueueController {
  /** Waiting handoffs in the server's order (most urgent, then longest waiting, first). */
  queue: HandoffSummary[] = [];
  /** Chats assigned to me. */
  mine: HandoffSummary[] = [];
  /** Teams a chat can be transferred to. */
  teams: TeamRef[] = [];
  /** Everyone a chat can be passed to, with presence and load (kept live by `staff:presence`). */
  directory: StaffDirectoryEntry[] = [];
  /** Saved replies of every site. */
  savedReplies: SavedReply[] = [];
  /** A short message about the queue, e.g. who won a claim race. */
  notice = '';
  /** When the server last confirmed the queue: what "showing what you had at HH:MM" refers to. */
  lastSyncedAt?: number;

  private readonly claims = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: ConnectionController,
    private readonly hooks: QueueHooks,
  ) {}

  /** Conversations with a claim in flight. */
  get claiming(): ReadonlySet<string> {
    return this.claims;
  }

  isMine(conversationId: string): boolean {
    return this.mine.some((s) => s.conversationId === conversationId);
  }

  /** A summary of a chat I hold or could take. */
  summaryOf(conversationId: string): HandoffSummary | undefined {
    return this.mine.find((s) => s.conversationId === conversationId) ?? this.queue.find((s) => s.conversationId === conversationId);
  }

  /** Saved replies for a site (the open chat's). */
  savedRepliesFor(siteKey: string | undefined): SavedReply[] {
    return siteKey ? this.savedReplies.filter((r) => r.siteKey === siteKey) : [];
  }

  async refresh(): Promise<void> {
    const ack = await this.connection.call('queue:list', {});
    if (!ack.ok) {
      // Offline or no answer: the next (re)connect tries again.
      if (refused(ack)) this.notice = `The queue could not be loaded: ${ack.error}`;
      this.host.requestUpdate();
      return;
    }
    this.queue = [...ack.queue].sort(byQueueOrder);
    this.mine = ack.mine;
    this.teams = ack.teams;
    this.directory = [...ack.directory].sort(byName);
    this.savedReplies = ack.savedReplies;
    this.lastSyncedAt = Date.now();
    this.hooks.listed(ack);
    this.host.requestUpdate();
  }

  /** Claims a waiting chat. Exactly one of several claimers wins. */
  async claim(conversationId: string): Promise<boolean> {
    if (this.claims.has(conversationId)) return false;
    this.claims.add(conversationId);
    this.notice = '';
    this.host.requestUpdate();
    const ack = await this.connection.call('conversation:claim', { conversationId });
    this.claims.delete(conversationId);
    if (ack.ok) {
      this.hooks.claimed(ack.detail);
      this.queue = without(this.queue, conversationId);
      this.adopt(ack.detail.summary);
    } else {
      this.notice = sentence(ack.error);
      // Refused (someone else took it, it was closed, my chats are at their maximum…): the server's
      // queue is the truth, so re-read it rather than guess which rows to drop.
      if (refused(ack)) void this.refresh();
    }
    this.host.requestUpdate();
    return ack.ok;
  }

  /**
   * Passes one of my chats to a team (it goes back to that team's queue) or to a person, with a
   * note that travels with it. On success the chat leaves "My chats".
   */
  async transfer(conversationId: string, to: { teamId: string } | { staffId: number }, note: string): Promise<CallResult> {
    const ack = await this.connection.call('conversation:transfer', { conversationId, to, note: note.trim() });
    if (ack.ok) {
      const target =
        'teamId' in to ? this.teams.find((t) => t.id === to.teamId)?.name : this.directory.find((d) => d.id === to.staffId)?.name;
      this.leave(conversationId, target ? `Passed to ${target}.` : 'Chat passed on.');
    } else if (refused(ack)) {
      // Refused (e.g. the person just reached their maximum): the directory may be stale.
      void this.refresh();
    }
    this.host.requestUpdate();
    return ack;
  }

  /** Hands one of my chats back to the assistant; the visitor can ask for a person again. */
  async release(conversationId: string): Promise<CallResult> {
    const ack = await this.connection.call('conversation:release', { conversationId });
    if (ack.ok) this.leave(conversationId, 'Handed back to the assistant.');
    this.host.requestUpdate();
    return ack;
  }

  /** A waiting chat appeared or changed (`queue:added`, `queue:updated`). */
  upsertWaiting(summary: HandoffSummary): void {
    this.queue =
      summary.status === ConversationStatus.queued
        ? [...without(this.queue, summary.conversationId), summary].sort(byQueueOrder)
        : without(this.queue, summary.conversationId);
  }

  removeWaiting(conversationId: string): void {
    this.queue = without(this.queue, conversationId);
  }

  /** A chat is mine (claimed, passed to me) or changed: first in "My chats", or updated in place. */
  adopt(summary: HandoffSummary): void {
    const index = this.mine.findIndex((s) => s.conversationId === summary.conversationId);
    if (index === -1) this.mine = [summary, ...this.mine];
    else this.mine = this.mine.map((s, i) => (i === index ? summary : s));
  }

  /** One of my chats left me (closed, transferred, released, returned to the queue). */
  drop(conversationId: string): void {
    this.mine = without(this.mine, conversationId);
  }

  /** A new message in one of my chats: its count for the list. */
  counted(conversationId: string, seq: number): void {
    const summary = this.mine.find((s) => s.conversationId === conversationId);
    if (summary) this.adopt({ ...summary, messageCount: Math.max(summary.messageCount, seq) });
  }

  /** A status change: a chat that is no longer active is not mine, one no longer queued is not waiting. */
  applyStatus(state: ConversationState): void {
    if (state.status !== ConversationStatus.active) this.drop(state.conversationId);
    if (state.status !== ConversationStatus.queued) this.removeWaiting(state.conversationId);
  }

  /** Someone's presence or load changed (`staff:presence`). */
  updatePerson(entry: StaffDirectoryEntry): void {
    this.directory = [...this.directory.filter((d) => d.id !== entry.id), entry].sort(byName);
  }

  /** The offline copy, while the server cannot be reached. */
  restore(saved: { queue: HandoffSummary[]; mine: HandoffSummary[]; savedReplies: SavedReply[]; savedAt: number }): void {
    this.queue = saved.queue;
    this.mine = saved.mine;
    this.savedReplies = saved.savedReplies;
    this.lastSyncedAt = saved.savedAt;
  }

  reset(): void {
    this.queue = [];
    this.mine = [];
    this.notice = '';
    this.claims.clear();
    this.savedReplies = [];
    this.lastSyncedAt = undefined;
  }

  private leave(conversationId: string, notice: string): void {
    this.drop(conversationId);
    this.notice = notice;
    this.hooks.left(conversationId, notice);
  }
}
