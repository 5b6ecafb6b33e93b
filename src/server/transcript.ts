/**
 * The one way a message enters a conversation: stored first (idempotent on its id), then pushed to
 * everyone in the conversation, once. Lines the visitor's device sends as the assistant's are
 * checked first (`assistant-lines.ts`).
 */
import type { AssistantTurn } from '../assistant/assistant.ts';
import type { StoredMessage } from '../protocol/messages.ts';
import type { MessageInput } from '../protocol/schemas.ts';
import { turnOf, type AssistantLines } from './assistant-lines.ts';
import type { SiteConfig } from './config.ts';
import type { Hub } from './hub.ts';
import type { ConversationRow, ConversationStore, NewMessage } from './store/conversations.ts';
import { RequestError } from './validate.ts';

export interface Appended {
  message: StoredMessage;
  duplicate: boolean;
}

/** Triage data belongs to visitor messages; anything else is dropped rather than stored under the wrong author. */
function visitorLine(input: MessageInput): NewMessage {
  const { triage, assistant: _assistant, ...message } = input;
  return { ...message, ...(triage ? { triage } : {}) };
}

export class Transcript {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly hub: Hub,
    private readonly sites: ReadonlyMap<string, SiteConfig>,
    private readonly assistantLines: AssistantLines,
  ) {}

  /** Stores a message and pushes it to everyone in the conversation; a duplicate is not pushed again. */
  append(conversationId: string, message: NewMessage): Appended {
    const result = this.conversations.append(conversationId, message);
    if (!result.duplicate) this.hub.publish(result.message);
    return result;
  }

  /** A line from Baton itself; `id` starts with `sys:`, which visitor ids cannot contain. */
  system(conversationId: string, id: `sys:${string}`, text: string): Appended {
    return this.append(conversationId, { id, role: 'system', text, createdAt: Date.now() });
  }

  /**
   * Messages written on the visitor's device (sent, or carried in a handoff's transcript), in
   * order. Assistant lines are checked against what the assistant would have said at that point.
   */
  fromDevice(conv: Pick<ConversationRow, 'id' | 'siteKey'>, inputs: readonly MessageInput[]): Appended[] {
    const site = this.sites.get(conv.siteKey);
    // All in one commit (a hand-off may carry many), then pushed once committed.
    const stored = this.conversations.transaction(() => {
      // The conversation as the assistant reads it, read once, when the first assistant line needs it.
      let turns: AssistantTurn[] | undefined;
      return inputs.map((input) => {
        let message: NewMessage;
        if (input.role === 'assistant' && site) {
          turns ??= this.conversations
            .messagesAfter(conv.id, 0)
            .map(turnOf)
            .filter((t) => t !== undefined);
          message = this.assistantLines.check(site, turns, input);
        } else message = input.role === 'assistant' ? { ...visitorLine(input), role: 'visitor', claimed: 'assistant' } : visitorLine(input);
        const appended = this.conversations.append(conv.id, message);
        const turn = turns && !appended.duplicate ? turnOf(appended.message) : undefined;
        if (turn) turns!.push(turn);
        return appended;
      });
    });
    for (const appended of stored) if (!appended.duplicate) this.hub.publish(appended.message);
    return stored;
  }

  /** A visitor's send: refused once the chat is closed, except a resend of what was stored before. */
  send(conv: ConversationRow, input: MessageInput): Appended {
    if (conv.status === 'closed') {
      // A resend of something stored before the close is still answered with its original ack.
      const known = this.conversations.messagesAfter(conv.id, 0).find((m) => m.id === input.id);
      if (known) return { message: known, duplicate: true };
      throw new RequestError('closed', 'this conversation was closed; start a new one');
    }
    return this.fromDevice(conv, [input])[0]!;
  }
}
