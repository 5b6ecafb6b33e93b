import { css } from 'lit';
import { theme } from '../styles.ts';

/** The mood trend: a row of marks from the first message to the latest. It has no controls of its own, so only the theme. */
export const styles = [
  theme,
  css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    svg {
      width: 7.5rem;
      height: 2rem;
      overflow: visible;
      flex: none;
    }
    .base {
      stroke: var(--_border);
      stroke-dasharray: 2 2;
    }
    .line {
      fill: none;
      stroke: var(--baton-mood-line, var(--_danger));
      stroke-width: 2;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .dot {
      fill: var(--baton-mood-line, var(--_danger));
    }
  `,
];
