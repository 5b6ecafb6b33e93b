/**
 * The staff console's service worker (`/staff/sw.js`, scope `/staff`), a classic script built by
 * Vite (see vite.config.ts and sw-precache-plugin.ts). It:
 * - precaches the console shell (the page and the assets it loads, listed at build time) and
 *   serves it cache-first, so the console opens at once and also without a network;
 * - turns a Web Push message into a notification (one per conversation, re-alerting), unless a
 *   focused console window already shows that chat;
 * - on a tap, focuses an open console and tells it which chat to open, or opens a new one;
 * - shows notifications the open console asks for while it is hidden (same rules, one code path).
 *
 * It imports nothing at runtime, so the bundle stays one self-contained classic script; types
 * that lib.dom lacks for a service worker are declared in sw-types.ts.
 */
import type { NotificationPayload, PageToWorker, WorkerToPage } from './messages.ts';
import type {
  ExtendableEvent,
  ExtendableMessageEvent,
  FetchEvent,
  NotificationEvent,
  PushEvent,
  ServiceWorkerScope,
  WindowClient,
} from './sw-types.ts';

declare const self: ServiceWorkerScope;

interface Precache {
  version: string;
  files: string[];
}

/** Replaced at build time by the list of files the console needs; in dev it stays unparsable. */
const PRECACHE: Precache = (() => {
  try {
    return JSON.parse('__BATON_PRECACHE__') as Precache;
  } catch {
    return { version: 'dev', files: [] };
  }
})();

const SHELL_CACHE = `baton-staff-shell-${PRECACHE.version}`;
/** Device settings the console mirrors here (notifications, sound, vibration). */
const DEVICE_CACHE = 'baton-staff-device';
const SETTINGS_URL = '/staff/__device-settings';
const SHELL_URL = '/staff';
const VIBRATION = [180, 80, 180];

interface DeviceSettings {
  notifications: boolean;
  sound: boolean;
  vibration: boolean;
}

type RichOptions = NotificationOptions & { renotify?: boolean; vibrate?: number[]; timestamp?: number };

self.addEventListener('install', (event: ExtendableEvent) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `cache: 'reload'`: never fill the shell from the HTTP cache of an older build.
      await cache.addAll(PRECACHE.files.map((url) => new Request(url, { cache: 'reload', credentials: 'same-origin' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('baton-staff-shell-') && key !== SHELL_CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event: FetchEvent) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isShell = request.mode === 'navigate' && url.pathname === SHELL_URL;
  if (!isShell && !PRECACHE.files.includes(url.pathname)) return;
  event.respondWith(
    (async () => {
      const cached = await caches.match(isShell ? SHELL_URL : url.pathname, { cacheName: SHELL_CACHE, ignoreSearch: isShell });
      return cached ?? fetch(request);
    })(),
  );
});

async function settings(): Promise<DeviceSettings> {
  const defaults: DeviceSettings = { notifications: true, sound: true, vibration: true };
  try {
    const res = await (await caches.open(DEVICE_CACHE)).match(SETTINGS_URL);
    return res ? { ...defaults, ...((await res.json()) as Partial<DeviceSettings>) } : defaults;
  } catch {
    return defaults;
  }
}

async function consoleWindows(): Promise<WindowClient[]> {
  const all = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return all.filter((c) => new URL(c.url).pathname === SHELL_URL);
}

const openChatOf = (client: WindowClient): string | undefined => /#chat\/([\w-]+)$/.exec(client.url)?.[1];

/**
 * Shows a notification for `payload`. `fromPage`: the console itself asked (it is hidden), so the
 * focused-window check is skipped. A notification with the same tag and body shown in the last
 * minute (the console and a push both reporting one event) is not shown twice.
 */
async function present(payload: NotificationPayload, fromPage: boolean): Promise<void> {
  const prefs = await settings();
  if (!prefs.notifications) return;
  let silent = !prefs.sound && !prefs.vibration;
  if (!fromPage) {
    const focused = (await consoleWindows()).find((c) => c.visibilityState === 'visible' && c.focused);
    if (focused) {
      const message: WorkerToPage = { type: 'baton-push', payload };
      focused.postMessage(message);
      // The chat is on screen already: nothing to announce. Another chat: the console shows a toast.
      if (openChatOf(focused) === payload.conversationId) return;
      silent = true;
    }
  }
  const tag = `baton-${payload.conversationId}`;
  const shown = await self.registration.getNotifications({ tag });
  const duplicate = shown.some(
    (n) =>
      n.body === payload.body &&
      (n.data as NotificationPayload | undefined)?.kind === payload.kind &&
      Date.now() - ((n.data as NotificationPayload | undefined)?.at ?? 0) < 60_000,
  );
  if (duplicate) return;
  const options: RichOptions = {
    body: payload.body,
    tag,
    // One notification per conversation, replaced by the latest, and it alerts again.
    renotify: true,
    icon: '/staff/icons/icon-192.png',
    badge: '/staff/icons/badge-96.png',
    data: payload,
    timestamp: payload.at,
    silent,
    ...(prefs.vibration && !silent ? { vibrate: VIBRATION } : {}),
    requireInteraction: payload.kind !== 'message',
  };
  await self.registration.showNotification(payload.title, options);
}

self.addEventListener('push', (event: PushEvent) => {
  let payload: NotificationPayload | undefined;
  try {
    payload = event.data?.json() as NotificationPayload | undefined;
  } catch {
    payload = undefined;
  }
  if (!payload?.conversationId || !/^[\w-]{8,64}$/.test(payload.conversationId)) {
    // Something we cannot read still gets a notification: browsers penalise silent pushes.
    event.waitUntil(
      self.registration.showNotification('Baton', {
        body: 'Something new in the staff console.',
        tag: 'baton-unknown',
        data: { url: SHELL_URL },
      }),
    );
    return;
  }
  event.waitUntil(present({ ...payload, at: payload.at ?? Date.now(), url: `${SHELL_URL}#chat/${payload.conversationId}` }, false));
});

/** Focuses a console window and tells it to open the chat, or opens a console at that chat. */
async function openChat(conversationId: string | undefined): Promise<void> {
  const url = conversationId ? `${SHELL_URL}#chat/${conversationId}` : SHELL_URL;
  const windows = await consoleWindows();
  const target = windows.find((c) => c.focused) ?? windows.find((c) => c.visibilityState === 'visible') ?? windows[0];
  if (!target) {
    await self.clients.openWindow(url);
    return;
  }
  if (conversationId) {
    const message: WorkerToPage = { type: 'baton-open-chat', conversationId };
    target.postMessage(message);
  }
  try {
    await target.focus();
  } catch {
    // Focusing needs the user's tap; the chat still opens in that window.
  }
}

self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const data = event.notification.data as Partial<NotificationPayload> | undefined;
  event.waitUntil(openChat(data?.conversationId));
});

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const message = event.data as PageToWorker | undefined;
  if (message?.type === 'baton-notify') event.waitUntil(present(message.payload, true));
  else if (message?.type === 'baton-settings') {
    event.waitUntil(
      caches
        .open(DEVICE_CACHE)
        .then((cache) =>
          cache.put(SETTINGS_URL, new Response(JSON.stringify(message.settings), { headers: { 'content-type': 'application/json' } })),
        ),
    );
  } else if (message?.type === 'baton-clear-notifications') {
    // Signed out on this device: nothing of the last person's chats stays on the lock screen.
    event.waitUntil(self.registration.getNotifications().then((list) => list.forEach((n) => n.close())));
  }
});
