/**
 * Who is online. A staff member is online while at least one console is connected and they have not
 * chosen (or drifted into) "away"; offline when their last console disconnects. Chats of someone
 * who stays offline longer than the grace period go back to the queue.
 */
import type { Presence } from '../protocol/messages.ts';

interface Entry {
  sockets: Set<string>;
  chosen: Exclude<Presence, 'offline'>;
  graceTimer?: ReturnType<typeof setTimeout>;
}

export class PresenceBoard {
  private readonly entries = new Map<number, Entry>();
  private stopped = false;

  constructor(
    private readonly graceMs: number,
    private readonly onGone: (staffId: number) => void,
    private readonly onChange: (staffId: number) => void,
  ) {}

  status(staffId: number): Presence {
    const entry = this.entries.get(staffId);
    return !entry || entry.sockets.size === 0 ? 'offline' : entry.chosen;
  }

  connected(staffId: number, socketId: string): void {
    const entry = this.entries.get(staffId) ?? { sockets: new Set<string>(), chosen: 'online' as const };
    clearTimeout(entry.graceTimer);
    delete entry.graceTimer;
    const wasOffline = entry.sockets.size === 0;
    entry.sockets.add(socketId);
    this.entries.set(staffId, entry);
    if (wasOffline) this.onChange(staffId);
  }

  disconnected(staffId: number, socketId: string): void {
    // Sockets closed by a shutdown must not start timers that outlive the server (and its database).
    if (this.stopped) return;
    const entry = this.entries.get(staffId);
    if (!entry) return;
    entry.sockets.delete(socketId);
    if (entry.sockets.size > 0) return;
    this.onChange(staffId);
    this.startGrace(staffId, entry);
  }

  /**
   * At start-up nobody is connected, so nobody ever "disconnects": staff who still hold chats get
   * the grace period to come back, like anyone who just went offline.
   */
  awaitReturn(staffId: number): void {
    if (this.stopped) return;
    const entry = this.entries.get(staffId) ?? { sockets: new Set<string>(), chosen: 'online' as const };
    this.entries.set(staffId, entry);
    if (entry.sockets.size === 0 && !entry.graceTimer) this.startGrace(staffId, entry);
  }

  private startGrace(staffId: number, entry: Entry): void {
    clearTimeout(entry.graceTimer);
    entry.graceTimer = setTimeout(() => {
      delete entry.graceTimer;
      if (entry.sockets.size === 0 && !this.stopped) this.onGone(staffId);
    }, this.graceMs);
    entry.graceTimer.unref?.();
  }

  choose(staffId: number, status: Exclude<Presence, 'offline'>): void {
    const entry = this.entries.get(staffId);
    if (!entry || entry.chosen === status) return;
    entry.chosen = status;
    this.onChange(staffId);
  }

  /** Ends pending grace timers and starts no more (server shutdown). */
  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) clearTimeout(entry.graceTimer);
  }
}
