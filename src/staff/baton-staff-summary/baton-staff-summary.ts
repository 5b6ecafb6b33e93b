import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ConversationStatus, type HandoffSummary } from '../../protocol/messages.ts';
import { deviceLabel, duration, reasonLabel, safeHref, shortDuration } from '../format.ts';
import { controls, theme } from '../styles.ts';

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return undefined;
  }
})();

function languageLabel(tag: string): string {
  if (!tag) return 'Unknown';
  try {
    const name = languageNames?.of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/**
 * The handoff summary above a transcript: why the visitor asked, where they were, how long they
 * have waited, their device, and the contact details they left.
 *
 * @csspart summary - The summary card.
 */
@customElement('baton-staff-summary')
export class BatonStaffSummary extends LitElement {
  static override styles = [
    theme,
    controls,
    css`
      :host {
        display: block;
      }
      section {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.75rem 1rem;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
      }
      .reason {
        color: var(--_accent);
      }
      .waited {
        font-weight: 400;
        color: var(--_muted);
        font-size: 0.875rem;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.25rem 0.75rem;
        font-size: 0.875rem;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .url {
        display: block;
        color: var(--_muted);
      }
      .contact {
        margin-top: 0.75rem;
        padding: 0.5rem 0.75rem;
        border-radius: 0.5rem;
        background: var(--_warn-bg);
        color: var(--_warn-text);
        font-size: 0.875rem;
      }
      .contact h4 {
        margin: 0 0 0.25rem;
        font-size: 0.875rem;
      }
      .contact p {
        margin: 0.25rem 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .contact a {
        color: inherit;
      }
    `,
  ];

  /** The handoff to describe. Nothing renders without one. */
  @property({ attribute: false }) summary?: HandoffSummary;
  /** The current time, so "waiting" stays live when the host ticks it. */
  @property({ type: Number }) now = Date.now();

  private renderPage(summary: HandoffSummary) {
    const { url, title } = summary.context;
    const href = safeHref(url);
    const name = title?.trim() || url;
    return html`${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${name}</a>` : name}
    ${title?.trim() ? html`<span class="url">${url}</span>` : nothing}`;
  }

  private renderContact(summary: HandoffSummary) {
    const { contact, contactMessage } = summary;
    if (!contact && !contactMessage) return nothing;
    return html`<div class="contact">
      <h4>Contact details left by the visitor</h4>
      ${contact?.name ? html`<p>${contact.name}</p>` : nothing}
      ${contact?.email ? html`<p><a href=${`mailto:${contact.email}`}>${contact.email}</a></p>` : nothing}
      ${contact?.phone ? html`<p><a href=${`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>${contact.phone}</a></p>` : nothing}
      ${contactMessage ? html`<p>“${contactMessage}”</p>` : nothing}
    </div>`;
  }

  override render() {
    const summary = this.summary;
    if (!summary) return nothing;
    const ctx = summary.context;
    const waited = duration(this.now - summary.requestedAt);
    return html`<section part="summary" aria-labelledby="summary-title">
      <h3 id="summary-title">
        <span class="reason">${reasonLabel(summary.reason)}</span>
        <span class="waited">${summary.status === ConversationStatus.queued ? `waiting ${waited}` : `asked ${waited} ago`}</span>
      </h3>
      <dl>
        <dt>Page</dt>
        <dd>${this.renderPage(summary)}</dd>
        ${ctx.referrer ? html`<dt>Came from</dt><dd>${ctx.referrer}</dd>` : nothing}
        <dt>Time on page</dt>
        <dd>${shortDuration(ctx.timeOnPageMs)}</dd>
        <dt>Language</dt>
        <dd>${languageLabel(ctx.language)}</dd>
        <dt>Time zone</dt>
        <dd>${ctx.timeZone || 'Unknown'}</dd>
        <dt>Device</dt>
        <dd>${deviceLabel(ctx.device)}</dd>
        <dt>Site</dt>
        <dd>${summary.siteName}</dd>
      </dl>
      ${this.renderContact(summary)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-summary': BatonStaffSummary;
  }
}
