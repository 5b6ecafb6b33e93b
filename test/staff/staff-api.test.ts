/** The staff console's HTTP replies are checked before use: a body of the wrong shape is an error, not a value. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { parseMember, SESSION_ENDED, StaffApi, UNREACHABLE_ERROR } from '../../src/staff/controllers/staff-api.ts';

const realFetch = globalThis.fetch;
const answer = (status: number, body: unknown) => {
  globalThis.fetch = async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
};

describe('staff API replies', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('reads a member only when every field is there', () => {
    assert.deepEqual(parseMember({ id: 3, name: 'Sam', email: 'sam@example.com', extra: true }), {
      id: 3,
      name: 'Sam',
      email: 'sam@example.com',
    });
    assert.equal(parseMember({ id: '3', name: 'Sam', email: 'sam@example.com' }), undefined);
    assert.equal(parseMember({ id: 3, name: '', email: 'sam@example.com' }), undefined);
    assert.equal(parseMember(null), undefined);
  });

  it('tells signed in, signed out, a server error and no server apart', async () => {
    const api = new StaffApi('http://baton.test');
    answer(200, { id: 1, name: 'Sam', email: 'sam@example.com' });
    assert.deepEqual(await api.me(), { status: 'signedIn', me: { id: 1, name: 'Sam', email: 'sam@example.com' } });
    answer(401, { error: 'no' });
    assert.deepEqual(await api.me(), { status: 'signedOut' });
    answer(200, { something: 'else' });
    assert.deepEqual(await api.me(), { status: 'error', httpStatus: 200 });
    globalThis.fetch = () => Promise.reject(new TypeError('network'));
    assert.deepEqual(await api.me(), { status: 'unreachable' });
  });

  it('gives the server’s sign-in error, or a plain one', async () => {
    const api = new StaffApi('');
    answer(401, { error: 'Email or password is wrong.' });
    assert.deepEqual(await api.login('a@b.c', 'x'), { ok: false, error: 'Email or password is wrong.' });
    answer(500, 'not json');
    assert.deepEqual(await api.login('a@b.c', 'x'), { ok: false, error: 'Sign-in failed (500). Try again.' });
    globalThis.fetch = () => Promise.reject(new TypeError('network'));
    assert.deepEqual(await api.login('a@b.c', 'x'), { ok: false, error: UNREACHABLE_ERROR });
  });

  it('accepts insights of the right shape only', async () => {
    const api = new StaffApi('');
    answer(200, { days: [], reasons: [], totals: {} });
    assert.equal((await api.insights(7)).ok, true);
    answer(200, { days: 'soon' });
    assert.deepEqual(await api.insights(7), { ok: false, why: 'refused', error: 'Insights could not be loaded (200). Try again.' });
    answer(401, {});
    assert.deepEqual(await api.insights(7), { ok: false, why: 'signedOut', error: SESSION_ENDED });
  });
});
