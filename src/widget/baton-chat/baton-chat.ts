// Over 500 lines on purpose: about 70 of them are the element's public contract in JSDoc (parts,
// custom properties, events, methods), which generates custom-elements.json and must sit on the
// class; delivery, sync, triage and the assistant live in ../controllers.
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { IdentityStatus } from '../../protocol/events.ts';
import type { VisitorIdentity } from '../../protocol/schemas.ts';
import { Delivery, type LocalMessage } from '../../store/schema.ts';
import { ChatController, Connection } from '../controllers/chat-controller.ts';
import type { TriageUrls } from '../controllers/first-line.ts';
import { BatonHandoffEvent, BatonHideEvent, BatonMessageEvent, BatonReadyEvent, BatonShowEvent } from '../events.ts';
import { styles } from './baton-chat.styles.ts';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * The visitor's chat: a launcher bubble and a panel (full screen on phones, a corner panel on
 * desktop). An assistant answers first; "Talk to a person" is always visible and hands the whole
 * conversation to staff. Its attributes stay live: a new `site`, `server` or `identity` starts
 * over with that site's conversation.
 *
 * @element baton-chat
 * @summary Chat with an on-device assistant that hands the conversation to a person with its context.
 *
 * @fires baton-show - The panel opened (by the launcher, `show()`, `toggle()` or the `open` attribute).
 * @fires baton-hide - The panel closed.
 * @fires baton-message - A new line in the conversation: `event.role` (`visitor`, `assistant`, `staff`, `system`) and `event.text`.
 * @fires baton-handoff - The chat was handed to a person: `event.trigger` (`visitor_asked`, `offer_accepted`, `policy`) and `event.reasons` (triage reasons, most urgent first).
 * @fires baton-ready - Storage is open and the element is ready; methods called earlier have already taken effect.
 *
 * @csspart launcher - The round button that opens and closes the panel.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel (a dialog).
 * @csspart header - The panel's header: the site's name and who is answering.
 * @csspart close-button - The header's close button.
 * @csspart status - The bar under the header saying who is answering, with "Talk to a person".
 * @csspart human-button - The "Talk to a person" button.
 * @csspart log - The list of messages.
 * @csspart message - One message (a list item); it also has the class of its role.
 * @csspart bubble - A message's text.
 * @csspart composer - The form at the bottom with the message field and the send button.
 * @csspart input - The message field.
 * @csspart send-button - The send button.
 *
 * @cssproperty [--baton-accent=#0b5cab] - Brand colour: the launcher, the header, the visitor's bubbles, buttons.
 * @cssproperty [--baton-accent-text=#ffffff] - Text on the brand colour.
 * @cssproperty [--baton-bg=#ffffff] - The panel's background.
 * @cssproperty [--baton-text=#1c2430] - Text colour.
 * @cssproperty [--baton-muted=#5b6675] - Secondary text: times, delivery states, status lines.
 * @cssproperty [--baton-bubble=#eef2f7] - The assistant's and staff's bubbles.
 * @cssproperty [--baton-border=#d5dce5] - Borders and dividers.
 * @cssproperty [--baton-danger=#b3261e] - Errors and the unread badge.
 * @cssproperty [--baton-radius=16px] - Corner radius of the panel (bubbles and buttons scale from it).
 * @cssproperty [--baton-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--baton-launcher-size=60px] - The launcher's diameter.
 * @cssproperty [--baton-launcher-right=20px] - Distance of the launcher and panel from the right edge; `auto` to place them by `--baton-launcher-left`.
 * @cssproperty [--baton-launcher-left=auto] - Distance from the left edge (set it and `--baton-launcher-right: auto` for a left-hand launcher).
 * @cssproperty [--baton-launcher-bottom=20px] - Distance of the launcher from the bottom edge; the panel opens above it.
 * @cssproperty [--baton-z-index=2147483000] - Stacking order of the launcher and the panel.
 */
@customElement('baton-chat')
export class BatonChat extends LitElement {
  static override styles = styles;
  /**
   * Where the triage worker and model live; set once by the widget bundle (app.ts). Without it triage runs its rules only.
   * @internal
   */
  static triage: TriageUrls | undefined;

  private chat: ChatController | undefined;
  /** The site, server and identity `chat` was made for. */
  private chatFor = '';
  /** Messages already announced with `baton-message` (undefined until storage is open). */
  private announced: Set<string> | undefined;

  @query('textarea') private composer?: HTMLTextAreaElement;
  @query('.launcher') private launcher?: HTMLButtonElement;
  @query('.log') private log?: HTMLElement;

  @state() private contactError = '';
  /** The visitor asked for the contact form (after something was refused), whoever is online. */
  @state() private contactAsked = false;
  @state() private announce = '';
  @state() private rating = 0;

  /** The site key from the Baton sites file. Changing it starts that site's conversation. */
  @property({ reflect: true }) site = '';
  /** Baton's origin, e.g. `https://chat.example.com` (defaults to the page's origin). Changing it reconnects. */
  @property({ reflect: true }) server = '';
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** The visitor's language (BCP 47, e.g. `es`), used for the panel's `lang`; empty means the page's. */
  @property({ reflect: true }) language = '';
  /**
   * A signed-in customer, signed by the site's own server: `{id, name?, email?, expires, signature}`
   * (see the README). Property only; setting it reconnects, and staff see the details as verified
   * when the signature is valid and unexpired.
   */
  @property({ attribute: false }) identity: VisitorIdentity | undefined;

  /** What the server made of `identity` once connected: `verified`, `expired`, `invalid` or `none`. */
  get identityStatus(): IdentityStatus | undefined {
    return this.chat?.identity;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = JSON.stringify([this.site, this.server, this.identity ?? null]);
    if (key !== this.chatFor) this.startChat(key);
    else if (changed.has('open') && this.chat) {
      if (this.open) void this.chat.open();
      else this.chat.close();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Visible to the page and to tests: whether triage runs with the model or the rules alone.
    if (this.chat) this.dataset.triage = this.chat.triageState;
    // An element that starts open has opened too; one that starts closed has not closed.
    if (changed.has('open') && (changed.get('open') !== undefined || this.open)) {
      this.fire(this.open ? new BatonShowEvent() : new BatonHideEvent());
      if (!this.open && this.shadowRoot?.activeElement) this.launcher?.focus();
    }
    if (changed.has('open') && this.open) this.composer?.focus();
    this.announceMessages();
    // Keep the newest message in view, as every chat app does.
    this.log?.lastElementChild?.scrollIntoView({ block: 'end' });
  }

  /** A controller for the current site, server and identity; the previous one (if any) lets go of its socket and storage. */
  private startChat(key: string): void {
    if (this.chat) {
      this.chat.hostDisconnected();
      this.removeController(this.chat);
    }
    this.chatFor = key;
    this.announced = undefined;
    this.chat = this.site
      ? new ChatController(this, {
          siteKey: this.site,
          server: this.server || location.origin,
          ...(BatonChat.triage ? { triage: BatonChat.triage } : {}),
          ...(this.identity ? { identity: this.identity } : {}),
          onHandoff: (trigger, reasons) => this.fire(new BatonHandoffEvent(trigger, [...new Set(reasons)])),
        })
      : undefined;
    if (this.chat && this.open) void this.chat.open();
  }

  /** `baton-message` for each line that appeared since the last update (not for the history already on the device). */
  private announceMessages(): void {
    const chat = this.chat;
    if (!chat?.openStore) return;
    const first = !this.announced;
    const seen = (this.announced ??= new Set());
    for (const m of chat.messages) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      if (!first) this.fire(new BatonMessageEvent(m.role, m.text));
    }
    if (first) this.fire(new BatonReadyEvent());
  }

  /** Every public event goes out here (the `@fires` tags above document them). */
  private fire(event: Event): void {
    this.dispatchEvent(event);
  }

  private setOpen(open: boolean): void {
    this.open = open;
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.setOpen(false);
    }
  }

  private onComposerKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.sendDraft();
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.sendDraft();
  }

  private sendDraft(): void {
    const field = this.composer;
    if (!field || !field.value.trim()) return;
    void this.chat?.send(field.value);
    field.value = '';
    field.style.height = '';
  }

  private onInput(): void {
    const field = this.composer;
    if (field) {
      field.style.height = 'auto';
      field.style.height = `${Math.min(field.scrollHeight, 140)}px`;
    }
    this.chat?.typing();
  }

  private onHuman(): void {
    const status = this.chat?.session?.status;
    if (status === 'queued' || status === 'active') {
      this.announce = status === 'active' ? 'A person is already in this chat.' : 'A person is on the way.';
      return;
    }
    void this.chat?.requestHuman('visitor_asked');
  }

  private onContact(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const phone = String(data.get('phone') ?? '').trim();
    const message = String(data.get('message') ?? '').trim();
    if (!email && !phone) {
      this.contactError = 'Please leave an email address or a phone number.';
      return;
    }
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      this.contactError = 'That email address does not look right.';
      return;
    }
    this.contactError = '';
    this.contactAsked = false;
    void this.chat?.leaveContact({ ...(email ? { email } : {}), ...(phone ? { phone } : {}) }, message);
  }

  private waitingForNobody(): boolean {
    const session = this.chat?.session;
    return session?.status === 'queued' && (session.queue ? !session.queue.available : session.handoff?.staffOnline === 0);
  }

  private statusLine(): string {
    const chat = this.chat;
    const name = chat?.site?.name ?? 'the team';
    switch (chat?.session?.status) {
      case 'queued': {
        const queue = chat.session.queue;
        if (this.waitingForNobody()) {
          if (queue?.opensAt) return `${name} is closed now · open again ${queue.opensAt}`;
          return queue?.busy
            ? `Everyone at ${name} is busy · you’re number ${queue.position} in line`
            : `No one from ${name} is online right now`;
        }
        if (!queue) return `Getting a person from ${name}…`;
        const minutes = Math.max(1, Math.round(queue.expectedWaitMs / 60_000));
        return `You’re number ${queue.position} in line${queue.teamName !== name ? ` for ${queue.teamName}` : ''} · about ${minutes} min`;
      }
      case 'active':
        return `You’re chatting with ${chat.session.staffName ?? 'a person'} from ${name}`;
      case 'closed':
        return 'This chat has ended';
      default:
        return 'You’re chatting with an automated assistant';
    }
  }

  private whoIsAnswering(): string {
    switch (this.chat?.session?.status) {
      case 'queued':
        return 'Waiting for a person';
      case 'active':
        return 'A person is answering';
      case 'closed':
        return 'Chat ended';
      default:
        return 'Assistant answering';
    }
  }

  private author(m: LocalMessage): string {
    switch (m.role) {
      case 'visitor':
        return 'You';
      case 'assistant':
        return 'Assistant';
      case 'staff':
        return m.authorName ?? 'Staff';
      default:
        return '';
    }
  }

  private renderMessage(m: LocalMessage, last: boolean) {
    const time = new Date(m.createdAt);
    const sources = m.assistant?.kind === 'answer' ? m.assistant.sources : [];
    return html`<li class="msg ${m.role}" part="message">
      ${m.role === 'system' ? nothing : html`<span class="sr-only">${this.author(m)}:</span>`}
      <div class="bubble" part="bubble">${m.text}</div>
      ${
        m.assistant?.kind === 'offer' && last && this.chat?.offerPending()
          ? html`<button class="primary offer" @click=${() => void this.chat?.acceptOffer()}>Yes, bring in a person</button>`
          : nothing
      }
      <div class="meta">
        ${m.role === 'staff' ? html`<span aria-hidden="true">${m.authorName}</span>` : nothing}
        <time datetime=${time.toISOString()}>${timeFormat.format(time)}</time>
        ${sources.length ? html`<span class="source">Source: ${sources.map((x) => x.title).join(', ')}</span>` : nothing}
        ${m.role === 'visitor' ? this.renderDelivery(m) : nothing}
      </div>
    </li>`;
  }

  private renderDelivery(m: LocalMessage) {
    switch (m.delivery) {
      case Delivery.sending:
        return this.chat?.connection === Connection.offline
          ? html`<span class="waiting">Waiting for connection</span>`
          : html`<span>Sending…</span>`;
      case Delivery.sent:
        return html`<span>Sent</span>`;
      case Delivery.failed:
        return html`<span class="failed">Not sent${m.error ? `: ${m.error}` : ''}</span>
          <button class="link-button" @click=${() => void this.chat?.retry(m.id)} aria-label="Retry sending this message">Retry</button>`;
    }
  }

  private renderRating(staffName: string | undefined) {
    return html`<form class="rating" @submit=${this.onRate} aria-label="Rate this chat">
      <fieldset>
        <legend>How was your chat${staffName ? ` with ${staffName}` : ''}?</legend>
        <div class="stars">
          ${[1, 2, 3, 4, 5].map(
            (n) =>
              html`<button
                type="button"
                class="star"
                aria-pressed=${this.rating >= n ? 'true' : 'false'}
                aria-label="${n} out of 5"
                @click=${() => (this.rating = n)}
              >
                ${this.rating >= n ? '★' : '☆'}
              </button>`,
          )}
        </div>
      </fieldset>
      <label>Anything to add? (optional) <input name="comment" maxlength="1000" /></label>
      <button class="primary" type="submit" ?disabled=${this.rating === 0}>Send rating</button>
    </form>`;
  }

  private onRate(e: SubmitEvent): void {
    e.preventDefault();
    if (!this.rating) return;
    const comment = String(new FormData(e.target as HTMLFormElement).get('comment') ?? '');
    void this.chat?.rate(this.rating, comment);
  }

  private renderBanner() {
    const chat = this.chat;
    if (chat?.connection === Connection.refused) return this.renderUnavailable();
    const refused = chat?.refused;
    if (refused) {
      const what =
        refused.kind === 'handoff'
          ? 'Your request for a person did not go through'
          : refused.kind === 'contact'
            ? 'Your contact details were not accepted'
            : refused.kind === 'message'
              ? 'Your message was not accepted'
              : 'Your rating was not accepted';
      return html`<div class="banner error refused" role="alert">
        <p>${what}: ${refused.error}. You can try again${refused.kind === 'contact' ? '' : ' or leave a way to reach you'}.</p>
        <button class="link-button" @click=${() => void chat?.retryRefused()}>Try again</button>
        ${
          refused.kind === 'contact'
            ? nothing
            : html`<button class="link-button" @click=${() => (this.contactAsked = true)}>Leave your contact details</button>`
        }
      </div>`;
    }
    if (chat?.connection === Connection.offline)
      return html`<p class="banner" role="status">
        You’re offline. Your messages are saved and will be sent when the connection is back.
      </p>`;
    return nothing;
  }

  /** The server will not serve this page (a misconfigured site): say so calmly, with other ways to get in touch. */
  private renderUnavailable() {
    const facts = this.chat?.site?.knowledge.facts;
    const name = this.chat?.site?.name ?? 'the business';
    const ways = [
      facts?.phone ? html`<li>Call <a href="tel:${facts.phone.replace(/[^\d+]/g, '')}">${facts.phone}</a></li>` : nothing,
      facts?.email ? html`<li>Email <a href="mailto:${facts.email}">${facts.email}</a></li>` : nothing,
    ];
    return html`<div class="banner unavailable" role="status">
      <p>Chat is unavailable on this page.</p>
      ${
        facts?.phone || facts?.email
          ? html`<p>You can still reach ${name}:</p>
              <ul>
                ${ways}
              </ul>`
          : html`<p>Please use ${name === 'the business' ? "the site's" : `${name}'s`} other contact options.</p>`
      }
    </div>`;
  }

  private renderFooter() {
    if (this.chat?.connection === Connection.refused) return nothing;
    const session = this.chat?.session;
    if (session?.status === 'closed') {
      return html`<div class="closed">
        <p>${session.staffName ?? 'The team'} closed this chat. Thanks for getting in touch.</p>
        ${session.rated ? html`<p role="status">Thanks for rating this chat.</p>` : this.renderRating(session.staffName)}
        <button class="primary" @click=${() => void this.chat?.startNew().then(() => this.composer?.focus())}>Start a new chat</button>
      </div>`;
    }
    const wantsContact =
      (this.waitingForNobody() || this.contactAsked || this.chat?.refused?.kind === 'contact') && !session?.handoff?.contactLeft;
    return html`${
        wantsContact
          ? html`<form class="contact" @submit=${this.onContact} aria-label="Leave your contact details">
              <h3>Leave a way to reach you</h3>
              <div class="pair">
                <label>Email <input name="email" type="email" autocomplete="email" /></label>
                <label>Phone <input name="phone" type="tel" autocomplete="tel" /></label>
              </div>
              <label>Message (optional) <input name="message" maxlength="4000" /></label>
              ${this.contactError ? html`<p class="error" role="alert">${this.contactError}</p>` : nothing}
              <button class="primary" type="submit">Send my details</button>
            </form>`
          : nothing
      }
      <form class="composer" part="composer" @submit=${this.onSubmit}>
        <textarea
          part="input"
          rows="1"
          aria-label="Message"
          placeholder="Write a message…"
          maxlength="4000"
          @keydown=${this.onComposerKey}
          @input=${this.onInput}
        ></textarea>
        <button class="send" part="send-button" type="submit">Send</button>
      </form>`;
  }

  /** Opens the panel (and starts the conversation, with the site's greeting, if there is none yet). */
  show(): void {
    this.setOpen(true);
  }

  /** Closes the panel; the conversation goes on and new replies count as unread on the launcher. */
  hide(): void {
    this.setOpen(false);
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  toggle(): void {
    this.setOpen(!this.open);
  }

  override render() {
    const chat = this.chat;
    const unread = chat?.unread ?? 0;
    const siteName = chat?.site?.name ?? 'us';
    return html`
      <button
        class="launcher"
        part="launcher"
        aria-label=${this.open ? 'Close chat' : 'Open chat'}
        aria-expanded=${this.open}
        @click=${() => this.setOpen(!this.open)}
      >
        <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
          ${
            this.open
              ? svg`<path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z" />`
              : svg`<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm2 5v2h12V9zm0 4v2h8v-2z" />`
          }
        </svg>
        ${unread > 0 && !this.open ? html`<span class="badge" part="badge">${unread}<span class="sr-only"> new</span></span>` : nothing}
      </button>
      <section
        class="panel"
        part="panel"
        role="dialog"
        aria-label="Chat with ${siteName}"
        lang=${this.language || nothing}
        ?hidden=${!this.open}
        @keydown=${this.onKeydown}
      >
        <header part="header">
          <div class="title">
            <h2>${chat?.site?.name ?? 'Chat'}</h2>
            <p>${this.statusLine()}</p>
          </div>
          <button class="icon-button" part="close-button" aria-label="Close chat" @click=${() => this.setOpen(false)}>×</button>
        </header>
        ${
          chat?.connection === Connection.refused
            ? nothing
            : html`<div class="human-bar" part="status">
                <span>${this.whoIsAnswering()}</span>
                <button class="human" part="human-button" @click=${this.onHuman}>Talk to a person</button>
              </div>`
        }
        ${this.renderBanner()} ${chat?.storageNotice ? html`<p class="notice" role="status">${chat.storageNotice}</p>` : nothing}
        <ol class="log" part="log" role="log" aria-live="polite" aria-label="Messages" ?hidden=${chat?.connection === Connection.refused}>
          ${repeat(
            chat?.messages ?? [],
            (m) => m.id,
            (m, i) =>
              this.renderMessage(
                m,
                i === (chat?.messages.length ?? 0) - 1 || !chat?.messages.slice(i + 1).some((n) => n.role === 'assistant'),
              ),
          )}
        </ol>
        <p class="typing" aria-live="polite">${chat?.staffTyping ? `${chat.staffTyping} is typing…` : ''}</p>
        <p class="sr-only" role="status">${this.announce}</p>
        ${this.renderFooter()}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-chat': BatonChat;
  }
}
