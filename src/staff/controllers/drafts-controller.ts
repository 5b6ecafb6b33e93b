/**
 * Unsent replies, per chat, kept on this device (also across reloads) and per staff member, so a
 * shared device never shows one person's draft to another.
 */
import type { ReactiveControllerHost } from 'lit';
import { loadDraft, saveDraft } from './device-store.ts';

export class DraftsController {
  private readonly drafts = new Map<string, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whose drafts: the signed-in member's id (none: nothing is kept on the device). */
    private readonly staffId: () => number | undefined,
  ) {}

  /** The unsent reply of a chat. */
  draftFor(conversationId: string): string {
    const id = this.staffId();
    if (!this.drafts.has(conversationId) && id !== undefined) this.drafts.set(conversationId, loadDraft(id, conversationId));
    return this.drafts.get(conversationId) ?? '';
  }

  save(conversationId: string, text: string): void {
    if (this.draftFor(conversationId) === text) return;
    this.drafts.set(conversationId, text);
    const id = this.staffId();
    if (id !== undefined) saveDraft(id, conversationId, text);
    this.host.requestUpdate();
  }

  reset(): void {
    this.drafts.clear();
  }
}
