/** <baton-chat> in a browser test as a new visitor meets it, and reading what it shows. */
import type { BatonChat } from '../../src/widget/baton-chat/baton-chat.ts';
import { batonServer } from './browser.ts';
import { $$ } from './elements.ts';

/** A fresh visitor each time (the element's default database cleared), on the test server's site. */
export async function mountWidget(attrs: Record<string, string> = {}): Promise<BatonChat> {
  const { url, siteKey } = await batonServer();
  await new Promise((ok) => {
    const req = indexedDB.deleteDatabase('baton');
    req.onsuccess = req.onerror = req.onblocked = ok;
  });
  const el = document.createElement('baton-chat');
  el.setAttribute('site', attrs.site ?? siteKey);
  el.setAttribute('server', attrs.server ?? url);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** A button by its accessible name (its label, or its text). */
export const button = (el: BatonChat, name: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);

/** The text of every bubble of one role, in order. */
export const bubbles = (el: BatonChat, role: string) => $$(el, `.msg.${role} .bubble`).map((b) => b.textContent);
