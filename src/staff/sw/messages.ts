/**
 * What the staff console and its service worker say to each other (postMessage), and what a
 * notification carries. Types only: the worker bundle must not share runtime code with the page.
 */

/** One thing worth telling a staff member about; the Web Push payload has the same shape. */
export interface NotificationPayload {
  kind: 'handoff' | 'message' | 'transfer';
  conversationId: string;
  title: string;
  body: string;
  /** Where a tap leads (`/staff#chat/<id>`). */
  url: string;
  /** When it happened (ms), for de-duplication. */
  at: number;
}

export interface DeviceSettingsMessage {
  notifications: boolean;
  sound: boolean;
  vibration: boolean;
}

export type PageToWorker =
  /** The console is hidden: show this notification (the worker applies the device settings). */
  | { type: 'baton-notify'; payload: NotificationPayload }
  /** The device settings changed; the worker keeps a copy for pushes that come while no console runs. */
  | { type: 'baton-settings'; settings: DeviceSettingsMessage }
  | { type: 'baton-clear-notifications' };

export type WorkerToPage =
  /** A notification was tapped: open this chat. */
  | { type: 'baton-open-chat'; conversationId: string }
  /** A push arrived while this console was focused (it shows a toast instead of a notification). */
  | { type: 'baton-push'; payload: NotificationPayload };
