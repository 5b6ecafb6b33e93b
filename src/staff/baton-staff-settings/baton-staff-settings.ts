import { LitElement, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Presence } from '../../protocol/messages.ts';
import { BatonPresenceEvent, BatonSettingEvent } from '../events.ts';
import { styles } from './baton-staff-settings.styles.ts';

/** What the settings panel shows about this device (mirrors the controller's DeviceAlerts state). */
export interface DeviceState {
  notifications: boolean;
  sound: boolean;
  vibration: boolean;
  permission: NotificationPermission | 'unsupported';
  push: 'unsupported' | 'off' | 'working' | 'on' | 'failed';
  pushError: string;
  /** The service worker is installed: the console opens without a network. */
  offlineReady: boolean;
}

/**
 * Presence and this device's settings: online or away (with the automatic-away rule spelled out),
 * the chat load, notifications (permission asked only from the button here), sound and vibration.
 *
 * @fires baton-presence - {@link BatonPresenceEvent} when Online or Away is chosen.
 * @fires baton-setting - {@link BatonSettingEvent} when a device setting is switched.
 * @csspart panel - Each settings card.
 */
@customElement('baton-staff-settings')
export class BatonStaffSettings extends LitElement {
  static override styles = styles;

  @query('h2') private heading?: HTMLElement;

  @property() presence: Presence = 'online';
  /** The console set "away" after inactivity. */
  @property({ type: Boolean }) autoAway = false;
  @property({ type: Number }) openChats = 0;
  @property({ type: Number }) maxChats = 3;
  @property({ type: Number }) idleMinutes = 5;
  @property({ attribute: false }) device: DeviceState = {
    notifications: true,
    sound: true,
    vibration: true,
    permission: 'default',
    push: 'off',
    pushError: '',
    offlineReady: false,
  };

  /** Moves focus to the panel's heading (after opening it). */
  focusHeading(): void {
    this.heading?.focus();
  }

  private renderSwitch(label: string, setting: 'sound' | 'vibration', on: boolean) {
    return html`<label class="switch"
      >${label}
      <input
        type="checkbox"
        role="switch"
        aria-checked=${on ? 'true' : 'false'}
        .checked=${on}
        @change=${(e: Event) => this.setting(setting, (e.target as HTMLInputElement).checked)}
    /></label>`;
  }

  private setting(setting: BatonSettingEvent['setting'], value: boolean): void {
    this.dispatchEvent(new BatonSettingEvent(setting, value));
  }

  private renderNotifications() {
    const d = this.device;
    if (d.permission === 'unsupported') {
      return html`<p class="status bad">
        This browser cannot show notifications. Install Baton to the home screen (iPhone: Share → Add to Home Screen) and open it from
        there.
      </p>`;
    }
    if (d.permission === 'denied') {
      return html`<p class="status bad">
        Notifications are blocked for Baton in this browser. Allow them in the site settings (the icon left of the address), then come back
        here.
      </p>`;
    }
    const on = d.notifications && d.permission === 'granted';
    const status = !on
      ? 'Off on this device.'
      : d.push === 'on'
        ? 'On — also while Baton is closed.'
        : d.push === 'working'
          ? 'Turning on…'
          : d.push === 'failed'
            ? 'On while Baton is open.'
            : 'On while Baton is open.';
    return html`
      <p class="status" role="status">${status}</p>
      ${d.push === 'failed' && on ? html`<p class="hint">${d.pushError}</p>` : nothing}
      ${
        on
          ? html`<button @click=${() => this.setting('notifications', false)}>Turn off notifications</button>`
          : html`<button class="primary" @click=${() => this.setting('notifications', true)}>Turn on notifications</button>`
      }
      <p class="hint">New chats, messages in your chats and chats passed to you. Tapping one opens the chat.</p>
    `;
  }

  override render() {
    const d = this.device;
    const away = this.presence === 'away';
    return html`
      <h2 tabindex="-1">Settings</h2>
      <section part="panel" aria-labelledby="presence-title">
        <h3 id="presence-title"><span class="dot ${away ? 'away' : ''}" aria-hidden="true"></span>${away ? 'Away' : 'Online'}</h3>
        <div class="segmented" role="group" aria-label="Presence">
          <button aria-pressed=${away ? 'false' : 'true'} @click=${() => this.dispatchEvent(new BatonPresenceEvent('online'))}>
            Online
          </button>
          <button aria-pressed=${away ? 'true' : 'false'} @click=${() => this.dispatchEvent(new BatonPresenceEvent('away'))}>Away</button>
        </div>
        <p>
          ${this.openChats} of ${this.maxChats} chats open.
          ${away ? 'While away, new chats go to others; you still hear about your own chats.' : 'New chats come to you while you are online and below your limit.'}
        </p>
        <p class="hint">
          ${
            this.autoAway
              ? `Baton set you to away after ${this.idleMinutes} minutes without activity; touch the screen to be online again.`
              : `After ${this.idleMinutes} minutes without activity Baton sets you to away, and back to online when you return.`
          }
        </p>
      </section>
      <section part="panel" aria-labelledby="notify-title">
        <h3 id="notify-title">Notifications on this device</h3>
        ${this.renderNotifications()} ${this.renderSwitch('Sound', 'sound', d.sound)}
        ${this.renderSwitch('Vibration', 'vibration', d.vibration)}
      </section>
      <section part="panel" aria-labelledby="install-title">
        <h3 id="install-title">Install</h3>
        <p>
          ${d.offlineReady ? 'Ready to work offline: Baton opens without a connection and shows what you had, marked with the time.' : 'Baton is getting ready to work offline…'}
        </p>
        <p class="hint">
          Add Baton to your home screen (browser menu → Install app, or Share → Add to Home Screen) to open it like an app.
        </p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-settings': BatonStaffSettings;
  }
}
