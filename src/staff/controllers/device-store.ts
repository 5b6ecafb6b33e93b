/**
 * What this device remembers for the console, in localStorage (synchronous, so a draft is there
 * the moment a chat opens after a reload): notification/sound/vibration settings, reply drafts per
 * conversation and how far each chat has been read. Keys are per staff member, so a shared device
 * never shows one person's drafts to another; everything is removed on sign-out. Storage can be
 * unavailable or full (private modes, quota): then nothing is remembered and nothing breaks.
 */

export interface DeviceSettings {
  /** Show notifications (and keep a push subscription) on this device. */
  notifications: boolean;
  /** A short chime in the console for new chats and messages. */
  sound: boolean;
  /** Vibrate on new chats and messages, where the device can. */
  vibration: boolean;
}

export const DEFAULT_SETTINGS: DeviceSettings = { notifications: true, sound: true, vibration: true };

const PREFIX = 'baton-staff:';

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch {
    // Private mode or full: this device does not remember it.
  }
}

export function loadSettings(): DeviceSettings {
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(read('settings') ?? '{}') as Partial<DeviceSettings>) };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(settings: DeviceSettings): void {
  write('settings', JSON.stringify(settings));
}

export function loadDraft(staffId: number, conversationId: string): string {
  return read(`draft:${staffId}:${conversationId}`) ?? '';
}

export function saveDraft(staffId: number, conversationId: string, text: string): void {
  write(`draft:${staffId}:${conversationId}`, text.trim() ? text : null);
}

/** The highest `seq` of each chat the staff member has seen. */
export function loadReadMarks(staffId: number): Map<string, number> {
  try {
    return new Map(Object.entries(JSON.parse(read(`read:${staffId}`) ?? '{}') as Record<string, number>));
  } catch {
    return new Map();
  }
}

export function saveReadMarks(staffId: number, marks: ReadonlyMap<string, number>): void {
  // Only the newest 200 chats: old ones are closed and would only grow the entry.
  write(`read:${staffId}`, JSON.stringify(Object.fromEntries([...marks].slice(-200))));
}

/** Sign-out: drafts and read marks of everyone go (device settings stay: they belong to the device). */
export function forgetPeople(): void {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`${PREFIX}draft:`) || key.startsWith(`${PREFIX}read:`)) localStorage.removeItem(key);
    }
  } catch {
    // Nothing stored.
  }
}
