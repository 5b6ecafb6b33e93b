/**
 * Web Push for staff: VAPID keys made on first start and kept in the data folder, one push
 * subscription per staff member and device (see store/push.ts), and the {@link Notifier} the hub calls for a
 * new handoff, a visitor message in an assigned chat and a transfer to a person.
 *
 * `web-push` encrypts (RFC 8291, aes128gcm) and signs (VAPID, RFC 8292) each message; the request
 * itself goes out with `fetch`, which also reaches a plain-http push service stand-in in tests.
 * Subscriptions the push service answers 404 or 410 for are gone for good and are deleted.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import webPush from 'web-push';
import { z } from 'zod';
import { signedIn } from './auth.ts';
import type { Db } from './db.ts';
import type { Notifier, StaffNotification } from './hub.ts';
import { PushSubscriptionStore, type StoredSubscription } from './store/push.ts';
import type { StaffStore } from './store/staff.ts';
import { describeIssues } from './validate.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** What the service worker receives (JSON, encrypted). */
export interface PushPayload extends StaffNotification {
  /** Where a tap on the notification leads. */
  url: string;
  /** Server time of the event, for ordering and de-duplication on the device. */
  at: number;
}

export interface PushOptions {
  /** VAPID `sub` claim: a `mailto:` or `https:` contact for push services (Apple insists on a real one). */
  subject?: string;
  /** Accept `http:` subscription endpoints (tests only: real push services are https). */
  allowHttpEndpoints?: boolean;
  /** How long a push service keeps an undelivered message, in seconds. */
  ttlSeconds?: number;
  /** Log failed deliveries (off in tests). */
  quiet?: boolean;
}

const SEND_TIMEOUT_MS = 10_000;

/** Reads `vapid.json` from the data folder, or makes a key pair and stores it there (owner-only). */
export function loadVapidKeys(dataDir: string): VapidKeys {
  const file = join(dataDir, 'vapid.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    if (typeof stored.publicKey === 'string' && typeof stored.privateKey === 'string')
      return { publicKey: stored.publicKey, privateKey: stored.privateKey };
    throw new Error(`${file} is not a VAPID key file; move it away and Baton makes a new one (staff then turn notifications on again).`);
  }
  const keys = webPush.generateVAPIDKeys();
  try {
    // `wx`: if two processes start at once, the second one reads the first one's keys.
    writeFileSync(file, `${JSON.stringify({ ...keys, createdAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadVapidKeys(dataDir);
    throw err;
  }
  chmodSync(file, 0o600);
  return keys;
}

const base64url = (bytes: number) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine((s) => Buffer.from(s, 'base64url').length === bytes, `must decode to ${bytes} bytes`);

/** A `PushSubscription.toJSON()` plus a label for the device. */
export const PushSubscriptionInput = z.object({
  endpoint: z.url().max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    /** The browser's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url(65),
    /** The shared auth secret (16 bytes). */
    auth: base64url(16),
  }),
  device: z.string().trim().max(120).optional(),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

const Unsubscribe = z.object({ endpoint: z.url().max(2000) });

/** A push service's answer to one delivery. */
export interface DeliveryResult {
  endpoint: string;
  staffId: number;
  status: number | 'error';
  /** The subscription was deleted (404/410). */
  removed: boolean;
}

/** The Web Push side of the server: the HTTP routes for the console and the hub's notifier. */
export class PushService implements Notifier {
  readonly router: Router;
  readonly subscriptions: PushSubscriptionStore;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly subject: string;
  private readonly ttl: number;

  constructor(
    db: Db,
    private readonly staff: StaffStore,
    readonly keys: VapidKeys,
    private readonly options: PushOptions = {},
  ) {
    this.subscriptions = new PushSubscriptionStore(db);
    this.subject = options.subject ?? process.env.VAPID_SUBJECT ?? 'mailto:baton@example.com';
    this.ttl = options.ttlSeconds ?? 3600;
    this.router = this.routes();
  }

  /** Sends `notification` to every device of every staff member in `staffIds`. Never throws. */
  notify(staffIds: readonly number[], notification: StaffNotification): void {
    const job = this.send(staffIds, notification).catch((err: unknown) => this.log(`push failed: ${(err as Error).message}`));
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  /** Resolves once every delivery started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async send(staffIds: readonly number[], notification: StaffNotification): Promise<DeliveryResult[]> {
    const active = [...new Set(staffIds)].filter((id) => {
      const member = this.staff.byId(id);
      return member && !member.disabled;
    });
    const payload: PushPayload = { ...notification, url: `/staff#chat/${notification.conversationId}`, at: Date.now() };
    const body = JSON.stringify(payload);
    return Promise.all(this.subscriptions.forStaff(active).map((sub) => this.deliver(sub, body, notification)));
  }

  private async deliver(sub: StoredSubscription, body: string, notification: StaffNotification): Promise<DeliveryResult> {
    const details = webPush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, body, {
      vapidDetails: { subject: this.subject, ...this.keys },
      TTL: this.ttl,
      contentEncoding: 'aes128gcm',
      // A waiting visitor is the one thing worth waking a phone for at once.
      urgency: notification.kind === 'message' ? 'normal' : 'high',
      // The push service keeps only the latest undelivered message per conversation and kind.
      topic: createHash('sha256').update(`${notification.kind}:${notification.conversationId}`).digest('base64url').slice(0, 32),
    });
    let status: number | 'error';
    try {
      const res = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body ? new Uint8Array(details.body) : null,
        redirect: 'error',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      this.log(`push to ${new URL(sub.endpoint).host} failed: ${(err as Error).message}`);
      return { endpoint: sub.endpoint, staffId: sub.staffId, status: 'error', removed: false };
    }
    // 404/410: the browser unsubscribed or the subscription expired; it will never work again.
    const gone = status === 404 || status === 410;
    if (gone) this.subscriptions.remove(sub.endpoint);
    else if (status >= 400) this.log(`push to ${new URL(sub.endpoint).host} refused: HTTP ${status}`);
    return { endpoint: sub.endpoint, staffId: sub.staffId, status, removed: gone };
  }

  private routes(): Router {
    const router = express.Router();
    router.get('/key', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.json({ publicKey: this.keys.publicKey });
    });

    router.post('/subscriptions', (req, res) => {
      const member = signedIn(this.staff, req.headers.cookie)?.member;
      if (!member) return void res.status(401).json({ error: 'Not signed in.' });
      const parsed = PushSubscriptionInput.safeParse(req.body);
      if (!parsed.success) return void res.status(400).json({ error: describeIssues(parsed.error) });
      const url = new URL(parsed.data.endpoint);
      if (url.protocol !== 'https:' && !(this.options.allowHttpEndpoints && url.protocol === 'http:')) {
        return void res.status(400).json({ error: 'endpoint: a push service endpoint must be https' });
      }
      this.subscriptions.save(member.id, parsed.data);
      res.status(201).json({ ok: true });
    });

    router.delete('/subscriptions', (req, res) => {
      const member = signedIn(this.staff, req.headers.cookie)?.member;
      if (!member) return void res.status(401).json({ error: 'Not signed in.' });
      const parsed = Unsubscribe.safeParse(req.body);
      if (!parsed.success) return void res.status(400).json({ error: describeIssues(parsed.error) });
      res.json({ ok: true, removed: this.subscriptions.remove(parsed.data.endpoint, member.id) });
    });

    return router;
  }

  private log(message: string): void {
    if (!this.options.quiet) console.warn(`[baton] ${message}`);
  }
}
