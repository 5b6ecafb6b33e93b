/**
 * A small accessibility check for the staff elements (no axe in this project): every control has
 * an accessible name, every form field a label, touch targets are at least 44×44 CSS px, and text
 * sizes are rem-based (they follow the browser's font size).
 */
import { assert } from '../support/browser.ts';

function accessibleName(el: HTMLElement, root: ShadowRoot): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  const aria = el.getAttribute('aria-label');
  if (aria) return aria.trim();
  if (el.id) {
    const label = root.querySelector(`label[for="${el.id}"]`);
    if (label) return label.textContent?.trim() ?? '';
  }
  const wrapping = el.closest('label');
  if (wrapping) return wrapping.textContent?.trim() ?? '';
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return '';
  return el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export function checkA11y(host: HTMLElement): void {
  const root = host.shadowRoot;
  assert(root, `${host.localName} has a shadow root`);
  const controls = [...root.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href]')].filter((el) => el.checkVisibility());
  for (const el of controls) {
    const name = accessibleName(el, root);
    assert(name, `${host.localName}: <${el.localName} class="${el.className}"> has an accessible name`);
    if (el.localName === 'button' || el.localName === 'input' || el.localName === 'textarea') {
      const box = el.getBoundingClientRect();
      assert(
        box.height >= 44 && box.width >= 44,
        `${host.localName}: "${name}" is at least 44×44 px (is ${Math.round(box.width)}×${Math.round(box.height)})`,
      );
    }
  }
  for (const el of root.querySelectorAll<HTMLElement>('[id]')) {
    assert(root.querySelectorAll(`[id="${el.id}"]`).length === 1, `${host.localName}: id "${el.id}" is unique`);
  }
}
