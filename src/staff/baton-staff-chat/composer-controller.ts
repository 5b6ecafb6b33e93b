/**
 * The reply composer: saved replies (tap to insert, then edit), the text box (Enter sends,
 * Shift+Enter starts a new line), a draft per conversation (kept while the element lives, and
 * reported to the host to keep across reloads), and "staff is typing" while there is text. When
 * the chat has ended or left me, a notice with "Back to queue" stands in its place.
 */
import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import { live } from 'lit/directives/live.js';
import { LIMITS } from '../../protocol/limits.ts';
import type { SavedReply } from '../../protocol/messages.ts';
import { BatonBackEvent, BatonDraftEvent, BatonSendEvent, BatonTypingEvent } from '../events.ts';
import type { OpenChat } from '../types.ts';

/** Stop saying "typing" this long after the last keystroke. */
const TYPING_IDLE_MS = 4000;

export interface ComposerOptions {
  /** The draft kept for a conversation elsewhere (e.g. across a reload). */
  loadDraft(conversationId: string): string | undefined;
  /** The conversation the composer writes to. */
  conversationId(): string | undefined;
  /** The text box got focus (the on-screen keyboard is coming up). */
  focused(): void;
}

export class ComposerController implements ReactiveController {
  private draft = '';
  private hint = '';
  private readonly drafts = new Map<string, string>();
  private typing = false;
  private typingTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: LitElement,
    private readonly options: ComposerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopTyping();
  }

  private get textarea(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('textarea');
  }

  /** Another chat is shown: keep this one's draft, bring back that one's. */
  switchChat(previous: string | undefined, next: string | undefined): void {
    if (previous) this.drafts.set(previous, this.draft);
    this.draft = (next && (this.drafts.get(next) ?? this.options.loadDraft(next))) || '';
    this.hint = '';
    this.stopTyping();
  }

  focus(): void {
    this.textarea?.focus();
  }

  private set(draft: string): void {
    this.draft = draft;
    this.host.requestUpdate();
    const id = this.options.conversationId();
    if (id) this.host.dispatchEvent(new BatonDraftEvent(id, draft));
  }

  private readonly onInput = (event: InputEvent): void => {
    this.set((event.target as HTMLTextAreaElement).value);
    if (this.hint && this.draft.length <= LIMITS.messageChars) this.hint = '';
    if (!this.draft.trim()) {
      this.stopTyping();
      return;
    }
    if (!this.typing) {
      this.typing = true;
      this.host.dispatchEvent(new BatonTypingEvent(true));
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.submit();
    this.textarea?.focus();
  };

  private submit(): void {
    const text = this.draft.trim();
    if (!text) return;
    if (text.length > LIMITS.messageChars) {
      this.hint = `A reply can be at most ${LIMITS.messageChars} characters; this one has ${text.length}.`;
      this.host.requestUpdate();
      return;
    }
    // The host cancels the event when it did not take the reply: the draft stays.
    if (!this.host.dispatchEvent(new BatonSendEvent(text))) return;
    this.set('');
    this.hint = '';
    this.stopTyping();
  }

  private readonly stopTyping = (): void => {
    clearTimeout(this.typingTimer);
    if (!this.typing) return;
    this.typing = false;
    this.host.dispatchEvent(new BatonTypingEvent(false));
  };

  /** A saved reply goes into the composer (after what is there), to be edited before sending. */
  private insertSaved(reply: SavedReply): void {
    const current = this.draft.trimEnd();
    this.set(current ? `${current}\n${reply.text}` : reply.text);
    void this.host.updateComplete.then(() => {
      const box = this.textarea;
      if (!box) return;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
  }

  private readonly back = (): void => {
    this.host.dispatchEvent(new BatonBackEvent());
  };

  render(chat: OpenChat, savedReplies: SavedReply[]) {
    if (chat.leftReason && !chat.closed) {
      return html`<div class="closed" role="status">
        <span>${chat.leftReason}</span>
        <button @click=${this.back}>Back to queue</button>
      </div>`;
    }
    if (chat.closed) {
      return html`<div class="closed" role="status">
        <span>This chat is closed.</span>
        <button @click=${this.back}>Back to queue</button>
      </div>`;
    }
    return html`${this.hint ? html`<p class="hint" role="alert">${this.hint}</p>` : nothing}
      ${
        savedReplies.length
          ? html`<div class="saved" part="saved-replies" role="group" aria-label="Saved replies">
              ${savedReplies.map((r) => html`<button type="button" title=${r.text} ?disabled=${chat.loading} @click=${() => this.insertSaved(r)}>${r.title}</button>`)}
            </div>`
          : nothing
      }
      <form part="composer" @submit=${this.onSubmit}>
        <label class="visually-hidden" for="reply">Reply</label>
        <textarea
          id="reply"
          rows="1"
          placeholder="Write a reply…"
          enterkeyhint="send"
          .value=${live(this.draft)}
          ?disabled=${chat.loading}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @focus=${this.options.focused}
          @blur=${this.stopTyping}
        ></textarea>
        <button class="primary" type="submit" ?disabled=${chat.loading}>Send</button>
      </form>`;
  }
}
