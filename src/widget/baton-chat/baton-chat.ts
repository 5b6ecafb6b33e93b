import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Delivery, type LocalMessage } from '../../store/schema.ts';
import { ChatController, Connection } from '../controllers/chat-controller.ts';
import type { TriageUrls } from '../controllers/first-line.ts';
import { styles } from './baton-chat.styles.ts';

/** Fired when the panel opens or closes. */
export class BatonToggleEvent extends Event {
  constructor(readonly open: boolean) {
    super('baton-toggle', { bubbles: true, composed: true });
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * The visitor's chat: a launcher bubble and a panel (full screen on phones, a corner panel on
 * desktop). An assistant answers first; "Talk to a person" is always visible and hands the whole
 * conversation to staff.
 *
 * @element baton-chat
 * @attr site - the site key from the Baton sites configuration
 * @attr server - Baton's origin, e.g. https://chat.example.com (defaults to the page's origin)
 * @attr open - whether the panel is open
 * @fires baton-toggle - the panel opened or closed (`event.open`)
 * @cssproperty --baton-accent - brand colour of the launcher, header and visitor bubbles
 * @cssproperty --baton-accent-text - text colour on the accent
 */
@customElement('baton-chat')
export class BatonChat extends LitElement {
  static override styles = styles;
  /** Where the triage worker and model live; set once by the widget bundle (app.ts). Without it triage runs its rules only. */
  static triage: TriageUrls | undefined;

  private chat: ChatController | undefined;

  @query('textarea') private composer?: HTMLTextAreaElement;
  @query('.launcher') private launcher?: HTMLButtonElement;
  @query('.log') private log?: HTMLElement;

  @state() private contactError = '';
  @state() private announce = '';
  @state() private rating = 0;

  @property() site = '';
  @property() server = '';
  @property({ type: Boolean, reflect: true }) open = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.chat ??= new ChatController(this, {
      siteKey: this.site,
      server: this.server || location.origin,
      ...(BatonChat.triage ? { triage: BatonChat.triage } : {}),
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.chat) {
      if (this.open) void this.chat.open();
      else this.chat.close();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Visible to the page and to tests: whether triage runs with the model or the rules alone.
    if (this.chat) this.dataset.triage = this.chat.triageState;
    if (changed.has('open') && this.open) this.composer?.focus();
    // Keep the newest message in view, as every chat app does.
    this.log?.lastElementChild?.scrollIntoView({ block: 'end' });
  }

  private toggle(open: boolean): void {
    this.open = open;
    this.dispatchEvent(new BatonToggleEvent(open));
    if (!open) void this.updateComplete.then(() => this.launcher?.focus());
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.toggle(false);
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
    return html`<li class="msg ${m.role}">
      ${m.role === 'system' ? nothing : html`<span class="sr-only">${this.author(m)}:</span>`}
      <div class="bubble">${m.text}</div>
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
        return html`<span>Sending…</span>`;
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
    if (chat?.connection === Connection.refused)
      return html`<p class="banner error" role="alert">Chat is not available on this page (${chat.refusal}).</p>`;
    if (chat?.connection === Connection.offline)
      return html`<p class="banner" role="status">
        You’re offline. Your messages are saved and will be sent when the connection is back.
      </p>`;
    return nothing;
  }

  private renderFooter() {
    const session = this.chat?.session;
    if (session?.status === 'closed') {
      return html`<div class="closed">
        <p>${session.staffName ?? 'The team'} closed this chat. Thanks for getting in touch.</p>
        ${session.rated ? html`<p role="status">Thanks for rating this chat.</p>` : this.renderRating(session.staffName)}
        <button class="primary" @click=${() => void this.chat?.startNew().then(() => this.composer?.focus())}>Start a new chat</button>
      </div>`;
    }
    const wantsContact = this.waitingForNobody() && !session?.handoff?.contactLeft;
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
      <form class="composer" @submit=${this.onSubmit}>
        <textarea
          rows="1"
          aria-label="Message"
          placeholder="Write a message…"
          maxlength="4000"
          @keydown=${this.onComposerKey}
          @input=${this.onInput}
        ></textarea>
        <button class="send" type="submit">Send</button>
      </form>`;
  }

  override render() {
    const chat = this.chat;
    const unread = chat?.unread ?? 0;
    const siteName = chat?.site?.name ?? 'us';
    return html`
      <button
        class="launcher"
        aria-label=${this.open ? 'Close chat' : 'Open chat'}
        aria-expanded=${this.open}
        @click=${() => this.toggle(!this.open)}
      >
        <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
          ${
            this.open
              ? svg`<path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z" />`
              : svg`<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm2 5v2h12V9zm0 4v2h8v-2z" />`
          }
        </svg>
        ${unread > 0 && !this.open ? html`<span class="badge">${unread}<span class="sr-only"> new</span></span>` : nothing}
      </button>
      <section class="panel" role="dialog" aria-label="Chat with ${siteName}" ?hidden=${!this.open} @keydown=${this.onKeydown}>
        <header>
          <div class="title">
            <h2>${chat?.site?.name ?? 'Chat'}</h2>
            <p>${this.statusLine()}</p>
          </div>
          <button class="icon-button" aria-label="Close chat" @click=${() => this.toggle(false)}>×</button>
        </header>
        <div class="human-bar">
          <span>${this.whoIsAnswering()}</span>
          <button class="human" @click=${this.onHuman}>Talk to a person</button>
        </div>
        ${this.renderBanner()} ${chat?.storageNotice ? html`<p class="notice" role="status">${chat.storageNotice}</p>` : nothing}
        <ol class="log" role="log" aria-live="polite" aria-label="Messages">
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
  interface HTMLElementEventMap {
    'baton-toggle': BatonToggleEvent;
  }
}
