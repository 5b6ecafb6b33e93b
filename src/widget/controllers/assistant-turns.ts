/**
 * The assistant's side of the conversation, on the device: triage of each visitor message before
 * it is sent, then what the assistant says about it (an answer, an honest miss, an offer of a
 * person, or the notice that one is coming), the handoff itself, the greeting, and the one request
 * for a contact while a person joins. When the triage model finishes loading, the messages the
 * rules alone judged are judged again, and a handoff or offer the model would have made happens then.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SiteInfo } from '../../protocol/messages.ts';
import type { HandoffPacket, HandoffReason, TriageMeta } from '../../protocol/schemas.ts';
import type { OutboxItem } from '../../store/schema.ts';
import type { TranscriptStore } from '../../store/transcript-store.ts';
import type { TriageResult } from '../../triage/engine.ts';
import type { ChatContext } from './chat-context.ts';
import type { ConversationSync } from './conversation-sync.ts';
import { FirstLine, type TriageUrls } from './first-line.ts';
import { newId } from './ids.ts';
import type { Outbox } from './outbox.ts';
import { pageContext } from './page-context.ts';
import { recordVisit } from './visit.ts';

const DEFAULT_GREETING = 'Hi! I’m an automated assistant. Ask a question, or tap “Talk to a person” at any time.';
/**
 * Messages the rules alone judged are judged again by the model when it loads, if this recent: the
 * moment is still the visitor's, whereas a hand-off for yesterday's line on a reload would surprise.
 */
const RETRIAGE_WINDOW_MS = 10 * 60_000;
/** How much of what the visitor needed travels with an assistant line (for the packet). */
const NEED_CHARS = 300;

export class AssistantTurns implements ReactiveController {
  /** Why the triage model is not running, if it failed to load (the rules still run). */
  modelError: string | undefined;
  /** Enter to triage decision for the last message, in ms. */
  lastDecisionMs: number | undefined;

  private readonly firstLine: FirstLine;
  private readonly visit: { startedAt: number; pages: string[] };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: { siteKey: string; triage?: TriageUrls; onHandoff?: (trigger: HandoffReason, reasons: string[]) => void },
    private readonly chat: ChatContext,
    private readonly conversation: ConversationSync,
    private readonly outbox: Outbox,
  ) {
    this.firstLine = new FirstLine(
      options.triage,
      (message) => {
        // Reported once, quietly: the chat works on with the rules.
        this.modelError = message;
        console.warn('[baton] triage model unavailable, using rules only:', message);
        host.requestUpdate();
      },
      () => {
        host.requestUpdate();
        void this.retriageAfterLoad();
      },
    );
    this.visit = recordVisit(options.siteKey);
  }

  hostDisconnected(): void {
    this.firstLine.dispose();
  }

  /** Where on-device triage stands: `ready` once the model answers, `rules` or `failed` when only the rules do. */
  get triageState(): string {
    return this.firstLine.modelState;
  }

  /** The visitor opened the chat: start loading the model. */
  warmUp(): void {
    this.firstLine.warmUp();
  }

  configure(site: SiteInfo): void {
    this.firstLine.configure(site);
  }

  private get siteName(): string {
    return this.conversation.site?.name ?? 'the team';
  }

  /** The first line of a new conversation; sent only once the visitor writes (no server conversation per page view). */
  async greet(store: TranscriptStore): Promise<void> {
    await this.outbox.enqueue(store, 'assistant', this.conversation.site?.greeting ?? DEFAULT_GREETING, {
      assistant: { kind: 'greeting', sources: [] },
    });
  }

  /** Triage runs before anything leaves the page: rules at once, the model once it has loaded. */
  async judge(
    store: TranscriptStore,
    message: { id: string; text: string; createdAt: number },
  ): Promise<{ meta: TriageMeta; result: TriageResult }> {
    const judged = await this.firstLine.triage(store.list(), message);
    this.lastDecisionMs = judged.meta.ms;
    return judged;
  }

  /** What the assistant says after a visitor message triage judged as `result`. */
  async respond(store: TranscriptStore, result: TriageResult): Promise<void> {
    if (result.decision.action === 'handoff') {
      await this.outbox.enqueue(store, 'assistant', `This is one for a person, so I’m bringing in someone from ${this.siteName} now.`, {
        assistant: { kind: 'notice', sources: [] },
      });
      await this.requestHuman('policy');
      return;
    }
    const offer = result.decision.action === 'offer' && !this.offerPending(store);
    const reply = this.firstLine.answer(store.list());
    // When the assistant has nothing to say and triage suggests a person anyway, one line does both.
    if (reply && !(offer && reply.kind === 'miss')) {
      await this.outbox.enqueue(store, 'assistant', reply.text, {
        assistant: { kind: reply.kind, sources: reply.sources, need: reply.need.slice(0, NEED_CHARS) },
      });
    }
    if (offer) {
      const text =
        reply?.kind === 'miss'
          ? `That’s one for a person from ${this.siteName} rather than me. Would you like me to bring someone in? They will see everything you have written.`
          : `A person from ${this.siteName} can help with this too. Would you like me to bring someone in?`;
      await this.outbox.enqueue(store, 'assistant', text, {
        assistant: { kind: 'offer', sources: [], ...(reply ? { need: reply.need.slice(0, NEED_CHARS) } : {}) },
      });
    }
    this.chat.changed();
    void this.chat.flush();
  }

  /**
   * The model has loaded: what the visitor wrote before it could judge is judged now, and a hand-off
   * or offer the model would have made then happens now, with the visitor told why.
   */
  private async retriageAfterLoad(): Promise<void> {
    const store = this.chat.openStore;
    if (!store || store.getSession()?.status !== 'bot') return;
    const judged = await this.firstLine.retriage(store.list(), Date.now() - RETRIAGE_WINDOW_MS);
    if (judged.length === 0) return;
    for (const { id, meta } of judged) await store.patchMessage(id, { triage: meta });
    this.chat.changed();
    // The visitor may have asked for a person meanwhile; then there is nothing left to decide.
    if (store.getSession()?.status !== 'bot') return;
    const actions = judged.map((j) => j.result.decision.action);
    if (actions.includes('handoff')) {
      await this.outbox.enqueue(
        store,
        'assistant',
        `Looking again at what you wrote, this is one for a person, so I’m bringing in someone from ${this.siteName} now.`,
        {
          assistant: { kind: 'notice', sources: [] },
        },
      );
      await this.requestHuman('policy');
    } else if (actions.includes('offer') && !this.offerPending(store)) {
      await this.outbox.enqueue(
        store,
        'assistant',
        `Looking again at what you wrote, a person from ${this.siteName} could help with this. Would you like me to bring someone in?`,
        {
          assistant: { kind: 'offer', sources: [] },
        },
      );
      this.chat.changed();
      void this.chat.flush();
    }
  }

  /** An offer the visitor has not answered yet (the newest assistant line is an offer). */
  offerPending(store: TranscriptStore | undefined): boolean {
    const last = store
      ?.list()
      .filter((m) => m.role === 'assistant')
      .at(-1);
    return last?.assistant?.kind === 'offer' && store?.getSession()?.status === 'bot';
  }

  /** Hands the chat to a person: the packet of what was asked, understood and tried goes with it. */
  async requestHuman(trigger: HandoffReason): Promise<void> {
    const store = await this.chat.ensureSession();
    const session = store.getSession()!;
    if (session.status === 'queued' || session.status === 'active') return;
    const packet = this.firstLine.packet(store.list(), trigger, this.visit);
    const item: OutboxItem = {
      id: newId(),
      conversationKey: session.conversationKey,
      createdAt: Date.now(),
      kind: 'handoff',
      reason: trigger,
      context: pageContext(),
      packet,
    };
    await store.add(undefined, item);
    await store.updateSession({ status: 'queued' });
    this.options.onHandoff?.(trigger, packet?.why.reasons.map((r) => r.name) ?? []);
    this.chat.changed();
    this.chat.connect();
    void this.chat.flush();
  }

  /**
   * With someone coming, a way to reach the visitor later is still worth having: ask once,
   * optionally. (With nobody available the contact form asks instead.) True when it asked.
   */
  async askContact(store: TranscriptStore, staffOnline: number, packet: HandoffPacket | undefined): Promise<boolean> {
    const knownContact = packet?.collected.some((d) => d.kind === 'email' || d.kind === 'phone');
    if (staffOnline <= 0 || knownContact || store.getSession()?.askedContact) return false;
    await store.updateSession({ askedContact: true });
    await this.outbox.enqueue(
      store,
      'assistant',
      `While they join: if you would like ${this.siteName} to be able to reach you after this chat, you can type an email or phone number here. It’s optional.`,
      { assistant: { kind: 'ask_contact', sources: [] } },
    );
    return true;
  }

  /** The site's own agent could not answer: the built-in assistant does, so the visitor is never left hanging. */
  async onAgentFallback(conversationId: string, messageId: string): Promise<void> {
    const store = await this.chat.store();
    const session = store.getSession();
    if (session?.conversationId !== conversationId || session.status !== 'bot') return;
    if (
      store
        .list()
        .filter((m) => m.role === 'visitor')
        .at(-1)?.id !== messageId
    )
      return;
    const reply = this.firstLine.answer(store.list(), true);
    if (reply)
      await this.outbox.enqueue(store, 'assistant', reply.text, {
        assistant: { kind: reply.kind, sources: reply.sources, need: reply.need.slice(0, NEED_CHARS) },
      });
    this.chat.changed();
    void this.chat.flush();
  }
}
