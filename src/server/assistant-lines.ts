/**
 * Assistant lines written on the visitor's device, checked before staff see them as the
 * assistant's. The built-in assistant is deterministic from the site's knowledge and the
 * conversation so far, so the server says it again: a line it would have said is stored as the
 * assistant's, with the sources and need the server worked out (not the ones the device sent); any
 * other line is stored as the visitor's own, marked as a claim, because the visitor's device is the
 * only author the server can vouch for. The widget's fixed lines (greeting, hand-off notices,
 * offers, the contact question) are recognised by their exact words.
 */
import { createAssistant, type Assistant, type AssistantTurn } from '../assistant/assistant.ts';
import type { AssistantMeta, MessageInput } from '../protocol/schemas.ts';
import type { StoredMessage } from '../protocol/messages.ts';
import type { SiteConfig } from './config.ts';
import type { NewMessage } from './store/conversations.ts';

/** The widget's greeting before it has heard the site's own. */
export const WIDGET_DEFAULT_GREETING = 'Hi! I’m an automated assistant. Ask a question, or tap “Talk to a person” at any time.';

/** The widget's fixed lines, by kind, for a site called `site` ("the team" before the site is known). */
export function fixedLines(site: string): { kind: AssistantMeta['kind']; text: string }[] {
  return [
    { kind: 'notice', text: `This is one for a person, so I’m bringing in someone from ${site} now.` },
    { kind: 'notice', text: `Looking again at what you wrote, this is one for a person, so I’m bringing in someone from ${site} now.` },
    {
      kind: 'offer',
      text: `That’s one for a person from ${site} rather than me. Would you like me to bring someone in? They will see everything you have written.`,
    },
    { kind: 'offer', text: `A person from ${site} can help with this too. Would you like me to bring someone in?` },
    {
      kind: 'offer',
      text: `Looking again at what you wrote, a person from ${site} could help with this. Would you like me to bring someone in?`,
    },
    {
      kind: 'ask_contact',
      text: `While they join: if you would like ${site} to be able to reach you after this chat, you can type an email or phone number here. It’s optional.`,
    },
  ];
}

/** Assistant kinds that answer the visitor: the turns the assistant itself reads back. */
const ANSWERS: readonly string[] = ['answer', 'miss', 'smalltalk'];

/**
 * A stored message as a turn of the conversation the assistant reads, as the widget reads it: the
 * visitor's messages, and the assistant's answers, misses and small talk (or unmarked lines).
 */
export function turnOf(m: Pick<StoredMessage, 'role' | 'text' | 'assistant' | 'claimed'>): AssistantTurn | undefined {
  if (m.role === 'visitor') return { role: m.claimed === 'assistant' ? 'assistant' : 'visitor', text: m.text };
  if (m.role === 'assistant' && (!m.assistant || ANSWERS.includes(m.assistant.kind))) return { role: 'assistant', text: m.text };
  return undefined;
}

export class AssistantLines {
  private readonly assistants = new Map<string, Assistant>();

  private assistantOf(site: SiteConfig): Assistant {
    let assistant = this.assistants.get(site.key);
    if (!assistant) {
      assistant = createAssistant(site.knowledge, { siteName: site.name });
      this.assistants.set(site.key, assistant);
    }
    return assistant;
  }

  /** What the built-in assistant says to the newest visitor turn in `turns`, if the last turn is the visitor's. */
  private replyTo(site: SiteConfig, turns: readonly AssistantTurn[]) {
    return turns.at(-1)?.role === 'visitor' ? this.assistantOf(site).reply(turns) : undefined;
  }

  /**
   * The message to store for an assistant line the device sent, after `turns` (the conversation
   * so far, as the assistant reads it).
   */
  check(site: SiteConfig, turns: readonly AssistantTurn[], input: MessageInput): NewMessage {
    const { triage: _triage, assistant: claimed, ...line } = input;
    const verified = (assistant: AssistantMeta): NewMessage => ({ ...line, role: 'assistant', assistant });
    if (line.text === site.greeting || line.text === WIDGET_DEFAULT_GREETING) return verified({ kind: 'greeting', sources: [] });

    const reply = this.replyTo(site, turns);
    if (reply && reply.text === line.text) return verified({ kind: reply.kind, sources: reply.sources, need: reply.need.slice(0, 300) });

    const fixed = [...fixedLines(site.name), ...fixedLines('the team')].find((f) => f.text === line.text);
    if (fixed) {
      // An offer names what the visitor needs, as the assistant read their latest message.
      const lastVisitor = turns.findLastIndex((t) => t.role === 'visitor');
      const need =
        claimed?.need !== undefined && lastVisitor >= 0
          ? this.replyTo(site, turns.slice(0, lastVisitor + 1))?.need.slice(0, 300)
          : undefined;
      return verified({ kind: fixed.kind, sources: [], ...(need !== undefined && need === claimed?.need ? { need } : {}) });
    }
    return { ...line, role: 'visitor', claimed: 'assistant' };
  }
}
