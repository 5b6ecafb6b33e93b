/**
 * The staff console's views, on their own: what they show for given properties and which
 * `baton-*` events they fire. (The controller and the whole console against the real server are
 * covered by test/e2e/core-loop.test.ts: the staff socket only accepts connections from the page
 * the server itself serves, which a test-runner page is not.)
 */
import '../../src/staff/baton-staff-chat/baton-staff-chat.ts';
import '../../src/staff/baton-staff-login/baton-staff-login.ts';
import '../../src/staff/baton-staff-queue/baton-staff-queue.ts';
import '../../src/staff/baton-staff-summary/baton-staff-summary.ts';
import type { HandoffSummary } from '../../src/protocol/messages.ts';
import { DeliveryState, type ChatLine, type OpenChat } from '../../src/staff/types.ts';
import { assert, equal, until } from '../support/browser.ts';
import { $, $$, events, mount } from '../support/elements.ts';
import { checkA11y } from './a11y.ts';

const NOW = Date.UTC(2026, 0, 15, 14, 30);
const EVIL = '<img src=x onerror="window.__pwned=1"><b>bold</b>';

function summary(over: Partial<HandoffSummary> = {}): HandoffSummary {
  return {
    conversationId: 'conv-aaaaaaaa',
    siteKey: 'demo-plumbing',
    siteName: 'Brightwater Plumbing',
    reason: 'visitor_asked',
    reasons: [],
    status: 'queued',
    requestedAt: NOW - 2 * 60_000 - 5_000,
    firstLine: 'My kitchen sink is leaking',
    messageCount: 3,
    context: {
      url: 'https://brightwater.example/services/leaks',
      title: 'Leak repair — Brightwater',
      referrer: 'https://www.google.com/',
      language: 'en-GB',
      timeZone: 'Europe/London',
      device: {
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile Safari/604.1',
        viewport: '390x844',
        touch: true,
      },
      timeOnPageMs: 125_000,
    },
    ...over,
  } as HandoffSummary;
}

function line(seq: number, role: ChatLine['role'], text: string, over: Partial<ChatLine> = {}): ChatLine {
  return { id: `m${seq}-xxxxxxxx`, seq, role, text, createdAt: NOW - (10 - seq) * 60_000, delivery: DeliveryState.sent, ...over };
}

function chat(over: Partial<OpenChat> = {}): OpenChat {
  return {
    conversationId: 'conv-aaaaaaaa',
    summary: summary({ status: 'active', assignedTo: { id: 1, name: 'Sam Rivera' } }),
    lines: [
      line(1, 'assistant', 'Hi! How can I help?'),
      line(2, 'visitor', 'My kitchen sink is leaking'),
      line(3, 'visitor', EVIL),
      line(4, 'system', 'Sam Rivera from Brightwater Plumbing joined the chat.'),
      line(5, 'staff', 'On my way to help.', { authorName: 'Sam Rivera' }),
    ],
    visitorTyping: false,
    loading: false,
    closed: false,
    ...over,
  };
}

const button = (el: HTMLElement, name: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);

afterEach(() => {
  for (const el of document.body.querySelectorAll('div')) el.remove();
});

describe('<baton-staff-login>', () => {
  it('has labelled Email and Password fields, a "Sign in" button, and focuses the email', async () => {
    const el = await mount('baton-staff-login', {});
    const email = $<HTMLInputElement>(el, '#email')!;
    const password = $<HTMLInputElement>(el, '#password')!;
    equal($(el, 'label[for="email"]')?.textContent, 'Email');
    equal($(el, 'label[for="password"]')?.textContent, 'Password');
    equal(password.type, 'password');
    equal(email.autocomplete, 'username');
    assert(button(el, 'Sign in'), 'a "Sign in" button');
    equal(el.shadowRoot!.activeElement, email, 'the email field has focus');
    checkA11y(el);
  });

  it('submits on Enter (form submission) with what was typed, and shows errors in an alert', async () => {
    const el = await mount('baton-staff-login', {});
    const fired = events<Event & { email: string; password: string }>(el, 'baton-login');
    $<HTMLInputElement>(el, '#email')!.value = 'sam@example.com';
    $<HTMLInputElement>(el, '#password')!.value = 'secret';
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    equal(fired.length, 1);
    equal([fired[0]!.email, fired[0]!.password], ['sam@example.com', 'secret']);
    assert(fired[0]!.bubbles && fired[0]!.composed, 'the event leaves the shadow root');

    el.error = 'Email or password is wrong.';
    el.busy = true;
    await el.updateComplete;
    equal($(el, '[role="alert"]')?.textContent, 'Email or password is wrong.');
    assert(button(el, 'Sign in')!.disabled, 'no double submit while busy');
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    equal(fired.length, 1, 'busy: not submitted again');
  });
});

describe('<baton-staff-queue>', () => {
  it('shows each waiting handoff with site, reason, first line, live waiting time and contact, and claims it', async () => {
    const waiting = [
      summary(),
      summary({
        conversationId: 'conv-bbbbbbbb',
        firstLine: EVIL,
        requestedAt: NOW - 65 * 60_000,
        contact: { email: 'jo@example.com', phone: '+1 555 0100' },
      }),
    ];
    const el = await mount('baton-staff-queue', { queue: waiting, now: NOW });
    const rows = $$(el, 'li.row');
    equal(rows.length, 2);
    const first = rows[0]!.textContent!.replace(/\s+/g, ' ');
    for (const part of ['Brightwater Plumbing', 'Asked for a person', '“My kitchen sink is leaking”', 'waiting 2 min'])
      assert(first.includes(part), `row shows ${part}: ${first}`);
    const second = rows[1]!.textContent!.replace(/\s+/g, ' ');
    assert(second.includes('waiting 1 h 5 min'), `long waits in hours: ${second}`);
    assert(second.includes('jo@example.com') && second.includes('+1 555 0100'), 'contact shown');
    assert(second.includes(EVIL), 'markup in a first line is shown as text');
    equal(rows[1]!.querySelector('img'), null, 'and never parsed as HTML');

    el.now = NOW + 3 * 60_000;
    await el.updateComplete;
    assert($$(el, 'li.row')[0]!.textContent!.includes('waiting 5 min'), 'the waiting time follows `now`');

    const claims = events<Event & { conversationId: string }>(el, 'baton-claim');
    rows[1]!.querySelector('button')!.click();
    equal(
      claims.map((c) => c.conversationId),
      ['conv-bbbbbbbb'],
    );
    el.claiming = new Set(['conv-bbbbbbbb']);
    await el.updateComplete;
    assert($$<HTMLButtonElement>(el, 'li.row button')[1]!.disabled, 'no second claim while one is in flight');
    checkA11y(el);
  });

  it('leads each card with the most urgent reason (icon and colour), the waiting time and the line that triggered the hand-off', async () => {
    const gas = summary({
      conversationId: 'conv-gasgasgas',
      reason: 'policy',
      reasons: ['safety', 'frustration'],
      firstLine: 'hi there',
      triggerLine: 'I can smell gas in the kitchen',
      verified: { id: 'cust-1', name: 'Dana Whitfield', email: 'dana@example.com', verifiedAt: NOW },
      contact: { email: 'dana.home@example.com' },
    });
    const el = await mount('baton-staff-queue', { queue: [gas, summary()], now: NOW });
    const [row, plain] = $$(el, 'li.row');
    const text = row!.textContent!.replace(/\s+/g, ' ');
    assert(row!.classList.contains('tone-danger'), 'a safety reason is in the danger colour');
    equal(row!.querySelector('.reason .icon')?.textContent, '⚠', 'with its icon, not colour alone');
    assert(text.includes('Safety +1'), `the most urgent reason, and how many more: ${text}`);
    assert(!text.includes('Flagged by triage'), 'not the generic trigger');
    assert(text.includes('“I can smell gas in the kitchen”'), 'the line that triggered the hand-off');
    assert(!text.includes('hi there'), 'not the first line');
    assert(text.includes('waiting 2 min'), 'the waiting time');
    assert(row!.querySelector('.verified')?.textContent?.includes('Dana Whitfield'), 'the verified name, marked verified');
    assert(text.includes('Given by the visitor: dana.home@example.com'), 'typed details are marked as the visitor’s');
    assert(plain!.classList.contains('tone-accent') && plain!.textContent!.includes('Asked for a person'), 'a plain request');
    assert(
      getComputedStyle(row!.querySelector('.reason')!).color !== getComputedStyle(plain!.querySelector('.reason')!).color,
      'colours differ',
    );
    checkA11y(el);
  });

  it('tells the loser of a claim race who took the chat, and lists my chats', async () => {
    const mine = [summary({ conversationId: 'conv-cccccccc', status: 'active', firstLine: 'Boiler is broken' })];
    const el = await mount('baton-staff-queue', { queue: [], mine, notice: 'Sam Rivera already took this chat.', openId: 'conv-cccccccc' });
    equal($(el, '[role="status"]')?.textContent, 'Sam Rivera already took this chat.');
    assert(el.shadowRoot!.textContent!.includes('No one is waiting'), 'empty queue says so');
    const open = events<Event & { conversationId: string }>(el, 'baton-open');
    const chatButton = $<HTMLButtonElement>(el, 'button.chat')!;
    equal(chatButton.getAttribute('aria-current'), 'true', 'the open chat is marked');
    chatButton.click();
    equal(
      open.map((o) => o.conversationId),
      ['conv-cccccccc'],
    );
    checkA11y(el);
  });
});

describe('<baton-staff-summary>', () => {
  it('shows reason, page, waiting time, language, time zone, device, time on page and contact', async () => {
    const el = await mount('baton-staff-summary', {
      summary: summary({ contact: { name: 'Jo', email: 'jo@example.com' }, contactMessage: 'Call after 5' }),
      now: NOW,
    });
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    for (const part of [
      'Asked for a person',
      'waiting 2 min',
      'Leak repair — Brightwater',
      'https://brightwater.example/services/leaks',
      'en-GB',
      'Europe/London',
      'iPhone, Safari',
      '390×844',
      '2 min 5 s',
      'https://www.google.com/',
      'jo@example.com',
      'Call after 5',
    ]) {
      assert(text.includes(part), `summary shows "${part}": ${text}`);
    }
    equal($<HTMLAnchorElement>(el, 'a[target="_blank"]')?.href, 'https://brightwater.example/services/leaks');
    equal($<HTMLAnchorElement>(el, 'a[href^="mailto:"]')?.textContent, 'jo@example.com');
  });

  it('never turns a page URL from the visitor into a script link', async () => {
    const el = await mount('baton-staff-summary', {
      summary: summary({ context: { ...summary().context, url: 'javascript:alert(1)', title: 'Hi' } }),
      now: NOW,
    });
    assert(!$(el, 'a[target="_blank"]'), 'no link for a javascript: URL');
    assert(el.shadowRoot!.textContent!.includes('javascript:alert(1)'), 'shown as text');
  });
});

describe('<baton-staff-chat>', () => {
  it('shows the summary above the complete transcript in a log, each role distinct, with times, text as text', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW });
    const log = $(el, '[role="log"]')!;
    assert(log, 'a role="log" transcript');
    const summaryEl = $(el, 'baton-staff-summary')!;
    assert(summaryEl.compareDocumentPosition(log) & Node.DOCUMENT_POSITION_FOLLOWING, 'summary comes before the transcript');
    equal(
      $$(el, '.msg').map((m) => [...m.classList].filter((c) => ['visitor', 'assistant', 'staff', 'system'].includes(c))[0]),
      ['assistant', 'visitor', 'visitor', 'system', 'staff'],
    );
    equal($$(el, '.msg .bubble')[2]!.textContent, EVIL, 'markup shown as text');
    equal(log.querySelector('img'), null);
    equal((window as { __pwned?: number }).__pwned, undefined);
    equal($$(el, '.msg time').length, 5, 'every message has a timestamp');
    assert($$(el, '.msg.staff .delivery')[0]!.textContent!.includes('Sent'), 'delivery state shown');
    checkA11y(el);
  });

  it('Enter sends, Shift+Enter does not; a cancelled send keeps the draft', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW });
    const sends = events<Event & { text: string }>(el, 'baton-send');
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    equal($(el, 'label[for="reply"]')?.textContent, 'Reply');
    const type = (text: string) => {
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    };
    type('Line one');
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    equal(sends.length, 0, 'Shift+Enter is a new line');
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    equal(
      sends.map((s) => s.text),
      ['Line one'],
    );
    await el.updateComplete;
    equal(box.value, '', 'sent: the composer is cleared');

    el.addEventListener('baton-send', (e) => e.preventDefault(), { once: true });
    type('Kept');
    button(el, 'Send')!.click();
    await el.updateComplete;
    equal(box.value, 'Kept', 'not accepted: the draft stays');

    type('x'.repeat(4001));
    button(el, 'Send')!.click();
    await el.updateComplete;
    equal(sends.length, 2, 'too long: not sent');
    assert($(el, '.hint[role="alert"]')?.textContent?.includes('4000'), 'and the limit is explained');
  });

  it('fires typing start and stop, and shows the visitor typing', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW });
    const typing = events<Event & { typing: boolean }>(el, 'baton-typing');
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    box.value = 'Hel';
    box.dispatchEvent(new InputEvent('input'));
    box.value = 'Hello';
    box.dispatchEvent(new InputEvent('input'));
    box.dispatchEvent(new FocusEvent('blur'));
    equal(
      typing.map((t) => t.typing),
      [true, false],
      'one start, one stop',
    );
    el.chat = chat({ visitorTyping: true });
    await el.updateComplete;
    assert($(el, '.typing')?.textContent?.includes('is typing'), 'visitor typing indicator');
  });

  it('shows sending and failed replies, with a retry that keeps the id', async () => {
    const base = chat();
    const el = await mount('baton-staff-chat', {
      chat: {
        ...base,
        lines: [
          ...base.lines,
          { id: 'pending-aaaaaaaa', role: 'staff', text: 'On its way', createdAt: NOW, delivery: DeliveryState.sending },
          {
            id: 'failed-bbbbbbbb',
            role: 'staff',
            text: 'Refused',
            createdAt: NOW,
            delivery: DeliveryState.failed,
            error: 'No answer from the server.',
          },
        ],
      },
      now: NOW,
    });
    const retries = events<Event & { messageId: string }>(el, 'baton-retry');
    const staff = $$(el, '.msg.staff');
    assert(staff[1]!.textContent!.includes('Sending…'), 'sending shown');
    assert(staff[2]!.textContent!.includes('Not sent: No answer from the server.'), 'failure explained');
    (staff[2]!.querySelector('button') as HTMLButtonElement).click();
    equal(
      retries.map((r) => r.messageId),
      ['failed-bbbbbbbb'],
    );
  });

  it('closes only after confirmation, then shows the chat closed', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW });
    const closes = events<Event & { conversationId: string }>(el, 'baton-close-chat');
    button(el, 'Close chat')!.click();
    const dialog = $<HTMLDialogElement>(el, '#close-dialog')!;
    assert(dialog.open, 'a confirmation dialog opens');
    equal(closes.length, 0, 'nothing closed yet');
    button(el, 'Cancel')!.click();
    assert(!dialog.open, 'cancel keeps the chat');
    button(el, 'Close chat')!.click();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Yes')!.click();
    equal(
      closes.map((c) => c.conversationId),
      ['conv-aaaaaaaa'],
    );

    el.chat = chat({ closed: true, summary: summary({ status: 'closed' }) });
    await el.updateComplete;
    equal($(el, 'textarea'), null, 'no composer on a closed chat');
    assert(el.shadowRoot!.textContent!.includes('This chat is closed.'), 'closed state shown');
    const back = events(el, 'baton-back');
    button(el, 'Back to queue')!.click();
    equal(back.length, 1);
  });

  it('keeps a draft per conversation when switching chats', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW });
    const box = () => $<HTMLTextAreaElement>(el, 'textarea')!;
    box().value = 'Draft for A';
    box().dispatchEvent(new InputEvent('input'));
    el.chat = chat({ conversationId: 'conv-bbbbbbbb' });
    await el.updateComplete;
    equal(box().value, '', 'chat B starts empty');
    el.chat = chat();
    await el.updateComplete;
    await until(() => box().value === 'Draft for A', 'draft of chat A restored');
  });
});
