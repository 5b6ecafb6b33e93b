/**
 * widget.js: the one script tag a site owner pastes.
 *   <script src="https://HOST/widget.js" data-site="SITE_KEY" async></script>
 * It stays tiny: it draws a launcher at once and loads the real widget (widget-app.js) only when
 * the visitor interacts, the page calls `baton('show')`, or the page is idle. A classic script, so
 * `import()` is the only import.
 *
 * The command queue, usable before this script has loaded (as `$crisp` and `Intercom()` are):
 *   <script>window.baton=window.baton||function(){(baton.q=baton.q||[]).push(arguments)}</script>
 *   baton('show') · baton('hide') · baton('toggle') · baton('language', 'es')
 *   baton('identify', {id, name, email, expires, signature}) · baton('on', 'message', fn) · baton('off', 'message', fn)
 * Commands queued before load run in order once this script runs; later calls run at once.
 */
import type { BatonChat } from './baton-chat/baton-chat.ts';
import type { VisitorIdentity } from '../protocol/schemas.ts';

/** The page's `baton` function: a stub that queues its arguments in `q` until this script replaces it. */
type BatonCommand = (command: string, ...args: unknown[]) => void;
declare global {
  interface Window {
    baton?: BatonCommand & { q?: ArrayLike<unknown>[] };
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const LANGUAGE_KEY = 'baton:language';

function storedLanguage(): string {
  try {
    return localStorage.getItem(LANGUAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function boot(): void {
  if (!script?.src) return;
  const site = script.dataset.site;
  if (!site) {
    console.error('[baton] widget.js needs a data-site attribute with your site key.');
    return;
  }
  const server = new URL(script.src).origin;
  const appUrl = new URL('widget-app.js', script.src).href;

  // What the page asked for before the element exists, applied when it is made.
  const wanted: { open?: boolean; language: string; identity?: VisitorIdentity } = { language: storedLanguage() };
  let chat: BatonChat | undefined;

  const holder = document.createElement('div');
  const root = holder.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    'button{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;border:none;background:#0b5cab;color:#fff;box-shadow:0 6px 20px rgb(0 0 0/.25);display:grid;place-items:center;cursor:pointer;z-index:2147483000}svg{width:28px;height:28px}',
  );
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement('button');
  button.setAttribute('aria-label', 'Open chat');
  button.setAttribute('aria-expanded', 'false');
  // Built node by node, not from markup: pages that require Trusted Types refuse innerHTML strings.
  const SVG = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('fill', 'currentColor');
  icon.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm2 5v2h12V9zm0 4v2h8v-2z');
  icon.append(path);
  button.append(icon);
  root.append(button);
  document.body.append(holder);

  let loading: Promise<void> | undefined;
  const load = (): Promise<void> =>
    (loading ??= import(/* @vite-ignore */ appUrl).then(() => {
      const el = document.createElement('baton-chat');
      if (wanted.identity) el.identity = wanted.identity;
      if (wanted.language) el.language = wanted.language;
      el.site = site;
      el.server = server;
      el.open = !!wanted.open;
      chat = el;
      holder.replaceWith(el);
    }));
  const opening = (open: boolean): void => {
    wanted.open = open;
    if (chat) chat.open = open;
    else if (open) {
      button.setAttribute('aria-busy', 'true');
      load().catch((err: unknown) => {
        button.removeAttribute('aria-busy');
        console.error('[baton] could not load the chat', err);
      });
    }
  };
  const eventName = (name: unknown) => (String(name).startsWith('baton-') ? String(name) : `baton-${String(name)}`);

  const run: BatonCommand = (command, ...args) => {
    switch (command) {
      case 'show':
        return opening(true);
      case 'hide':
        return opening(false);
      case 'toggle':
        return opening(!(chat ? chat.open : wanted.open));
      case 'language': {
        const language = typeof args[0] === 'string' ? args[0] : '';
        wanted.language = language;
        try {
          localStorage.setItem(LANGUAGE_KEY, language);
        } catch {
          // Storage may be off (private mode): the language still applies to this page.
        }
        if (chat) chat.language = language;
        return;
      }
      case 'identify': {
        const identity = args[0] as VisitorIdentity | undefined;
        if (identity) wanted.identity = identity;
        else delete wanted.identity;
        if (chat) chat.identity = identity;
        return;
      }
      // The element's events bubble and are composed, so they reach `document` whenever it exists.
      case 'on':
        if (typeof args[1] === 'function') document.addEventListener(eventName(args[0]), args[1] as EventListener);
        return;
      case 'off':
        if (typeof args[1] === 'function') document.removeEventListener(eventName(args[0]), args[1] as EventListener);
        return;
      default:
        console.warn(`[baton] unknown command "${command}"`);
    }
  };
  const queued = Array.from(window.baton?.q ?? []);
  window.baton = run;
  for (const args of queued) {
    const [command, ...rest] = Array.from(args);
    run(String(command), ...rest);
  }

  button.addEventListener('click', () => opening(true));
  const idle = (): void => {
    const later = (cb: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(cb, { timeout: 5000 }) : setTimeout(cb, 2000));
    later(() => void load().catch(() => undefined));
  };
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

if (document.body) boot();
else document.addEventListener('DOMContentLoaded', boot, { once: true });
