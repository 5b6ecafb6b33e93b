import { LitElement, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import '../baton-staff-chat/baton-staff-chat.ts';
import type { BatonStaffChat } from '../baton-staff-chat/baton-staff-chat.ts';
import '../baton-staff-login/baton-staff-login.ts';
import '../baton-staff-queue/baton-staff-queue.ts';
import type { BatonStaffQueue } from '../baton-staff-queue/baton-staff-queue.ts';
import '../baton-staff-settings/baton-staff-settings.ts';
import type { BatonStaffSettings } from '../baton-staff-settings/baton-staff-settings.ts';
import { IdleController } from '../controllers/idle-controller.ts';
import { RouterController } from '../controllers/router-controller.ts';
import { StaffController, type CallResult } from '../controllers/staff-controller.ts';
import { capitalise, clockTime } from '../format.ts';
import type {
  BatonClaimEvent,
  BatonCloseChatEvent,
  BatonDraftEvent,
  BatonPresenceEvent,
  BatonSettingEvent,
  BatonInsightsPeriodEvent,
  BatonLoginEvent,
  BatonOpenEvent,
  BatonReleaseEvent,
  BatonRetryEvent,
  BatonSendEvent,
  BatonTransferEvent,
  BatonTypingEvent,
} from '../events.ts';
import { AuthStatus, ConnectionStatus } from '../types.ts';
import { styles } from './baton-staff-app.styles.ts';

/** How often waiting times are refreshed. */
const CLOCK_MS = 15_000;
/** Away after this long without touching the console (and back on the next touch). */
const IDLE_MINUTES = 5;

/**
 * The staff console: sign-in, then the live queue and the open chat. Phone first: one pane at a
 * time below 56rem (queue, or chat with a back button); two panes side by side above.
 * It hosts the {@link StaffController} and turns the views' `baton-*` events into its calls; the
 * address (`#chat/<id>`) is kept by a {@link RouterController}.
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
  static override styles = styles;

  private readonly staff = new StaffController(this, { onOpenRequest: (conversationId) => void this.openRequested(conversationId) });
  private readonly router = new RouterController(this, (routed) => this.onNavigated(routed));
  protected readonly idle = new IdleController(
    this,
    IDLE_MINUTES * 60_000,
    () => void this.staff.presence.inactive(IDLE_MINUTES),
    () => void this.staff.active(),
  );

  @query('baton-staff-chat') private chatView?: BatonStaffChat;
  @query('baton-staff-queue') private queueView?: BatonStaffQueue;

  /** Settings instead of the chats. */
  @state() private settingsOpen = false;
  @state() private refreshing = false;
  @state() private now = Date.now();
  /** Insights page instead of the chats (its module, with chart.js, loads on first visit). */
  @state() private insights = false;
  private clock?: ReturnType<typeof setInterval>;
  private shownChat?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    window.visualViewport?.addEventListener('resize', this.onViewport);
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.visualViewport?.removeEventListener('resize', this.onViewport);
    clearInterval(this.clock);
  }

  protected override willUpdate(): void {
    // A chat linked in the address (reload, shared link) opens once signed in.
    if (this.staff.session.signedIn && !this.staff.chats.openId && this.shownChat === undefined) {
      const routed = this.router.chatId;
      if (routed) this.staff.open(routed);
    }
    const view = this.staff.chats.openId && !this.insights && !this.settingsOpen ? 'chat' : 'list';
    if (this.dataset['view'] !== view) this.dataset['view'] = view;
  }

  protected override updated(): void {
    const openId = this.staff.chats.openId;
    if (openId === this.shownChat) return;
    const previous = this.shownChat;
    this.shownChat = openId;
    if (this.staff.session.signedIn) void this.moveFocus(openId, previous);
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

  /** The on-screen keyboard took part of the screen without resizing the layout (iOS): fit above it. */
  private readonly onViewport = (): void => {
    const vv = window.visualViewport;
    if (!vv) return;
    const covered = window.innerHeight - vv.height > 80;
    if (covered) this.style.setProperty('--_viewport-height', `${vv.height}px`);
    else this.style.removeProperty('--_viewport-height');
  };

  /**
   * A tapped notification: show that chat, whatever this window was showing. A new waiting chat is
   * taken at once (one tap from the lock screen to answering); if someone else was quicker, the
   * queue says who.
   */
  private async openRequested(conversationId: string): Promise<void> {
    this.settingsOpen = false;
    this.insights = false;
    if (this.staff.queue.queue.some((s) => s.conversationId === conversationId)) {
      if (!(await this.staff.queue.claim(conversationId))) return;
    } else this.staff.open(conversationId);
    this.router.push(conversationId);
  }

  /** Back or forward in history: the chat the address names, or the queue. */
  private onNavigated(routed: string | undefined): void {
    if (routed && routed !== this.staff.chats.openId) this.staff.open(routed);
    else if (!routed && this.staff.chats.openId) this.staff.closeView();
  }

  private onDraft(event: BatonDraftEvent): void {
    this.staff.drafts.save(event.conversationId, event.text);
  }

  private readonly loadDraft = (conversationId: string): string => this.staff.drafts.draftFor(conversationId);

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
    void this.staff.presence.set(event.status);
  }

  private togglePresence(): void {
    void this.staff.presence.set(this.staff.presence.presence === 'away' ? 'online' : 'away');
  }

  private onSetting(event: BatonSettingEvent): void {
    const alerts = this.staff.attention.alerts;
    if (event.setting === 'notifications') void (event.value ? alerts.enable() : alerts.disable());
    else alerts.set(event.setting, event.value);
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
    if (!wasElsewhere && this.staff.chats.openId) this.onBack();
    await this.updateComplete;
    this.queueView?.focusHeading();
  }

  private openToast(conversationId: string | undefined, id: number): void {
    this.staff.attention.dismiss(id);
    if (!conversationId) return;
    this.settingsOpen = false;
    this.insights = false;
    // A waiting chat is taken from the queue; one of mine opens.
    if (this.staff.queue.isMine(conversationId)) {
      this.staff.open(conversationId);
      this.router.push(conversationId);
    } else if (this.staff.chats.openId) this.onBack();
  }

  private onLogin(event: BatonLoginEvent): void {
    void this.staff.session.login(event.email, event.password);
  }

  private async onLogout(): Promise<void> {
    this.router.clear();
    await this.staff.logout();
  }

  private async onClaim(event: BatonClaimEvent): Promise<void> {
    if (await this.staff.queue.claim(event.conversationId)) this.router.push(event.conversationId);
  }

  private onOpen(event: BatonOpenEvent): void {
    this.staff.open(event.conversationId);
    this.router.push(event.conversationId);
  }

  private onBack(): void {
    if (this.router.back()) return;
    this.router.clear();
    this.staff.closeView();
  }

  private onSend(event: BatonSendEvent): void {
    if (!this.staff.replies.send(event.text)) event.preventDefault();
  }

  private onRetry(event: BatonRetryEvent): void {
    this.staff.replies.retry(event.messageId);
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
  private async left(result: Promise<CallResult>): Promise<{ ok: boolean; error?: string }> {
    const ack = await result;
    if (ack.ok) this.router.clear();
    return ack.ok ? { ok: true } : { ok: false, error: capitalise(ack.error) };
  }

  private async toggleInsights(): Promise<void> {
    this.insights = !this.insights;
    if (this.insights) {
      if (!this.staff.insights.state.data) void this.staff.insights.load();
      await import('../baton-staff-insights/baton-staff-insights.ts');
    }
    await this.updateComplete;
    if (this.insights) this.renderRoot.querySelector('baton-staff-insights')?.focusHeading();
    else this.queueView?.focusHeading();
  }

  private onInsightsPeriod(event: BatonInsightsPeriodEvent): void {
    void this.staff.insights.load(event.days);
  }

  private onTyping(event: BatonTypingEvent): void {
    this.staff.replies.setTyping(event.typing);
  }

  private renderDock() {
    const { presence, connection, queue, attention } = this.staff;
    const away = presence.presence === 'away';
    const offline = connection.status !== ConnectionStatus.connected;
    const unread = attention.unreadTotal;
    const onChats = !this.settingsOpen && !this.insights;
    const load = `${queue.mine.length} of ${presence.maxChats} chats`;
    const status = offline ? 'Offline' : away ? 'Away' : 'Online';
    return html`<nav class="dock" part="dock" aria-label="Console">
      <!-- Names come from the content (short visible words, fuller hidden ones), so what is seen is what is said. -->
      <button aria-current=${onChats ? 'page' : 'false'} @click=${this.showChats}>
        ${
          unread
            ? html`<span aria-hidden="true">Chats<span class="badge">${unread}</span></span>
                <span class="visually-hidden">Chats, ${unread} unread</span>`
            : 'Chats'
        }
      </button>
      <button class="presence" ?disabled=${offline} @click=${this.togglePresence}>
        <span class="dot ${offline ? 'offline' : away ? 'away' : ''}" aria-hidden="true"></span>
        <span aria-hidden="true">${status}<span class="load"> · ${queue.mine.length}/${presence.maxChats}</span></span>
        <span class="visually-hidden">${status}, ${load}${offline ? '' : `. Switch to ${away ? 'online' : 'away'}`}</span>
      </button>
      <button aria-current=${this.settingsOpen ? 'page' : 'false'} @click=${this.showSettings}>Settings</button>
    </nav>`;
  }

  private renderToasts() {
    const attention = this.staff.attention;
    return html`<div class="toasts ${attention.toasts.length ? 'shown' : ''}" role="status" aria-live="polite">
      ${attention.toasts.map(
        (t) =>
          html`<div class="toast">
            <button class="open" @click=${() => this.openToast(t.conversationId, t.id)}>
              <strong>${t.title}</strong><span>${t.body}</span>
            </button>
            <button class="dismiss" aria-label="Dismiss" @click=${() => attention.dismiss(t.id)}>×</button>
          </div>`,
      )}
    </div>`;
  }

  private renderSettings() {
    const { presence, queue } = this.staff;
    const a = this.staff.attention.alerts;
    return html`<main class="list-pane">
      <baton-staff-settings
        .presence=${presence.presence}
        ?autoAway=${presence.autoAway}
        .openChats=${queue.mine.length}
        .maxChats=${presence.maxChats}
        .idleMinutes=${IDLE_MINUTES}
        .device=${{ ...a.settings, permission: a.permission, push: a.push, pushError: a.pushError, offlineReady: a.offlineReady }}
        @baton-presence=${this.onPresence}
        @baton-setting=${this.onSetting}
      ></baton-staff-settings>
    </main>`;
  }

  private renderBanner() {
    const { connection, offline, queue } = this.staff;
    const since = offline.offlineSince ?? queue.lastSyncedAt;
    // Not connected but something to show: say how old it is.
    if (connection.status !== ConnectionStatus.connected && since !== undefined) {
      const retrying = offline.offlineSince
        ? 'Reconnecting… Nothing can be sent until the server is back.'
        : 'Reconnecting… Your replies are kept and sent when the connection is back.';
      return html`<div class="banner offline" role="status">
        Offline — showing what you had at ${clockTime(since, this.now)}. ${retrying}
      </div>`;
    }
    const text =
      connection.status === ConnectionStatus.reconnecting
        ? 'Reconnecting… Your replies are kept and sent when the connection is back.'
        : connection.status === ConnectionStatus.connecting
          ? 'Connecting…'
          : '';
    return html`<div class="banner" role="status">${text}</div>`;
  }

  private renderConsole() {
    return html` <header part="header">
        <h1 class="brand">Baton</h1>
        <span class="who">Signed in as ${this.staff.session.me?.name}</span>
        <button @click=${this.toggleInsights}>${this.insights ? 'Chats' : 'Insights'}</button>
        <button @click=${this.onLogout}>Sign out</button>
      </header>
      ${this.renderBanner()} ${this.renderToasts()}
      ${
        this.insights
          ? html`<main class="list-pane page-pane">
              <baton-staff-insights
                .state=${this.staff.insights.state}
                @baton-insights-period=${this.onInsightsPeriod}
              ></baton-staff-insights>
            </main>`
          : this.settingsOpen
            ? this.renderSettings()
            : this.renderMain()
      }
      ${this.renderDock()}`;
  }

  private renderMain() {
    const { queue, chats, attention, session } = this.staff;
    const chat = this.staff.openChat;
    return html`
      <main data-view=${chat ? 'chat' : 'list'}>
        <section class="list-pane" aria-label="Queue">
          <baton-staff-queue
            .queue=${queue.queue}
            .mine=${queue.mine}
            .claiming=${new Set(queue.claiming)}
            .openId=${chats.openId}
            .notice=${queue.notice}
            .now=${this.now}
            .chats=${attention.myChats}
            ?refreshing=${this.refreshing}
            @baton-claim=${this.onClaim}
            @baton-open=${this.onOpen}
            @baton-refresh=${this.onRefresh}
          ></baton-staff-queue>
        </section>
        <section class="chat-pane" aria-label="Chat">
          ${
            chat
              ? html`<baton-staff-chat
                  .chat=${chat}
                  .now=${this.now}
                  .teams=${queue.teams}
                  .directory=${queue.directory}
                  .meId=${session.me?.id}
                  @baton-transfer=${this.onTransfer}
                  @baton-release=${this.onRelease}
                  @baton-send=${this.onSend}
                  @baton-retry=${this.onRetry}
                  @baton-close-chat=${this.onCloseChat}
                  @baton-back=${this.onBack}
                  @baton-typing=${this.onTyping}
                  .savedReplies=${queue.savedRepliesFor(chat.summary?.siteKey)}
                  .loadDraft=${this.loadDraft}
                  @baton-draft=${this.onDraft}
                ></baton-staff-chat>`
              : html`<p class="placeholder">Take a waiting chat, or pick one of yours, and it opens here.</p>`
          }
        </section>
      </main>
    `;
  }

  override render() {
    switch (this.staff.session.auth) {
      case AuthStatus.checking:
        return html`<main class="center"><p role="status">Loading Baton…</p></main>`;
      case AuthStatus.signedOut:
        return html`<main>
          <baton-staff-login
            .error=${this.staff.session.loginError}
            ?busy=${this.staff.session.loginBusy}
            @baton-login=${this.onLogin}
          ></baton-staff-login>
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
