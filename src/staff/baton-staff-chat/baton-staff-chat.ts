import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { ConversationStatus, type SavedReply, type StaffDirectoryEntry, type TeamRef } from '../../protocol/messages.ts';
import '../baton-staff-transfer/baton-staff-transfer.ts';
import type { BatonStaffTransfer } from '../baton-staff-transfer/baton-staff-transfer.ts';
import { withLaterDetails } from '../details.ts';
import { BatonBackEvent } from '../events.ts';
import { visitorName } from '../packet-words.ts';
import type { OpenChat } from '../types.ts';
import { styles } from './baton-staff-chat.styles.ts';
import { ComposerController } from './composer-controller.ts';
import { DialogsController } from './dialogs-controller.ts';
import { TranscriptController } from './transcript-controller.ts';

/**
 * One conversation: the staff view of the handoff (reasons, summary, details, mood, context), the
 * complete transcript (`role="log"`, the messages that triggered the handoff marked), the visitor's
 * typing indicator and the reply composer (Enter sends, Shift+Enter starts a new line). Drafts are
 * kept per conversation while the element lives. The bar offers Transfer, Hand back (to the
 * assistant) and Close (which asks whether the handoff had everything needed).
 *
 * The element is the bar and the frame; the transcript, the composer and the two confirmations are
 * controllers ({@link TranscriptController}, {@link ComposerController}, {@link DialogsController})
 * rendering into its one shadow root, so focus and scrolling work across them.
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
  static override styles = styles;

  private readonly transcript = new TranscriptController(this);
  private readonly composer = new ComposerController(this, {
    loadDraft: (conversationId) => this.loadDraft?.(conversationId),
    conversationId: () => this.chat?.conversationId,
    focused: () => this.transcript.followKeyboard(),
  });
  private readonly dialogs = new DialogsController(this, () => this.chat?.conversationId);

  @query('#chat-title') private titleEl?: HTMLElement;
  @query('baton-staff-transfer') private transferDialog?: BatonStaffTransfer;

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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('chat')) return;
    const previous = changed.get('chat') as OpenChat | undefined;
    const switched = previous?.conversationId !== this.chat?.conversationId;
    if (switched) this.composer.switchChat(previous?.conversationId, this.chat?.conversationId);
    this.transcript.willShow(this.chat, switched);
  }

  protected override updated(): void {
    this.transcript.rendered(this.chat);
  }

  /** Scrolls to a message of the transcript and highlights it for a moment (a reason chip was tapped). */
  showMessage(messageId: string): boolean {
    return this.transcript.showMessage(messageId);
  }

  /** Moves focus to the chat's title (after opening it). */
  focusTitle(): void {
    this.titleEl?.focus();
  }

  /** Puts the cursor in the reply box. */
  focusComposer(): void {
    this.composer.focus();
  }

  private openTransfer(event: Event): void {
    this.transferDialog?.show(event.currentTarget as HTMLElement);
  }

  override render() {
    const chat = this.chat;
    if (!chat) return nothing;
    const summary = chat.summary;
    const state = chat.closed ? 'Closed' : summary?.status === 'queued' ? 'Waiting' : '';
    const active = summary?.status === ConversationStatus.active;
    return html`
      <div class="bar" part="bar">
        <button class="back" @click=${() => this.dispatchEvent(new BatonBackEvent())}><span aria-hidden="true">‹&nbsp;</span>Queue</button>
        <div class="title">
          <h2 id="chat-title" tabindex="-1">${visitorName(summary, withLaterDetails(chat.packet, chat.lines)) || 'Visitor'}</h2>
          <span class="state">${[summary?.siteName, state].filter(Boolean).join(' · ')}</span>
        </div>
        ${
          chat.closed || chat.leftReason
            ? nothing
            : html`<div class="chat-actions">
                ${
                  active
                    ? html`<button @click=${this.openTransfer}>Transfer</button>
                        <button @click=${this.dialogs.confirmRelease}>Hand back<span class="visually-hidden"> to assistant</span></button>`
                    : nothing
                }
                <button class="danger" @click=${this.dialogs.confirmClose}>Close chat</button>
              </div>`
        }
      </div>
      ${this.transcript.render(chat, this.now)} ${this.composer.render(chat, this.savedReplies)} ${this.dialogs.render()}
      ${
        active && !chat.leftReason
          ? html`<baton-staff-transfer
              .conversationId=${chat.conversationId}
              .teams=${this.teams}
              .directory=${this.directory}
              .meId=${this.meId}
            ></baton-staff-transfer>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-chat': BatonStaffChat;
  }
}
