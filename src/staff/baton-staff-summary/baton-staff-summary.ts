import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ConversationStatus, type HandoffSummary } from '../../protocol/messages.ts';
import type { HandoffPacket } from '../../protocol/schemas.ts';
import { deviceLabel, duration, reasonLabel, safeHref, shortDuration } from '../format.ts';
import { styles } from './baton-staff-summary.styles.ts';

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

/** The visitor's `Date#toString()` ("Thu Jan 15 2026 06:30:12 GMT-0800 (Pacific …)") as "Thu 06:30 (GMT-08:00)". */
function localTimeLabel(text: string): string {
  const m = /^(\w{3}) \w{3} \d{1,2} \d{4} (\d{2}:\d{2}):\d{2} GMT([+-]\d{2})(\d{2})/.exec(text);
  return m ? `${m[1]} ${m[2]} (GMT${m[3]}:${m[4]})` : text.replace(/\s*\(.*$/, '');
}

/**
 * The handoff summary above a transcript: why the visitor asked, where they were (and, with a
 * packet, the other pages they saw, their local time and time on the site), how long they have
 * waited, their device, who the site verified them to be, and the contact details they typed.
 *
 * @csspart summary - The summary card.
 */
@customElement('baton-staff-summary')
export class BatonStaffSummary extends LitElement {
  static override styles = styles;

  /** The handoff to describe. Nothing renders without one. */
  @property({ attribute: false }) summary?: HandoffSummary;
  /** The current time, so "waiting" stays live when the host ticks it. */
  @property({ type: Number }) now = Date.now();
  /** The handoff packet, for pages seen, the visitor's local time and time on site. */
  @property({ attribute: false }) packet?: HandoffPacket;
  /** Inside the handoff view, which already says why: titled "Page and device", without a card of its own. */
  @property({ type: Boolean, reflect: true }) embedded = false;

  private renderPage(summary: HandoffSummary) {
    const { url, title } = summary.context;
    const href = safeHref(url);
    const name = title?.trim() || url;
    return html`${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${name}</a>` : name}
    ${title?.trim() ? html`<span class="url">${url}</span>` : nothing}`;
  }

  private renderVisit(packet: HandoffPacket | undefined, currentUrl: string) {
    if (!packet) return nothing;
    const others = packet.pagesSeen.filter((p) => p !== currentUrl);
    return html`${
      others.length
        ? html`<dt>Pages seen</dt>
            <dd>
              <ol class="pages">
                ${others.map((p) => html`<li>${p}</li>`)}
              </ol>
            </dd>`
        : nothing
    }
    ${
      packet.timeOnSiteMs
        ? html`<dt>Time on site</dt>
            <dd>${shortDuration(packet.timeOnSiteMs)}</dd>`
        : nothing
    }
    ${
      packet.localTime
        ? html`<dt>Their local time</dt>
            <dd>${localTimeLabel(packet.localTime)}</dd>`
        : nothing
    }`;
  }

  /** Who the site's own server says the visitor is: checked, so marked as verified. */
  private renderVerified(summary: HandoffSummary) {
    const v = summary.verified;
    if (!v) return nothing;
    return html`<div class="contact verified">
      <h4><span aria-hidden="true">✓ </span>Verified by ${summary.siteName}</h4>
      ${v.name ? html`<p>${v.name}</p>` : nothing} ${v.email ? html`<p><a href=${`mailto:${v.email}`}>${v.email}</a></p>` : nothing}
      <p class="url">Customer ID ${v.id}</p>
    </div>`;
  }

  private renderContact(summary: HandoffSummary) {
    const { contact, contactMessage } = summary;
    if (!contact && !contactMessage) return nothing;
    return html`<div class="contact">
      <h4>Given by the visitor (not checked)</h4>
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
        <span class="reason">${this.embedded ? 'Page and device' : reasonLabel(summary.reason)}</span>
        <span class="waited">${summary.status === ConversationStatus.queued ? `waiting ${waited}` : `asked ${waited} ago`}</span>
      </h3>
      <dl>
        <dt>Page</dt>
        <dd>${this.renderPage(summary)}</dd>
        ${
          ctx.referrer
            ? html`<dt>Came from</dt>
                <dd>${ctx.referrer}</dd>`
            : nothing
        }
        <dt>Time on page</dt>
        <dd>${shortDuration(ctx.timeOnPageMs)}</dd>
        ${this.renderVisit(this.packet, ctx.url)}
        <dt>Language</dt>
        <dd>${languageLabel(ctx.language)}</dd>
        <dt>Time zone</dt>
        <dd>${ctx.timeZone || 'Unknown'}</dd>
        <dt>Device</dt>
        <dd>${deviceLabel(ctx.device)}</dd>
        <dt>Site</dt>
        <dd>${summary.siteName}</dd>
      </dl>
      ${this.renderVerified(summary)} ${this.renderContact(summary)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-summary': BatonStaffSummary;
  }
}
