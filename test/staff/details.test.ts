import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HandoffPacket } from '../../src/protocol/schemas.ts';
import { withLaterDetails } from '../../src/staff/details.ts';
import type { ChatLine } from '../../src/staff/types.ts';

const packet = (collected: HandoffPacket['collected']): HandoffPacket => ({
  asked: { first: 'my boiler is leaking', latest: 'my boiler is leaking', needs: [] },
  understood: { need: 'boiler leak', messages: [] },
  tried: [],
  collected,
  why: { action: 'handoff', reasons: [] },
  mood: [],
  pagesSeen: [],
  localTime: 'Sat Nov 21 2026 10:00:00',
  timeOnSiteMs: 1000,
});
const line = (id: string, role: ChatLine['role'], text: string): ChatLine => ({ id, role, text, createdAt: 0, delivery: 'sent' });

test('an email the visitor types after the handoff joins the details staff can copy, once', () => {
  const before = packet([{ kind: 'phone', value: '951-555-0199', messageId: 'm1' }]);
  const lines = [
    line('m1', 'visitor', 'my boiler is leaking, call 951-555-0199'),
    line('a1', 'assistant', 'While they join: you can type an email here. It’s optional.'),
    line('m2', 'visitor', 'sure, pat.lee@example.com'),
  ];
  const after = withLaterDetails(before, lines)!;
  assert.deepEqual(
    after.collected.map((d) => [d.kind, d.value, d.messageId]),
    [
      ['phone', '951-555-0199', 'm1'],
      ['email', 'pat.lee@example.com', 'm2'],
    ],
  );
});

test('nothing new: the packet is returned as it is; no packet stays none', () => {
  const before = packet([{ kind: 'email', value: 'pat.lee@example.com', messageId: 'm1' }]);
  assert.equal(withLaterDetails(before, [line('m1', 'visitor', 'pat.lee@example.com please')]), before);
  assert.equal(withLaterDetails(undefined, [line('m1', 'visitor', 'pat.lee@example.com')]), undefined);
  // Staff and assistant lines are not the visitor's details.
  assert.equal(withLaterDetails(before, [line('s1', 'staff', 'reach us at help@brightwater.example')]), before);
});

test('a date or an amount the visitor only asked about is not a detail they gave', () => {
  const before = packet([
    { kind: 'date', value: 'Saturday', messageId: 'm1' },
    { kind: 'date', value: 'March 14', messageId: 'm2' },
  ]);
  const lines = [
    line('m1', 'visitor', 'Are you open on Saturday?'),
    line('m2', 'visitor', 'The heater broke on March 14. Can you come?'),
    line('m3', 'visitor', '¿Cuesta 200 euros? My email is pat.lee@example.com?'),
  ];
  const after = withLaterDetails(before, lines)!;
  assert.deepEqual(
    after.collected.map((d) => [d.kind, d.value]),
    [
      ['date', 'March 14'],
      ['email', 'pat.lee@example.com'],
    ],
  );
});
