import { css } from 'lit';
import { card, staffStyles } from '../styles.ts';

/** The settings page: presence, load, and this device's notifications, sound and vibration. */
export const styles = staffStyles(css`
  :host {
    display: block;
    padding: 0.75rem 0.75rem 1.5rem;
  }
  h2 {
    margin: 0.25rem 0.25rem 0.75rem;
    font-size: 1.25rem;
  }
  section {
    ${card}
    padding: 0.875rem 1rem;
    display: grid;
    gap: 0.625rem;
  }
  section + section {
    margin-top: 0.75rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  p {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .segmented {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.5rem;
  }
  .segmented button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .dot {
    display: inline-block;
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    margin-inline-end: 0.375rem;
    background: var(--_ok);
  }
  .dot.away {
    background: #c27c0e;
  }
  .status {
    font-weight: 600;
    color: var(--_text);
  }
  .status.bad {
    color: var(--_danger);
  }
  label.switch {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    min-height: var(--_tap);
    font-weight: 600;
    cursor: pointer;
  }
  label.switch input {
    appearance: none;
    flex: none;
    /* The switch itself is the 44 px touch target. */
    width: 4.25rem;
    height: var(--_tap);
    margin: 0;
    border-radius: 999px;
    background: var(--_surface-2);
    border: 1px solid var(--_border);
    position: relative;
    cursor: pointer;
    transition: background 0.15s;
  }
  label.switch input::after {
    content: '';
    position: absolute;
    top: 0.1875rem;
    left: 0.1875rem;
    width: 2.125rem;
    height: 2.125rem;
    border-radius: 50%;
    background: var(--_surface);
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.3);
    transition: transform 0.15s;
  }
  label.switch input:checked {
    background: var(--_accent);
    border-color: var(--_accent);
  }
  label.switch input:checked::after {
    transform: translateX(1.5rem);
  }
  label.switch input:disabled {
    opacity: 0.5;
  }
  .hint {
    font-size: 0.875rem;
  }
`);
