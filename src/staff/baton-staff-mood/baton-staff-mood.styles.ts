import { css } from 'lit';
import { theme } from '../styles.ts';

/** The mood trend: a row of marks from the first message to the latest. It has no controls of its own, so only the theme. */
export const styles = [
  theme,
  css`
    :host {
      --_mood: var(--_danger);
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    :host([data-level='calm']) {
      --_mood: var(--_ok);
    }
    :host([data-level='tense']) {
      --_mood: var(--baton-warn-line, #a05a00);
    }
    @media (prefers-color-scheme: dark) {
      :host([data-level='tense']) {
        --_mood: var(--baton-warn-line, #f0b35a);
      }
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
      stroke: var(--baton-mood-line, var(--_mood));
      stroke-width: 2;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .dot {
      fill: var(--baton-mood-line, var(--_mood));
    }
  `,
];
