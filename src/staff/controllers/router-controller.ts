/**
 * The console's address: `#chat/<id>` opens that chat, so the phone's back button, a reload and a
 * shared link all work. Opening a chat pushes an entry, so "back" returns to the queue.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const CHAT_ROUTE = /^#chat\/([A-Za-z0-9_-]{8,64})$/;

export class RouterController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    /** The address changed by history navigation (back, forward): the chat it names, if any. */
    private readonly navigated: (conversationId: string | undefined) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  /** The chat the address names. */
  get chatId(): string | undefined {
    return CHAT_ROUTE.exec(location.hash)?.[1];
  }

  /** Records an opened chat in the history. */
  push(conversationId: string): void {
    if (this.chatId === conversationId) return;
    history.pushState({ batonChat: conversationId }, '', `#chat/${conversationId}`);
  }

  /** The chat is gone from view (or from me): not in the address either. */
  clear(): void {
    if (this.chatId) history.replaceState(null, '', location.pathname + location.search);
  }

  /** Goes back to the queue: through history when this console added the entry (so "back" stays consistent); false otherwise. */
  back(): boolean {
    if (!(history.state as { batonChat?: string } | null)?.batonChat) return false;
    history.back();
    return true;
  }

  private readonly onPopState = (): void => this.navigated(this.chatId);
}
