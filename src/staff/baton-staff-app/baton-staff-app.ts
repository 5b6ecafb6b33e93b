import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import '../baton-staff-chat/baton-staff-chat.ts';
import type { BatonStaffChat } from '../baton-staff-chat/baton-staff-chat.ts';
import '../baton-staff-login/baton-staff-login.ts';
import '../baton-staff-queue/baton-staff-queue.ts';
import type { BatonStaffQueue } from '../baton-staff-queue/baton-staff-queue.ts';
import '../baton-staff-settings/baton-staff-settings.ts';
import type { BatonStaffSettings } from '../baton-staff-settings/baton-staff-settings.ts';
import { IdleController } from '../controllers/idle-controller.ts';
import { StaffController } from '../controllers/staff-controller.ts';
import type { BatonDraftEvent, BatonPresenceEvent, BatonSettingEvent } from '../events.ts';
import { clockTime } from '../format.ts';
import type {
  BatonClaimEvent,
  BatonCloseChatEvent,
  BatonInsightsPeriodEvent,
  BatonLoginEvent,
  BatonOpenEvent,
  BatonReleaseEvent,
  BatonRetryEvent,
  BatonSendEvent,
  BatonTransferEvent,
  BatonTypingEvent,
} from '../events.ts';
import { controls, theme } from '../styles.ts';
import { AuthStatus, ConnectionStatus } from '../types.ts';

/** How often waiting times are refreshed. */
const CLOCK_MS = 15_000;
/** Away after this long without touching the console (and back on the next touch). */
const IDLE_MINUTES = 5;

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
 * Below the lists sits the dock, within thumb reach on a phone: "Chats" (with the unread count),
 * the presence switch with my load ("Online · 2/3"), and "Settings". Toasts for new chats and
 * messages appear above it; a banner says when the console shows an offline copy.
 *
 * @csspart header - The top bar with the staff member's name and "Sign out".
 * @csspart dock - The bottom bar: chats, presence and load, settings.
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
        /* iOS does not shrink the layout for the keyboard: follow the visual viewport instead. */
        height: var(--_viewport-height, 100dvh);
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
      /* A full-width page (Insights) instead of the queue and chat panes. */
      main.page-pane,
      main.page-pane[data-view] {
        display: block;
        border-right: 0;
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
      .dock {
        display: flex;
        align-items: stretch;
        gap: 0.375rem;
        padding: 0.375rem 0.5rem calc(0.375rem + env(safe-area-inset-bottom));
        background: var(--_surface);
        border-top: 1px solid var(--_border);
      }
      .dock button {
        flex: 1;
        min-height: 3rem;
        padding: 0 0.5rem;
        border: 0;
        background: none;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: 0.375rem;
        font-size: 0.9375rem;
        white-space: nowrap;
      }
      .dock button[aria-current='page'] {
        background: var(--_accent-soft);
        color: var(--_text);
      }
      .dock .presence {
        flex: 1.4;
        border: 1px solid var(--_border);
      }
      .dot {
        width: 0.625rem;
        height: 0.625rem;
        border-radius: 50%;
        background: var(--_ok);
        flex: none;
      }
      .dot.away {
        background: #c27c0e;
      }
      .dot.offline {
        background: var(--_muted);
      }
      .load {
        color: var(--_muted);
        font-weight: 400;
      }
      .badge {
        min-width: 1.375rem;
        height: 1.375rem;
        padding: 0 0.375rem;
        border-radius: 999px;
        background: var(--_danger);
        color: var(--_surface);
        font-size: 0.75rem;
        font-weight: 700;
        display: inline-grid;
        place-items: center;
      }
      .toasts {
        /* At the top, like the phone's own notifications: the composer and the dock stay free. */
        position: fixed;
        inset-inline: 0.5rem;
        top: calc(0.5rem + env(safe-area-inset-top));
        display: grid;
        gap: 0.5rem;
        justify-items: center;
        pointer-events: none;
        z-index: 1;
      }
      .toast {
        pointer-events: auto;
        width: min(100%, 26rem);
        display: flex;
        align-items: stretch;
        background: var(--_text);
        color: var(--_bg);
        border-radius: var(--_radius);
        box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
        overflow: hidden;
      }
      .toast button {
        border: 0;
        background: none;
        color: inherit;
        border-radius: 0;
      }
      .toast .open {
        flex: 1;
        min-width: 0;
        text-align: start;
        display: grid;
        gap: 0.125rem;
        padding: 0.625rem 0.875rem;
        font-weight: 400;
      }
      .toast strong {
        font-size: 0.9375rem;
      }
      .toast span {
        font-size: 0.875rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .toast .dismiss {
        padding: 0 0.875rem;
        font-size: 1.25rem;
        font-weight: 400;
      }
      .banner.offline:not(:empty) {
        background: var(--_surface-2);
        color: var(--_text);
      }
      @media (max-width: 30rem) {
        /* A phone has no room for the name next to the buttons. */
        .who {
          visibility: hidden;
        }
      }
      @media (max-width: 55.999rem) {
        /* On a phone the chat has its own bar with "back"; the app bar would only take space. */
        :host([data-view='chat']) header,
        :host([data-view='chat']) .dock {
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
  protected readonly idle = new IdleController(
    this,
    IDLE_MINUTES * 60_000,
    () => void this.staff.inactive(IDLE_MINUTES),
    () => void this.staff.active(),
  );
  /** Settings instead of the chats. */
  @state() private settingsOpen = false;
  @state() private refreshing = false;

  @query('baton-staff-chat') private chatView?: BatonStaffChat;
  @query('baton-staff-queue') private queueView?: BatonStaffQueue;
  @state() private now = Date.now();
  /** Insights page instead of the chats (its module, with chart.js, loads on first visit). */
  @state() private insights = false;
  private clock?: ReturnType<typeof setInterval>;
  private shownChat?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    window.visualViewport?.addEventListener('resize', this.onViewport);
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_MS);
    // A tapped notification: show that chat, whatever this window was showing.
    // A new waiting chat is taken at once (one tap from the lock screen to answering); if someone
    // else was quicker, the queue says who.
    this.staff.onOpenRequest = async (conversationId) => {
      this.settingsOpen = false;
      this.insights = false;
      if (this.staff.queue.some((s) => s.conversationId === conversationId)) {
        if (!(await this.staff.claim(conversationId))) return;
      } else this.staff.open(conversationId);
      this.pushChat(conversationId);
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    window.visualViewport?.removeEventListener('resize', this.onViewport);
    clearInterval(this.clock);
  }

  /** The on-screen keyboard took part of the screen without resizing the layout (iOS): fit above it. */
  private readonly onViewport = (): void => {
    const vv = window.visualViewport;
    if (!vv) return;
    const covered = window.innerHeight - vv.height > 80;
    if (covered) this.style.setProperty('--_viewport-height', `${vv.height}px`);
    else this.style.removeProperty('--_viewport-height');
  };

  private onDraft(event: BatonDraftEvent): void {
    this.staff.saveDraft(event.conversationId, event.text);
  }

  private readonly loadDraft = (conversationId: string): string => this.staff.draftFor(conversationId);

  private async onRefresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      await Promise.all([this.staff.refresh(), new Promise((r) => setTimeout(r, 400))]);
    } finally {
      this.refreshing = false;
    }
  }

  private onPresence(event: BatonPresenceEvent): void {
    void this.staff.setPresence(event.status);
  }

  private togglePresence(): void {
    void this.staff.setPresence(this.staff.presence === 'away' ? 'online' : 'away');
  }

  private onSetting(event: BatonSettingEvent): void {
    if (event.setting === 'notifications') void (event.value ? this.staff.enableNotifications() : this.staff.disableNotifications());
    else this.staff.alerts.set(event.setting, event.value);
  }

  private async showSettings(): Promise<void> {
    this.settingsOpen = true;
    this.insights = false;
    await this.updateComplete;
    this.renderRoot.querySelector<BatonStaffSettings>('baton-staff-settings')?.focusHeading();
  }

  private async showChats(): Promise<void> {
    const wasElsewhere = this.settingsOpen || this.insights;
    this.settingsOpen = false;
    this.insights = false;
    if (!wasElsewhere && this.staff.openId) this.onBack();
    await this.updateComplete;
    this.queueView?.focusHeading();
  }

  private openToast(conversationId: string | undefined, id: number): void {
    this.staff.dismissToast(id);
    if (!conversationId) return;
    this.settingsOpen = false;
    this.insights = false;
    // A waiting chat is taken from the queue; one of mine opens.
    if (this.staff.mine.some((s) => s.conversationId === conversationId)) {
      this.staff.open(conversationId);
      this.pushChat(conversationId);
    } else if (this.staff.openId) this.onBack();
  }

  private renderDock() {
    const staff = this.staff;
    const away = staff.presence === 'away';
    const offline = staff.connection !== ConnectionStatus.connected;
    const unread = staff.unreadTotal;
    const onChats = !this.settingsOpen && !this.insights;
    return html`<nav class="dock" part="dock" aria-label="Console">
      <button aria-current=${onChats ? 'page' : 'false'} aria-label=${`Chats${unread ? `, ${unread} unread` : ''}`} @click=${this.showChats}>
        Chats${unread ? html`<span class="badge" aria-hidden="true">${unread}</span>` : ''}
      </button>
      <button
        class="presence"
        ?disabled=${offline}
        aria-label=${offline
          ? `Offline, ${staff.mine.length} of ${staff.maxChats} chats`
          : `${away ? 'Away' : 'Online'}, ${staff.mine.length} of ${staff.maxChats} chats. Switch to ${away ? 'online' : 'away'}`}
        @click=${this.togglePresence}
      >
        <span class="dot ${offline ? 'offline' : away ? 'away' : ''}" aria-hidden="true"></span>${offline ? 'Offline' : away ? 'Away' : 'Online'}
        <span class="load" aria-hidden="true">· ${staff.mine.length}/${staff.maxChats}</span>
      </button>
      <button aria-current=${this.settingsOpen ? 'page' : 'false'} @click=${this.showSettings}>Settings</button>
    </nav>`;
  }

  private renderToasts() {
    return html`<div class="toasts" role="status" aria-live="polite">
      ${this.staff.toasts.map(
        (t) => html`<div class="toast">
          <button class="open" @click=${() => this.openToast(t.conversationId, t.id)}><strong>${t.title}</strong><span>${t.body}</span></button>
          <button class="dismiss" aria-label="Dismiss" @click=${() => this.staff.dismissToast(t.id)}>×</button>
        </div>`,
      )}
    </div>`;
  }

  private renderSettings() {
    const staff = this.staff;
    const a = staff.alerts;
    return html`<main class="list-pane">
      <baton-staff-settings
        .presence=${staff.presence}
        ?autoAway=${staff.autoAway}
        .openChats=${staff.mine.length}
        .maxChats=${staff.maxChats}
        .idleMinutes=${IDLE_MINUTES}
        .device=${{ ...a.settings, permission: a.permission, push: a.push, pushError: a.pushError, offlineReady: a.offlineReady }}
        @baton-presence=${this.onPresence}
        @baton-setting=${this.onSetting}
      ></baton-staff-settings>
    </main>`;
  }

  protected override willUpdate(): void {
    // A chat linked in the address (reload, shared link) opens once signed in.
    if (this.staff.auth === AuthStatus.signedIn && !this.staff.openId && this.shownChat === undefined) {
      const routed = routeChatId();
      if (routed) this.staff.open(routed);
    }
    const view = this.staff.openId && !this.insights && !this.settingsOpen ? 'chat' : 'list';
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
    void this.staff.closeChat(event.conversationId, event.hadContext);
  }

  private onTransfer(event: BatonTransferEvent): void {
    event.respondWith(this.left(this.staff.transfer(event.conversationId, event.to, event.note)));
  }

  private onRelease(event: BatonReleaseEvent): void {
    event.respondWith(this.left(this.staff.release(event.conversationId)));
  }

  /** A chat I passed on is no longer in the address either. */
  private async left(result: ReturnType<StaffController['transfer']>): Promise<{ ok: boolean; error?: string }> {
    const ack = await result;
    if (ack.ok) this.clearRoute();
    return ack.ok ? { ok: true } : { ok: false, error: ack.error.replace(/^./, (c) => c.toUpperCase()) };
  }

  private async toggleInsights(): Promise<void> {
    this.insights = !this.insights;
    if (this.insights) {
      if (!this.staff.insights.data) void this.staff.loadInsights();
      await import('../baton-staff-insights/baton-staff-insights.ts');
    }
    await this.updateComplete;
    if (this.insights) this.renderRoot.querySelector('baton-staff-insights')?.focusHeading();
    else this.queueView?.focusHeading();
  }

  private onInsightsPeriod(event: BatonInsightsPeriodEvent): void {
    void this.staff.loadInsights(event.days);
  }

  private onTyping(event: BatonTypingEvent): void {
    this.staff.setTyping(event.typing);
  }

  private renderBanner() {
    const staff = this.staff;
    const since = staff.offlineSince ?? staff.lastSyncedAt;
    // Not connected but something to show: say how old it is.
    if (staff.connection !== ConnectionStatus.connected && since !== undefined) {
      const retrying = staff.offlineSince ? 'Reconnecting… Nothing can be sent until the server is back.' : 'Reconnecting… Your replies are kept and sent when the connection is back.';
      return html`<div class="banner offline" role="status">Offline — showing what you had at ${clockTime(since, this.now)}. ${retrying}</div>`;
    }
    const text =
      staff.connection === ConnectionStatus.reconnecting
        ? 'Reconnecting… Your replies are kept and sent when the connection is back.'
        : staff.connection === ConnectionStatus.connecting
          ? 'Connecting…'
          : '';
    return html`<div class="banner" role="status">${text}</div>`;
  }

  private renderConsole() {
    const staff = this.staff;
    return html`
      <header part="header">
        <p class="brand">Baton</p>
        <span class="who">Signed in as ${staff.me?.name}</span>
        <button @click=${this.toggleInsights}>${this.insights ? 'Chats' : 'Insights'}</button>
        <button @click=${this.onLogout}>Sign out</button>
      </header>
      ${this.renderBanner()}
      ${this.insights
        ? html`<main class="list-pane page-pane"><baton-staff-insights .state=${staff.insights} @baton-insights-period=${this.onInsightsPeriod}></baton-staff-insights></main>`
        : this.settingsOpen
          ? this.renderSettings()
          : this.renderMain()}
      ${this.renderToasts()} ${this.renderDock()}`;
  }

  private renderMain() {
    const staff = this.staff;
    const chat = staff.openChat;
    return html`
      <main data-view=${chat ? 'chat' : 'list'}>
        <section class="list-pane" aria-label="Queue">
          <baton-staff-queue
            .queue=${staff.queue}
            .mine=${staff.mine}
            .claiming=${new Set(staff.claiming)}
            .openId=${staff.openId}
            .notice=${staff.notice}
            .now=${this.now}
            .chats=${staff.myChats}
            ?refreshing=${this.refreshing}
            @baton-claim=${this.onClaim}
            @baton-open=${this.onOpen}
            @baton-refresh=${this.onRefresh}
          ></baton-staff-queue>
        </section>
        <section class="chat-pane" aria-label="Chat">
          ${chat
            ? html`<baton-staff-chat
                .chat=${chat}
                .now=${this.now}
                .teams=${staff.teams}
                .directory=${staff.directory}
                .meId=${staff.me?.id}
                @baton-transfer=${this.onTransfer}
                @baton-release=${this.onRelease}
                @baton-send=${this.onSend}
                @baton-retry=${this.onRetry}
                @baton-close-chat=${this.onCloseChat}
                @baton-back=${this.onBack}
                @baton-typing=${this.onTyping}
                .savedReplies=${staff.savedRepliesFor(chat.summary?.siteKey)}
                .loadDraft=${this.loadDraft}
                @baton-draft=${this.onDraft}
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
