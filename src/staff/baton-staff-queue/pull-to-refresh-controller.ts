/**
 * Pull to refresh for a list: a touch or pen drag down from the top of the list's scroll container
 * past a threshold asks for a refresh (a mouse scrolls as usual). While at the top, the host has
 * `data-at-top`, so its styles can keep the browser from taking a downward pull for itself.
 */
import type { ReactiveController, ReactiveElement } from 'lit';

/** How far (CSS px) the list must be pulled down to refresh. */
export const PULL_THRESHOLD = 64;

export class PullToRefreshController implements ReactiveController {
  /** How far the list is pulled now (CSS px, with resistance). */
  pull = 0;

  private pullStart?: { id: number; y: number };
  /** What is listened to, on the host, while it is connected. */
  private readonly listeners: [string, EventListener, AddEventListenerOptions?][] = [
    ['pointerdown', (e) => this.onPointerDown(e as PointerEvent)],
    ['pointermove', (e) => this.onPointerMove(e as PointerEvent)],
    ['pointerup', (e) => this.onPointerEnd(e as PointerEvent)],
    ['pointercancel', (e) => this.onPointerEnd(e as PointerEvent)],
    ['touchmove', (e) => this.onTouchMove(e as TouchEvent), { passive: false }],
  ];

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: { busy(): boolean; pulled(): void },
  ) {
    host.addController(this);
  }

  get ready(): boolean {
    return this.pull >= PULL_THRESHOLD;
  }

  hostConnected(): void {
    for (const [type, listener, options] of this.listeners) this.host.addEventListener(type, listener, options);
    this.scrollParent()?.addEventListener('scroll', this.onScroll, { passive: true });
    this.onScroll();
  }

  hostDisconnected(): void {
    for (const [type, listener] of this.listeners) this.host.removeEventListener(type, listener);
    this.scrollParent()?.removeEventListener('scroll', this.onScroll);
  }

  /** The element that scrolls the list (the app's list pane), or the host itself. */
  private scrollParent(): HTMLElement | undefined {
    for (let el = this.host.parentElement; el; el = el.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(el).overflowY)) return el;
    }
    return undefined;
  }

  private atTop(): boolean {
    return (this.scrollParent()?.scrollTop ?? 0) <= 0;
  }

  private readonly onScroll = (): void => {
    this.host.toggleAttribute('data-at-top', this.atTop());
  };

  private set(pull: number): void {
    this.pull = pull;
    this.host.requestUpdate();
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.pointerType === 'mouse' || this.options.busy() || !this.atTop()) return;
    this.pullStart = { id: event.pointerId, y: event.clientY };
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.pullStart || event.pointerId !== this.pullStart.id) return;
    const dy = event.clientY - this.pullStart.y;
    // Resistance: the list follows the finger at half speed, up to twice the threshold.
    this.set(dy > 0 ? Math.min(PULL_THRESHOLD * 2, dy / 2) : 0);
  }

  private onPointerEnd(event: PointerEvent): void {
    if (!this.pullStart || event.pointerId !== this.pullStart.id) return;
    const pulled = this.ready && event.type === 'pointerup';
    this.pullStart = undefined;
    this.set(0);
    if (pulled) this.options.pulled();
  }

  /** Safari has no `pan-down`: keep it from scrolling while the list is being pulled. */
  private onTouchMove(event: TouchEvent): void {
    if (this.pull > 0 && event.cancelable) event.preventDefault();
  }
}
