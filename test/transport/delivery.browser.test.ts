/**
 * Delivery through the real stack: ChatController → IndexedDB outbox → socket.io → real server,
 * with a TCP proxy in between that can swallow acknowledgements or cut the connection.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatController } from '../../src/widget/controllers/chat-controller.ts';
import { assert, batonServer, equal, proxy, restartServer, storedOnServer, staffReplies, uniqueDbName, until } from '../support/browser.ts';

class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {}
  get updateComplete() {
    return Promise.resolve(true);
  }
}

const open: ChatController[] = [];
function tab(server: string, siteKey: string, dbName: string): ChatController {
  const chat = new ChatController(new Host(), { siteKey, server, dbName });
  open.push(chat);
  chat.hostConnected();
  return chat;
}
const visitorTexts = (chat: ChatController) => chat.messages.filter((m) => m.role === 'visitor').map((m) => m.text);

describe('visitor delivery (real server, real IndexedDB)', () => {
  afterEach(async () => {
    await proxy('pass');
    for (const chat of open.splice(0)) chat.hostDisconnected();
  });

  it('delivers a message exactly once when the ack is lost and the connection drops mid-send', async () => {
    const { proxyUrl, siteKey } = await batonServer();
    const chat = tab(proxyUrl, siteKey, uniqueDbName());
    await chat.open();
    await chat.send('first message');
    await until(() => chat.messages.find((m) => m.text === 'first message')?.delivery === 'sent', 'first message sent');
    // The assistant's reply goes through the same ordered outbox: let it land before acks are dropped.
    await until(
      () => chat.messages.length >= 3 && chat.messages.every((m) => m.delivery === 'sent'),
      'greeting, message and reply delivered',
    );
    const conversationId = chat.session!.conversationId!;

    await proxy('drop-downstream');
    await chat.send('second message, ack lost');
    await until(
      async () => (await storedOnServer(conversationId)).some((m) => m.text === 'second message, ack lost'),
      'server stored the second message',
    );
    equal(
      chat.messages.find((m) => m.text === 'second message, ack lost')?.delivery,
      'sending',
      'without an ack the widget must not claim it was sent',
    );

    await proxy('pass', true);
    await until(
      () => chat.messages.find((m) => m.text === 'second message, ack lost')?.delivery === 'sent',
      'second message acknowledged after reconnect',
      20_000,
    );
    const stored = await storedOnServer(conversationId);
    equal(stored.filter((m) => m.text === 'second message, ack lost').length, 1, 'stored exactly once');
    equal(
      stored.map((m) => m.seq),
      stored.map((_, i) => i + 1),
      'gap-free sequence',
    );
    equal(visitorTexts(chat), ['first message', 'second message, ack lost']);
  });

  it('sends what was pending before a reload, once, from the new page', async () => {
    const { proxyUrl, siteKey } = await batonServer();
    const dbName = uniqueDbName();
    const before = tab(proxyUrl, siteKey, dbName);
    await before.open();
    await before.send('hello');
    await until(() => before.messages.find((m) => m.text === 'hello')?.delivery === 'sent', 'hello sent');
    await proxy('drop-downstream', true);
    await before.send('typed while the network was gone');
    before.hostDisconnected();
    await proxy('pass');

    const after = tab(proxyUrl, siteKey, dbName);
    await after.init();
    await until(
      () => after.messages.find((m) => m.text === 'typed while the network was gone')?.delivery === 'sent',
      'pending message delivered after reload',
      20_000,
    );
    const stored = await storedOnServer(after.session!.conversationId!);
    equal(
      stored.filter((m) => m.role === 'visitor').map((m) => m.text),
      ['hello', 'typed while the network was gone'],
    );
  });

  it('keeps every acked message across a server restart and resyncs by sequence', async () => {
    const { url, siteKey } = await batonServer();
    const chat = tab(url, siteKey, uniqueDbName());
    await chat.open();
    await chat.send('before restart');
    await until(() => chat.messages.find((m) => m.text === 'before restart')?.delivery === 'sent', 'sent');
    await restartServer();
    await chat.send('after restart');
    await until(() => chat.messages.find((m) => m.text === 'after restart')?.delivery === 'sent', 'sent after restart', 20_000);
    const stored = await storedOnServer(chat.session!.conversationId!);
    equal(
      stored.filter((m) => m.role === 'visitor').map((m) => m.text),
      ['before restart', 'after restart'],
    );
  });

  it('shows the same conversation in two tabs and keeps them in sync', async () => {
    const { url, siteKey } = await batonServer();
    const dbName = uniqueDbName();
    const a = tab(url, siteKey, dbName);
    const b = tab(url, siteKey, dbName);
    await a.open();
    await a.send('from tab A');
    await until(() => visitorTexts(b).includes('from tab A'), 'tab B shows tab A’s message');
    await b.open();
    await b.send('from tab B');
    await until(() => visitorTexts(a).includes('from tab B'), 'tab A shows tab B’s message');
    await until(() => a.messages.find((m) => m.text === 'from tab B')?.delivery === 'sent', 'tab A sees it delivered');
    equal(a.session?.conversationId, b.session?.conversationId, 'one conversation, not two');
    const stored = await storedOnServer(a.session!.conversationId!);
    equal(
      stored.filter((m) => m.role === 'visitor').map((m) => m.text),
      ['from tab A', 'from tab B'],
    );
  });

  it('hands off to a person and shows their reply and name', async () => {
    const { url, siteKey } = await batonServer();
    const chat = tab(url, siteKey, uniqueDbName());
    await chat.open();
    await chat.send('my water heater is leaking');
    await chat.requestHuman();
    await until(() => chat.session?.handoff, 'handoff acknowledged');
    const conversationId = chat.session!.conversationId!;
    const stored = await storedOnServer(conversationId);
    assert(
      stored.some((m) => m.role === 'system'),
      'a system line tells the visitor what happens next',
    );
    const { claimed } = await staffReplies(conversationId, 'Hi, this is Sam. I can see your messages.', 'Sam Rivera');
    assert(claimed, 'staff could claim the chat');
    await until(() => chat.messages.some((m) => m.role === 'staff' && m.text.startsWith('Hi, this is Sam')), 'staff reply shown');
    await until(() => chat.session?.status === 'active' && chat.session.staffName === 'Sam Rivera', 'status active with the staff name');
  });
});
