/** Every payload is validated at the boundary: invalid input gets a reason naming the field and changes nothing. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LIMITS } from '../../src/protocol/limits.ts';
import {
  addStaff,
  ask,
  askRaw,
  closeAll,
  connectStaff,
  connectVisitor,
  disconnected,
  loginCookie,
  pageContext,
  send,
  startConversation,
  startTestServer,
  transcript,
  visitorMessage,
  type Conversation,
  type StaffClient,
  type TestServer,
  type VisitorClient,
} from '../support/server.ts';

function assertInvalid(res: unknown, field: RegExp, label: string): void {
  assert.ok(res && typeof res === 'object', label);
  const r = res as { ok: boolean; code?: string; error?: string };
  assert.equal(r.ok, false, `${label}: should be refused`);
  assert.equal(r.code, 'invalid', `${label}: ${r.error}`);
  assert.match(r.error ?? '', field, label);
}

describe('schema refusals', () => {
  let server: TestServer;
  let visitor: VisitorClient;
  let conv: Conversation;
  let before2: Awaited<ReturnType<typeof transcript>>;

  before(async () => {
    server = await startTestServer();
    visitor = await connectVisitor(server.url);
    conv = await startConversation(visitor);
    await send(visitor, conv, 'first');
    await send(visitor, conv, 'second');
    before2 = await transcript(visitor, conv);
    assert.equal(before2.length, 2);
  });
  after(async () => {
    closeAll(visitor);
    await server.cleanup();
  });

  /** Nothing stored, no sequence number used up: the next valid message gets the next seq. */
  async function assertUnchanged(): Promise<void> {
    const check = await connectVisitor(server.url);
    try {
      assert.deepEqual(await transcript(check, conv), before2);
      const sync = await ask(check, 'conversation:sync', { ...conv, afterSeq: 0 });
      assert.ok(sync.ok);
      assert.equal(sync.conversation.lastSeq, before2.at(-1)!.seq);
      assert.equal(sync.conversation.status, 'bot');
    } finally {
      check.close();
    }
  }

  test('message:send refuses bad messages, naming the field', async () => {
    const m = visitorMessage('fine');
    const cases: [string, unknown, RegExp][] = [
      [
        'oversized text',
        { ...conv, message: { ...m, text: 'x'.repeat(LIMITS.messageChars + 1) } },
        /^message\.text: must be at most 4000 characters$/,
      ],
      ['empty text', { ...conv, message: { ...m, text: '' } }, /^message\.text: must not be empty$/],
      ['blank text', { ...conv, message: { ...m, text: ' \n\t ' } }, /^message\.text: must not be empty$/],
      [
        'only zero-width characters',
        { ...conv, message: { ...m, text: '\u200b\u200c\u200d\u2060\ufeff' } },
        /^message\.text: must not be empty$/,
      ],
      [
        'only a variation selector and a soft hyphen',
        { ...conv, message: { ...m, text: ' \ufe0f\u00ad ' } },
        /^message\.text: must not be empty$/,
      ],
      [
        'a lone high surrogate',
        { ...conv, message: { ...m, text: 'broken \ud83d emoji' } },
        /^message\.text: must be well-formed Unicode \(it contains half of a surrogate pair\)$/,
      ],
      ['a lone low surrogate', { ...conv, message: { ...m, text: '\ude00 at the start' } }, /^message\.text: must be well-formed Unicode/],
      ['text of the wrong type', { ...conv, message: { ...m, text: 42 } }, /^message\.text: /],
      ['createdAt as a string', { ...conv, message: { ...m, createdAt: '2024-01-01' } }, /^message\.createdAt: /],
      ['negative createdAt', { ...conv, message: { ...m, createdAt: -1 } }, /^message\.createdAt: /],
      ['fractional createdAt', { ...conv, message: { ...m, createdAt: 1.5 } }, /^message\.createdAt: /],
      ['a visitor posing as staff', { ...conv, message: { ...m, role: 'staff' } }, /^message\.role: /],
      ['a visitor posing as the system', { ...conv, message: { ...m, role: 'system' } }, /^message\.role: /],
      ['missing message', { ...conv }, /^message: /],
      ['missing text', { ...conv, message: { id: m.id, role: 'visitor', createdAt: 1 } }, /^message\.text: /],
      ['missing token', { conversationId: conv.conversationId, message: m }, /^token: /],
      ['token of the wrong type', { ...conv, token: 1234567890, message: m }, /^token: /],
      ['missing conversation id', { token: conv.token, message: m }, /^conversationId: /],
      ['short conversation id', { ...conv, conversationId: 'abc', message: m }, /^conversationId: /],
      [
        'conversation id with a path in it',
        { ...conv, conversationId: '../../etc/passwd', message: m },
        /^conversationId: must be letters, digits, _ or -/,
      ],
      ['message id too short', { ...conv, message: { ...m, id: 'short' } }, /^message\.id: /],
      ['message id too long', { ...conv, message: { ...m, id: 'x'.repeat(65) } }, /^message\.id: /],
      ['message id with spaces', { ...conv, message: { ...m, id: 'has some spaces' } }, /^message\.id: must be letters, digits, _ or -/],
      ['a string instead of an object', 'hello', /^payload: /],
      ['null', null, /^payload: /],
      ['an array', [conv], /^payload: /],
    ];
    for (const [label, payload, field] of cases) assertInvalid(await askRaw(visitor, 'message:send', payload), field, label);
    // Well-formed text with invisible characters inside, and whole emoji, is stored and acked as sent.
    for (const text of ['a\u200bb', 'thumbs 👍🏽 up', 'family 👨\u200d👩\u200d👧']) {
      const ok = await ask(visitor, 'message:send', { ...conv, message: visitorMessage(text) });
      assert.ok(ok.ok && ok.message.text === text, text);
      const stored = (await transcript(visitor, conv)).find((x) => x.id === ok.message.id);
      assert.equal(stored?.text, text);
    }
    before2 = await transcript(visitor, conv);
    // Several wrong fields at once: every one is named.
    const many = (await askRaw(visitor, 'message:send', { conversationId: 1, token: conv.token, message: { ...m, text: '' } })) as {
      error: string;
    };
    assert.match(many.error, /conversationId: .*; message\.text: must not be empty/);
    await assertUnchanged();
  });

  test('the other visitor events refuse bad payloads too', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['sync with a negative afterSeq', 'conversation:sync', { ...conv, afterSeq: -1 }, /^afterSeq: /],
      ['sync with afterSeq as a string', 'conversation:sync', { ...conv, afterSeq: '1' }, /^afterSeq: /],
      ['sync without afterSeq', 'conversation:sync', { ...conv }, /^afterSeq: /],
      ['hello with a numeric token', 'visitor:hello', { conversationId: conv.conversationId, token: 7 }, /^token: /],
      ['hello with a bad conversation id', 'visitor:hello', { conversationId: 'no', token: conv.token }, /^conversationId: /],
      [
        'typing-free contact without email or phone',
        'contact:leave',
        { ...conv, id: 'contact-00001', contact: { name: 'Sam' }, message: 'hi' },
        /^contact: needs an email or a phone number$/,
      ],
      [
        'contact with a bad email',
        'contact:leave',
        { ...conv, id: 'contact-00002', contact: { email: 'not-an-email' }, message: '' },
        /^contact\.email: is not a valid email address$/,
      ],
      [
        'contact with a bad phone',
        'contact:leave',
        { ...conv, id: 'contact-00003', contact: { phone: 'call me' }, message: '' },
        /^contact\.phone: is not a valid phone number$/,
      ],
      [
        'contact with an oversized message',
        'contact:leave',
        { ...conv, id: 'contact-00004', contact: { phone: '+44 20 7946 0000' }, message: 'x'.repeat(LIMITS.messageChars + 1) },
        /^message: /,
      ],
      [
        'handoff without context',
        'handoff:request',
        { ...conv, id: 'handoff-0001', reason: 'visitor_asked', transcript: [] },
        /^context: /,
      ],
      [
        'handoff with an unknown reason',
        'handoff:request',
        { ...conv, id: 'handoff-0002', reason: 'bored', context: pageContext(), transcript: [] },
        /^reason: /,
      ],
      [
        'handoff with a device missing',
        'handoff:request',
        { ...conv, id: 'handoff-0003', reason: 'visitor_asked', context: { ...pageContext(), device: undefined }, transcript: [] },
        /^context\.device: /,
      ],
      [
        'handoff with an oversized URL',
        'handoff:request',
        { ...conv, id: 'handoff-0004', reason: 'visitor_asked', context: pageContext({ url: 'x'.repeat(2001) }), transcript: [] },
        /^context\.url: /,
      ],
      // One bad entry refuses the whole request: the good entries before it are not stored either.
      [
        'handoff with one oversized transcript entry',
        'handoff:request',
        {
          ...conv,
          id: 'handoff-0005',
          reason: 'visitor_asked',
          context: pageContext(),
          transcript: [visitorMessage('a good one'), visitorMessage('x'.repeat(LIMITS.messageChars + 1))],
        },
        /^transcript\.1\.text: must be at most 4000 characters$/,
      ],
      [
        'handoff with too long a transcript',
        'handoff:request',
        {
          ...conv,
          id: 'handoff-0006',
          reason: 'visitor_asked',
          context: pageContext(),
          transcript: Array.from({ length: LIMITS.transcriptMessages + 1 }, () => visitorMessage('hi')),
        },
        /^transcript: /,
      ],
      [
        'handoff transcript with a staff message',
        'handoff:request',
        {
          ...conv,
          id: 'handoff-0007',
          reason: 'visitor_asked',
          context: pageContext(),
          transcript: [visitorMessage('hi', { role: 'staff' as 'visitor' })],
        },
        /^transcript\.0\.role: /,
      ],
    ];
    for (const [label, event, payload, field] of cases) assertInvalid(await askRaw(visitor, event, payload), field, label);
    await assertUnchanged();
  });

  test('staff events refuse bad payloads, naming the field', async () => {
    const staffMember = await addStaff(server, 'Sid Schema');
    const staff: StaffClient = await connectStaff(server.url, { cookie: await loginCookie(server.url, staffMember) });
    try {
      const cases: [string, string, unknown, RegExp][] = [
        ['claim with a bad id', 'conversation:claim', { conversationId: 'x' }, /^conversationId: /],
        ['claim without an id', 'conversation:claim', {}, /^conversationId: /],
        ['open with a negative afterSeq', 'conversation:open', { conversationId: conv.conversationId, afterSeq: -3 }, /^afterSeq: /],
        [
          'reply with oversized text',
          'message:send',
          { conversationId: conv.conversationId, message: { id: 'reply-00001', text: 'x'.repeat(LIMITS.messageChars + 1), createdAt: 1 } },
          /^message\.text: must be at most 4000 characters$/,
        ],
        [
          'reply with empty text',
          'message:send',
          { conversationId: conv.conversationId, message: { id: 'reply-00002', text: '', createdAt: 1 } },
          /^message\.text: must not be empty$/,
        ],
        ['close with a number', 'conversation:close', { conversationId: 12345678 }, /^conversationId: /],
      ];
      for (const [label, event, payload, field] of cases) assertInvalid(await askRaw(staff, event, payload), field, label);
    } finally {
      staff.close();
    }
    await assertUnchanged();
  });

  test('text of exactly the limit is accepted (refused means longer, never truncated)', async () => {
    const check = await connectVisitor(server.url);
    const other = await startConversation(check);
    const text = 'y'.repeat(LIMITS.messageChars);
    const res = await ask(check, 'message:send', { ...other, message: visitorMessage(text) });
    assert.ok(res.ok);
    assert.equal(res.message.text, text);
    check.close();
  });

  for (const transport of ['websocket', 'polling'] as const) {
    test(`a payload beyond maxHttpBufferSize drops the socket (${transport}) and stores nothing`, async () => {
      const big = await connectVisitor(server.url, { transports: [transport] });
      const gone = disconnected(big);
      big.emit('message:send', { ...conv, message: visitorMessage('z'.repeat(LIMITS.socketBufferBytes + 1024)) }, () =>
        assert.fail('an oversized packet must not be answered'),
      );
      assert.match(await gone, /transport (close|error)/);
      await assertUnchanged();
    });
  }
});
