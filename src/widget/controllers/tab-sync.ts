/**
 * Keeps every tab of a site on one conversation. IndexedDB is shared between them; a
 * BroadcastChannel per site says "re-read it" after a local change, and a tab that learns of a
 * server conversation it has not joined joins it, so staff replies show everywhere.
 */
import type { ReactiveController } from 'lit';
import type { ChatContext } from './chat-context.ts';
import type { ConversationSync } from './conversation-sync.ts';

export class TabSync implements ReactiveController {
  private channel: BroadcastChannel | undefined;

  constructor(
    private readonly siteKey: string,
    private readonly chat: ChatContext,
    private readonly conversation: ConversationSync,
  ) {}

  hostDisconnected(): void {
    this.channel?.close();
    this.channel = undefined;
  }

  /** Starts listening; a store kept in memory has nothing to share. */
  listen(persistent: boolean): void {
    if (!persistent || !('BroadcastChannel' in globalThis)) return;
    this.channel = new BroadcastChannel(`baton:${this.siteKey}`);
    this.channel.onmessage = () => void this.onOtherTab();
  }

  /** Tells the other tabs to re-read IndexedDB. */
  announce(): void {
    this.channel?.postMessage('changed');
  }

  private async onOtherTab(): Promise<void> {
    const store = await this.chat.store();
    await store.reload();
    this.chat.refresh();
    const id = store.getSession()?.conversationId;
    if (id && !this.conversation.hasSocket) this.chat.connect();
    else if (id && !this.conversation.hasJoined(id)) await this.conversation.hello();
  }
}
