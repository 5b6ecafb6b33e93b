/**
 * Styles every staff element shares. Public theming hooks are `--baton-*` custom properties
 * (they inherit through shadow roots); each element resolves them into private `--_*` tokens
 * with light and dark defaults, so an element also looks right on its own.
 */
import { css, type CSSResult, type CSSResultGroup } from 'lit';

export const theme = css`
  :host {
    --_bg: var(--baton-bg, #f3f5f8);
    --_surface: var(--baton-surface, #ffffff);
    --_surface-2: var(--baton-surface-2, #e9edf2);
    --_text: var(--baton-text, #16202b);
    --_muted: var(--baton-muted, #526071);
    --_border: var(--baton-border, #cfd6df);
    --_accent: var(--baton-accent, #0a58a8);
    --_on-accent: var(--baton-on-accent, #ffffff);
    --_accent-soft: var(--baton-accent-soft, #e1ecf8);
    --_danger: var(--baton-danger, #b3261e);
    --_danger-soft: var(--baton-danger-soft, #fbe9e7);
    --_ok: var(--baton-ok, #1c6e37);
    --_warn-bg: var(--baton-warn-bg, #fff1c7);
    --_warn-text: var(--baton-warn-text, #4d3800);
    --_focus: var(--baton-focus, #1a73e8);
    --_radius: 0.75rem;
    --_tap: 2.75rem;
    color: var(--_text);
    font-family: var(--baton-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    line-height: 1.4;
    -webkit-tap-highlight-color: transparent;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--baton-bg, #0e131a);
      --_surface: var(--baton-surface, #18202a);
      --_surface-2: var(--baton-surface-2, #232d39);
      --_text: var(--baton-text, #e6ebf1);
      --_muted: var(--baton-muted, #a3afbe);
      --_border: var(--baton-border, #344151);
      --_accent: var(--baton-accent, #7db4ff);
      --_on-accent: var(--baton-on-accent, #07182c);
      --_accent-soft: var(--baton-accent-soft, #1b3350);
      --_danger: var(--baton-danger, #ffb4a9);
      --_danger-soft: var(--baton-danger-soft, #43201c);
      --_ok: var(--baton-ok, #8fd6a4);
      --_warn-bg: var(--baton-warn-bg, #4a3b0c);
      --_warn-text: var(--baton-warn-text, #ffe59a);
      --_focus: var(--baton-focus, #9cc3ff);
    }
  }
`;

export const controls = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    font-size: 1rem;
    font-weight: 600;
    min-height: var(--_tap);
    min-width: var(--_tap);
    padding: 0 1rem;
    border-radius: 0.625rem;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    touch-action: manipulation;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  button.danger.solid {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_surface);
  }
  button.link {
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    padding: 0 0.5rem;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** An element's styles: the theme and the shared controls first, then its own. */
export const staffStyles = (own: CSSResult): CSSResultGroup => [theme, controls, own];

/** Declarations (for inside a rule) of a card: the surface on the page, a hairline border, the shared radius. */
export const card = css`
  background: var(--_surface);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
`;

/** Declarations (for inside a rule) of a text field: the page's font, a hairline border, the page's colours. */
export const field = css`
  font: inherit;
  border: 1px solid var(--_border);
  background: var(--_bg);
  color: var(--_text);
`;
