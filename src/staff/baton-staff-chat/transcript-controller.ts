/**
 * The chat's transcript: the handoff view above the complete conversation (`role="log"`, the
 * messages that triggered the handoff marked), the visitor's typing indicator, and where the
 * reader is: a chat seen for the first time starts at the top (the summary first), later it
 * follows new messages unless the reader has scrolled up. A reason chip scrolls to its message.
 */
import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Role } from '../../protocol/messages.ts';
import '../baton-staff-packet/baton-staff-packet.ts';
import '../baton-staff-summary/baton-staff-summary.ts';
import { withLaterDetails } from '../details.ts';
import { BatonRetryEvent, type BatonJumpEvent } from '../events.ts';
import { clockTime } from '../format.ts';
import { DeliveryState, type ChatLine, type OpenChat } from '../types.ts';
import { markKind, markWords, triggerMarks, type TriggerMark } from './trigger-marks.ts';

/** How long a message stays highlighted after a reason chip pointed at it. */
const HIGHLIGHT_MS = 2500;
/** Closer than this to the end counts as reading the newest messages (new ones keep it in view). */
const NEAR_END_PX = 96;
/** The on-screen keyboard animates in over a few hundred ms. */
const KEYBOARD_MS = 1000;

export class TranscriptController implements ReactiveController {
  private readonly shown = new Set<string>();
  private stickToBottom = true;
  private switched = false;
  private highlighted?: string;
  private highlightTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: LitElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.highlightTimer);
  }

  private get scroller(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.scroll');
  }

  /** Before rendering a new `chat` value: remember whether the reader was at the end. */
  willShow(chat: OpenChat | undefined, switched: boolean): void {
    this.switched = switched;
    if (switched) this.highlighted = undefined;
    const el = this.scroller;
    this.stickToBottom = !el || el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_END_PX;
    const last = chat?.lines.at(-1);
    if (last?.role === Role.staff && last.delivery === DeliveryState.sending) this.stickToBottom = true;
  }

  /** After rendering: first look at a chat starts at the top; otherwise follow the end when reading there. */
  rendered(chat: OpenChat | undefined): void {
    const el = this.scroller;
    if (!chat || !el || chat.loading) return;
    if (!this.shown.has(chat.conversationId)) {
      this.shown.add(chat.conversationId);
      el.scrollTop = 0;
    } else if (this.switched || this.stickToBottom) {
      el.scrollTop = el.scrollHeight;
    }
    this.switched = false;
  }

  /** Scrolls to a message and highlights it for a moment. */
  showMessage(messageId: string): boolean {
    const el = [...this.host.renderRoot.querySelectorAll<HTMLElement>('.msg[data-id]')].find((m) => m.dataset['id'] === messageId);
    if (!el) return false;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    // Screen readers follow focus: the message (with its "Triggered" mark) is read out.
    el.focus({ preventScroll: true });
    this.highlighted = messageId;
    this.host.requestUpdate();
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => {
      this.highlighted = undefined;
      this.host.requestUpdate();
    }, HIGHLIGHT_MS);
    return true;
  }

  /** The on-screen keyboard is coming up: keep the last message in view above the composer. */
  followKeyboard(): void {
    const stick = () => {
      const el = this.scroller;
      if (el) el.scrollTop = el.scrollHeight;
    };
    stick();
    window.visualViewport?.addEventListener('resize', stick);
    setTimeout(() => window.visualViewport?.removeEventListener('resize', stick), KEYBOARD_MS);
  }

  private readonly onJump = (event: BatonJumpEvent): void => {
    event.stopPropagation();
    this.stickToBottom = false;
    this.showMessage(event.messageId);
  };

  render(chat: OpenChat, now: number) {
    const summary = chat.summary;
    const marks = triggerMarks(chat);
    return html`<div class="scroll">
      ${chat.error ? html`<p class="error" role="alert">${chat.error}</p>` : nothing}
      <baton-staff-packet
        .packet=${withLaterDetails(chat.packet, chat.lines)}
        .summary=${summary}
        .notes=${chat.notes ?? []}
        .now=${now}
        @baton-jump=${this.onJump}
      >
        <baton-staff-summary slot="context" embedded .summary=${summary} .packet=${chat.packet} .now=${now}></baton-staff-summary>
      </baton-staff-packet>
      ${chat.loading ? html`<p class="loading" role="status">Loading the conversation…</p>` : nothing}
      <div role="log" aria-label="Transcript" part="transcript">
        ${repeat(
          chat.lines,
          (l) => l.id,
          (l) => this.renderLine(chat, l, marks.get(l.id), now),
        )}
      </div>
      ${chat.visitorTyping ? html`<p class="typing">${summary?.contact?.name || 'The visitor'} is typing…</p>` : nothing}
    </div>`;
  }

  private author(chat: OpenChat, line: ChatLine): string {
    switch (line.role) {
      case Role.visitor:
        return chat.summary?.contact?.name || 'Visitor';
      case Role.assistant:
        return 'Assistant';
      case Role.staff:
        return line.authorName ?? 'Staff';
      default:
        return '';
    }
  }

  private renderLine(chat: OpenChat, line: ChatLine, mark: TriggerMark | undefined, now: number) {
    const author = this.author(chat, line);
    const kind = mark ? markKind(mark) : '';
    return html`<div
      class="msg ${line.role} ${line.delivery} ${kind} ${this.highlighted === line.id ? 'highlight' : ''}"
      data-id=${line.id}
      tabindex="-1"
    >
      <div class="meta">
        ${author ? html`<span class="author">${author}</span>` : nothing}
        <time datetime=${new Date(line.createdAt).toISOString()}>${clockTime(line.createdAt, now)}</time>
      </div>
      ${
        mark
          ? html`<p class="mark">
              <span aria-hidden="true">${kind === 'trigger' ? '⚑ ' : '○ '}</span
              >${markWords(mark)}${mark.names.length ? `: ${mark.names.join(', ')}` : ''}
            </p>`
          : nothing
      }
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
          <button class="link" @click=${() => this.host.dispatchEvent(new BatonRetryEvent(line.id))}>Retry</button>
        </span>`;
      default:
        return html`<span class="delivery">Sent</span>`;
    }
  }
}
