/** The sync core both clients share: sequence gaps, single-flight runs, typed requests. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ack } from '../../src/protocol/messages.ts';
import { request } from '../../src/sync/request.ts';
import { Delivery, rowOf } from '../../src/sync/rows.ts';
import { beyondGap, contiguousSeq, SequenceLog } from '../../src/sync/sequence-log.ts';
import { SingleFlight } from '../../src/sync/single-flight.ts';

const msg = (seq: number) => ({ seq, id: `m${seq}` });

describe('sequence log', () => {
  it('knows the last contiguous seq and resumes from a known point', () => {
    const held = new Set([1, 2, 3, 5]);
    assert.equal(
      contiguousSeq((s) => held.has(s)),
      3,
    );
    assert.equal(
      contiguousSeq((s) => held.has(s), 5),
      5,
    );
    assert.equal(
      contiguousSeq(() => false),
      0,
    );
  });

  it('reports a gap only for a message beyond the contiguous run', () => {
    const log = new SequenceLog([msg(1), msg(2)]);
    assert.deepEqual(log.merge([msg(3)]), { gap: false });
    assert.deepEqual(log.merge([msg(5)]), { gap: true });
    assert.equal(log.contiguous, 3);
    assert.deepEqual(log.merge([msg(4)]), { gap: false });
    assert.equal(log.contiguous, 5);
    assert.equal(beyondGap([2, 3], 3), false);
  });

  it('keeps one message per seq, in order', () => {
    const log = new SequenceLog([msg(3), msg(1), msg(2), { seq: 1, id: 'again' }]);
    assert.deepEqual(
      log.list().map((m) => m.id),
      ['again', 'm2', 'm3'],
    );
    assert.ok(log.has(2) && !log.has(4));
  });
});

describe('single flight', () => {
  it('runs once at a time and goes round once more for calls made during a run', async () => {
    let runs = 0;
    let release!: () => void;
    const flight = new SingleFlight(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((r) => (release = r));
    });
    const first = flight.run();
    assert.ok(flight.running);
    await flight.run();
    await flight.run();
    release();
    await first;
    assert.equal(runs, 2, 'two requests during a run make one more pass, not two');
    assert.ok(!flight.running);
  });

  it('drops the extra pass when told not to repeat, and a pass can ask for another', async () => {
    let runs = 0;
    const gated = new SingleFlight(
      async () => {
        runs += 1;
        if (runs === 1) void gated.run();
      },
      () => false,
    );
    await gated.run();
    assert.equal(runs, 1);

    let passes = 0;
    const chained = new SingleFlight(async () => {
      passes += 1;
      if (passes < 3) chained.runAgain();
    });
    await chained.run();
    assert.equal(passes, 3);
  });
});

describe('typed request', () => {
  interface Events {
    'thing:get': (p: { id: string }, ack: (r: Ack<{ name: string }>) => void) => void;
    typing: (p: { typing: boolean }) => void;
  }
  const socket = (answer: () => Promise<unknown>, seen: unknown[] = []) => ({
    timeout: (ms: number) => ({
      emitWithAck: (event: string, payload: unknown) => {
        seen.push([ms, event, payload]);
        return answer();
      },
    }),
  });

  it('returns the acknowledgement, typed from the event map', async () => {
    const seen: unknown[] = [];
    const reply = await request<Events, 'thing:get'>(
      socket(async () => ({ ok: true, name: 'x' }), seen),
      'thing:get',
      { id: '1' },
      50,
    );
    assert.deepEqual(seen, [[50, 'thing:get', { id: '1' }]]);
    assert.ok(reply.ok);
    assert.equal(reply.name, 'x');
  });

  it('turns a missing answer into a timeout value', async () => {
    const reply = await request<Events, 'thing:get'>(
      socket(() => Promise.reject(new Error('operation has timed out'))),
      'thing:get',
      { id: '1' },
      5,
      'try again',
    );
    assert.deepEqual(reply, { ok: false, code: 'timeout', error: 'try again' });
  });
});

describe('rows', () => {
  it('maps a stored message to a sent row without empty optional fields', () => {
    const row = rowOf({ id: 'a', conversationId: 'c', seq: 4, role: 'visitor', text: 'hi', createdAt: 1, storedAt: 2 });
    assert.deepEqual(row, { id: 'a', role: 'visitor', text: 'hi', createdAt: 1, seq: 4, delivery: Delivery.sent });
  });
});
