/**
 * Issue 5 views on their own: "My chats" with unread counts, latest lines and drafts; pull to
 * refresh (touch pointer events) and the refresh button; saved replies inserted into the composer
 * and edited before sending; drafts handed to the host and restored per chat; the settings panel.
 * Every one passes the accessibility check (names, 44 px targets).
 */
import '../../src/staff/baton-staff-chat/baton-staff-chat.ts';
import '../../src/staff/baton-staff-queue/baton-staff-queue.ts';
import '../../src/staff/baton-staff-settings/baton-staff-settings.ts';
import type { HandoffSummary } from '../../src/protocol/messages.ts';
import type { BatonDraftEvent, BatonPresenceEvent, BatonSendEvent, BatonSettingEvent } from '../../src/staff/events.ts';
import { DeliveryState, type MyChat, type OpenChat } from '../../src/staff/types.ts';
import { assert, equal } from '../support/browser.ts';
import { $, $$, events, mount as mountIn } from '../support/elements.ts';
import { checkA11y } from './a11y.ts';

/** A phone with the keyboard up: shorter than the screen, scrolling. */
const FRAME = 'width: 390px; height: 600px; display: flex; flex-direction: column; overflow-y: auto;';
const mount = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>) => mountIn(tag, props, FRAME);

const NOW = Date.UTC(2026, 0, 15, 14, 30);

function summary(id: string, over: Partial<HandoffSummary> = {}): HandoffSummary {
  return {
    conversationId: id,
    siteKey: 'demo-plumbing',
    siteName: 'Brightwater Plumbing',
    reason: 'visitor_asked',
    reasons: [],
    urgency: 99,
    team: { id: 'everyone', name: 'Everyone' },
    status: 'active',
    requestedAt: NOW - 120_000,
    firstLine: 'My kitchen sink is leaking',
    messageCount: 3,
    context: {
      url: 'https://example.com/',
      title: 'Example',
      referrer: '',
      language: 'en',
      timeZone: 'UTC',
      device: { userAgent: 'x', viewport: '390x844', touch: true },
      timeOnPageMs: 1000,
    },
    ...over,
  } as HandoffSummary;
}

function chat(id: string): OpenChat {
  return {
    conversationId: id,
    summary: summary(id),
    lines: [{ id: `${id}-1`, seq: 1, role: 'visitor', text: 'Hello?', createdAt: NOW, delivery: DeliveryState.sent }],
    visitorTyping: false,
    loading: false,
    closed: false,
  };
}

afterEach(() => {
  for (const el of document.body.querySelectorAll('div')) el.remove();
});

describe('<baton-staff-queue> my chats and refresh', () => {
  it('shows unread counts, the latest line (mine as "You:") and a draft marker', async () => {
    const chats: MyChat[] = [
      {
        summary: summary('conv-aaaaaaaa', { contact: { name: 'Dana' } }),
        unread: 2,
        hasDraft: false,
        latest: { role: 'visitor', text: 'Are you still there?', at: NOW },
      },
      { summary: summary('conv-bbbbbbbb'), unread: 0, hasDraft: true, latest: { role: 'staff', text: 'On my way', at: NOW } },
    ];
    const el = await mount('baton-staff-queue', { queue: [], chats, now: NOW });
    const rows = $$<HTMLButtonElement>(el, 'button.chat');
    equal(rows.length, 2);
    // Named by what it shows (no aria-label that could drift from the visible text).
    equal(rows[0]!.getAttribute('aria-label'), null);
    const name = rows[0]!.textContent!.replace(/\s+/g, ' ').trim();
    assert(/^Dana · Brightwater Plumbing 2 unread Are you still there\? \d/.test(name), `name: ${name}`);
    assert(rows[1]!.textContent!.includes('You: On my way'), 'my own latest line says "You:"');
    assert(rows[1]!.textContent!.includes('Draft'), 'a waiting draft is marked');
    checkA11y(el);
  });

  it('refreshes from the button and from a touch pull at the top', async () => {
    const el = await mount('baton-staff-queue', { queue: [], mine: [] });
    const fired = events(el, 'baton-refresh');
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent?.trim() === 'Refresh')!
      .click();
    equal(fired.length, 1);
    const pointer = (type: string, y: number) =>
      el.dispatchEvent(
        new PointerEvent(type, { pointerId: 7, pointerType: 'touch', clientX: 100, clientY: y, bubbles: true, composed: true }),
      );
    pointer('pointerdown', 100);
    pointer('pointermove', 160);
    await el.updateComplete;
    equal($(el, '.pull')?.getAttribute('data-state'), 'pulling');
    pointer('pointermove', 260);
    await el.updateComplete;
    equal($(el, '.pull')?.textContent?.trim(), '↓ Release to refresh');
    pointer('pointerup', 260);
    equal(fired.length, 2, 'a long enough pull refreshes');
    pointer('pointerdown', 100);
    pointer('pointermove', 130);
    pointer('pointerup', 130);
    equal(fired.length, 2, 'a short pull does not');
    el.refreshing = true;
    await el.updateComplete;
    equal($(el, '.pull')?.textContent?.trim(), 'Refreshing…');
  });
});

describe('<baton-staff-chat> composer', () => {
  it('inserts a saved reply with a tap, lets it be edited, and sends the edited text', async () => {
    const el = await mount('baton-staff-chat', {
      chat: chat('conv-aaaaaaaa'),
      savedReplies: [
        { siteKey: 'demo-plumbing', title: 'On my way', text: 'Thanks for waiting! Give me a moment to check.' },
        { siteKey: 'demo-plumbing', title: 'Book a visit', text: 'What address should the technician come to?' },
      ],
    });
    const drafts = events<BatonDraftEvent>(el, 'baton-draft');
    const sent = events<BatonSendEvent>(el, 'baton-send');
    const group = $(el, '[role="group"][aria-label="Saved replies"]')!;
    const chip = [...group.querySelectorAll('button')].find((b) => b.textContent === 'Book a visit')!;
    chip.click();
    await el.updateComplete;
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    equal(box.value, 'What address should the technician come to?');
    equal(el.shadowRoot!.activeElement, box, 'the composer has focus, ready to edit');
    equal(drafts.at(-1)?.text, 'What address should the technician come to?');
    box.value = 'Hi Dana! What address should the technician come to?';
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    equal(
      sent.map((e) => e.text),
      ['Hi Dana! What address should the technician come to?'],
    );
    equal(drafts.at(-1)?.text, '', 'the sent draft is cleared for the host too');
    checkA11y(el);
  });

  it('keeps a draft per chat and restores a stored one when a chat is shown', async () => {
    const stored: Record<string, string> = { 'conv-bbbbbbbb': 'Stored before the reload' };
    const el = await mount('baton-staff-chat', { chat: chat('conv-aaaaaaaa'), loadDraft: (id: string) => stored[id] ?? '' });
    const box = () => $<HTMLTextAreaElement>(el, 'textarea')!;
    box().value = 'Half-written for A';
    box().dispatchEvent(new InputEvent('input', { bubbles: true }));
    el.chat = chat('conv-bbbbbbbb');
    await el.updateComplete;
    equal(box().value, 'Stored before the reload');
    el.chat = chat('conv-aaaaaaaa');
    await el.updateComplete;
    equal(box().value, 'Half-written for A');
  });
});

describe('<baton-staff-settings>', () => {
  it('shows presence with the load, asks for notifications only from a button, and switches settings', async () => {
    const el = await mount('baton-staff-settings', { presence: 'online', openChats: 2, maxChats: 3 });
    const presence = events<BatonPresenceEvent>(el, 'baton-presence');
    const settings = events<BatonSettingEvent>(el, 'baton-setting');
    assert(el.shadowRoot!.textContent!.includes('2 of 3 chats open.'), 'the load');
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent === 'Away')!
      .click();
    equal(
      presence.map((e) => e.status),
      ['away'],
    );
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent === 'Turn on notifications')!
      .click();
    const sound = $$<HTMLInputElement>(el, 'input[role="switch"]')[0]!;
    sound.click();
    equal(
      settings.map((e) => [e.setting, e.value]),
      [
        ['notifications', true],
        ['sound', false],
      ],
    );
    checkA11y(el);
  });
});
