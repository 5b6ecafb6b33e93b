/**
 * The events `<baton-chat>` fires. All bubble and are composed, so a page can listen on the element
 * or on `document`; each has a static `eventName` and is in `HTMLElementEventMap`, so
 * `addEventListener('baton-message', (e) => e.text)` is typed.
 */
import type { Role } from '../protocol/messages.ts';
import type { HandoffReason } from '../protocol/schemas.ts';

const init = { bubbles: true, composed: true } as const;

/** The panel opened (by the launcher, `show()`, the `open` attribute or the script-tag queue). */
export class BatonShowEvent extends Event {
  static readonly eventName = 'baton-show';
  constructor() {
    super(BatonShowEvent.eventName, init);
  }
}

/** The panel closed. */
export class BatonHideEvent extends Event {
  static readonly eventName = 'baton-hide';
  constructor() {
    super(BatonHideEvent.eventName, init);
  }
}

/** A new line appeared in the conversation: the visitor's, the assistant's, a person's or a notice. */
export class BatonMessageEvent extends Event {
  static readonly eventName = 'baton-message';
  constructor(
    readonly role: Role,
    readonly text: string,
  ) {
    super(BatonMessageEvent.eventName, init);
  }
}

/** The chat was handed to a person: what started it and the triage reasons behind it, most urgent first. */
export class BatonHandoffEvent extends Event {
  static readonly eventName = 'baton-handoff';
  constructor(
    readonly trigger: HandoffReason,
    readonly reasons: readonly string[],
  ) {
    super(BatonHandoffEvent.eventName, init);
  }
}

/** The element has opened its storage and is ready to use (methods work before this too, and take effect once ready). */
export class BatonReadyEvent extends Event {
  static readonly eventName = 'baton-ready';
  constructor() {
    super(BatonReadyEvent.eventName, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'baton-show': BatonShowEvent;
    'baton-hide': BatonHideEvent;
    'baton-message': BatonMessageEvent;
    'baton-handoff': BatonHandoffEvent;
    'baton-ready': BatonReadyEvent;
  }
}
