/** Verified visitors: what the server accepts as a site's signature, and what it refuses. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import type { SiteConfig } from '../../src/server/config.ts';
import { MAX_IDENTITY_LIFETIME_S, signIdentity, verifyIdentity } from '../../src/server/identity.ts';

const SECRET = 'x'.repeat(40);
const site = { key: 'shop', identitySecret: SECRET } as SiteConfig;
const NOW = 1_800_000_000_000;
const inS = (s: number) => Math.floor(NOW / 1000) + s;
const signed = (fields: { id: string; name?: string; email?: string; expires: number }, secret = SECRET) => ({
  ...fields,
  signature: signIdentity(secret, 'shop', fields),
});

test('the README example signs exactly what the server checks', () => {
  const fields = { id: '42', name: '', email: 'pat@example.com', expires: inS(600) };
  const payload = ['shop', fields.id, fields.name, fields.email, String(fields.expires)].join('\n');
  const signature = createHmac('sha256', SECRET).update(payload).digest('hex');
  const check = verifyIdentity(site, { ...fields, signature }, NOW);
  assert.equal(check.status, 'verified');
  assert.deepEqual(check.visitor, { id: '42', email: 'pat@example.com', verifiedAt: NOW });
});

test('a wrong secret, a changed field, an expired or too long-lived signature is not verified', () => {
  const good = signed({ id: '42', name: 'Pat', expires: inS(600) });
  assert.equal(verifyIdentity(site, good, NOW).status, 'verified');
  assert.equal(verifyIdentity(site, signed({ id: '42', expires: inS(600) }, 'y'.repeat(40)), NOW).status, 'invalid');
  assert.equal(verifyIdentity(site, { ...good, name: 'Someone Else' }, NOW).status, 'invalid');
  assert.equal(verifyIdentity(site, { ...good, id: '43' }, NOW).status, 'invalid');
  assert.equal(verifyIdentity(site, signed({ id: '42', expires: inS(-1) }), NOW).status, 'expired');
  assert.equal(verifyIdentity(site, signed({ id: '42', expires: inS(MAX_IDENTITY_LIFETIME_S + 60) }), NOW).status, 'invalid');
  assert.equal(verifyIdentity(site, { id: '42\nadmin', expires: inS(60), signature: 'a'.repeat(64) }, NOW).status, 'invalid');
  assert.equal(verifyIdentity(site, 'not an object', NOW).status, 'invalid');
  assert.equal(verifyIdentity(site, undefined, NOW).status, 'none');
  // A site without a secret verifies nobody.
  assert.equal(verifyIdentity({ key: 'shop' } as SiteConfig, good, NOW).status, 'invalid');
});
