import { css } from 'lit';
import { field, staffStyles } from '../styles.ts';

/** The transfer dialog: a team or a person (with presence and load), and a note. */
export const styles = staffStyles(css`
  dialog {
    border: 1px solid var(--_border);
    border-radius: 1rem;
    background: var(--_surface);
    color: var(--_text);
    width: min(28rem, calc(100vw - 1.5rem));
    max-height: calc(100dvh - 2rem);
    padding: 1rem 1rem 0.75rem;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1.125rem;
  }
  .intro {
    margin: 0 0 0.5rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  fieldset {
    border: 0;
    margin: 0 0 0.5rem;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin: 0.25rem 0;
    font-weight: 700;
    font-size: 0.9375rem;
  }
  .options {
    display: grid;
    gap: 0.375rem;
  }
  .options.teams {
    grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr));
  }
  legend .sub {
    font-weight: 400;
  }
  .option {
    position: relative;
    display: flex;
    align-items: center;
    gap: 0.625rem;
    min-height: 3rem;
    padding: 0.375rem 0.75rem;
    border-radius: 0.625rem;
  }
  /* The radio covers the whole row (a big touch target); its look is drawn by the row. */
  .option input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    appearance: none;
    border: 1px solid var(--_border);
    border-radius: 0.625rem;
    background: var(--_bg);
    cursor: pointer;
  }
  .option input:checked {
    border: 2px solid var(--_accent);
    background: var(--_accent-soft);
  }
  .option > span {
    position: relative;
    pointer-events: none;
  }
  .dot {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
    border: 2px solid var(--_muted);
    display: grid;
    place-items: center;
  }
  .option input:checked ~ .dot {
    border-color: var(--_accent);
  }
  .option input:checked ~ .dot::after {
    content: '';
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: var(--_accent);
  }
  .text {
    display: grid;
    min-width: 0;
  }
  .name {
    font-weight: 600;
  }
  .sub {
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .presence::before {
    content: '';
    display: inline-block;
    width: 0.5rem;
    height: 0.5rem;
    margin-right: 0.3rem;
    border-radius: 50%;
    border: 1px solid currentColor;
    vertical-align: 0.05rem;
  }
  .presence.online::before {
    background: var(--_ok);
    border-color: var(--_ok);
  }
  .presence.away::before {
    background: transparent;
    border-style: dashed;
  }
  .none,
  .hidden-people {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .hidden-people {
    margin-top: 0.375rem;
  }
  label[for='note'] {
    display: block;
    font-weight: 700;
    font-size: 0.9375rem;
    margin: 0.5rem 0 0.25rem;
  }
  textarea {
    ${field}
    display: block;
    width: 100%;
    font-size: 1rem;
    min-height: 4.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: 0.625rem;
    resize: vertical;
  }
  .count {
    margin: 0.125rem 0 0;
    font-size: 0.75rem;
    color: var(--_muted);
    text-align: end;
  }
  .error {
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--_danger-soft);
    color: var(--_danger);
    font-weight: 600;
    font-size: 0.875rem;
  }
  .actions {
    position: sticky;
    bottom: -0.75rem;
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.75rem;
    padding: 0.5rem 0 0.75rem;
    background: var(--_surface);
  }
`);
