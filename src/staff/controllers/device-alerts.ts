/**
 * How this device gets a staff member's attention: the service worker (registered here), the
 * notification permission (asked only from a button), the Web Push subscription (sent to the
 * server), notifications while the console is hidden (shown by the worker, so one code path
 * applies the settings and de-duplicates with pushes), a short chime (Web Audio, no file) and
 * vibration. Owned by the AttentionController; views read its state through the staff controller.
 */
import type { NotificationPayload, PageToWorker, WorkerToPage } from '../sw/messages.ts';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, type DeviceSettings } from './device-store.ts';
import type { StaffApi } from './staff-api.ts';

export const PushStatus = {
  /** This browser has no service worker / Push API / Notification API (or not on this page). */
  unsupported: 'unsupported',
  /** Not subscribed (yet, or turned off). */
  off: 'off',
  /** Subscribing… */
  working: 'working',
  on: 'on',
  /** Permission granted, but the browser's push service refused or is unreachable. */
  failed: 'failed',
} as const;
export type PushStatus = (typeof PushStatus)[keyof typeof PushStatus];

export type Permission = NotificationPermission | 'unsupported';

const SW_URL = '/staff/sw.js';
const SW_SCOPE = '/staff';
const VIBRATION = [180, 80, 180];

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** "Android phone · Chrome": a name for this device in the server's subscription list. */
function deviceName(): string {
  const ua = navigator.userAgent;
  const os = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X/.test(ua)
            ? 'Mac'
            : /Linux/.test(ua)
              ? 'Linux'
              : 'Device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'browser';
  return `${os} · ${browser}`;
}

export class DeviceAlerts {
  settings: DeviceSettings = loadSettings();
  permission: Permission = typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  push: PushStatus = PushStatus.off;
  /** Why push could not be turned on, in words. */
  pushError = '';
  /** The worker is installed: the console opens without a network. */
  offlineReady = false;

  private registration?: ServiceWorkerRegistration;
  private audio?: AudioContext;
  private started = false;

  constructor(
    private readonly api: StaffApi,
    private readonly baseUrl: string,
    private readonly onChange: () => void,
    private readonly onWorkerMessage: (message: WorkerToPage) => void,
  ) {}

  /** Service workers only work on the page the server serves at /staff (not in component tests). */
  private get workerSupported(): boolean {
    return 'serviceWorker' in navigator && !this.baseUrl && location.pathname === SW_SCOPE;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (!this.workerSupported) {
      this.push = PushStatus.unsupported;
      return;
    }
    if (!('PushManager' in window)) this.push = PushStatus.unsupported;
    navigator.serviceWorker.addEventListener('message', this.onMessage);
    navigator.serviceWorker
      .register(SW_URL, { scope: SW_SCOPE })
      .then(async (registration) => {
        this.registration = registration;
        await navigator.serviceWorker.ready;
        this.offlineReady = true;
        this.mirrorSettings();
        if (this.push !== PushStatus.unsupported) {
          const existing = await registration.pushManager.getSubscription().catch(() => null);
          if (existing) this.push = PushStatus.on;
        }
        this.onChange();
      })
      .catch(() => {
        this.push = PushStatus.unsupported;
        this.onChange();
      });
  }

  stop(): void {
    if (this.workerSupported) navigator.serviceWorker.removeEventListener('message', this.onMessage);
    this.started = false;
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const message = event.data as WorkerToPage | undefined;
    if (message?.type === 'baton-open-chat' || message?.type === 'baton-push') this.onWorkerMessage(message);
  };

  /** From the "Turn on notifications" button: asks for permission, then subscribes to push. */
  async enable(): Promise<void> {
    this.unlockAudio();
    if (this.permission === 'unsupported') return;
    if (this.permission !== 'granted') {
      this.permission = await Notification.requestPermission();
      this.onChange();
    }
    if (this.permission !== 'granted') return;
    this.set('notifications', true);
    await this.subscribe();
  }

  /** Turns notifications off on this device: no push subscription, nothing shown. */
  async disable(): Promise<void> {
    this.set('notifications', false);
    await this.unsubscribe();
  }

  /** After sign-in: a device that had notifications on re-sends its subscription (it now belongs to whoever signed in). */
  async resume(): Promise<void> {
    if (this.settings.notifications && this.permission === 'granted') await this.subscribe();
  }

  /** Before sign-out (the session cookie is still valid): this device stops receiving that person's pushes. */
  async signOut(): Promise<void> {
    await this.unsubscribe();
    this.post({ type: 'baton-clear-notifications' });
  }

  private async subscribe(): Promise<void> {
    const registration = this.registration;
    if (!registration || this.push === PushStatus.unsupported) return;
    this.push = PushStatus.working;
    this.pushError = '';
    this.onChange();
    try {
      const publicKey = await this.api.pushKey();
      let subscription = await registration.pushManager.getSubscription();
      // A subscription made with another server key cannot be used: start again.
      const current = subscription?.options.applicationServerKey;
      if (
        subscription &&
        current &&
        btoa(String.fromCharCode(...new Uint8Array(current))) !== btoa(String.fromCharCode(...keyBytes(publicKey)))
      ) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      await this.api.subscribe({ ...subscription.toJSON(), device: deviceName() });
      this.push = PushStatus.on;
    } catch (err) {
      this.push = PushStatus.failed;
      this.pushError = `Notifications work while Baton is open, but not when it is closed: ${(err as Error).message || 'the push service is unreachable'}.`;
    }
    this.onChange();
  }

  private async unsubscribe(): Promise<void> {
    const subscription = await this.registration?.pushManager.getSubscription().catch(() => null);
    if (!subscription) return;
    try {
      await this.api.unsubscribe(subscription.endpoint);
    } catch {
      // Offline: the server deletes it once the push service says it is gone.
    }
    await subscription.unsubscribe().catch(() => undefined);
    this.push = PushStatus.off;
    this.onChange();
  }

  set<K extends keyof DeviceSettings>(key: K, value: DeviceSettings[K]): void {
    this.settings = { ...this.settings, [key]: value };
    saveSettings(this.settings);
    this.mirrorSettings();
    this.onChange();
  }

  private mirrorSettings(): void {
    this.post({ type: 'baton-settings', settings: { ...DEFAULT_SETTINGS, ...this.settings } });
  }

  private post(message: PageToWorker): void {
    (this.registration?.active ?? navigator.serviceWorker?.controller)?.postMessage(message);
  }

  /**
   * Something happened. Hidden console: a system notification (through the worker) plus sound and
   * vibration as set; visible: only the chime (the console shows a toast and the unread count).
   */
  alert(payload: NotificationPayload, hidden: boolean): void {
    if (this.settings.sound) this.chime(payload.kind === 'message' ? 1 : 2);
    if (hidden && this.settings.vibration) navigator.vibrate?.(VIBRATION);
    if (!hidden || !this.settings.notifications || this.permission !== 'granted') return;
    if (this.registration?.active) this.post({ type: 'baton-notify', payload });
    else if (this.registration)
      void this.registration.showNotification(payload.title, { body: payload.body, tag: `baton-${payload.conversationId}`, data: payload });
  }

  /** Browsers start audio only after a tap: the console calls this on the first interaction. */
  unlockAudio(): void {
    if (this.audio) {
      if (this.audio.state === 'suspended') void this.audio.resume().catch(() => undefined);
      return;
    }
    if (typeof AudioContext === 'undefined') return;
    try {
      this.audio = new AudioContext();
    } catch {
      this.audio = undefined;
    }
  }

  /** One or two short soft tones (about 0.3 s). */
  chime(notes = 2): void {
    const ctx = this.audio;
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime + 0.01;
    [880, 1320].slice(0, notes).forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t = start + i * 0.14;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.18, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.13);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.15);
    });
  }
}
