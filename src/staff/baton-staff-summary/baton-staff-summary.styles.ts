import { css } from 'lit';
import { card, staffStyles } from '../styles.ts';

/** The context card: the visitor's page, pages seen, local time, device, waiting time and contact. */
export const styles = staffStyles(css`
  :host {
    display: block;
  }
  section {
    ${card}
    padding: 0.75rem 1rem;
  }
  :host([embedded]) section {
    border: 0;
    padding: 0;
    background: none;
  }
  :host([embedded]) .reason {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  .reason {
    color: var(--_accent);
  }
  .waited {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    font-size: 0.875rem;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .url {
    display: block;
    color: var(--_muted);
  }
  .pages {
    margin: 0;
    padding-left: 1.1rem;
  }
  .contact {
    margin-top: 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--_warn-bg);
    color: var(--_warn-text);
    font-size: 0.875rem;
  }
  .contact h4 {
    margin: 0 0 0.25rem;
    font-size: 0.875rem;
  }
  .contact p {
    margin: 0.25rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .contact a {
    color: inherit;
  }
  .contact.verified {
    background: var(--_surface-2);
    color: var(--_text);
    border-inline-start: 0.25rem solid var(--_ok);
  }
  .contact.verified h4 {
    color: var(--_ok);
  }
`);
