/** Rendering a Lit element on its own in a browser test, and reading inside its shadow root. */

/** Phone-sized by default; pass other CSS for the frame the element sits in. */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]>,
  frameCss = 'width: 390px; height: 844px; display: flex; flex-direction: column;',
): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  const frame = document.createElement('div');
  frame.style.cssText = frameCss;
  frame.append(el);
  document.body.append(frame);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];

/** Every `type` event `el` fires from now on. */
export const events = <T extends Event>(el: EventTarget, type: string): T[] => {
  const seen: T[] = [];
  el.addEventListener(type, (e) => seen.push(e as T));
  return seen;
};
