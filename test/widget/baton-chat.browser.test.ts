/** <baton-chat> as a visitor meets it: real element, real IndexedDB, real server. */
import { BatonChat } from '../../src/widget/baton-chat/baton-chat.ts';
import { bubbles, button, mountWidget as mount } from '../support/widget.ts';
import { assert, equal, staffReplies, storedOnServer, triageUrlsForTests, until } from '../support/browser.ts';

// The bundle (app.ts) points at the built worker; unbundled tests point at the sources.
BatonChat.triage = triageUrlsForTests();

const $ = <T extends Element>(el: BatonChat, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: BatonChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const visible = (e: Element | null | undefined) => !!e && e.checkVisibility();

function typeAndEnter(el: BatonChat, text: string, shift = false) {
  const box = $<HTMLTextAreaElement>(el, 'textarea')!;
  box.focus();
  box.value = text;
  box.dispatchEvent(new InputEvent('input'));
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: shift, bubbles: true, composed: true }));
}

describe('<baton-chat>', () => {
  afterEach(() => document.querySelectorAll('baton-chat').forEach((e) => e.remove()));

  it('opens from a launcher named "Open chat" into an accessible panel', async () => {
    const el = await mount();
    const launcher = button(el, 'Open chat');
    assert(launcher && visible(launcher), 'launcher button "Open chat" is visible');
    assert(!visible($(el, '.panel')), 'panel starts closed');
    launcher.click();
    await until(() => visible($(el, '.panel')), 'panel visible');
    const log = $(el, '[role="log"]');
    assert(log && log.getAttribute('aria-live') === 'polite', 'message list is a polite live log');
    equal($(el, 'textarea')?.getAttribute('aria-label'), 'Message');
    assert(visible(button(el, 'Talk to a person')), '"Talk to a person" is visible');
    await until(() => $(el, 'header p')?.textContent?.includes('automated assistant'), 'assistant disclosure line');
    await until(() => bubbles(el, 'assistant')[0]?.includes('Hello from the test site.'), 'site greeting shown');
    equal(el.shadowRoot!.activeElement, $(el, 'textarea'), 'focus moves to the composer');
    for (const b of $$(el, 'button')) assert((b.getAttribute('aria-label') ?? b.textContent ?? '').trim(), 'every button has a name');
  });

  it('sends on Enter, keeps Shift+Enter as a new line, and shows delivery and time', async () => {
    const el = await mount();
    el.open = true;
    await el.updateComplete;
    typeAndEnter(el, 'first line', true);
    equal(bubbles(el, 'visitor').length, 0, 'Shift+Enter does not send');
    typeAndEnter(el, 'my kitchen sink is clogged');
    await until(() => bubbles(el, 'visitor').includes('my kitchen sink is clogged'), 'message shown');
    await until(() => $$(el, '.msg.visitor .meta').some((m) => m.textContent?.includes('Sent')), 'delivery state "Sent"');
    assert($(el, '.msg.visitor time')?.getAttribute('datetime'), 'timestamp present');
    equal($<HTMLTextAreaElement>(el, 'textarea')!.value, '', 'composer cleared');
    await until(
      () => bubbles(el, 'assistant').some((t) => t?.includes('Talk to a person')),
      'assistant offers a person, without pretending to know',
    );
  });

  it('renders text as text, never as HTML', async () => {
    const el = await mount();
    el.open = true;
    await el.updateComplete;
    typeAndEnter(el, '<img src=x onerror="window.__pwned=1"><b>bold</b>');
    await until(() => bubbles(el, 'visitor').length === 1, 'message shown');
    equal($(el, '.msg.visitor .bubble img'), null, 'no element created from the text');
    equal((window as unknown as { __pwned?: number }).__pwned, undefined);
  });

  it('hands off: no staff online → honest notice and a contact form; staff joins → name and reply', async () => {
    const el = await mount();
    el.open = true;
    await el.updateComplete;
    typeAndEnter(el, 'the water heater is leaking onto the floor');
    await until(() => $$(el, '.msg.visitor .meta').some((m) => m.textContent?.includes('Sent')), 'sent');
    button(el, 'Talk to a person')!.click();
    await until(() => $(el, 'header p')?.textContent?.includes('No one from Test Plumbing is online'), 'honest no-staff line');
    const form = await until(() => $<HTMLFormElement>(el, 'form.contact'), 'contact form');
    (form.querySelector('input[name=email]') as HTMLInputElement).value = 'pat@example.com';
    (form.querySelector('input[name=message]') as HTMLInputElement).value = 'call me after 5';
    form.requestSubmit();
    await until(() => bubbles(el, 'system').some((t) => t?.includes('pat@example.com')), 'contact acknowledged');
    assert(!$(el, 'form.contact'), 'form gone after sending');

    const conversationId = await until(() => {
      const tx = indexedDB.open('baton');
      return new Promise<string | undefined>((ok) => {
        tx.onsuccess = () => {
          const get = tx.result.transaction('sessions').objectStore('sessions').get('test-site');
          get.onsuccess = () => (ok(get.result?.conversationId), tx.result.close());
        };
      });
    }, 'conversation id');
    const { claimed } = await staffReplies(
      conversationId,
      'Hi, Sam here. Turn off the cold supply valve on top of the heater.',
      'Sam Rivera',
    );
    assert(claimed, 'staff claimed');
    await until(() => $(el, 'header p')?.textContent?.includes('Sam Rivera'), 'staff name in the header');
    await until(() => bubbles(el, 'staff').some((t) => t?.startsWith('Hi, Sam here')), 'staff reply shown');
    const stored = await storedOnServer(conversationId);
    equal(
      stored.filter((m) => m.role === 'visitor').map((m) => m.text),
      ['the water heater is leaking onto the floor'],
    );
  });

  it('closes with Escape and gives focus back to the launcher', async () => {
    const el = await mount();
    button(el, 'Open chat')!.click();
    await until(() => visible($(el, '.panel')), 'open');
    $(el, 'textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => !visible($(el, '.panel')), 'closed');
    await until(() => el.shadowRoot!.activeElement === $(el, '.launcher'), 'focus on launcher');
  });

  it('tells the visitor clearly when the site is not allowed here', async () => {
    const el = await mount({ site: 'elsewhere' });
    el.open = true;
    await el.updateComplete;
    await until(() => $(el, '.banner.unavailable')?.textContent?.includes('Chat is unavailable on this page'), 'refusal shown');
  });
});
