import { css } from 'lit';

export const styles = css`
  :host {
    --baton-accent: #0b5cab;
    --baton-accent-text: #ffffff;
    --baton-bg: #ffffff;
    --baton-text: #1c2430;
    --baton-muted: #5b6675;
    --baton-bubble: #eef2f7;
    --baton-border: #d5dce5;
    --baton-danger: #b3261e;
    --baton-radius: 16px;
    --baton-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --baton-launcher-size: 60px;
    --baton-launcher-right: 20px;
    --baton-launcher-left: auto;
    --baton-launcher-bottom: 20px;
    --baton-z-index: 2147483000;
    font-family: var(--baton-font);
    font-size: 1rem;
    color: var(--baton-text);
    line-height: 1.4;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --baton-bg: #15191f;
      --baton-text: #e8ecf1;
      --baton-muted: #a3adba;
      --baton-bubble: #232a33;
      --baton-border: #333c48;
      --baton-accent: #4d9bf0;
      --baton-accent-text: #0b1320;
      --baton-danger: #ff8a80;
    }
  }
  * {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--baton-accent);
    outline-offset: 2px;
  }
  .launcher {
    position: fixed;
    right: var(--baton-launcher-right);
    left: var(--baton-launcher-left);
    bottom: var(--baton-launcher-bottom);
    width: var(--baton-launcher-size);
    height: var(--baton-launcher-size);
    border-radius: 50%;
    border: none;
    background: var(--baton-accent);
    color: var(--baton-accent-text);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
    display: grid;
    place-items: center;
    z-index: var(--baton-z-index);
  }
  .launcher svg {
    width: 28px;
    height: 28px;
  }
  .badge {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: var(--baton-danger);
    color: #fff;
    font-size: 0.8rem;
    line-height: 22px;
    font-weight: 600;
  }
  .panel {
    position: fixed;
    right: var(--baton-launcher-right);
    left: var(--baton-launcher-left);
    bottom: calc(var(--baton-launcher-bottom) + var(--baton-launcher-size) + 12px);
    width: 380px;
    height: min(640px, calc(100vh - 120px));
    display: flex;
    flex-direction: column;
    background: var(--baton-bg);
    border: 1px solid var(--baton-border);
    border-radius: var(--baton-radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    overflow: hidden;
    z-index: calc(var(--baton-z-index) + 1);
  }
  .panel[hidden] {
    display: none;
  }
  @media (max-width: 600px) {
    .panel {
      inset: 0;
      width: 100%;
      height: 100%;
      height: 100dvh;
      border-radius: 0;
      border: none;
    }
    :host([open]) .launcher {
      display: none;
    }
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 12px 12px 12px 16px;
    background: var(--baton-accent);
    color: var(--baton-accent-text);
  }
  header .title {
    flex: 1;
    min-width: 0;
  }
  header h2 {
    margin: 0;
    font-size: 1.05rem;
  }
  header p {
    margin: 2px 0 0;
    font-size: 0.85rem;
    opacity: 0.92;
  }
  .icon-button {
    width: 44px;
    height: 44px;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    font-size: 1.6rem;
    line-height: 1;
  }
  .icon-button:hover {
    background: rgb(255 255 255 / 0.15);
  }
  .human-bar {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    border-bottom: 1px solid var(--baton-border);
    font-size: 0.9rem;
    color: var(--baton-muted);
  }
  .human-bar span {
    flex: 1;
  }
  .human {
    min-height: 44px;
    padding: 0 14px;
    border-radius: 22px;
    border: 2px solid var(--baton-accent);
    background: transparent;
    color: var(--baton-accent);
    font-weight: 600;
    white-space: nowrap;
  }
  .notice,
  .banner {
    margin: 0;
    padding: 8px 14px;
    font-size: 0.85rem;
    background: var(--baton-bubble);
    color: var(--baton-muted);
  }
  .banner.error {
    color: var(--baton-danger);
  }
  .banner.unavailable {
    flex: 1;
    padding: 24px 18px;
    font-size: 0.95rem;
    color: var(--baton-text);
  }
  .log[hidden] {
    display: none;
  }
  .banner.unavailable ul {
    padding-left: 1.2em;
  }
  .banner.refused p {
    margin: 0 0 4px;
  }
  .log {
    flex: 1;
    overflow-y: auto;
    margin: 0;
    padding: 12px;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .msg {
    max-width: 85%;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .msg .bubble {
    padding: 9px 13px;
    border-radius: var(--baton-radius);
    background: var(--baton-bubble);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .msg.visitor {
    align-self: flex-end;
    align-items: flex-end;
  }
  .msg.visitor .bubble {
    background: var(--baton-accent);
    color: var(--baton-accent-text);
    border-bottom-right-radius: 4px;
  }
  .msg.assistant .bubble,
  .msg.staff .bubble {
    border-bottom-left-radius: 4px;
  }
  .msg.staff .bubble {
    border: 1px solid var(--baton-accent);
  }
  .msg.system {
    align-self: center;
    max-width: 95%;
    text-align: center;
    font-size: 0.85rem;
    color: var(--baton-muted);
  }
  .msg.system .meta {
    justify-content: center;
  }
  .msg.system .bubble {
    background: transparent;
    padding: 2px 8px;
  }
  .meta {
    font-size: 0.75rem;
    color: var(--baton-muted);
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .meta .failed {
    color: var(--baton-danger);
  }
  .link-button {
    border: none;
    background: none;
    padding: 4px 2px;
    min-height: 32px;
    color: var(--baton-accent);
    text-decoration: underline;
    font-size: 0.8rem;
  }
  .typing {
    margin: 0;
    padding: 0 14px 6px;
    min-height: 1.4em;
    font-size: 0.85rem;
    color: var(--baton-muted);
    font-style: italic;
  }
  form.composer {
    display: flex;
    gap: 8px;
    padding: 10px 12px calc(10px + env(safe-area-inset-bottom));
    border-top: 1px solid var(--baton-border);
    align-items: flex-end;
  }
  textarea,
  input {
    font: inherit;
    color: inherit;
    background: var(--baton-bg);
    border: 1px solid var(--baton-border);
    border-radius: 12px;
    padding: 10px 12px;
    width: 100%;
  }
  textarea {
    flex: 1;
    resize: none;
    min-height: 44px;
    max-height: 140px;
    /* 16px keeps iOS from zooming into the field. */
    font-size: max(1rem, 16px);
  }
  .send,
  .primary {
    min-height: 44px;
    padding: 0 16px;
    border: none;
    border-radius: 22px;
    background: var(--baton-accent);
    color: var(--baton-accent-text);
    font-weight: 600;
  }
  .contact,
  .closed {
    padding: 12px 14px;
    border-top: 1px solid var(--baton-border);
    display: grid;
    gap: 8px;
  }
  .contact .pair {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 8px;
  }
  .contact input {
    padding: 8px 10px;
  }
  .contact h3 {
    margin: 0;
    font-size: 0.95rem;
  }
  .contact label {
    display: grid;
    gap: 4px;
    font-size: 0.85rem;
  }
  .contact .error {
    color: var(--baton-danger);
    font-size: 0.85rem;
    margin: 0;
  }
  .offer {
    margin-top: 6px;
    align-self: flex-start;
  }
  .meta {
    flex-wrap: wrap;
  }
  .source {
    flex-basis: 100%;
    font-style: italic;
  }
  .rating fieldset {
    border: none;
    margin: 0;
    padding: 0;
  }
  .rating legend {
    font-weight: 600;
    padding: 0;
  }
  .stars {
    display: flex;
    gap: 4px;
  }
  .star {
    width: 44px;
    height: 44px;
    border: none;
    background: none;
    font-size: 1.8rem;
    color: #e0a100;
  }
  .rating label {
    display: grid;
    gap: 4px;
    font-size: 0.85rem;
  }
  .primary[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  .closed p {
    margin: 0;
    color: var(--baton-muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
