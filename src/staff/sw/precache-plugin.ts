/**
 * Vite plugin (build only): writes the staff console's file list into the service worker, the way
 * Workbox's injectManifest does. The worker is its own entry (`staff-sw` → `staff/sw.js`); after
 * Vite has written index.html, this collects the files that page loads (its scripts, their static
 * imports, CSS and assets), adds the manifest and icons, and replaces the `__BATON_PRECACHE__`
 * placeholder with `{ version, files }`. A new build means a new version, so browsers install the
 * new worker and drop the old shell.
 */
import type { Plugin } from 'vite';

export const SW_ENTRY = 'staff-sw';
export const SW_FILE = 'staff/sw.js';
/** Files from public/staff the installed console needs offline. */
const PUBLIC_FILES = ['/staff/manifest.webmanifest', '/staff/icons/icon-192.png', '/staff/icons/icon-512.png', '/staff/icons/badge-96.png'];

/** A small stable hash (FNV-1a) for the version; no Node crypto, so this file type-checks as browser code. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function staffServiceWorker(): Plugin {
  return {
    name: 'baton-staff-sw-precache',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const sw = bundle[SW_FILE];
        const html = bundle['index.html'];
        if (!sw || sw.type !== 'chunk' || !html || html.type !== 'asset') return;
        if (sw.imports.length || sw.dynamicImports.length)
          this.error(`${SW_FILE} must not import other chunks (it runs as a classic script): ${sw.imports.join(', ')}`);
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(`/${fileName}`)) return;
          const item = bundle[fileName];
          if (!item) return;
          files.add(`/${fileName}`);
          if (item.type !== 'chunk') return;
          for (const dep of item.imports) visit(dep);
          const meta = (item as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
          for (const css of meta?.importedCss ?? []) visit(css);
          for (const asset of meta?.importedAssets ?? []) visit(asset);
        };
        const source = typeof html.source === 'string' ? html.source : new TextDecoder().decode(html.source);
        for (const [, ref] of source.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)) visit(ref!);
        const list = ['/staff', ...[...files].sort(), ...PUBLIC_FILES];
        const manifest = { version: fnv1a(list.join('\n') + [...files].join('')), files: list };
        const placeholder = /(["'`])__BATON_PRECACHE__\1/;
        if (!placeholder.test(sw.code)) this.error(`${SW_FILE}: the __BATON_PRECACHE__ placeholder is missing`);
        sw.code = sw.code.replace(placeholder, JSON.stringify(JSON.stringify(manifest)));
      },
    },
  };
}
