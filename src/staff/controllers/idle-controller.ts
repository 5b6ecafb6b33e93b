/**
 * Notices when the staff member stops using the console: no pointer, key or wheel input for
 * `idleMs` calls `onIdle`; the next interaction calls `onActive`. Checked on a slow timer, so a
 * frozen background tab simply catches up when it wakes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export class IdleController implements ReactiveController {
  private last = Date.now();
  private idle = false;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    host: ReactiveControllerHost,
    private readonly idleMs: number,
    private readonly onIdle: () => void,
    private readonly onActive: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of EVENTS) window.addEventListener(type, this.onInput, { passive: true, capture: true });
    this.timer = setInterval(this.check, Math.min(15_000, this.idleMs / 4));
  }

  hostDisconnected(): void {
    for (const type of EVENTS) window.removeEventListener(type, this.onInput, { capture: true });
    clearInterval(this.timer);
  }

  private readonly onInput = (): void => {
    this.last = Date.now();
    if (this.idle) {
      this.idle = false;
      this.onActive();
    } else this.onActive();
  };

  private readonly check = (): void => {
    if (!this.idle && Date.now() - this.last >= this.idleMs) {
      this.idle = true;
      this.onIdle();
    }
  };
}
