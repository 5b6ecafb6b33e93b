import { css } from 'lit';
import { card, staffStyles } from '../styles.ts';

/** The Insights page: period picker, stacked full-width charts, their words and tables. */
export const styles = staffStyles(css`
  :host {
    display: block;
    padding: 0.75rem 0.75rem 2rem;
    max-width: 60rem;
    margin: 0 auto;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  h2 {
    margin: 0.25rem;
    font-size: 1.25rem;
  }
  .periods {
    display: inline-flex;
    border: 1px solid var(--_border);
    border-radius: 0.625rem;
    overflow: hidden;
  }
  .periods button {
    border: 0;
    border-radius: 0;
    font-size: 0.875rem;
    padding: 0 0.875rem;
  }
  .periods button + button {
    border-left: 1px solid var(--_border);
  }
  .periods button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .totals {
    margin: 0.75rem 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem;
  }
  .totals div {
    ${card}
    padding: 0.5rem 0.75rem;
  }
  .totals dt {
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .totals dd {
    margin: 0;
    font-size: 1.25rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .charts {
    display: grid;
    gap: 0.75rem;
  }
  figure {
    ${card}
    margin: 0;
    padding: 0.75rem;
    min-width: 0;
  }
  figcaption h3 {
    margin: 0;
    font-size: 1rem;
  }
  figcaption p {
    margin: 0.25rem 0 0.5rem;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .canvas {
    position: relative;
    height: 12.5rem;
  }
  details {
    margin-top: 0.5rem;
    font-size: 0.875rem;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    min-height: var(--_tap);
    display: flex;
    align-items: center;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: end;
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    white-space: nowrap;
  }
  th:first-child,
  td:first-child {
    text-align: start;
  }
  .state {
    margin: 1rem 0;
    padding: 1rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid var(--_border);
    text-align: center;
    color: var(--_muted);
  }
  .state.error {
    background: var(--_danger-soft);
    color: var(--_danger);
    font-weight: 600;
  }
  @media (min-width: 56rem) {
    .charts {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .charts figure:last-child:nth-child(odd) {
      grid-column: 1 / -1;
    }
  }
`);
