/**
 * My presence as the server has it (online or away), whether the console set me away after
 * inactivity rather than by choice, and how many chats I may hold. New chats only go to people who
 * are online and below their maximum.
 */
import type { ReactiveControllerHost } from 'lit';
import { Presence, type StaffDirectoryEntry } from '../../protocol/messages.ts';
import { capitalise } from '../format.ts';
import type { Toast } from '../types.ts';
import type { ConnectionController } from './connection-controller.ts';

const DEFAULT_MAX_CHATS = 3;

export class PresenceController {
  /** My presence as the server has it. */
  presence: Presence = Presence.online;
  /** Set to away by the console after inactivity (not by choice): any interaction brings me back. */
  autoAway = false;
  /** How many chats I may hold at once. */
  maxChats = DEFAULT_MAX_CHATS;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: ConnectionController,
    private readonly toast: (toast: Omit<Toast, 'id'>) => void,
  ) {}

  /** Online or away, by choice (`auto`: the console decided after inactivity). */
  async set(status: 'online' | 'away', auto = false): Promise<boolean> {
    const ack = await this.connection.call('presence:set', { status });
    if (!ack.ok) {
      this.toast({ kind: 'presence', title: 'Presence not changed', body: capitalise(ack.error) });
      return false;
    }
    this.presence = status;
    this.autoAway = auto && status === Presence.away;
    this.host.requestUpdate();
    return true;
  }

  /** No interaction for a while: away (new chats go to others), and say so. */
  async inactive(minutes: number): Promise<void> {
    if (this.presence !== Presence.online || !this.connection.connected) return;
    if (await this.set('away', true)) {
      this.toast({
        kind: 'presence',
        title: 'You are away',
        body: `No activity for ${minutes} minutes, so new chats go to others. Touch the screen to be online again.`,
      });
    }
  }

  /** The staff member touched or typed: back online if the console had set them away. */
  async active(): Promise<void> {
    if (!this.autoAway || !this.connection.connected) return;
    this.autoAway = false;
    if (await this.set('online'))
      this.toast({ kind: 'presence', title: 'You are online again', body: 'Welcome back: new chats can come to you.' });
  }

  /** What the server says about me (the queue list, or a `staff:presence` of mine); "offline" is its view of a closed console, not mine. */
  apply(me: { presence: Presence; maxChats: number }): void {
    if (me.presence !== Presence.offline) this.presence = me.presence;
    if (this.presence === Presence.online) this.autoAway = false;
    this.maxChats = me.maxChats;
  }

  /** Someone's presence changed; mine matters here. */
  onPresence(entry: StaffDirectoryEntry, myId: number | undefined): void {
    if (entry.id !== myId) return;
    this.apply(entry);
    this.host.requestUpdate();
  }

  reset(): void {
    this.presence = Presence.online;
    this.autoAway = false;
  }
}
