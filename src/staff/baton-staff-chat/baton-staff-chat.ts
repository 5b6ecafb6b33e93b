import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { LIMITS } from '../../protocol/limits.ts';
import { Role } from '../../protocol/messages.ts';
import '../baton-staff-summary/baton-staff-summary.ts';
import { BatonBackEvent, BatonCloseChatEvent, BatonRetryEvent, BatonSendEvent, BatonTypingEvent } from '../events.ts';
import { clockTime } from '../format.ts';
import { controls, theme } from '../styles.ts';
import { DeliveryState, type ChatLine, type OpenChat } from '../types.ts';

/** Stop saying "typing" this long after the last keystroke. */
const TYPING_IDLE_MS = 4000;

/**
 * One conversation: the handoff summary, the complete transcript (`role="log"`), the visitor's
 * typing indicator and the reply composer (Enter sends, Shift+Enter starts a new line). Drafts are
 * kept per conversation while the element lives.
 *
 * @fires baton-send - {@link BatonSendEvent} with the reply text; cancelable: a cancelled event keeps the draft.
 * @fires baton-retry - {@link BatonRetryEvent} for a failed reply.
 * @fires baton-close-chat - {@link BatonCloseChatEvent} after the staff member confirmed closing.
 * @fires baton-back - {@link BatonBackEvent} from the back button (phone layout).
 * @fires baton-typing - {@link BatonTypingEvent} when the staff member starts or stops typing.
 * @csspart bar - The top bar with back, title and "Close chat".
 * @csspart transcript - The message log.
 * @csspart composer - The reply form.
 * @cssproperty --baton-chat-back-display - `display` of the back button (the app hides it in two-pane layouts).
 */
@customElement('baton-staff-chat')
export class BatonStaffChat extends LitElement {
  static override styles = [
    theme,
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: 100%;
        background: var(--_bg);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 0.375rem;
        padding: 0.5rem 0.5rem 0.5rem 0.625rem;
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
      }
      .bar button {
        padding: 0 0.625rem;
        font-size: 0.9375rem;
        flex: none;
      }
      .back {
        display: var(--baton-chat-back-display, inline-flex);
        align-items: center;
        padding: 0 0.75rem 0 0.5rem;
      }
      .title {
        flex: 1;
        min-width: 0;
      }
      h2 {
        margin: 0;
        font-size: 1.125rem;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .state {
        display: block;
        font-size: 0.8125rem;
        color: var(--_muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .scroll {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        overscroll-behavior: contain;
        padding: 0.75rem;
      }
      [role='log'] {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
      .msg {
        max-width: min(85%, 36rem);
        display: grid;
        gap: 0.125rem;
      }
      .meta {
        font-size: 0.75rem;
        color: var(--_muted);
        display: flex;
        gap: 0.5rem;
        padding: 0 0.25rem;
      }
      .author {
        font-weight: 600;
      }
      .bubble {
        margin: 0;
        padding: 0.5rem 0.75rem;
        border-radius: 1rem;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 1rem;
      }
      .visitor {
        align-self: flex-start;
      }
      .visitor .bubble {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-bottom-left-radius: 0.25rem;
      }
      .assistant {
        align-self: flex-start;
      }
      .assistant .bubble {
        background: var(--_surface-2);
        border: 1px dashed var(--_border);
        border-bottom-left-radius: 0.25rem;
      }
      .staff {
        align-self: flex-end;
      }
      .staff .meta {
        justify-content: flex-end;
      }
      .staff .bubble {
        background: var(--_accent);
        color: var(--_on-accent);
        border-bottom-right-radius: 0.25rem;
      }
      .staff.sending .bubble {
        opacity: 0.75;
      }
      .staff.failed .bubble {
        background: var(--_danger-soft);
        color: var(--_text);
        border: 1px solid var(--_danger);
      }
      .system {
        align-self: center;
        max-width: 95%;
        text-align: center;
      }
      .system .bubble {
        background: none;
        padding: 0.25rem 0.5rem;
        color: var(--_muted);
        font-size: 0.875rem;
        font-style: italic;
      }
      .system .meta {
        justify-content: center;
      }
      .delivery {
        font-size: 0.75rem;
        color: var(--_muted);
        text-align: end;
        padding: 0 0.25rem;
      }
      .delivery.failed {
        color: var(--_danger);
        display: flex;
        align-items: center;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 0 0.25rem;
      }
      .typing {
        margin: 0.5rem 0 0;
        padding: 0 0.25rem;
        font-size: 0.875rem;
        color: var(--_muted);
        font-style: italic;
      }
      form {
        display: flex;
        gap: 0.5rem;
        align-items: flex-end;
        padding: 0.5rem 0.75rem calc(0.5rem + env(safe-area-inset-bottom));
        background: var(--_surface);
        border-top: 1px solid var(--_border);
      }
      textarea {
        flex: 1;
        font: inherit;
        font-size: 1rem;
        min-height: var(--_tap);
        max-height: 9rem;
        field-sizing: content;
        resize: none;
        padding: 0.625rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: 1.375rem;
        background: var(--_bg);
        color: var(--_text);
      }
      .hint {
        margin: 0;
        padding: 0.25rem 1rem 0;
        color: var(--_danger);
        font-size: 0.875rem;
        background: var(--_surface);
      }
      .closed,
      .loading,
      .error {
        margin: 0.75rem;
        padding: 0.75rem 1rem;
        border-radius: var(--_radius);
        background: var(--_surface-2);
      }
      .error {
        background: var(--_danger-soft);
        color: var(--_danger);
        font-weight: 600;
      }
      .closed {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
      }
      dialog {
        border: 1px solid var(--_border);
        border-radius: 1rem;
        background: var(--_surface);
        color: var(--_text);
        max-width: min(24rem, calc(100vw - 2rem));
        padding: 1.25rem;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.45);
      }
      dialog h3 {
        margin: 0 0 0.5rem;
        font-size: 1.125rem;
      }
      dialog p {
        margin: 0 0 1rem;
        color: var(--_muted);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.5rem;
      }
    `,
  ];

  @query('.scroll') private scroller?: HTMLElement;
  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('#chat-title') private titleEl?: HTMLElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  @state() private draft = '';
  @state() private hint = '';
  private readonly drafts = new Map<string, string>();
  private readonly shown = new Set<string>();
  private stickToBottom = true;
  private switched = false;
  private typing = false;
  private typingTimer?: ReturnType<typeof setTimeout>;

  /** The conversation to show (from the staff controller). */
  @property({ attribute: false }) chat?: OpenChat;
  /** The current time, for the summary's live waiting time. */
  @property({ type: Number }) now = Date.now();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTyping();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('chat')) return;
    const previous = changed.get('chat') as OpenChat | undefined;
    this.switched = previous?.conversationId !== this.chat?.conversationId;
    if (this.switched) {
      if (previous) this.drafts.set(previous.conversationId, this.draft);
      this.draft = (this.chat && this.drafts.get(this.chat.conversationId)) ?? '';
      this.hint = '';
      this.stopTyping();
    }
    const el = this.scroller;
    this.stickToBottom = !el || el.scrollHeight - el.scrollTop - el.clientHeight < 96;
    const last = this.chat?.lines.at(-1);
    if (last?.role === Role.staff && last.delivery === DeliveryState.sending) this.stickToBottom = true;
  }

  protected override updated(): void {
    const chat = this.chat;
    const el = this.scroller;
    if (!chat || !el || chat.loading) return;
    if (!this.shown.has(chat.conversationId)) {
      // First look at a chat: start at the top, with the summary, and read down.
      this.shown.add(chat.conversationId);
      el.scrollTop = 0;
    } else if (this.switched || this.stickToBottom) {
      el.scrollTop = el.scrollHeight;
    }
    this.switched = false;
  }

  private onInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    if (this.hint && this.draft.length <= LIMITS.messageChars) this.hint = '';
    if (!this.draft.trim()) {
      this.stopTyping();
      return;
    }
    if (!this.typing) {
      this.typing = true;
      this.dispatchEvent(new BatonTypingEvent(true));
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
    this.textarea?.focus();
  }

  private submit(): void {
    const text = this.draft.trim();
    if (!text) return;
    if (text.length > LIMITS.messageChars) {
      this.hint = `A reply can be at most ${LIMITS.messageChars} characters; this one has ${text.length}.`;
      return;
    }
    const event = new BatonSendEvent(text);
    if (!this.dispatchEvent(event)) return;
    this.draft = '';
    this.hint = '';
    this.stopTyping();
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typing) return;
    this.typing = false;
    this.dispatchEvent(new BatonTypingEvent(false));
  }

  private confirmClose(): void {
    this.dialog?.showModal();
  }

  private onConfirmed(): void {
    this.dialog?.close();
    if (this.chat) this.dispatchEvent(new BatonCloseChatEvent(this.chat.conversationId));
  }

  /** Moves focus to the chat's title (after opening it). */
  focusTitle(): void {
    this.titleEl?.focus();
  }

  /** Puts the cursor in the reply box. */
  focusComposer(): void {
    this.textarea?.focus();
  }

  private author(line: ChatLine): string {
    switch (line.role) {
      case Role.visitor:
        return this.chat?.summary?.contact?.name || 'Visitor';
      case Role.assistant:
        return 'Assistant';
      case Role.staff:
        return line.authorName ?? 'Staff';
      default:
        return '';
    }
  }

  private renderLine(line: ChatLine) {
    const author = this.author(line);
    return html`<div class="msg ${line.role} ${line.delivery}">
      <div class="meta">
        ${author ? html`<span class="author">${author}</span>` : nothing}
        <time datetime=${new Date(line.createdAt).toISOString()}>${clockTime(line.createdAt, this.now)}</time>
      </div>
      <p class="bubble">${line.text}</p>
      ${line.role === Role.staff ? this.renderDelivery(line) : nothing}
    </div>`;
  }

  private renderDelivery(line: ChatLine) {
    switch (line.delivery) {
      case DeliveryState.sending:
        return html`<span class="delivery">Sending…</span>`;
      case DeliveryState.failed:
        return html`<span class="delivery failed">
          Not sent${line.error ? `: ${line.error}` : ''}
          <button class="link" @click=${() => this.dispatchEvent(new BatonRetryEvent(line.id))}>Retry</button>
        </span>`;
      default:
        return html`<span class="delivery">Sent</span>`;
    }
  }

  private renderComposer(chat: OpenChat) {
    if (chat.closed) {
      return html`<div class="closed" role="status">
        <span>This chat is closed.</span>
        <button @click=${() => this.dispatchEvent(new BatonBackEvent())}>Back to queue</button>
      </div>`;
    }
    return html`${this.hint ? html`<p class="hint" role="alert">${this.hint}</p>` : nothing}
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
          @blur=${this.stopTyping}
        ></textarea>
        <button class="primary" type="submit" ?disabled=${chat.loading}>Send</button>
      </form>`;
  }

  override render() {
    const chat = this.chat;
    if (!chat) return nothing;
    const summary = chat.summary;
    const who = summary?.contact?.name;
    const state = chat.closed ? 'Closed' : summary?.status === 'queued' ? 'Waiting' : '';
    return html`
      <div class="bar" part="bar">
        <button class="back" @click=${() => this.dispatchEvent(new BatonBackEvent())}><span aria-hidden="true">‹&nbsp;</span>Queue</button>
        <div class="title">
          <h2 id="chat-title" tabindex="-1">${who || 'Visitor'}</h2>
          <span class="state">${[summary?.siteName, state].filter(Boolean).join(' · ')}</span>
        </div>
        ${chat.closed ? nothing : html`<button class="danger" @click=${this.confirmClose}>Close chat</button>`}
      </div>
      <div class="scroll">
        ${chat.error ? html`<p class="error" role="alert">${chat.error}</p>` : nothing}
        <baton-staff-summary .summary=${summary} .now=${this.now}></baton-staff-summary>
        ${chat.loading ? html`<p class="loading" role="status">Loading the conversation…</p>` : nothing}
        <div role="log" aria-label="Transcript" part="transcript">${repeat(chat.lines, (l) => l.id, (l) => this.renderLine(l))}</div>
        ${chat.visitorTyping ? html`<p class="typing">${who || 'The visitor'} is typing…</p>` : nothing}
      </div>
      ${this.renderComposer(chat)}
      <dialog aria-labelledby="confirm-title" aria-describedby="confirm-text">
        <h3 id="confirm-title">Close this chat?</h3>
        <p id="confirm-text">The visitor will see that the chat has ended. A closed chat cannot be reopened.</p>
        <div class="actions">
          <button autofocus @click=${() => this.dialog?.close()}>Keep it open</button>
          <button class="danger solid" @click=${this.onConfirmed}>Close chat</button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-chat': BatonStaffChat;
  }
}
