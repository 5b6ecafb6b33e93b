/** Web Push subscriptions: one per staff member and device (the endpoint identifies the device). */
import type { Db } from '../db.ts';
import { prepareAll } from './sql.ts';

/** Subscriptions one staff member may keep (phones, laptops); the oldest goes first beyond it. */
export const MAX_DEVICES = 10;

/** A browser's `PushSubscription`, as the console sends it. */
export interface NewSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  device?: string | undefined;
}

export interface StoredSubscription {
  endpoint: string;
  staffId: number;
  p256dh: string;
  auth: string;
  device: string;
  createdAt: number;
}

interface SubscriptionRow {
  endpoint: string;
  staff_id: number;
  p256dh: string;
  auth: string;
  device: string;
  created_at: number;
}

/** Push subscriptions in SQLite (table `push_subscriptions`, see the migrations in db.ts). */
export class PushSubscriptionStore {
  private readonly sql;
  private readonly saveTx;

  constructor(db: Db) {
    const sql = prepareAll(db, {
      upsert: `INSERT INTO push_subscriptions (endpoint, staff_id, p256dh, auth, device, created_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (endpoint) DO UPDATE SET staff_id = excluded.staff_id, p256dh = excluded.p256dh, auth = excluded.auth, device = excluded.device, created_at = excluded.created_at`,
      keepNewest: `DELETE FROM push_subscriptions WHERE staff_id = ? AND endpoint NOT IN (
                     SELECT endpoint FROM push_subscriptions WHERE staff_id = ? ORDER BY created_at DESC LIMIT ?)`,
      remove: 'DELETE FROM push_subscriptions WHERE endpoint = ?',
      removeOwn: 'DELETE FROM push_subscriptions WHERE endpoint = ? AND staff_id = ?',
      forStaff: 'SELECT * FROM push_subscriptions WHERE staff_id IN (SELECT value FROM json_each(?)) ORDER BY staff_id, created_at',
    });
    this.sql = sql;
    this.saveTx = db.transaction((staffId: number, sub: NewSubscription) => {
      sql.upsert.run(sub.endpoint, staffId, sub.keys.p256dh, sub.keys.auth, sub.device || 'Unknown device', Date.now());
      sql.keepNewest.run(staffId, staffId, MAX_DEVICES);
    });
  }

  /** Saves a subscription for `staffId`; an endpoint moves to whoever signed in on that device last. */
  save(staffId: number, sub: NewSubscription): void {
    this.saveTx(staffId, sub);
  }

  /** Deletes one subscription; with `staffId`, only if it belongs to them. */
  remove(endpoint: string, staffId?: number): boolean {
    const res = staffId === undefined ? this.sql.remove.run(endpoint) : this.sql.removeOwn.run(endpoint, staffId);
    return res.changes > 0;
  }

  forStaff(staffIds: readonly number[]): StoredSubscription[] {
    if (staffIds.length === 0) return [];
    const rows = this.sql.forStaff.all(JSON.stringify(staffIds)) as SubscriptionRow[];
    return rows.map((r) => ({
      endpoint: r.endpoint,
      staffId: r.staff_id,
      p256dh: r.p256dh,
      auth: r.auth,
      device: r.device,
      createdAt: r.created_at,
    }));
  }
}
