import { LitElement, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { BatonLoginEvent } from '../events.ts';
import { styles } from './baton-staff-login.styles.ts';

/**
 * The staff sign-in form: email and password, Enter or "Sign in" submits.
 *
 * @fires baton-login - {@link BatonLoginEvent} with the email and password typed.
 * @csspart form - The form card.
 * @cssproperty --baton-accent - Colour of the "Sign in" button.
 */
@customElement('baton-staff-login')
export class BatonStaffLogin extends LitElement {
  static override styles = styles;

  @query('#email') private emailInput?: HTMLInputElement;
  @query('#password') private passwordInput?: HTMLInputElement;

  /** Why the last sign-in failed, shown to the user (and announced). */
  @property() error = '';
  /** A sign-in is in flight: the button is disabled. */
  @property({ type: Boolean }) busy = false;

  override firstUpdated(): void {
    this.emailInput?.focus();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    this.dispatchEvent(new BatonLoginEvent(this.emailInput?.value ?? '', this.passwordInput?.value ?? ''));
  }

  /** Puts the cursor in the email field. */
  override focus(): void {
    this.emailInput?.focus();
  }

  override render() {
    return html`
      <form part="form" @submit=${this.onSubmit} novalidate aria-labelledby="title">
        <h1 id="title">Baton</h1>
        <p class="lede">Sign in to answer your visitors.</p>
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          inputmode="email"
          autocapitalize="off"
          spellcheck="false"
          required
        />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p class="error" role="alert">${this.error}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
        ${this.busy ? html`<p class="busy" role="status">Signing in…</p>` : nothing}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-login': BatonStaffLogin;
  }
}
