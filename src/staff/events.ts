/**
 * Events the staff console's views fire. Every one bubbles and is composed, so it reaches
 * `<baton-staff-app>` through the shadow roots; the app turns it into a controller call.
 */

const init: EventInit = { bubbles: true, composed: true };

/** The sign-in form was submitted. */
export class BatonLoginEvent extends Event {
  static readonly eventName = 'baton-login';
  constructor(
    readonly email: string,
    readonly password: string,
  ) {
    super(BatonLoginEvent.eventName, init);
  }
}

/** Take a waiting chat from the queue. */
export class BatonClaimEvent extends Event {
  static readonly eventName = 'baton-claim';
  constructor(readonly conversationId: string) {
    super(BatonClaimEvent.eventName, init);
  }
}

/** Show one of my chats. */
export class BatonOpenEvent extends Event {
  static readonly eventName = 'baton-open';
  constructor(readonly conversationId: string) {
    super(BatonOpenEvent.eventName, init);
  }
}

/** Send a reply in the open chat; cancelled when the host did not accept it. */
export class BatonSendEvent extends Event {
  static readonly eventName = 'baton-send';
  constructor(readonly text: string) {
    // Cancelable: the host cancels it when the reply was not accepted, and the draft stays.
    super(BatonSendEvent.eventName, { ...init, cancelable: true });
  }
}

/** Send a failed reply again, with the same id. */
export class BatonRetryEvent extends Event {
  static readonly eventName = 'baton-retry';
  constructor(readonly messageId: string) {
    super(BatonRetryEvent.eventName, init);
  }
}

/** The staff member confirmed closing the open chat. */
export class BatonCloseChatEvent extends Event {
  static readonly eventName = 'baton-close-chat';
  constructor(readonly conversationId: string) {
    super(BatonCloseChatEvent.eventName, init);
  }
}

/** Leave the chat view (phone layout) and go back to the queue. */
export class BatonBackEvent extends Event {
  static readonly eventName = 'baton-back';
  constructor() {
    super(BatonBackEvent.eventName, init);
  }
}

/** The staff member started or stopped typing in the composer. */
export class BatonTypingEvent extends Event {
  static readonly eventName = 'baton-typing';
  constructor(readonly typing: boolean) {
    super(BatonTypingEvent.eventName, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'baton-login': BatonLoginEvent;
    'baton-claim': BatonClaimEvent;
    'baton-open': BatonOpenEvent;
    'baton-send': BatonSendEvent;
    'baton-retry': BatonRetryEvent;
    'baton-close-chat': BatonCloseChatEvent;
    'baton-back': BatonBackEvent;
    'baton-typing': BatonTypingEvent;
  }
}
