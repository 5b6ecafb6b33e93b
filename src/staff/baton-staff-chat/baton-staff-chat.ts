import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { LIMITS } from '../../protocol/limits.ts';
import { ConversationStatus, Role, type SavedReply, type StaffDirectoryEntry, type TeamRef } from '../../protocol/messages.ts';
import '../baton-staff-packet/baton-staff-packet.ts';
import { withLaterDetails } from '../details.ts';
import '../baton-staff-summary/baton-staff-summary.ts';
import '../baton-staff-transfer/baton-staff-transfer.ts';
import type { BatonStaffTransfer } from '../baton-staff-transfer/baton-staff-transfer.ts';
import { BatonBackEvent, BatonCloseChatEvent, BatonDraftEvent, BatonReleaseEvent, BatonRetryEvent, BatonSendEvent, BatonTypingEvent, type BatonJumpEvent } from '../events.ts';
import { clockTime } from '../format.ts';
import { percent, reasonName } from '../packet-words.ts';
import { controls, theme } from '../styles.ts';
import { DeliveryState, type ChatLine, type OpenChat } from '../types.ts';

/** Stop saying "typing" this long after the last keystroke. */
const TYPING_IDLE_MS = 4000;
/** How long a message stays highlighted after a reason chip pointed at it. */
const HIGHLIGHT_MS = 2500;

/** Why a message is marked in the transcript: the reasons it gave and what triage did with it. */
interface TriggerMark {
  names: string[];
  /** Part of the handoff's reasons (not just flagged along the way). */
  handoff: boolean;
  action?: string;
}

const MARK_WORDS: Record<string, string> = {
  handoff: 'Triggered the handoff',
  offer: 'Triage offered a person',
  flag: 'Flagged for staff',
};

/**
 * One conversation: the staff view of the handoff (reasons, summary, details, mood, context), the
 * complete transcript (`role="log"`, the messages that triggered the handoff marked), the visitor's
 * typing indicator and the reply composer (Enter sends, Shift+Enter starts a new line). Drafts are
 * kept per conversation while the element lives. The bar offers Transfer, Hand back (to the
 * assistant) and Close (which asks whether the handoff had everything needed).
 *
 * @fires baton-send - {@link BatonSendEvent} with the reply text; cancelable: a cancelled event keeps the draft.
 * @fires baton-retry - {@link BatonRetryEvent} for a failed reply.
 * @fires baton-close-chat - {@link BatonCloseChatEvent} after the staff member confirmed closing, with their context answer.
 * @fires baton-transfer - {@link BatonTransferEvent} from the transfer dialog.
 * @fires baton-release - {@link BatonReleaseEvent} after confirming "Hand back to assistant".
 * @fires baton-back - {@link BatonBackEvent} from the back button (phone layout).
 * @fires baton-typing - {@link BatonTypingEvent} when the staff member starts or stops typing.
 * @fires baton-draft - {@link BatonDraftEvent} when the reply being written changes (the host keeps it across reloads).
 * @csspart bar - The top bar with back, title and "Close chat".
 * @csspart transcript - The message log.
 * @csspart composer - The reply form.
 * @csspart saved-replies - The row of saved replies above the composer (tap to insert, then edit).
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
        flex-wrap: wrap;
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
        flex: 1 1 8rem;
        min-width: 0;
      }
      .chat-actions {
        flex: 1 1 auto;
        display: flex;
        justify-content: flex-end;
        gap: 0.375rem;
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
      .msg.trigger .bubble {
        border: 2px solid var(--_danger);
        box-shadow: inset 4px 0 0 var(--_danger);
        padding-left: 0.875rem;
      }
      .msg.flagged .bubble {
        border: 2px dashed var(--_muted);
      }
      .mark {
        margin: 0;
        padding: 0 0.25rem;
        font-size: 0.8125rem;
        font-weight: 600;
        color: var(--_danger);
      }
      .msg.flagged .mark {
        color: var(--_muted);
      }
      .msg:focus {
        outline: none;
      }
      .msg.highlight .bubble {
        outline: 3px solid var(--_focus);
        outline-offset: 3px;
        animation: flash 0.6s ease-in-out 3 alternate;
      }
      @keyframes flash {
        to {
          outline-color: transparent;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .msg.highlight .bubble {
          animation: none;
        }
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
      .saved {
        display: flex;
        gap: 0.5rem;
        overflow-x: auto;
        overscroll-behavior-x: contain;
        scrollbar-width: none;
        padding: 0.5rem 0.75rem 0;
        background: var(--_surface);
        border-top: 1px solid var(--_border);
      }
      .saved button {
        flex: none;
        font-size: 0.875rem;
        border-radius: 999px;
        padding: 0 0.875rem;
        background: var(--_accent-soft);
        border-color: transparent;
        color: var(--_text);
      }
      .saved + form {
        border-top: 0;
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
      dialog p.question {
        color: var(--_text);
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      dialog p.hint-text {
        font-size: 0.875rem;
      }
      dialog .error {
        margin: 0 0 1rem;
        color: var(--_danger);
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
  @query('#close-dialog') private dialog?: HTMLDialogElement;
  @query('#release-dialog') private releaseDialog?: HTMLDialogElement;
  @query('baton-staff-transfer') private transferDialog?: BatonStaffTransfer;

  @state() private draft = '';
  @state() private hint = '';
  private readonly drafts = new Map<string, string>();
  private readonly shown = new Set<string>();
  private stickToBottom = true;
  private switched = false;
  private typing = false;
  private typingTimer?: ReturnType<typeof setTimeout>;
  private highlightTimer?: ReturnType<typeof setTimeout>;
  @state() private highlighted?: string;
  @state() private releasing = false;
  @state() private releaseError = '';

  /** The conversation to show (from the staff controller). */
  @property({ attribute: false }) chat?: OpenChat;
  /** Teams a chat can be transferred to. */
  @property({ attribute: false }) teams: TeamRef[] = [];
  /** Staff a chat can be passed to (presence and load). */
  @property({ attribute: false }) directory: StaffDirectoryEntry[] = [];
  /** My staff id, left out of the transfer picker. */
  @property({ type: Number }) meId?: number;
  /** The current time, for the summary's live waiting time. */
  @property({ type: Number }) now = Date.now();
  /** Saved replies for this chat's site: a tap puts one in the composer, to edit before sending. */
  @property({ attribute: false }) savedReplies: SavedReply[] = [];
  /** The draft kept for a conversation (e.g. across a reload), read when that chat is shown. */
  @property({ attribute: false }) loadDraft?: (conversationId: string) => string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTyping();
    clearTimeout(this.highlightTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('chat')) return;
    const previous = changed.get('chat') as OpenChat | undefined;
    this.switched = previous?.conversationId !== this.chat?.conversationId;
    if (this.switched) {
      if (previous) this.drafts.set(previous.conversationId, this.draft);
      const id = this.chat?.conversationId;
      this.draft = (id && (this.drafts.get(id) ?? this.loadDraft?.(id))) || '';
      this.hint = '';
      this.highlighted = undefined;
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
    this.keepDraft();
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
    this.keepDraft();
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

  /** Closes the chat with the staff member's answer to "did you have everything you needed?". */
  private onConfirmed(hadContext: boolean): void {
    this.dialog?.close();
    if (this.chat) this.dispatchEvent(new BatonCloseChatEvent(this.chat.conversationId, hadContext));
  }

  private openTransfer(event: Event): void {
    this.transferDialog?.show(event.currentTarget as HTMLElement);
  }

  private confirmRelease(): void {
    this.releaseError = '';
    this.releaseDialog?.showModal();
  }

  private async onRelease(): Promise<void> {
    if (!this.chat || this.releasing) return;
    const request = new BatonReleaseEvent(this.chat.conversationId);
    this.dispatchEvent(request);
    if (!request.response) {
      this.releaseDialog?.close();
      return;
    }
    this.releasing = true;
    const result = await request.response.catch(() => ({ ok: false, error: 'Something went wrong; try again.' }));
    this.releasing = false;
    if (result.ok) this.releaseDialog?.close();
    else this.releaseError = result.error ?? 'The chat could not be handed back; try again.';
  }

  /** Scrolls to a message of the transcript and highlights it for a moment (a reason chip was tapped). */
  showMessage(messageId: string): boolean {
    const el = [...(this.renderRoot.querySelectorAll<HTMLElement>('.msg[data-id]') ?? [])].find((m) => m.dataset['id'] === messageId);
    if (!el) return false;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    // Screen readers follow focus: the message (with its "Triggered" mark) is read out.
    el.focus({ preventScroll: true });
    this.highlighted = messageId;
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => (this.highlighted = undefined), HIGHLIGHT_MS);
    return true;
  }

  private onJump(event: BatonJumpEvent): void {
    event.stopPropagation();
    this.stickToBottom = false;
    this.showMessage(event.messageId);
  }

  /** Messages to mark: the handoff's reasons (by message) and any visitor message triage acted on. */
  private triggerMarks(chat: OpenChat): Map<string, TriggerMark> {
    const marks = new Map<string, TriggerMark>();
    const mark = (id: string) => {
      let m = marks.get(id);
      if (!m) marks.set(id, (m = { names: [], handoff: false }));
      return m;
    };
    for (const r of chat.packet?.why.reasons ?? []) {
      if (!r.messageId) continue;
      const m = mark(r.messageId);
      m.handoff = true;
      const name = r.score === undefined ? reasonName(r.name) : `${reasonName(r.name)} ${percent(r.score)}`;
      if (!m.names.some((n) => n.startsWith(reasonName(r.name)))) m.names.push(name);
    }
    for (const line of chat.lines) {
      const t = line.triage;
      if (line.role !== Role.visitor || !t || t.action === 'none') continue;
      const m = mark(line.id);
      m.action = t.action;
      for (const n of [...t.labels, ...t.signals]) {
        const name = reasonName(n);
        if (!m.names.some((x) => x.startsWith(name))) m.names.push(t.scores?.[n as keyof typeof t.scores] === undefined ? name : `${name} ${percent(t.scores[n as keyof typeof t.scores]!)}`);
      }
    }
    return marks;
  }

  /** Moves focus to the chat's title (after opening it). */
  focusTitle(): void {
    this.titleEl?.focus();
  }

  private keepDraft(): void {
    if (this.chat) this.dispatchEvent(new BatonDraftEvent(this.chat.conversationId, this.draft));
  }

  /** A saved reply goes into the composer (after what is there), to be edited before sending. */
  private insertSaved(reply: SavedReply): void {
    const current = this.draft.trimEnd();
    this.draft = current ? `${current}\n${reply.text}` : reply.text;
    this.keepDraft();
    void this.updateComplete.then(() => {
      const box = this.textarea;
      if (!box) return;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
  }

  /** The on-screen keyboard is coming up: keep the last message in view above the composer. */
  private onComposerFocus(): void {
    const stick = () => {
      const el = this.scroller;
      if (el) el.scrollTop = el.scrollHeight;
    };
    stick();
    // The keyboard animates in over a few hundred ms; follow the viewport while it does.
    window.visualViewport?.addEventListener('resize', stick);
    setTimeout(() => window.visualViewport?.removeEventListener('resize', stick), 1000);
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

  private renderLine(line: ChatLine, marks: Map<string, TriggerMark>) {
    const author = this.author(line);
    const mark = marks.get(line.id);
    const kind = mark ? (mark.handoff || mark.action === 'handoff' ? 'trigger' : 'flagged') : '';
    const words = mark ? MARK_WORDS[mark.handoff ? 'handoff' : (mark.action ?? 'flag')] ?? MARK_WORDS['flag'] : '';
    return html`<div class="msg ${line.role} ${line.delivery} ${kind} ${this.highlighted === line.id ? 'highlight' : ''}" data-id=${line.id} tabindex="-1">
      <div class="meta">
        ${author ? html`<span class="author">${author}</span>` : nothing}
        <time datetime=${new Date(line.createdAt).toISOString()}>${clockTime(line.createdAt, this.now)}</time>
      </div>
      ${mark
        ? html`<p class="mark"><span aria-hidden="true">${kind === 'trigger' ? '⚑ ' : '○ '}</span>${words}${mark.names.length ? `: ${mark.names.join(', ')}` : ''}</p>`
        : nothing}
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
    if (chat.leftReason && !chat.closed) {
      return html`<div class="closed" role="status">
        <span>${chat.leftReason}</span>
        <button @click=${() => this.dispatchEvent(new BatonBackEvent())}>Back to queue</button>
      </div>`;
    }
    if (chat.closed) {
      return html`<div class="closed" role="status">
        <span>This chat is closed.</span>
        <button @click=${() => this.dispatchEvent(new BatonBackEvent())}>Back to queue</button>
      </div>`;
    }
    return html`${this.hint ? html`<p class="hint" role="alert">${this.hint}</p>` : nothing}
      ${this.savedReplies.length
        ? html`<div class="saved" part="saved-replies" role="group" aria-label="Saved replies">
            ${this.savedReplies.map(
              (r) => html`<button type="button" title=${r.text} ?disabled=${chat.loading} @click=${() => this.insertSaved(r)}>${r.title}</button>`,
            )}
          </div>`
        : nothing}
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
          @focus=${this.onComposerFocus}
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
    const marks = this.triggerMarks(chat);
    return html`
      <div class="bar" part="bar">
        <button class="back" @click=${() => this.dispatchEvent(new BatonBackEvent())}><span aria-hidden="true">‹&nbsp;</span>Queue</button>
        <div class="title">
          <h2 id="chat-title" tabindex="-1">${who || 'Visitor'}</h2>
          <span class="state">${[summary?.siteName, state].filter(Boolean).join(' · ')}</span>
        </div>
        ${chat.closed || chat.leftReason
          ? nothing
          : html`<div class="chat-actions">
              ${summary?.status === ConversationStatus.active
                ? html`<button @click=${this.openTransfer}>Transfer</button>
                    <button @click=${this.confirmRelease}>Hand back<span class="visually-hidden"> to assistant</span></button>`
                : nothing}
              <button class="danger" @click=${this.confirmClose}>Close chat</button>
            </div>`}
      </div>
      <div class="scroll">
        ${chat.error ? html`<p class="error" role="alert">${chat.error}</p>` : nothing}
        <baton-staff-packet .packet=${withLaterDetails(chat.packet, chat.lines)} .summary=${summary} .notes=${chat.notes ?? []} .now=${this.now} @baton-jump=${this.onJump}>
          <baton-staff-summary slot="context" embedded .summary=${summary} .packet=${chat.packet} .now=${this.now}></baton-staff-summary>
        </baton-staff-packet>
        ${chat.loading ? html`<p class="loading" role="status">Loading the conversation…</p>` : nothing}
        <div role="log" aria-label="Transcript" part="transcript">${repeat(chat.lines, (l) => l.id, (l) => this.renderLine(l, marks))}</div>
        ${chat.visitorTyping ? html`<p class="typing">${who || 'The visitor'} is typing…</p>` : nothing}
      </div>
      ${this.renderComposer(chat)}
      <dialog id="close-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text context-question">
        <h3 id="confirm-title">Close this chat?</h3>
        <p id="confirm-text">The visitor will see that the chat has ended. A closed chat cannot be reopened.</p>
        <p id="context-question" class="question">Did you have everything you needed from the handoff?</p>
        <p class="hint-text">Either answer closes the chat; it helps improve what the assistant hands over.</p>
        <div class="actions">
          <button autofocus @click=${() => this.dialog?.close()}>Cancel</button>
          <button class="primary" @click=${() => this.onConfirmed(false)}>No</button>
          <button class="primary" @click=${() => this.onConfirmed(true)}>Yes</button>
        </div>
      </dialog>
      <dialog id="release-dialog" aria-labelledby="release-title" aria-describedby="release-text" @cancel=${(e: Event) => this.releasing && e.preventDefault()}>
        <h3 id="release-title">Hand back to the assistant?</h3>
        <p id="release-text">The chat leaves your list and the assistant answers again. The visitor is told, and can ask for a person whenever they need one.</p>
        ${this.releaseError ? html`<p class="error" role="alert">${this.releaseError}</p>` : nothing}
        <div class="actions">
          <button autofocus ?disabled=${this.releasing} @click=${() => this.releaseDialog?.close()}>Keep it</button>
          <button class="primary" ?disabled=${this.releasing} @click=${this.onRelease}>${this.releasing ? 'Handing back…' : 'Hand back'}</button>
        </div>
      </dialog>
      ${summary?.status === ConversationStatus.active && !chat.leftReason
        ? html`<baton-staff-transfer .conversationId=${chat.conversationId} .teams=${this.teams} .directory=${this.directory} .meId=${this.meId}></baton-staff-transfer>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-chat': BatonStaffChat;
  }
}
