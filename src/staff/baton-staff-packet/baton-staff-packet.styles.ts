import { css } from 'lit';
import { card, staffStyles } from '../styles.ts';

/** The handoff card: notes, reason chips and their detail, summary lines, details with Copy, and the slotted context. */
export const styles = staffStyles(css`
  :host {
    display: block;
  }
  section {
    ${card}
    padding: 0.5rem 0.75rem 0.75rem;
  }
  .head {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  h3 {
    flex: 1;
    min-width: 0;
    margin: 0;
    font-size: 1rem;
  }
  .team {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .toggle {
    font-size: 0.875rem;
    padding: 0 0.625rem;
    border-color: transparent;
    color: var(--_accent);
  }
  .toggle .caret {
    display: inline-block;
    transition: transform 0.15s;
  }
  .toggle[aria-expanded='false'] .caret {
    transform: rotate(-90deg);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin-top: 0.25rem;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    border-radius: 999px;
    padding: 0 0.625rem;
    font-size: 0.8125rem;
    background: var(--_accent-soft);
    border-color: transparent;
    color: var(--_text);
  }
  .chip.urgent {
    background: var(--_danger-soft);
    color: var(--_danger);
    border-color: currentColor;
  }
  .chip[aria-expanded='true'] {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .chip .score {
    font-weight: 400;
    font-variant-numeric: tabular-nums;
  }
  .detail {
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border-left: 3px solid var(--_accent);
    background: var(--_bg);
    border-radius: 0 0.5rem 0.5rem 0;
    font-size: 0.875rem;
  }
  .detail p {
    margin: 0;
    color: var(--_muted);
  }
  .detail blockquote {
    margin: 0.25rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .lines {
    margin: 0.625rem 0 0;
    display: grid;
    gap: 0.25rem;
    font-size: 0.9375rem;
  }
  .lines dt,
  .lines dd {
    display: inline;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .lines dt {
    color: var(--_muted);
    font-weight: 700;
  }
  .lines dt::after {
    content: ': ';
  }
  h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .collected li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.125rem 0;
    border-top: 1px solid var(--_border);
    font-size: 0.9375rem;
  }
  .collected li:first-child {
    border-top: 0;
  }
  .collected .kind {
    flex: none;
    width: 6.5rem;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .collected .value {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
    font-weight: 600;
  }
  .collected button {
    flex: none;
    font-size: 0.875rem;
    padding: 0 0.75rem;
  }
  .collected button.done {
    color: var(--_ok);
    border-color: currentColor;
  }
  .mood {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin-top: 0.5rem;
  }
  .mood h4 {
    margin: 0;
  }
  .notes {
    display: grid;
    gap: 0.5rem;
    margin: 0.25rem 0 0.5rem;
  }
  .note {
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--_warn-bg);
    color: var(--_warn-text);
    border: 1px dashed currentColor;
    font-size: 0.875rem;
  }
  .note strong {
    display: block;
  }
  .note p {
    margin: 0.25rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  ::slotted(*) {
    margin-top: 0.75rem;
    padding-top: 0.5rem;
    border-top: 1px solid var(--_border);
  }
  @media (prefers-reduced-motion: reduce) {
    .toggle .caret {
      transition: none;
    }
  }
`);
