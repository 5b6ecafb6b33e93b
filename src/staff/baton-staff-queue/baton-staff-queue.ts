import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { HandoffSummary } from '../../protocol/messages.ts';
import { BatonClaimEvent, BatonOpenEvent } from '../events.ts';
import { duration, firstLine, reasonLabel } from '../format.ts';
import { controls, theme } from '../styles.ts';

/**
 * The live lists: visitors waiting for a person (each with a "Take chat" button) and the chats
 * already assigned to me.
 *
 * @fires baton-claim - {@link BatonClaimEvent} when "Take chat" is pressed on a waiting row.
 * @fires baton-open - {@link BatonOpenEvent} when one of my chats is chosen.
 * @csspart waiting - The list of waiting handoffs.
 * @csspart mine - The list of my chats.
 */
@customElement('baton-staff-queue')
export class BatonStaffQueue extends LitElement {
  static override styles = [
    theme,
    controls,
    css`
      :host {
        display: block;
        padding: 0.75rem 0.75rem 1.5rem;
      }
      section + section {
        margin-top: 1.25rem;
      }
      h2 {
        margin: 0.25rem 0.25rem 0.5rem;
        font-size: 1.125rem;
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .count {
        min-width: 1.5rem;
        padding: 0 0.375rem;
        border-radius: 999px;
        background: var(--_surface-2);
        color: var(--_text);
        font-size: 0.875rem;
        text-align: center;
      }
      .count.hot {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.625rem;
      }
      .row {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.75rem 0.875rem;
        display: grid;
        gap: 0.25rem;
      }
      .row-head {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
        font-size: 0.875rem;
        color: var(--_muted);
      }
      .site {
        font-weight: 600;
        color: var(--_text);
      }
      .wait {
        white-space: nowrap;
      }
      .reason {
        margin: 0;
        font-size: 0.875rem;
        font-weight: 600;
        color: var(--_accent);
      }
      .first {
        margin: 0;
        font-size: 1rem;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .first.none {
        color: var(--_muted);
        font-style: italic;
      }
      .contact {
        margin: 0;
        font-size: 0.875rem;
        color: var(--_muted);
        overflow-wrap: anywhere;
      }
      .row button.primary {
        margin-top: 0.375rem;
        width: 100%;
      }
      .notice {
        margin: 0 0 0.5rem;
        padding: 0.625rem 0.875rem;
        border-radius: 0.625rem;
        background: var(--_warn-bg);
        color: var(--_warn-text);
        font-weight: 600;
      }
      .notice:empty {
        display: none;
      }
      .empty {
        margin: 0.25rem;
        color: var(--_muted);
      }
      .chat {
        width: 100%;
        text-align: start;
        display: grid;
        gap: 0.125rem;
        padding: 0.625rem 0.875rem;
        font-weight: 400;
        border-radius: var(--_radius);
      }
      .chat[aria-current='true'] {
        border-color: var(--_accent);
        background: var(--_accent-soft);
      }
      .chat .site {
        font-size: 0.875rem;
      }
      .chat .first {
        -webkit-line-clamp: 1;
      }
    `,
  ];

  @query('#waiting-title') private waitingTitle?: HTMLElement;

  /** Waiting handoffs, oldest first. */
  @property({ attribute: false }) queue: HandoffSummary[] = [];
  /** Chats assigned to the signed-in staff member. */
  @property({ attribute: false }) mine: HandoffSummary[] = [];
  /** Conversations with a claim in flight (their button is disabled). */
  @property({ attribute: false }) claiming: ReadonlySet<string> = new Set();
  /** The chat currently open, marked in "My chats". */
  @property({ attribute: 'open-id' }) openId?: string;
  /** A short message about the queue, e.g. who took a chat first. */
  @property() notice = '';
  /** The current time, for live waiting times. */
  @property({ type: Number }) now = Date.now();

  /** Moves focus to the "Waiting" heading (after leaving a chat on a phone). */
  focusHeading(): void {
    this.waitingTitle?.focus();
  }

  private renderWaiting(s: HandoffSummary) {
    const line = firstLine(s.firstLine);
    const contact = [s.contact?.name, s.contact?.email, s.contact?.phone].filter(Boolean).join(' · ');
    return html`<li class="row">
      <div class="row-head">
        <span class="site">${s.siteName}</span>
        <span class="wait">waiting ${duration(this.now - s.requestedAt)}</span>
      </div>
      <p class="reason">${reasonLabel(s.reason)}</p>
      <p class="first ${line ? '' : 'none'}" id=${`first-${s.conversationId}`}>${line ? `“${line}”` : 'No message yet'}</p>
      ${contact ? html`<p class="contact">Contact: ${contact}</p>` : nothing}
      <button
        class="primary"
        ?disabled=${this.claiming.has(s.conversationId)}
        aria-describedby=${`first-${s.conversationId}`}
        @click=${() => this.dispatchEvent(new BatonClaimEvent(s.conversationId))}
      >
        ${this.claiming.has(s.conversationId) ? 'Taking…' : 'Take chat'}
      </button>
    </li>`;
  }

  private renderMine(s: HandoffSummary) {
    const current = s.conversationId === this.openId;
    return html`<li>
      <button class="chat" aria-current=${current ? 'true' : 'false'} @click=${() => this.dispatchEvent(new BatonOpenEvent(s.conversationId))}>
        <span class="site">${s.siteName}</span>
        <span class="first">${firstLine(s.firstLine) || reasonLabel(s.reason)}</span>
      </button>
    </li>`;
  }

  override render() {
    return html`
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title" tabindex="-1">
          Waiting <span class="count ${this.queue.length ? 'hot' : ''}">${this.queue.length}</span>
        </h2>
        <p class="notice" role="status">${this.notice}</p>
        ${this.queue.length
          ? html`<ul part="waiting">${repeat(this.queue, (s) => s.conversationId, (s) => this.renderWaiting(s))}</ul>`
          : html`<p class="empty">No one is waiting. New requests appear here straight away.</p>`}
      </section>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">My chats <span class="count">${this.mine.length}</span></h2>
        ${this.mine.length
          ? html`<ul part="mine">${repeat(this.mine, (s) => s.conversationId, (s) => this.renderMine(s))}</ul>`
          : html`<p class="empty">Chats you take appear here.</p>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-queue': BatonStaffQueue;
  }
}
