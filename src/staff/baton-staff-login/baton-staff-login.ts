import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { BatonLoginEvent } from '../events.ts';
import { controls, theme } from '../styles.ts';

/**
 * The staff sign-in form: email and password, Enter or "Sign in" submits.
 *
 * @fires baton-login - {@link BatonLoginEvent} with the email and password typed.
 * @csspart form - The form card.
 * @cssproperty --baton-accent - Colour of the "Sign in" button.
 */
@customElement('baton-staff-login')
export class BatonStaffLogin extends LitElement {
  static override styles = [
    theme,
    controls,
    css`
      :host {
        display: block;
        padding: 1.5rem 1rem;
      }
      form {
        display: grid;
        gap: 0.375rem;
        max-width: 24rem;
        margin: 8vh auto 0;
        padding: 1.5rem;
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: 1rem;
      }
      h1 {
        margin: 0;
        font-size: 1.5rem;
      }
      .lede {
        margin: 0 0 1rem;
        color: var(--_muted);
        font-size: 1rem;
      }
      label {
        font-weight: 600;
        font-size: 1rem;
        margin-top: 0.5rem;
      }
      input {
        font: inherit;
        font-size: 1rem; /* 16px or more: iOS does not zoom into the field */
        min-height: var(--_tap);
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: 0.625rem;
        background: var(--_bg);
        color: var(--_text);
      }
      .error {
        margin: 0.5rem 0 0;
        color: var(--_danger);
        font-weight: 600;
        min-height: 1.4em;
      }
      .error:empty {
        min-height: 0;
      }
      button {
        margin-top: 0.75rem;
      }
      .busy {
        margin: 0.25rem 0 0;
        color: var(--_muted);
        font-size: 0.875rem;
      }
    `,
  ];

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
        <input id="email" name="email" type="email" autocomplete="username" inputmode="email" autocapitalize="off" spellcheck="false" required />
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
