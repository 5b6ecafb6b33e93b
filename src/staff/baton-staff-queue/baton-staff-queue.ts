import { LitElement, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { HandoffSummary } from '../../protocol/messages.ts';
import { BatonClaimEvent, BatonOpenEvent, BatonRefreshEvent } from '../events.ts';
import { clockTime, duration, firstLine, reasonLabel } from '../format.ts';
import { reasonLook, reasonName, topReason, visitorName } from '../packet-words.ts';
import type { MyChat } from '../types.ts';
import { styles } from './baton-staff-queue.styles.ts';
import { PullToRefreshController } from './pull-to-refresh-controller.ts';

/**
 * The live lists: visitors waiting for a person (each with a "Take chat" button) and the chats
 * already assigned to me, each with its unread count and latest line. Pull the list down (touch or
 * pen, from the top of its scroll container) or press "Refresh" to load it again.
 *
 * @fires baton-claim - {@link BatonClaimEvent} when "Take chat" is pressed on a waiting row.
 * @fires baton-open - {@link BatonOpenEvent} when one of my chats is chosen.
 * @fires baton-refresh - {@link BatonRefreshEvent} on pull to refresh or the refresh button.
 * @csspart waiting - The list of waiting handoffs.
 * @csspart mine - The list of my chats.
 */
@customElement('baton-staff-queue')
export class BatonStaffQueue extends LitElement {
  static override styles = styles;

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
  /** My chats with unread counts and latest lines; without it, `mine` is listed plainly. */
  @property({ attribute: false }) chats?: MyChat[];
  /** A refresh is in flight (the indicator spins, the button is disabled). */
  @property({ type: Boolean }) refreshing = false;

  private readonly pulling = new PullToRefreshController(this, { busy: () => this.refreshing, pulled: () => this.refresh() });

  private refresh(): void {
    this.dispatchEvent(new BatonRefreshEvent());
  }

  /** Moves focus to the "Waiting" heading (after leaving a chat on a phone). */
  focusHeading(): void {
    this.waitingTitle?.focus();
  }

  private renderWaiting(s: HandoffSummary) {
    const top = topReason(s);
    const look = reasonLook(top);
    const line = firstLine(s.triggerLine || s.firstLine);
    const more = s.reasons.length > 1 ? s.reasons.length - 1 : 0;
    const name = visitorName(s);
    const typed = [s.verified ? undefined : s.contact?.name, s.contact?.email, s.contact?.phone].filter(Boolean).join(' · ');
    return html`<li class="row tone-${look.tone}">
      <div class="row-head">
        <p class="reason">
          <span class="icon" aria-hidden="true">${look.icon}</span> ${reasonName(top)}${
            more ? html` <span class="more">+${more}</span>` : nothing
          }
        </p>
        <span class="wait"
          ><span aria-hidden="true">◷ </span><span class="visually-hidden">waiting </span>${duration(this.now - s.requestedAt)}</span
        >
      </div>
      <p class="first ${line ? '' : 'none'}" id=${`first-${s.conversationId}`}>${line ? `“${line}”` : 'No message yet'}</p>
      <p class="who">
        ${
          s.verified
            ? html`<span class="verified"
                  ><span aria-hidden="true">✓</span> ${s.verified.name || s.verified.email || s.verified.id}
                  <span class="tag">verified</span></span
                >
                · `
            : name
              ? html`${name} · `
              : nothing
        }<span class="site">${s.siteName}</span>
      </p>
      ${typed ? html`<p class="contact">Given by the visitor: ${typed}</p>` : nothing}
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

  private renderMine(item: MyChat) {
    const s = item.summary;
    const current = s.conversationId === this.openId;
    const who = visitorName(s) || 'Visitor';
    const latest = item.latest;
    const prefix = latest?.role === 'staff' ? 'You: ' : '';
    const line = latest ? `${prefix}${firstLine(latest.text, 120)}` : firstLine(s.firstLine) || reasonLabel(s.reason);
    // The name is the content: who and where, the unread count, the latest line and its time.
    return html`<li>
      <button
        class="chat ${item.unread ? 'has-unread' : ''}"
        aria-current=${current ? 'true' : 'false'}
        @click=${() => this.dispatchEvent(new BatonOpenEvent(s.conversationId))}
      >
        <span class="chat-top">
          <span class="site">${who} · ${s.siteName}</span>
          ${item.unread ? html`<span class="unread">${item.unread}<span class="visually-hidden"> unread</span></span>` : nothing}
        </span>
        <span class="latest">
          <span class="first">${line}</span>
          ${
            item.hasDraft
              ? html`<span class="draft">Draft</span>`
              : latest
                ? html`<time datetime=${new Date(latest.at).toISOString()}>${clockTime(latest.at, this.now)}</time>`
                : nothing
          }
        </span>
      </button>
    </li>`;
  }

  private renderPull() {
    const pull = this.pulling.pull;
    const state = this.refreshing ? 'refreshing' : this.pulling.ready ? 'ready' : pull > 0 ? 'pulling' : 'idle';
    const height = this.refreshing ? 40 : pull;
    const text = this.refreshing ? 'Refreshing…' : state === 'ready' ? 'Release to refresh' : 'Pull to refresh';
    return html`<div class="pull" data-state=${state} style=${`height: ${height}px`} aria-hidden=${state === 'idle' ? 'true' : 'false'}>
      <span>${this.refreshing ? nothing : html`<span class="arrow" aria-hidden="true">↓</span> `}${text}</span>
    </div>`;
  }

  override render() {
    const chats = this.chats ?? this.mine.map((summary) => ({ summary, unread: 0, hasDraft: false }));
    return html`
      ${this.renderPull()}
      <section aria-labelledby="waiting-title">
        <div class="head">
          <h2 id="waiting-title" tabindex="-1">
            Waiting <span class="count ${this.queue.length ? 'hot' : ''}">${this.queue.length}</span>
          </h2>
          <button ?disabled=${this.refreshing} @click=${this.refresh}>${this.refreshing ? 'Refreshing…' : 'Refresh'}</button>
        </div>
        <p class="notice" role="status">${this.notice}</p>
        ${
          this.queue.length
            ? html`<ul part="waiting">
                ${repeat(
                  this.queue,
                  (s) => s.conversationId,
                  (s) => this.renderWaiting(s),
                )}
              </ul>`
            : html`<p class="empty">No one is waiting. New requests appear here straight away.</p>`
        }
      </section>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">My chats <span class="count">${chats.length}</span></h2>
        ${
          chats.length
            ? html`<ul part="mine">
                ${repeat(
                  chats,
                  (c) => c.summary.conversationId,
                  (c) => this.renderMine(c),
                )}
              </ul>`
            : html`<p class="empty">Chats you take appear here.</p>`
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-queue': BatonStaffQueue;
  }
}
