import { css } from 'lit';
import { card, staffStyles } from '../styles.ts';

/** The queue: pull to refresh, waiting handoffs and my chats as rows with urgency, waiting time and unread counts. */
export const styles = staffStyles(css`
  :host {
    display: block;
    padding: 0.75rem 0.75rem 1.5rem;
    touch-action: pan-x pan-y;
  }
  :host([data-at-top]) {
    /* At the top a downward pull is ours (pull to refresh), not the browser's. */
    touch-action: pan-x pan-down;
  }
  .pull {
    display: grid;
    place-items: center;
    height: 0;
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.875rem;
    font-weight: 600;
    transition: height 0.15s ease-out;
  }
  .pull[data-state='pulling'] {
    transition: none;
  }
  .pull .arrow {
    display: inline-block;
    transition: transform 0.15s;
  }
  .pull[data-state='ready'] .arrow {
    transform: rotate(180deg);
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .head button {
    font-size: 0.875rem;
    padding: 0 0.75rem;
  }
  .unread {
    min-width: 1.5rem;
    height: 1.5rem;
    padding: 0 0.4rem;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8125rem;
    font-weight: 700;
    display: inline-grid;
    place-items: center;
  }
  .chat-top {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .chat .latest {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    justify-content: space-between;
    min-width: 0;
  }
  .chat .latest .first {
    flex: 1;
    min-width: 0;
  }
  .chat.has-unread .first {
    font-weight: 600;
  }
  .chat time,
  .draft {
    font-size: 0.8125rem;
    color: var(--_muted);
    white-space: nowrap;
  }
  .draft {
    color: var(--_danger);
    font-weight: 600;
  }
  section + section {
    margin-top: 1.25rem;
  }
  h2 {
    margin: 0.25rem 0.25rem 0.5rem;
    font-size: 1.125rem;
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .count {
    min-width: 1.5rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--_surface-2);
    color: var(--_text);
    font-size: 0.875rem;
    text-align: center;
  }
  .count.hot {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.625rem;
  }
  .row {
    ${card}
    padding: 0.75rem 0.875rem;
    display: grid;
    gap: 0.25rem;
  }
  .row-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .site {
    font-weight: 600;
    color: var(--_text);
  }
  .wait {
    white-space: nowrap;
  }
  .row {
    --_tone: var(--_muted);
    border-inline-start: 0.375rem solid var(--_tone);
  }
  .row.tone-danger {
    --_tone: var(--_danger);
  }
  .row.tone-warn {
    --_tone: var(--baton-warn-line, #8a4b00);
  }
  .row.tone-accent {
    --_tone: var(--_accent);
  }
  @media (prefers-color-scheme: dark) {
    .row.tone-warn {
      --_tone: var(--baton-warn-line, #f0b35a);
    }
  }
  .reason {
    margin: 0;
    font-size: 1rem;
    font-weight: 700;
    color: var(--_tone);
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
  .reason .icon {
    display: inline-grid;
    place-items: center;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 999px;
    background: var(--_tone);
    color: var(--_surface);
    font-size: 0.875rem;
  }
  .reason .more {
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--_muted);
  }
  .row .wait {
    font-weight: 600;
    color: var(--_text);
    flex: none;
  }
  .who {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .verified {
    color: var(--_ok);
    font-weight: 600;
  }
  .verified .tag {
    font-size: 0.75rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .first {
    margin: 0;
    font-size: 1rem;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .first.none {
    color: var(--_muted);
    font-style: italic;
  }
  .contact {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .row button.primary {
    margin-top: 0.375rem;
    width: 100%;
  }
  .notice {
    margin: 0 0 0.5rem;
    padding: 0.625rem 0.875rem;
    border-radius: 0.625rem;
    background: var(--_warn-bg);
    color: var(--_warn-text);
    font-weight: 600;
  }
  .notice:empty {
    display: none;
  }
  .empty {
    margin: 0.25rem;
    color: var(--_muted);
  }
  .chat {
    width: 100%;
    text-align: start;
    display: grid;
    gap: 0.125rem;
    padding: 0.625rem 0.875rem;
    font-weight: 400;
    border-radius: var(--_radius);
  }
  .chat[aria-current='true'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }
  .chat .site {
    font-size: 0.875rem;
  }
  .chat .first {
    -webkit-line-clamp: 1;
  }
`);
