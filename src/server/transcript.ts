/**
 * The one way a message enters a conversation: stored first (idempotent on its id), then pushed to
 * everyone in the conversation, once.
 */
import type { StoredMessage } from '../protocol/messages.ts';
import type { MessageInput } from '../protocol/schemas.ts';
import type { Hub } from './hub.ts';
import type { ConversationRow, ConversationStore, NewMessage } from './store/conversations.ts';
import { RequestError } from './validate.ts';

export interface Appended {
  message: StoredMessage;
  duplicate: boolean;
}

/**
 * Triage data belongs to visitor messages and assistant data to assistant messages; anything else
 * is dropped rather than stored under the wrong author (for sends and handoff transcripts alike).
 */
function withOwnMeta(input: MessageInput): NewMessage {
  const { triage, assistant, ...message } = input;
  return {
    ...message,
    ...(message.role === 'visitor' && triage ? { triage } : {}),
    ...(message.role === 'assistant' && assistant ? { assistant } : {}),
  };
}

export class Transcript {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly hub: Hub,
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

  /** A message written on the visitor's device (sent, or carried in a handoff's transcript). */
  fromDevice(conversationId: string, input: MessageInput): Appended {
    return this.append(conversationId, withOwnMeta(input));
  }

  /** A visitor's send: refused once the chat is closed, except a resend of what was stored before. */
  send(conv: ConversationRow, input: MessageInput): Appended {
    if (conv.status === 'closed') {
      // A resend of something stored before the close is still answered with its original ack.
      const known = this.conversations.messagesAfter(conv.id, 0).find((m) => m.id === input.id);
      if (known) return { message: known, duplicate: true };
      throw new RequestError('closed', 'this conversation was closed; start a new one');
    }
    return this.fromDevice(conv.id, input);
  }
}
