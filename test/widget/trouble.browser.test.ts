/** <baton-chat> when things go wrong: refusals by the server, a misconfigured site, going offline. */
import { BatonChat } from '../../src/widget/baton-chat/baton-chat.ts';
import { bubbles, button, mountWidget as mount } from '../support/widget.ts';
import type { ChatController } from '../../src/widget/controllers/chat-controller.ts';
import { assert, batonServer, proxy, triageUrlsForTests, until } from '../support/browser.ts';

BatonChat.triage = triageUrlsForTests();

const $ = <T extends Element>(el: BatonChat, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: BatonChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const chatOf = (el: BatonChat) => (el as unknown as { chat: ChatController }).chat;

function typeAndEnter(el: BatonChat, text: string) {
  const box = $<HTMLTextAreaElement>(el, 'textarea')!;
  box.focus();
  box.value = text;
  box.dispatchEvent(new InputEvent('input'));
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

describe('<baton-chat> when things go wrong', () => {
  afterEach(async () => {
    await proxy('pass');
    document.querySelectorAll('baton-chat').forEach((e) => e.remove());
  });

  it('shows a refused message and a refused contact, with a way to try again and to leave a contact', async () => {
    const el = await mount();
    el.open = true;
    await el.updateComplete;
    typeAndEnter(el, 'my kitchen sink is blocked');
    await until(() => $$(el, '.msg.visitor .meta').some((m) => m.textContent?.includes('Sent')), 'sent');

    // A message the server refuses (too long for it) is shown as not accepted, with what to do.
    await chatOf(el).send('x'.repeat(4001));
    const banner = await until(() => $(el, '.banner.refused'), 'refusal shown');
    assert(banner.getAttribute('role') === 'alert', 'the refusal is announced');
    assert(banner.textContent?.includes('Your message was not accepted'), `says what failed: ${banner.textContent}`);
    assert(button(el, 'Try again'), 'offers to try again');
    assert(button(el, 'Retry sending this message'), 'the message itself can be retried');
    button(el, 'Leave your contact details')!.click();
    await until(() => $(el, 'form.contact'), 'contact form offered');

    // A contact the server refuses is not taken as left: the form comes back with why.
    await chatOf(el).leaveContact({ email: 'pat@example.com' }, 'y'.repeat(4001));
    await until(() => $(el, '.banner.refused')?.textContent?.includes('Your contact details were not accepted'), 'contact refusal shown');
    const form = await until(() => $<HTMLFormElement>(el, 'form.contact'), 'contact form back');

    // Sent again, shorter, it goes through.
    (form.querySelector('input[name=email]') as HTMLInputElement).value = 'pat@example.com';
    (form.querySelector('input[name=message]') as HTMLInputElement).value = 'call me after 5';
    form.requestSubmit();
    await until(() => bubbles(el, 'system').some((t) => t?.includes('pat@example.com')), 'contact acknowledged');
    assert(!$(el, '.banner.refused'), 'no refusal left once it went through');
  });

  for (const [site, names, fix] of [
    ['elsewhere', 'elsewhere', "not among the site's allowed origins"],
    ['no-such-site', 'no-such-site', 'not configured on the chat server'],
  ] as const) {
    it(`says calmly that chat is unavailable, and tells the site owner once why (${site})`, async () => {
      const logged: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
      try {
        const el = await mount({ site });
        el.open = true;
        await el.updateComplete;
        const notice = await until(() => $(el, '.banner.unavailable'), 'unavailable notice');
        assert(notice.textContent?.includes('Chat is unavailable on this page'), `calm notice: ${notice.textContent}`);
        assert(notice.textContent?.includes('other contact options'), 'points to other ways to get in touch');
        assert(!$(el, 'textarea'), 'no composer that would never send');
        assert(!button(el, 'Talk to a person'), 'no hand-off button either');
        await new Promise((r) => setTimeout(r, 1500));
        const ours = logged.filter((l) => l.includes('[baton]'));
        assert(ours.length === 1, `one console message (got ${ours.length}: ${ours.join(' | ')})`);
        assert(ours[0]!.includes(location.origin), 'names the origin');
        assert(ours[0]!.includes(`"${names}"`), 'names the site key');
        assert(ours[0]!.includes(fix), `gives the server's fix: ${ours[0]}`);
      } finally {
        console.error = original;
      }
    });
  }

  /** The element behind the test proxy, with one message delivered. */
  async function connected(): Promise<BatonChat> {
    const el = await mount({ server: (await batonServer()).proxyUrl });
    el.open = true;
    await el.updateComplete;
    typeAndEnter(el, 'is anyone there');
    await until(() => $$(el, '.msg.visitor .meta').some((m) => m.textContent?.includes('Sent')), 'sent');
    return el;
  }
  const offlineBanner = (el: BatonChat) => $(el, '.banner')?.textContent?.includes('You’re offline');

  it('notices the browser going offline within 3 s: banner, and new messages shown as waiting', async () => {
    const el = await connected();
    await proxy('drop-downstream');
    dispatchEvent(new Event('offline'));
    await until(() => offlineBanner(el), 'offline banner', 3_000);
    typeAndEnter(el, 'typed while offline');
    await until(
      () =>
        $$(el, '.msg.visitor').some(
          (m) => m.textContent?.includes('typed while offline') && m.textContent.includes('Waiting for connection'),
        ),
      'the message shown as waiting',
      3_000,
    );
    await proxy('pass', true);
    dispatchEvent(new Event('online'));
    await until(
      () => $$(el, '.msg.visitor').some((m) => m.textContent?.includes('typed while offline') && m.textContent.includes('Sent')),
      'sent once back online',
      15_000,
    );
    assert(!offlineBanner(el), 'banner gone when back');
  });

  it('notices a silent network loss from the socket heartbeat within 3 s', async () => {
    const el = await connected();
    await proxy('drop-downstream');
    await until(() => offlineBanner(el), 'offline banner without any browser event', 3_000);
  });
});
