/**
 * The staff view of a handoff, transfer / hand back, close with the context question, and the
 * Insights page: rendered from fixture data (the staff socket only accepts the page the server
 * serves, so these views are tested on their own; see staff-views.browser.test.ts).
 */
import { sendKeys } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import '../../src/staff/baton-staff-chat/baton-staff-chat.ts';
import '../../src/staff/baton-staff-insights/baton-staff-insights.ts';
import '../../src/staff/baton-staff-mood/baton-staff-mood.ts';
import '../../src/staff/baton-staff-packet/baton-staff-packet.ts';
import '../../src/staff/baton-staff-transfer/baton-staff-transfer.ts';
import type { HandoffSummary, StaffDirectoryEntry, StaffNote, TeamRef } from '../../src/protocol/messages.ts';
import type { HandoffPacket } from '../../src/protocol/schemas.ts';
import type {
  BatonCloseChatEvent,
  BatonInsightsPeriodEvent,
  BatonJumpEvent,
  BatonReleaseEvent,
  BatonTransferEvent,
} from '../../src/staff/events.ts';
import { DeliveryState, type ChatLine, type Insights, type InsightsDay, type OpenChat } from '../../src/staff/types.ts';
import { assert, equal, until } from '../support/browser.ts';
import { $, $$, events, mount } from '../support/elements.ts';
import { checkA11y } from './a11y.ts';

const NOW = Date.UTC(2026, 0, 15, 14, 30);
const ID = (n: number) => `m${n}-xxxxxxxx`;

function summary(over: Partial<HandoffSummary> = {}): HandoffSummary {
  return {
    conversationId: 'conv-aaaaaaaa',
    siteKey: 'demo-plumbing',
    siteName: 'Brightwater Plumbing',
    reason: 'policy',
    reasons: ['safety', 'frustration'],
    urgency: 0,
    team: { id: 'dispatch', name: 'Dispatch' },
    status: 'active',
    assignedTo: { id: 1, name: 'Sam Rivera' },
    requestedAt: NOW - 3 * 60_000,
    firstLine: 'Do you fix water heaters?',
    messageCount: 6,
    context: {
      url: 'https://brightwater.example/services/gas',
      title: 'Gas lines — Brightwater',
      referrer: '',
      language: 'en-US',
      timeZone: 'America/Los_Angeles',
      device: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile Safari/604.1', viewport: '390x844', touch: true },
      timeOnPageMs: 95_000,
    },
    ...over,
  };
}

const PACKET: HandoffPacket = {
  asked: { first: 'Do you fix water heaters?', latest: 'I smell gas in the kitchen, what do I do?', needs: ['Water heater repair'] },
  understood: {
    need: 'Water heater repair, and a gas smell now',
    messages: [
      { messageId: ID(2), labels: [], scores: { safety: 0.02 }, signals: [] },
      { messageId: ID(4), labels: ['frustration'], scores: { frustration: 0.71 }, signals: ['repetition'] },
      { messageId: ID(6), labels: ['safety'], scores: { safety: 0.93 }, signals: [] },
    ],
  },
  tried: [
    {
      messageId: ID(3),
      kind: 'answer',
      text: 'Yes, we repair and install water heaters.',
      sources: [{ id: 'tankless-heaters', title: 'Do you install tankless water heaters?' }],
    },
    { messageId: ID(5), kind: 'miss', text: 'Sorry, I do not know that.', sources: [] },
  ],
  collected: [
    { kind: 'name', value: 'Jo Park', messageId: ID(4) },
    { kind: 'email', value: 'jo@example.com', messageId: ID(4) },
    { kind: 'address', value: '12 Elm St, Riverside', messageId: ID(6) },
  ],
  why: {
    action: 'handoff',
    reasons: [
      { kind: 'label', name: 'frustration', score: 0.71, messageId: ID(4), evidence: 'I ALREADY told you, the heater is broken' },
      { kind: 'label', name: 'safety', score: 0.93, messageId: ID(6), evidence: 'I smell gas in the kitchen' },
      { kind: 'signal', name: 'repetition', messageId: ID(4), evidence: 'Same need as message 2' },
    ],
  },
  mood: [
    { messageId: ID(2), frustration: 0.05 },
    { messageId: ID(4), frustration: 0.71 },
    { messageId: ID(6), frustration: 0.8 },
  ],
  pagesSeen: ['https://brightwater.example/', 'https://brightwater.example/services/gas'],
  localTime: 'Thu Jan 15 2026 06:30:12 GMT-0800 (Pacific Standard Time)',
  timeOnSiteMs: 310_000,
};

const NOTES: StaffNote[] = [{ id: 'note-1', author: 'Alex Kim', text: 'Gas smell: call them first.', createdAt: NOW - 60_000 }];

function line(seq: number, role: ChatLine['role'], text: string, over: Partial<ChatLine> = {}): ChatLine {
  return { id: ID(seq), seq, role, text, createdAt: NOW - (20 - seq) * 60_000, delivery: DeliveryState.sent, ...over };
}

function chat(over: Partial<OpenChat> = {}): OpenChat {
  const filler = Array.from({ length: 12 }, (_, i) =>
    line(7 + i, i % 2 ? 'staff' : 'visitor', `Filler message ${i} so the transcript scrolls.`, { id: `f${i}-xxxxxxxx` }),
  );
  return {
    conversationId: 'conv-aaaaaaaa',
    summary: summary(),
    packet: PACKET,
    notes: NOTES,
    lines: [
      line(1, 'assistant', 'Hi! How can I help?'),
      line(2, 'visitor', 'Do you fix water heaters?', {
        triage: { scores: { safety: 0.02 }, labels: [], signals: [], action: 'none', ms: 3 },
      }),
      line(3, 'assistant', 'Yes, we repair and install water heaters.'),
      line(4, 'visitor', 'I ALREADY told you, the heater is broken', {
        triage: { scores: { frustration: 0.71 }, labels: ['frustration'], signals: ['repetition'], action: 'offer', ms: 4 },
      }),
      line(5, 'assistant', 'Sorry, I do not know that.'),
      line(6, 'visitor', 'I smell gas in the kitchen, what do I do?', {
        triage: { scores: { safety: 0.93 }, labels: ['safety'], signals: [], action: 'handoff', ms: 5 },
      }),
      ...filler,
    ],
    visitorTyping: false,
    loading: false,
    closed: false,
    ...over,
  };
}

const TEAMS: TeamRef[] = [
  { id: 'dispatch', name: 'Dispatch' },
  { id: 'billing', name: 'Billing' },
];
const DIRECTORY: StaffDirectoryEntry[] = [
  { id: 1, name: 'Sam Rivera', presence: 'online', openChats: 1, maxChats: 3, teams: ['dispatch'] },
  { id: 2, name: 'Alex Kim', presence: 'online', openChats: 2, maxChats: 3, teams: ['billing'] },
  { id: 3, name: 'Jo Full', presence: 'online', openChats: 3, maxChats: 3, teams: ['billing'] },
  { id: 4, name: 'Bea Away', presence: 'away', openChats: 0, maxChats: 2, teams: [] },
];

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const buttonIn = (root: ParentNode, name: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === name);
const packetOf = (c: HTMLElement) => $(c, 'baton-staff-packet')! as HTMLElementTagNameMap['baton-staff-packet'];

afterEach(() => {
  for (const el of document.body.querySelectorAll('div')) el.remove();
});

describe('<baton-staff-packet> (the staff view of a handoff)', () => {
  it('shows reason chips in plain words (urgent first), the three-line summary, details, mood and notes', async () => {
    const el = await mount('baton-staff-packet', { packet: PACKET, summary: summary(), notes: NOTES, now: NOW });
    equal(
      $$(el, '.chip').map((c) => text(c)),
      ['⚠ Safety 93%', 'Frustrated 71%', 'Repeating themselves'],
    );
    assert($(el, '.chip.urgent')?.textContent?.includes('Safety'), 'the safety chip is marked urgent (with an icon, not colour alone)');
    equal(text($(el, 'h3')), 'Why a person · for Dispatch');
    const lines = $$(el, '.lines dd').map(text);
    equal(lines[0], 'Water heater repair, and a gas smell now', 'wants: the need, not the latest line');
    equal(lines[1], '1 answer, 1 miss — latest from “Do you install tankless water heaters?”');
    equal(lines[2], 'Safety (93%), Frustrated (71%), Repeating themselves');
    equal(
      $$(el, '.collected li').map((li) => text(li.querySelector('.kind')) + '=' + text(li.querySelector('.value'))),
      ['Name=Jo Park', 'Email=jo@example.com', 'Address=12 Elm St, Riverside'],
    );
    const note = $(el, '.note')!;
    assert(text(note).startsWith('Note from Alex Kim'), `note is marked: ${text(note)}`);
    assert(text(note).includes('the visitor cannot see this'), 'and says it is staff only');
    const mood = $(el, 'baton-staff-mood')!;
    await (mood as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const svg = $(mood, 'svg[role="img"]')!;
    equal(svg.getAttribute('aria-label'), 'Frustration rising: from 5% to 80% over 3 visitor messages (peak 80%).');
    equal($$(mood, 'circle').length, 3, 'one point per visitor turn');
    equal(mood.dataset.level, 'upset', 'the line takes the colour of its latest value');
    const line = getComputedStyle($(mood, '.line')!).stroke;
    (mood as unknown as { values: number[] }).values = [0.4, 0.1];
    await (mood as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    equal(mood.dataset.level, 'calm');
    assert(getComputedStyle($(mood, '.line')!).stroke !== line, 'a calm line is not in the danger colour');
    checkA11y(el);
  });

  it('a chip shows its evidence and score, and asks to jump to its message', async () => {
    const el = await mount('baton-staff-packet', { packet: PACKET, summary: summary(), now: NOW });
    const jumps = events<BatonJumpEvent>(el, 'baton-jump');
    const chip = $$<HTMLButtonElement>(el, '.chip')[0]!;
    equal(chip.getAttribute('aria-expanded'), 'false');
    chip.click();
    await el.updateComplete;
    equal(chip.getAttribute('aria-expanded'), 'true');
    const detail = $(el, '#chip-detail')!;
    assert(!detail.hidden, 'evidence shown');
    assert(text(detail).includes('score 93%') && text(detail).includes('I smell gas in the kitchen'), text(detail));
    equal(
      jumps.map((j) => j.messageId),
      [ID(6)],
    );
    assert(jumps[0]!.bubbles && jumps[0]!.composed, 'the jump leaves the shadow root');
  });

  it('copies a detail with the clipboard and confirms it accessibly', async () => {
    const copied: string[] = [];
    const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
    try {
      const el = await mount('baton-staff-packet', { packet: PACKET, summary: summary(), now: NOW });
      const copy = $$<HTMLButtonElement>(el, '.collected button');
      equal(copy.map(text), ['Copy name', 'Copy email', 'Copy address'], 'each button names what it copies');
      copy[1]!.click();
      await until(() => copied.length === 1, 'the clipboard write');
      equal(copied, ['jo@example.com']);
      await el.updateComplete;
      equal(text($(el, '[role="status"]')), 'Copied email: jo@example.com');
      assert(text(copy[1]).startsWith('✓ Copied'), 'the button confirms too');
    } finally {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('collapses to the chips, and works without a packet', async () => {
    const el = await mount('baton-staff-packet', { packet: PACKET, summary: summary(), now: NOW });
    const toggle = $<HTMLButtonElement>(el, '.toggle')!;
    equal(toggle.getAttribute('aria-expanded'), 'true');
    toggle.click();
    await el.updateComplete;
    equal(toggle.getAttribute('aria-expanded'), 'false');
    assert($(el, '#packet-body')!.hidden, 'body hidden');
    assert($(el, '.chip')!.checkVisibility(), 'chips stay');

    el.packet = undefined;
    el.summary = summary({ reason: 'visitor_asked', reasons: [] });
    await el.updateComplete;
    equal($$(el, '.chip').map(text), ['Asked for a person']);
  });
});

describe('<baton-staff-chat> with a handoff', () => {
  it('marks the messages that triggered (in words), and a chip scrolls to and highlights its message', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW, teams: TEAMS, directory: DIRECTORY, meId: 1 });
    await packetOf(el).updateComplete;
    const msg = (n: number) => $(el, `.msg[data-id="${ID(n)}"]`)!;
    assert(msg(6).classList.contains('trigger'), 'the safety message is marked');
    equal(text(msg(6).querySelector('.mark')), '⚑ Triggered the handoff: Safety 93%');
    equal(text(msg(4).querySelector('.mark')), '⚑ Triggered the handoff: Frustrated 71%, Repeating themselves');
    assert(!msg(2).querySelector('.mark'), 'a routine message is not marked');
    assert($(el, 'baton-staff-summary')!.closest('baton-staff-packet') === packetOf(el), 'the page context sits in the handoff view');

    const scroller = $(el, '.scroll')!;
    scroller.scrollTop = 0;
    const safety = $$<HTMLButtonElement>(packetOf(el), '.chip')[0]!;
    safety.click();
    await el.updateComplete;
    assert(msg(6).classList.contains('highlight'), 'highlighted');
    equal(el.shadowRoot!.activeElement, msg(6), 'focus moves to it (screen readers read it)');
    await until(() => {
      const box = msg(6).getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return box.top >= view.top && box.bottom <= view.bottom;
    }, 'the message scrolled into view');
    await until(() => !msg(6).classList.contains('highlight'), 'the highlight to fade', 5000);
    checkA11y(el);
  });

  it('shows when the chat has left me, without a composer', async () => {
    const el = await mount('baton-staff-chat', {
      chat: chat({ leftReason: 'This chat is no longer yours: transferred to Billing.' }),
      now: NOW,
    });
    equal($(el, 'textarea'), null);
    assert(text($(el, '.closed[role="status"]')).includes('transferred to Billing'), 'reason shown');
    equal(buttonIn(el.shadowRoot!, 'Transfer'), undefined, 'no actions on a chat that is not mine');
  });
});

describe('transfer and hand back', () => {
  it('Transfer opens a labelled modal dialog that lists teams and people (not me, not at capacity) with presence and load', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW, teams: TEAMS, directory: DIRECTORY, meId: 1 });
    const transfer = $(el, 'baton-staff-transfer')!;
    const opener = buttonIn(el.shadowRoot!, 'Transfer')!;
    opener.focus();
    opener.click();
    await (transfer as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const dialog = $<HTMLDialogElement>(transfer, 'dialog')!;
    assert(dialog.open && dialog.matches(':modal'), 'a modal dialog');
    equal(text(transfer.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)), 'Transfer this chat');
    const options = $$(transfer, 'label.option').map((o) => `${text(o.querySelector('.name'))} | ${text(o.querySelector('.sub'))}`);
    equal(options, ['Dispatch | ', 'Billing | ', 'Alex Kim | Online · 2/3 chats · Billing', 'Bea Away | Away · 0/2 chats']);
    assert(!options.some((o) => o.includes('Sam Rivera')), 'not myself');
    assert(text($(transfer, '.hidden-people')).includes('Jo Full (3/3)'), 'people at capacity are named as left out');
    equal(transfer.shadowRoot!.activeElement, $(transfer, 'input[type="radio"]'), 'focus starts on the first choice');
    assert(buttonIn(transfer.shadowRoot!, 'Transfer')!.disabled, 'nothing picked: cannot send');
    checkA11y(transfer);

    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'Escape closes it');
    equal(el.shadowRoot!.activeElement, opener, 'focus returns to "Transfer"');
  });

  it('is driven by the keyboard: arrows pick, Tab stays inside, Enter sends with the note', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW, teams: TEAMS, directory: DIRECTORY, meId: 1 });
    const transfer = $(el, 'baton-staff-transfer')!;
    const sent = events<BatonTransferEvent>(el, 'baton-transfer');
    let answer: (r: { ok: boolean; error?: string }) => void = () => {};
    el.addEventListener('baton-transfer', (e) => (e as BatonTransferEvent).respondWith(new Promise((r) => (answer = r))));
    buttonIn(el.shadowRoot!, 'Transfer')!.click();
    const dialog = $<HTMLDialogElement>(transfer, 'dialog')!;
    await until(() => transfer.shadowRoot!.activeElement?.localName === 'input', 'focus in the dialog');
    await sendKeys({ press: 'ArrowDown' }); // Billing
    await sendKeys({ press: 'ArrowDown' }); // Alex Kim
    await (transfer as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    equal($<HTMLInputElement>(transfer, 'input:checked')!.closest('label')!.querySelector('.name')!.textContent, 'Alex Kim');
    await sendKeys({ press: 'Tab' }); // the note
    equal(transfer.shadowRoot!.activeElement?.id, 'note');
    await sendKeys({ type: 'Wants a quote' });
    await sendKeys({ press: 'Tab' }); // Cancel
    await sendKeys({ press: 'Tab' }); // Transfer
    equal(text(transfer.shadowRoot!.activeElement), 'Transfer');
    await sendKeys({ press: 'Tab' }); // wraps to the picked choice
    equal(transfer.shadowRoot!.activeElement, $(transfer, 'input:checked'), 'Tab wraps inside the dialog');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    equal(text(transfer.shadowRoot!.activeElement), 'Transfer', 'and back');
    await sendKeys({ press: 'Enter' });
    equal(sent.length, 1);
    equal([sent[0]!.conversationId, sent[0]!.to, sent[0]!.note], ['conv-aaaaaaaa', { staffId: 2 }, 'Wants a quote']);
    await (transfer as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    equal(text(buttonIn(transfer.shadowRoot!, 'Transferring…')), 'Transferring…', 'busy while waiting');

    answer({ ok: false, error: 'Alex Kim is at their maximum of 3 chats' });
    await until(() => $(transfer, '[role="alert"]'), 'the refusal shown');
    assert(dialog.open, 'still open to pick someone else');
    $<HTMLInputElement>(transfer, 'input[type="radio"]')!.click();
    buttonIn(transfer.shadowRoot!, 'Transfer')!.click();
    equal(sent.at(-1)!.to, { teamId: 'dispatch' });
    answer({ ok: true });
    await until(() => !dialog.open, 'closed on success');
  });

  it('hands back to the assistant only after confirmation', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW });
    const released = events<BatonReleaseEvent>(el, 'baton-release');
    el.addEventListener('baton-release', (e) => (e as BatonReleaseEvent).respondWith(Promise.resolve({ ok: true })));
    const handBack = $$<HTMLButtonElement>(el, '.chat-actions button').find((b) => text(b) === 'Hand back to assistant')!;
    assert(handBack, 'a "Hand back to assistant" action');
    handBack.click();
    const dialog = $<HTMLDialogElement>(el, '#release-dialog')!;
    assert(dialog.open, 'asks first');
    buttonIn(dialog, 'Keep it')!.click();
    equal(released.length, 0);
    handBack.click();
    buttonIn(dialog, 'Hand back')!.click();
    equal(
      released.map((r) => r.conversationId),
      ['conv-aaaaaaaa'],
    );
    await until(() => !dialog.open, 'closed once handed back');
  });
});

describe('close with the context question', () => {
  it('asks whether the handoff had everything, and closes with the answer; Cancel keeps it', async () => {
    const el = await mount('baton-staff-chat', { chat: chat(), now: NOW });
    const closes = events<BatonCloseChatEvent>(el, 'baton-close-chat');
    const dialog = $<HTMLDialogElement>(el, '#close-dialog')!;
    buttonIn(el.shadowRoot!, 'Close chat')!.click();
    assert(dialog.open, 'dialog open');
    assert(text(dialog).includes('Did you have everything you needed from the handoff?'), 'asks the question');
    assert(dialog.getAttribute('aria-describedby')!.includes('context-question'), 'and the question describes the dialog');
    buttonIn(dialog, 'Cancel')!.click();
    assert(!dialog.open && closes.length === 0, 'Cancel keeps it open');
    buttonIn(el.shadowRoot!, 'Close chat')!.click();
    buttonIn(dialog, 'No')!.click();
    buttonIn(el.shadowRoot!, 'Close chat')!.click();
    buttonIn(dialog, 'Yes')!.click();
    equal(
      closes.map((c) => [c.conversationId, c.hadContext]),
      [
        ['conv-aaaaaaaa', false],
        ['conv-aaaaaaaa', true],
      ],
    );
  });
});

function day(i: number, over: Partial<InsightsDay> = {}): InsightsDay {
  return {
    day: `2026-01-${String(9 + i).padStart(2, '0')}`,
    conversations: 10 + i,
    handoffs: 2 + (i % 3),
    handoffRate: (2 + (i % 3)) / (10 + i),
    medianToHandoffMs: 60_000 + i * 5000,
    medianFromTriggerMs: 4000 + i * 500,
    medianFirstReplyMs: i === 3 ? null : 45_000 + i * 3000,
    ratings: i % 2 ? 2 : 1,
    averageRating: i % 2 ? 4.5 : 3,
    contextMarked: 2,
    contextYes: i % 2 ? 2 : 1,
    packetCompleteness: 0.75,
    ...over,
  };
}

const INSIGHTS: Insights = {
  days: Array.from({ length: 7 }, (_, i) => day(i)),
  reasons: [
    { reason: 'safety', handoffs: 6, share: 0.4, medianFirstReplyMs: 30_000, averageRating: 4.8 },
    { reason: 'deal', handoffs: 4, share: 0.27, medianFirstReplyMs: 90_000, averageRating: 4 },
    { reason: 'repetition', handoffs: 3, share: 0.2, medianFirstReplyMs: 60_000, averageRating: null },
  ],
  totals: {
    ...day(0),
    conversations: 91,
    handoffs: 15,
    handoffRate: 15 / 91,
    ratings: 10,
    averageRating: 4.1,
    contextMarked: 14,
    contextYes: 11,
    packetCompleteness: 0.75,
  },
};

describe('<baton-staff-insights>', () => {
  it('draws the five charts with chart.js, each with words and a table', async () => {
    const el = await mount('baton-staff-insights', { state: { days: 7, loading: false, data: INSIGHTS } });
    const figures = $$(el, 'figure');
    equal(
      figures.map((f) => text(f.querySelector('h3'))),
      [
        'Handoff rate by day',
        'Time to handoff and to first reply',
        'Satisfaction after handoff',
        'Context completeness',
        'Handoffs by reason',
      ],
    );
    for (const canvas of $$<HTMLCanvasElement>(el, 'canvas')) {
      const chart = Chart.getChart(canvas);
      assert(chart, `a chart on ${canvas.dataset['chart']}`);
      assert(
        canvas.getAttribute('role') === 'img' && canvas.getAttribute('aria-label')!.length > 30,
        'the canvas has its summary as a name',
      );
      assert(
        canvas.getBoundingClientRect().height >= 180 && canvas.getBoundingClientRect().height <= 220,
        `about 200px tall (${canvas.getBoundingClientRect().height})`,
      );
      const legend = chart.options.plugins?.legend as { position?: string; display?: boolean } | undefined;
      if (legend?.display !== false) equal(legend?.position, 'bottom', `legend below (${canvas.dataset['chart']})`);
    }
    const rate = Chart.getChart($<HTMLCanvasElement>(el, 'canvas[data-chart="rate"]')!)!;
    equal(rate.data.labels?.length, 7, 'one point per day');
    equal(rate.data.datasets[0]!.data[0], 20, 'rate in percent');
    const reasons = Chart.getChart($<HTMLCanvasElement>(el, 'canvas[data-chart="reasons"]')!)!;
    equal(reasons.data.labels, ['Safety', 'Price negotiation', 'Repeating themselves']);

    equal(text($(el, '#rate-words')), 'Handoff rate 16% overall: 15 handoffs in 91 conversations. Highest on Jan 11 (33%).');
    assert(
      text($(el, '#satisfaction-words')).startsWith('Average rating 4.1 out of 5 from 10 ratings.'),
      text($(el, '#satisfaction-words')),
    );
    equal(
      text($(el, '#context-words')),
      'Staff had what they needed in 79% of 14 closed chats they marked; packets were 75% complete on average.',
    );
    equal(text($(el, '#reasons-words')), 'Most handoffs: Safety (6, 40%), Price negotiation (4, 27%), Repeating themselves (3, 20%).');
    const table = figures[1]!.querySelector('table')!;
    equal([...table.querySelectorAll('thead th')].map(text), ['Day', 'To handoff', 'From trigger', 'First reply']);
    equal([...table.querySelectorAll('tbody tr')][3]!.querySelectorAll('td')[2]!.textContent, '–', 'a day without replies says so');
    checkA11y(el);
  });

  it('picks a period, shows loading and errors, and has an empty state', async () => {
    const el = await mount('baton-staff-insights', { state: { days: 14, loading: false, data: INSIGHTS } });
    const picks = events<BatonInsightsPeriodEvent>(el, 'baton-insights-period');
    const periods = $$<HTMLButtonElement>(el, '.periods button');
    equal(
      periods.map((b) => [text(b), b.getAttribute('aria-pressed')]),
      [
        ['7 days', 'false'],
        ['14 days', 'true'],
        ['30 days', 'false'],
      ],
    );
    periods[2]!.click();
    equal(
      picks.map((p) => p.days),
      [30],
    );

    el.state = {
      days: 30,
      loading: false,
      data: {
        days: [day(0, { conversations: 0, handoffs: 0, handoffRate: null })],
        reasons: [],
        totals: { ...INSIGHTS.totals, conversations: 0, handoffs: 0 },
      },
    };
    await el.updateComplete;
    assert(text($(el, '.state')).includes('No conversations in the last 30 days yet.'), 'empty state');
    equal($$(el, 'canvas').length, 0, 'no empty charts');

    el.state = { days: 30, loading: false, error: 'Insights could not be loaded (500). Try again.' };
    await el.updateComplete;
    equal(text($(el, '[role="alert"] p')), 'Insights could not be loaded (500). Try again.');
    buttonIn(el.shadowRoot!, 'Try again')!.click();
    equal(
      picks.map((p) => p.days),
      [30, 30],
    );
  });
});
