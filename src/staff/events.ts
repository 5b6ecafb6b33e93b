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

/** The staff member confirmed closing the open chat, saying whether the handoff gave them what they needed. */
export class BatonCloseChatEvent extends Event {
  static readonly eventName = 'baton-close-chat';
  constructor(
    readonly conversationId: string,
    /** Their answer to "Did you have everything you needed from the handoff?"; undefined if not asked. */
    readonly hadContext?: boolean,
  ) {
    super(BatonCloseChatEvent.eventName, init);
  }
}

/** The outcome of a request a view waits for (transfer, hand back): ok, or why not in words. */
export interface ViewResult {
  ok: boolean;
  error?: string;
}

/**
 * A view asks the host for something that takes a round trip. The host calls `respondWith` with
 * the pending outcome; the view awaits `response` (undefined when nobody answered).
 */
abstract class RequestEvent extends Event {
  response?: Promise<ViewResult>;
  respondWith(result: Promise<ViewResult>): void {
    this.response = result;
  }
}

/** Pass the open chat to a team (back to its queue) or straight to a person, with a note. */
export class BatonTransferEvent extends RequestEvent {
  static readonly eventName = 'baton-transfer';
  constructor(
    readonly conversationId: string,
    readonly to: { teamId: string } | { staffId: number },
    readonly note: string,
  ) {
    super(BatonTransferEvent.eventName, init);
  }
}

/** Hand the open chat back to the assistant (confirmed by the staff member). */
export class BatonReleaseEvent extends RequestEvent {
  static readonly eventName = 'baton-release';
  constructor(readonly conversationId: string) {
    super(BatonReleaseEvent.eventName, init);
  }
}

/** Show a message of the transcript (from a reason chip of the handoff view). */
export class BatonJumpEvent extends Event {
  static readonly eventName = 'baton-jump';
  constructor(readonly messageId: string) {
    super(BatonJumpEvent.eventName, init);
  }
}

/** The Insights page wants another period (in days). */
export class BatonInsightsPeriodEvent extends Event {
  static readonly eventName = 'baton-insights-period';
  constructor(readonly days: number) {
    super(BatonInsightsPeriodEvent.eventName, init);
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

/** Load the queue and my chats again (pull to refresh, the refresh button). */
export class BatonRefreshEvent extends Event {
  static readonly eventName = 'baton-refresh';
  constructor() {
    super(BatonRefreshEvent.eventName, init);
  }
}

/** The reply being written in a chat changed (kept per conversation, across reloads). */
export class BatonDraftEvent extends Event {
  static readonly eventName = 'baton-draft';
  constructor(
    readonly conversationId: string,
    readonly text: string,
  ) {
    super(BatonDraftEvent.eventName, init);
  }
}

/** Online or away, chosen in the console. */
export class BatonPresenceEvent extends Event {
  static readonly eventName = 'baton-presence';
  constructor(readonly status: 'online' | 'away') {
    super(BatonPresenceEvent.eventName, init);
  }
}

/** A device setting changed in the settings panel. */
export class BatonSettingEvent extends Event {
  static readonly eventName = 'baton-setting';
  constructor(
    readonly setting: 'notifications' | 'sound' | 'vibration',
    readonly value: boolean,
  ) {
    super(BatonSettingEvent.eventName, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'baton-refresh': BatonRefreshEvent;
    'baton-draft': BatonDraftEvent;
    'baton-presence': BatonPresenceEvent;
    'baton-setting': BatonSettingEvent;
    'baton-login': BatonLoginEvent;
    'baton-claim': BatonClaimEvent;
    'baton-open': BatonOpenEvent;
    'baton-send': BatonSendEvent;
    'baton-retry': BatonRetryEvent;
    'baton-close-chat': BatonCloseChatEvent;
    'baton-transfer': BatonTransferEvent;
    'baton-release': BatonReleaseEvent;
    'baton-jump': BatonJumpEvent;
    'baton-insights-period': BatonInsightsPeriodEvent;
    'baton-back': BatonBackEvent;
    'baton-typing': BatonTypingEvent;
  }
}
