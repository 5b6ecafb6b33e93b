import { css } from 'lit';
import { field, staffStyles } from '../styles.ts';

/**
 * The chat's bar, transcript, composer and dialogs: they all render into the chat's one shadow
 * root (so focus moves and `role="log"` work across them), and share this sheet.
 */
export const styles = staffStyles(css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
    background: var(--_bg);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
    padding: 0.5rem 0.5rem 0.5rem 0.625rem;
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .bar button {
    padding: 0 0.625rem;
    font-size: 0.9375rem;
    flex: none;
  }
  .back {
    display: var(--baton-chat-back-display, inline-flex);
    align-items: center;
    padding: 0 0.75rem 0 0.5rem;
  }
  .title {
    flex: 1 1 8rem;
    min-width: 0;
  }
  .chat-actions {
    flex: 1 1 auto;
    display: flex;
    justify-content: flex-end;
    gap: 0.375rem;
  }
  h2 {
    margin: 0;
    font-size: 1.125rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .state {
    display: block;
    font-size: 0.8125rem;
    color: var(--_muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .scroll {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0.75rem;
  }
  [role='log'] {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .msg {
    max-width: min(85%, 36rem);
    display: grid;
    gap: 0.125rem;
  }
  .meta {
    font-size: 0.75rem;
    color: var(--_muted);
    display: flex;
    gap: 0.5rem;
    padding: 0 0.25rem;
  }
  .author {
    font-weight: 600;
  }
  .bubble {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-radius: 1rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-size: 1rem;
  }
  .visitor {
    align-self: flex-start;
  }
  .visitor .bubble {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-bottom-left-radius: 0.25rem;
  }
  .assistant {
    align-self: flex-start;
  }
  .assistant .bubble {
    background: var(--_surface-2);
    border: 1px dashed var(--_border);
    border-bottom-left-radius: 0.25rem;
  }
  .staff {
    align-self: flex-end;
  }
  .staff .meta {
    justify-content: flex-end;
  }
  .staff .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
    border-bottom-right-radius: 0.25rem;
  }
  .staff.sending .bubble {
    opacity: 0.75;
  }
  .msg.trigger .bubble {
    border: 2px solid var(--_danger);
    box-shadow: inset 4px 0 0 var(--_danger);
    padding-left: 0.875rem;
  }
  .msg.flagged .bubble {
    border: 2px dashed var(--_muted);
  }
  .mark {
    margin: 0;
    padding: 0 0.25rem;
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--_danger);
  }
  .msg.flagged .mark {
    color: var(--_muted);
  }
  .msg:focus {
    outline: none;
  }
  .msg.highlight .bubble {
    outline: 3px solid var(--_focus);
    outline-offset: 3px;
    animation: flash 0.6s ease-in-out 3 alternate;
  }
  @keyframes flash {
    to {
      outline-color: transparent;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .msg.highlight .bubble {
      animation: none;
    }
  }
  .staff.failed .bubble {
    background: var(--_danger-soft);
    color: var(--_text);
    border: 1px solid var(--_danger);
  }
  .system {
    align-self: center;
    max-width: 95%;
    text-align: center;
  }
  .system .bubble {
    background: none;
    padding: 0.25rem 0.5rem;
    color: var(--_muted);
    font-size: 0.875rem;
    font-style: italic;
  }
  .system .meta {
    justify-content: center;
  }
  .delivery {
    font-size: 0.75rem;
    color: var(--_muted);
    text-align: end;
    padding: 0 0.25rem;
  }
  .delivery.failed {
    color: var(--_danger);
    display: flex;
    align-items: center;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: 0 0.25rem;
  }
  .typing {
    margin: 0.5rem 0 0;
    padding: 0 0.25rem;
    font-size: 0.875rem;
    color: var(--_muted);
    font-style: italic;
  }
  .saved {
    display: flex;
    gap: 0.5rem;
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scrollbar-width: none;
    padding: 0.5rem 0.75rem 0;
    background: var(--_surface);
    border-top: 1px solid var(--_border);
  }
  .saved button {
    flex: none;
    font-size: 0.875rem;
    border-radius: 999px;
    padding: 0 0.875rem;
    background: var(--_accent-soft);
    border-color: transparent;
    color: var(--_text);
  }
  .saved + form {
    border-top: 0;
  }
  form {
    display: flex;
    gap: 0.5rem;
    align-items: flex-end;
    padding: 0.5rem 0.75rem calc(0.5rem + env(safe-area-inset-bottom));
    background: var(--_surface);
    border-top: 1px solid var(--_border);
  }
  textarea {
    ${field}
    flex: 1;
    font-size: 1rem;
    min-height: var(--_tap);
    max-height: 9rem;
    field-sizing: content;
    resize: none;
    padding: 0.625rem 0.75rem;
    border-radius: 1.375rem;
  }
  .hint {
    margin: 0;
    padding: 0.25rem 1rem 0;
    color: var(--_danger);
    font-size: 0.875rem;
    background: var(--_surface);
  }
  .closed,
  .loading,
  .error {
    margin: 0.75rem;
    padding: 0.75rem 1rem;
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  .error {
    background: var(--_danger-soft);
    color: var(--_danger);
    font-weight: 600;
  }
  .closed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: 1rem;
    background: var(--_surface);
    color: var(--_text);
    max-width: min(24rem, calc(100vw - 2rem));
    padding: 1.25rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog h3 {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
  }
  dialog p {
    margin: 0 0 1rem;
    color: var(--_muted);
  }
  dialog p.question {
    color: var(--_text);
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  dialog p.hint-text {
    font-size: 0.875rem;
  }
  dialog .error {
    margin: 0 0 1rem;
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`);
