/** <baton-chat> as a site owner's code meets it: parts, custom properties, methods, events and live attributes. */
import { BatonChat } from '../../src/widget/baton-chat/baton-chat.ts';
import type { BatonHandoffEvent, BatonMessageEvent } from '../../src/widget/events.ts';
import { assert, batonServer, equal, triageUrlsForTests, until } from '../support/browser.ts';

BatonChat.triage = triageUrlsForTests();

async function mount(): Promise<BatonChat> {
  const { url, siteKey } = await batonServer();
  await new Promise((ok) => {
    const req = indexedDB.deleteDatabase('baton');
    req.onsuccess = req.onerror = req.onblocked = ok;
  });
  const el = document.createElement('baton-chat');
  el.site = siteKey;
  el.server = url;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const part = (el: BatonChat, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const visible = (e: Element | null | undefined) => !!e && e.checkVisibility();

/** Every event of `type` that reaches `document` (so it bubbled out of the shadow root and the element). */
function heard<T extends Event>(type: string): T[] {
  const seen: T[] = [];
  document.addEventListener(type, (e) => seen.push(e as T));
  return seen;
}

describe('<baton-chat> public API', () => {
  afterEach(() => document.querySelectorAll('baton-chat').forEach((e) => e.remove()));

  it('exposes the documented CSS parts', async () => {
    const el = await mount();
    el.show();
    await until(() => part(el, 'message'), 'the greeting as a message part');
    for (const name of [
      'launcher',
      'panel',
      'header',
      'log',
      'message',
      'bubble',
      'composer',
      'input',
      'send-button',
      'human-button',
      'status',
      'close-button',
    ])
      assert(part(el, name), `part "${name}" exists`);
    equal(part(el, 'human-button')?.textContent?.trim(), 'Talk to a person');
  });

  it('follows its --baton-* custom properties: colour, launcher side and offset, z-index, font', async () => {
    const el = await mount();
    el.style.cssText =
      '--baton-accent: rgb(200, 0, 100); --baton-launcher-right: auto; --baton-launcher-left: 24px; --baton-launcher-bottom: 40px; --baton-z-index: 50; --baton-font: serif';
    await el.updateComplete;
    const launcher = part(el, 'launcher')!;
    const style = getComputedStyle(launcher);
    equal(style.backgroundColor, 'rgb(200, 0, 100)');
    equal(style.zIndex, '50');
    const box = launcher.getBoundingClientRect();
    equal(Math.round(box.left), 24, 'launcher on the left');
    equal(Math.round(innerHeight - box.bottom), 40, 'launcher offset from the bottom');
    assert(getComputedStyle(el).fontFamily.includes('serif'), 'font family');
  });

  it('show(), hide() and toggle() open and close the panel, with bubbling, composed baton-show and baton-hide', async () => {
    const shows = heard('baton-show');
    const hides = heard('baton-hide');
    const el = await mount();
    el.show();
    await until(() => visible(part(el, 'panel')), 'panel open after show()');
    await until(() => shows.length === 1, 'baton-show');
    assert(shows[0]!.bubbles && shows[0]!.composed, 'baton-show bubbles and is composed');
    el.hide();
    await until(() => !visible(part(el, 'panel')), 'panel closed after hide()');
    await until(() => hides.length === 1, 'baton-hide');
    el.toggle();
    await until(() => el.open && shows.length === 2, 'toggle() opens');
    el.toggle();
    await until(() => !el.open && hides.length === 2, 'toggle() closes');
    part(el, 'launcher')!.click();
    await until(() => shows.length === 3, 'the launcher fires baton-show too');
  });

  it('fires baton-ready, baton-message (role and text) and baton-handoff (reasons)', async () => {
    const ready = heard('baton-ready');
    const messages = heard<BatonMessageEvent>('baton-message');
    const handoffs = heard<BatonHandoffEvent>('baton-handoff');
    const el = await mount();
    await until(() => ready.length === 1, 'baton-ready');
    el.show();
    await until(
      () => messages.some((m) => m.role === 'assistant' && m.text.includes('Hello from the test site.')),
      'greeting as baton-message',
    );
    const box = part(el, 'input') as HTMLTextAreaElement;
    box.value = 'there is a gas smell in the kitchen and I feel dizzy';
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(
      () => messages.some((m) => m.role === 'visitor' && m.text.startsWith('there is a gas smell')),
      'the visitor line as baton-message',
    );
    (part(el, 'human-button') as HTMLButtonElement).click();
    const handoff = await until(() => handoffs[0], 'baton-handoff');
    assert(handoff.bubbles && handoff.composed, 'baton-handoff bubbles and is composed');
    equal(handoff.trigger === 'visitor_asked' || handoff.trigger === 'policy', true, `trigger ${handoff.trigger}`);
    assert(Array.isArray(handoff.reasons), 'reasons listed');
    equal(messages.filter((m) => m.text === messages[0]!.text).length, 1, 'each line is announced once');
  });

  it('keeps attributes live: a new site reconnects to that site', async () => {
    const el = await mount();
    el.show();
    await until(() => el.shadowRoot!.querySelector('h2')?.textContent === 'Test Plumbing', 'the test site');
    el.setAttribute('site', 'elsewhere');
    await until(
      () => el.shadowRoot!.querySelector('.banner.unavailable')?.textContent?.includes('Chat is unavailable'),
      'refused for the other site',
    );
    el.setAttribute('site', (await batonServer()).siteKey);
    await until(() => !el.shadowRoot!.querySelector('.banner.unavailable'), 'refusal gone');
    await until(() => el.shadowRoot!.querySelector('h2')?.textContent === 'Test Plumbing', 'back on the test site');
    el.language = 'es';
    await el.updateComplete;
    equal(part(el, 'panel')?.getAttribute('lang'), 'es', 'language sets the panel language');
  });
});
