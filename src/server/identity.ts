/**
 * Verified visitors: a site that knows its signed-in customer passes their id, name and email with
 * an expiry and an HMAC-SHA256 its own server made with the site's `identitySecret`. The server
 * checks the signature (in constant time) and the expiry when the visitor's socket connects; a
 * verified identity is attached to every conversation that socket starts or resumes, and staff see
 * it marked as verified. Anything else (no secret for the site, a wrong or expired signature, an
 * expiry too far ahead) leaves the visitor unverified: the chat works as for anyone.
 *
 * The signed string is the site key, id, name, email and expiry, each on its own line:
 *
 *     `${siteKey}\n${id}\n${name ?? ''}\n${email ?? ''}\n${expires}`
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IdentityStatus } from '../protocol/events.ts';
import type { VerifiedVisitor } from '../protocol/messages.ts';
import { VisitorIdentity } from '../protocol/schemas.ts';
import type { SiteConfig } from './config.ts';
import type { Db } from './db.ts';

/** A signature may be made at most this far ahead of its expiry, so a leaked one is soon useless. */
export const MAX_IDENTITY_LIFETIME_S = 24 * 60 * 60;

/** The exact string the site's server signs. */
export function identityPayload(siteKey: string, identity: Omit<VisitorIdentity, 'signature'>): string {
  return [siteKey, identity.id, identity.name ?? '', identity.email ?? '', String(identity.expires)].join('\n');
}

/** What a site's server does (and what tests do): the hex HMAC-SHA256 of the payload. */
export function signIdentity(secret: string, siteKey: string, identity: Omit<VisitorIdentity, 'signature'>): string {
  return createHmac('sha256', secret).update(identityPayload(siteKey, identity)).digest('hex');
}

export interface IdentityCheck {
  status: IdentityStatus;
  visitor?: VerifiedVisitor;
}

/** Checks a handshake's identity for `site` at `now` (ms). */
export function verifyIdentity(site: SiteConfig, raw: unknown, now = Date.now()): IdentityCheck {
  if (raw === undefined || raw === null) return { status: 'none' };
  const parsed = VisitorIdentity.safeParse(raw);
  if (!parsed.success || !site.identitySecret) return { status: 'invalid' };
  const identity = parsed.data;
  const expected = Buffer.from(signIdentity(site.identitySecret, site.key, identity), 'hex');
  const given = Buffer.from(identity.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
  const nowS = Math.floor(now / 1000);
  if (identity.expires <= nowS) return { status: 'expired' };
  if (identity.expires > nowS + MAX_IDENTITY_LIFETIME_S) return { status: 'invalid' };
  return {
    status: 'verified',
    visitor: {
      id: identity.id,
      ...(identity.name ? { name: identity.name } : {}),
      ...(identity.email ? { email: identity.email } : {}),
      verifiedAt: now,
    },
  };
}

/**
 * The verified visitor of each conversation. Its table is created here, if missing, rather than by
 * a numbered migration: it is a side table nothing else joins, and it keeps this feature in one file.
 */
export class IdentityStore {
  private readonly put;
  private readonly get;

  constructor(db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS visitor_identities (
               conversation_id TEXT PRIMARY KEY REFERENCES conversations(id),
               visitor TEXT NOT NULL,
               verified_at INTEGER NOT NULL
             )`);
    this.put = db.prepare(
      'INSERT INTO visitor_identities (conversation_id, visitor, verified_at) VALUES (?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET visitor = excluded.visitor, verified_at = excluded.verified_at',
    );
    this.get = db.prepare('SELECT visitor FROM visitor_identities WHERE conversation_id = ?');
  }

  attach(conversationId: string, visitor: VerifiedVisitor): void {
    this.put.run(conversationId, JSON.stringify(visitor), visitor.verifiedAt);
  }

  of(conversationId: string): VerifiedVisitor | undefined {
    const row = this.get.get(conversationId) as { visitor: string } | undefined;
    return row ? (JSON.parse(row.visitor) as VerifiedVisitor) : undefined;
  }
}
