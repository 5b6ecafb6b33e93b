/** A message typed before the triage model has loaded is judged again when it arrives. */
import { executeServerCommand } from '@web/test-runner-commands';
import { BatonChat } from '../../src/widget/baton-chat/baton-chat.ts';
import { assert, batonServer, equal, until } from '../support/browser.ts';

// The real worker and model, but the model's files are held back by the test runner until released.
BatonChat.triage = { workerUrl: new URL('/src/triage/worker.ts', location.href), modelsUrl: new URL('/held-models/', location.href) };

const $$ = (el: BatonChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const bubbles = (el: BatonChat, role: string) => $$(el, `.msg.${role} .bubble`).map((b) => b.textContent ?? '');

describe('re-triage when the model loads', () => {
  it('hands off a message the rules let through, once the model has judged it, and says so', async () => {
    const { url, siteKey } = await batonServer();
    await new Promise((ok) => {
      const req = indexedDB.deleteDatabase('baton');
      req.onsuccess = req.onerror = req.onblocked = ok;
    });
    const el = document.createElement('baton-chat');
    el.setAttribute('site', siteKey);
    el.setAttribute('server', url);
    document.body.append(el);
    el.open = true;
    await el.updateComplete;
    await until(() => el.dataset.triage === 'loading', 'the model starts loading when the chat opens');

    const box = el.shadowRoot!.querySelector('textarea')!;
    box.value = 'there is a strong smell of gas in my kitchen';
    box.dispatchEvent(new InputEvent('input'));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => $$(el, '.msg.visitor .meta').some((m) => m.textContent?.includes('Sent')), 'the message is sent');
    // The rules know nothing of gas: the visitor is still with the assistant while the model loads.
    await until(() => bubbles(el, 'assistant').length >= 2, 'the assistant answered');
    equal(el.dataset.triage, 'loading', 'the model is still held back');
    assert(!bubbles(el, 'assistant').some((t) => t.includes('bringing in someone')), 'no hand-off from the rules alone');

    await executeServerCommand('release-models');
    await until(() => el.dataset.triage === 'ready', 'the model is ready', 30_000);
    await until(
      () => bubbles(el, 'assistant').some((t) => t.startsWith('Looking again at what you wrote')),
      'the visitor is told why',
      15_000,
    );
    await until(
      () => el.shadowRoot!.querySelector('header p')?.textContent?.match(/online|person|someone|queue|wait/i),
      'the chat is handed off',
    );
    el.remove();
  });
});
