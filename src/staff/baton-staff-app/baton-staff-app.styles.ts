import { css } from 'lit';
import { staffStyles } from '../styles.ts';

/** The console's frame: header, banner, the queue and chat panes (one at a time on a phone), the dock and toasts. */
export const styles = staffStyles(css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
    /* iOS does not shrink the layout for the keyboard: follow the visual viewport instead. */
    height: var(--_viewport-height, 100dvh);
    background: var(--_bg);
    color: var(--_text);
    font-size: 1rem;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding: 0.375rem 0.75rem;
    padding-top: calc(0.375rem + env(safe-area-inset-top));
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .brand {
    font-weight: 700;
    font-size: 1.125rem;
    margin: 0;
  }
  .who {
    flex: 1;
    min-width: 0;
    color: var(--_muted);
    font-size: 0.875rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    text-align: end;
  }
  .banner:not(:empty) {
    padding: 0.375rem 0.75rem;
    background: var(--_warn-bg);
    color: var(--_warn-text);
    font-size: 0.875rem;
    font-weight: 600;
    text-align: center;
  }
  main {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
  }
  /* A full-width page (Insights) instead of the queue and chat panes. */
  main.page-pane,
  main.page-pane[data-view] {
    display: block;
    border-right: 0;
  }
  .list-pane {
    overflow-y: auto;
    overscroll-behavior: contain;
    min-height: 0;
  }
  .chat-pane {
    min-height: 0;
    min-width: 0;
  }
  main[data-view='list'] .chat-pane,
  main[data-view='chat'] .list-pane {
    display: none;
  }
  .placeholder {
    margin: 0;
    height: 100%;
    display: grid;
    place-items: center;
    color: var(--_muted);
    padding: 2rem;
    text-align: center;
  }
  .center {
    display: grid;
    place-items: center;
    height: 100%;
    color: var(--_muted);
  }
  baton-staff-login {
    overflow-y: auto;
  }
  .dock {
    display: flex;
    align-items: stretch;
    gap: 0.375rem;
    padding: 0.375rem 0.5rem calc(0.375rem + env(safe-area-inset-bottom));
    background: var(--_surface);
    border-top: 1px solid var(--_border);
  }
  .dock button {
    flex: 1;
    min-height: 3rem;
    padding: 0 0.5rem;
    border: 0;
    background: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375rem;
    font-size: 0.9375rem;
    white-space: nowrap;
  }
  .dock button[aria-current='page'] {
    background: var(--_accent-soft);
    color: var(--_text);
  }
  .dock .presence {
    flex: 1.4;
    border: 1px solid var(--_border);
  }
  .dot {
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: var(--_ok);
    flex: none;
  }
  .dot.away {
    background: #c27c0e;
  }
  .dot.offline {
    background: var(--_muted);
  }
  .load {
    color: var(--_muted);
    font-weight: 400;
  }
  .badge {
    margin-inline-start: 0.375rem;
    min-width: 1.375rem;
    height: 1.375rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_surface);
    font-size: 0.75rem;
    font-weight: 700;
    display: inline-grid;
    place-items: center;
  }
  .toasts {
    /* In the flow under the header, never over it: the chat's bar (Transfer, Close chat), the
       composer and the dock stay free; taking or opening the chat removes its notice. */
    display: grid;
    gap: 0.5rem;
    justify-items: center;
    flex: none;
  }
  .toasts.shown {
    /* Empty, it takes no room (and stays a live region, so a new notice is announced). */
    padding: 0.5rem 0.5rem 0;
  }
  .toast {
    pointer-events: auto;
    width: min(100%, 26rem);
    display: flex;
    align-items: stretch;
    background: var(--_text);
    color: var(--_bg);
    border-radius: var(--_radius);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
    overflow: hidden;
  }
  .toast button {
    border: 0;
    background: none;
    color: inherit;
    border-radius: 0;
  }
  .toast .open {
    flex: 1;
    min-width: 0;
    text-align: start;
    display: grid;
    gap: 0.125rem;
    padding: 0.625rem 0.875rem;
    font-weight: 400;
  }
  .toast strong {
    font-size: 0.9375rem;
  }
  .toast span {
    font-size: 0.875rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .toast .dismiss {
    padding: 0 0.875rem;
    font-size: 1.25rem;
    font-weight: 400;
  }
  .banner.offline:not(:empty) {
    background: var(--_surface-2);
    color: var(--_text);
  }
  @media (max-width: 30rem) {
    /* A phone has no room for the name next to the buttons. */
    .who {
      visibility: hidden;
    }
  }
  @media (max-width: 55.999rem) {
    /* On a phone the chat has its own bar with "back"; the app bar would only take space. */
    :host([data-view='chat']) header,
    :host([data-view='chat']) .dock {
      display: none;
    }
  }
  @media (min-width: 56rem) {
    main,
    main[data-view] {
      grid-template-columns: minmax(20rem, 26rem) minmax(0, 1fr);
    }
    main[data-view] .list-pane,
    main[data-view] .chat-pane {
      display: block;
    }
    .list-pane {
      border-right: 1px solid var(--_border);
    }
    baton-staff-chat {
      --baton-chat-back-display: none;
    }
  }
`);
