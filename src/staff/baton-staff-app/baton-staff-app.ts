import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import '../baton-staff-chat/baton-staff-chat.ts';
import type { BatonStaffChat } from '../baton-staff-chat/baton-staff-chat.ts';
import '../baton-staff-login/baton-staff-login.ts';
import '../baton-staff-queue/baton-staff-queue.ts';
import type { BatonStaffQueue } from '../baton-staff-queue/baton-staff-queue.ts';
import { StaffController } from '../controllers/staff-controller.ts';
import type {
  BatonClaimEvent,
  BatonCloseChatEvent,
  BatonLoginEvent,
  BatonOpenEvent,
  BatonRetryEvent,
  BatonSendEvent,
  BatonTypingEvent,
} from '../events.ts';
import { controls, theme } from '../styles.ts';
import { AuthStatus, ConnectionStatus } from '../types.ts';

/** How often waiting times are refreshed. */
const CLOCK_MS = 15_000;

/** `#chat/<id>` opens that chat, so the phone's back button and shared links work. */
function routeChatId(): string | undefined {
  const match = /^#chat\/([A-Za-z0-9_-]{8,64})$/.exec(location.hash);
  return match?.[1];
}

/**
 * The staff console: sign-in, then the live queue and the open chat. Phone first: one pane at a
 * time below 56rem (queue, or chat with a back button); two panes side by side above.
 * It hosts the {@link StaffController} and turns the views' `baton-*` events into its calls.
 *
 * @csspart header - The top bar with the staff member's name and "Sign out".
 * @cssproperty --baton-accent - Accent colour (buttons, highlights); every `--baton-*` token in styles.ts can be set here.
 */
@customElement('baton-staff-app')
export class BatonStaffApp extends LitElement {
  static override styles = [
    theme,
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100vh;
        height: 100dvh;
        background: var(--_bg);
        color: var(--_text);
        font-size: 1rem;
      }
      header {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        padding: 0.375rem 0.75rem;
        padding-top: calc(0.375rem + env(safe-area-inset-top));
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
      }
      .brand {
        font-weight: 700;
        font-size: 1.125rem;
        margin: 0;
      }
      .who {
        flex: 1;
        min-width: 0;
        color: var(--_muted);
        font-size: 0.875rem;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        text-align: end;
      }
      .banner:not(:empty) {
        padding: 0.375rem 0.75rem;
        background: var(--_warn-bg);
        color: var(--_warn-text);
        font-size: 0.875rem;
        font-weight: 600;
        text-align: center;
      }
      main {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
      }
      .list-pane {
        overflow-y: auto;
        overscroll-behavior: contain;
        min-height: 0;
      }
      .chat-pane {
        min-height: 0;
        min-width: 0;
      }
      main[data-view='list'] .chat-pane,
      main[data-view='chat'] .list-pane {
        display: none;
      }
      .placeholder {
        margin: 0;
        height: 100%;
        display: grid;
        place-items: center;
        color: var(--_muted);
        padding: 2rem;
        text-align: center;
      }
      .center {
        display: grid;
        place-items: center;
        height: 100%;
        color: var(--_muted);
      }
      baton-staff-login {
        overflow-y: auto;
      }
      @media (max-width: 55.999rem) {
        /* On a phone the chat has its own bar with "back"; the app bar would only take space. */
        :host([data-view='chat']) header {
          display: none;
        }
      }
      @media (min-width: 56rem) {
        main,
        main[data-view] {
          grid-template-columns: minmax(20rem, 26rem) minmax(0, 1fr);
        }
        main[data-view] .list-pane,
        main[data-view] .chat-pane {
          display: block;
        }
        .list-pane {
          border-right: 1px solid var(--_border);
        }
        baton-staff-chat {
          --baton-chat-back-display: none;
        }
      }
    `,
  ];

  private readonly staff = new StaffController(this);

  @query('baton-staff-chat') private chatView?: BatonStaffChat;
  @query('baton-staff-queue') private queueView?: BatonStaffQueue;
  @state() private now = Date.now();
  private clock?: ReturnType<typeof setInterval>;
  private shownChat?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    clearInterval(this.clock);
  }

  protected override willUpdate(): void {
    // A chat linked in the address (reload, shared link) opens once signed in.
    if (this.staff.auth === AuthStatus.signedIn && !this.staff.openId && this.shownChat === undefined) {
      const routed = routeChatId();
      if (routed) this.staff.open(routed);
    }
    const view = this.staff.openId ? 'chat' : 'list';
    if (this.dataset['view'] !== view) this.dataset['view'] = view;
  }

  protected override updated(): void {
    const openId = this.staff.openId;
    if (openId === this.shownChat) return;
    const previous = this.shownChat;
    this.shownChat = openId;
    if (this.staff.auth === AuthStatus.signedIn) void this.moveFocus(openId, previous);
  }

  /** Focus follows the pane that appeared, so keyboard and screen-reader users land in it. */
  private async moveFocus(openId: string | undefined, previous: string | undefined): Promise<void> {
    if (openId) {
      await this.chatView?.updateComplete;
      this.chatView?.focusTitle();
    } else if (previous) {
      await this.queueView?.updateComplete;
      this.queueView?.focusHeading();
    }
  }

  private readonly onPopState = (): void => {
    const routed = routeChatId();
    if (routed && routed !== this.staff.openId) this.staff.open(routed);
    else if (!routed && this.staff.openId) this.staff.closeView();
  };

  /** Records an opened chat in the history, so "back" on a phone returns to the queue. */
  private pushChat(conversationId: string): void {
    if (routeChatId() === conversationId) return;
    history.pushState({ batonChat: conversationId }, '', `#chat/${conversationId}`);
  }

  private clearRoute(): void {
    if (routeChatId()) history.replaceState(null, '', location.pathname + location.search);
  }

  private onLogin(event: BatonLoginEvent): void {
    void this.staff.login(event.email, event.password);
  }

  private async onLogout(): Promise<void> {
    this.clearRoute();
    await this.staff.logout();
  }

  private async onClaim(event: BatonClaimEvent): Promise<void> {
    if (await this.staff.claim(event.conversationId)) this.pushChat(event.conversationId);
  }

  private onOpen(event: BatonOpenEvent): void {
    this.staff.open(event.conversationId);
    this.pushChat(event.conversationId);
  }

  private onBack(): void {
    if ((history.state as { batonChat?: string } | null)?.batonChat) {
      history.back();
      return;
    }
    this.clearRoute();
    this.staff.closeView();
  }

  private onSend(event: BatonSendEvent): void {
    if (!this.staff.send(event.text)) event.preventDefault();
  }

  private onRetry(event: BatonRetryEvent): void {
    this.staff.retry(event.messageId);
  }

  private onCloseChat(event: BatonCloseChatEvent): void {
    void this.staff.closeChat(event.conversationId);
  }

  private onTyping(event: BatonTypingEvent): void {
    this.staff.setTyping(event.typing);
  }

  private renderBanner() {
    const text =
      this.staff.connection === ConnectionStatus.reconnecting
        ? 'Reconnecting… Your replies are kept and sent when the connection is back.'
        : this.staff.connection === ConnectionStatus.connecting
          ? 'Connecting…'
          : '';
    return html`<div class="banner" role="status">${text}</div>`;
  }

  private renderConsole() {
    const staff = this.staff;
    const chat = staff.openChat;
    return html`
      <header part="header">
        <p class="brand">Baton</p>
        <span class="who">Signed in as ${staff.me?.name}</span>
        <button @click=${this.onLogout}>Sign out</button>
      </header>
      ${this.renderBanner()}
      <main data-view=${chat ? 'chat' : 'list'}>
        <section class="list-pane" aria-label="Queue">
          <baton-staff-queue
            .queue=${staff.queue}
            .mine=${staff.mine}
            .claiming=${new Set(staff.claiming)}
            .openId=${staff.openId}
            .notice=${staff.notice}
            .now=${this.now}
            @baton-claim=${this.onClaim}
            @baton-open=${this.onOpen}
          ></baton-staff-queue>
        </section>
        <section class="chat-pane" aria-label="Chat">
          ${chat
            ? html`<baton-staff-chat
                .chat=${chat}
                .now=${this.now}
                @baton-send=${this.onSend}
                @baton-retry=${this.onRetry}
                @baton-close-chat=${this.onCloseChat}
                @baton-back=${this.onBack}
                @baton-typing=${this.onTyping}
              ></baton-staff-chat>`
            : html`<p class="placeholder">Take a waiting chat, or pick one of yours, and it opens here.</p>`}
        </section>
      </main>
    `;
  }

  override render() {
    switch (this.staff.auth) {
      case AuthStatus.checking:
        return html`<main class="center"><p role="status">Loading Baton…</p></main>`;
      case AuthStatus.signedOut:
        return html`<main>
          <baton-staff-login .error=${this.staff.loginError} ?busy=${this.staff.loginBusy} @baton-login=${this.onLogin}></baton-staff-login>
        </main>`;
      default:
        return this.renderConsole();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-app': BatonStaffApp;
  }
}
