import { css } from 'lit';
import { field, staffStyles } from '../styles.ts';

/** The sign-in card: one column, large fields (no zoom on iOS), the error under the button. */
export const styles = staffStyles(css`
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
    ${field}
    font-size: 1rem; /* 16px or more: iOS does not zoom into the field */
    min-height: var(--_tap);
    padding: 0.5rem 0.75rem;
    border-radius: 0.625rem;
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
`);
