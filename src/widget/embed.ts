/**
 * widget.js: the one script tag a site owner pastes.
 *   <script src="https://HOST/widget.js" data-site="SITE_KEY" async></script>
 * It stays tiny: it draws a launcher at once and loads the real widget (widget-app.js) only when
 * the visitor interacts or the page is idle. A classic script, so `import()` is the only import.
 */
const script = document.currentScript as HTMLScriptElement | null;

function boot(): void {
  if (!script?.src) return;
  const site = script.dataset.site;
  if (!site) {
    console.error('[baton] widget.js needs a data-site attribute with your site key.');
    return;
  }
  const server = new URL(script.src).origin;
  const appUrl = new URL('widget-app.js', script.src).href;

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
  button.innerHTML =
    '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm2 5v2h12V9zm0 4v2h8v-2z"/></svg>';
  root.append(button);
  document.body.append(holder);

  let loading: Promise<void> | undefined;
  const load = (open: boolean): Promise<void> => {
    loading ??= import(/* @vite-ignore */ appUrl).then(() => {
      const chat = document.createElement('baton-chat');
      chat.setAttribute('site', site);
      chat.setAttribute('server', server);
      holder.replaceWith(chat);
    });
    return loading.then(() => {
      const chat = document.querySelector('baton-chat');
      if (open && chat) chat.setAttribute('open', '');
    });
  };
  button.addEventListener('click', () => {
    button.setAttribute('aria-busy', 'true');
    void load(true).catch((err: unknown) => {
      button.removeAttribute('aria-busy');
      console.error('[baton] could not load the chat', err);
    });
  });
  const idle = (): void => {
    const later = (cb: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(cb, { timeout: 5000 }) : setTimeout(cb, 2000));
    later(() => void load(false).catch(() => undefined));
  };
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

if (document.body) boot();
else document.addEventListener('DOMContentLoaded', boot, { once: true });
