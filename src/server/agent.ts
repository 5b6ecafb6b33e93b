/**
 * A site's own AI agent, when it connects one: the server posts the transcript to the site's
 * HTTPS endpoint and stores the reply as the assistant's. On a timeout, an error or a malformed
 * reply the widget is told to answer with the built-in, on-device assistant instead, so the
 * visitor always gets an answer. Triage stays on the device either way.
 *
 * Contract (also in the README):
 *   POST <agent.url>  {"site":{"key","name"},"conversationId","messageId","transcript":[{"role","text","createdAt"}]}
 *   200 → {"reply": "text", "resolved"?: boolean, "sources"?: [{"id","title"}]}
 */
import { z } from 'zod';
import type { StoredMessage } from '../protocol/messages.ts';
import type { SiteConfig } from './config.ts';
import type { Hub } from './hub.ts';
import type { ConversationRow, ConversationStore } from './store/conversations.ts';
import type { Appended, Transcript } from './transcript.ts';

const AgentReply = z.object({
  reply: z.string().trim().min(1).max(4000),
  resolved: z.boolean().optional(),
  sources: z
    .array(z.object({ id: z.string().max(80), title: z.string().max(300) }))
    .max(10)
    .optional(),
});

export class SiteAgent {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly transcript: Transcript,
    private readonly hub: Hub,
  ) {}

  /**
   * A visitor's message was stored: while only the assistant has the chat, a site with its own
   * agent answers it from here (a person who has taken the chat answers it themselves). A line the
   * widget sent as the assistant's, kept as the visitor's claim, is not a question.
   */
  visitorMessage(site: SiteConfig, conv: ConversationRow, sent: Appended): void {
    if (site.agent && !sent.duplicate && sent.message.role === 'visitor' && !sent.message.claimed && conv.status === 'bot')
      void this.ask(site, site.agent, conv.id, sent.message);
  }

  private async ask(
    site: SiteConfig,
    agent: NonNullable<SiteConfig['agent']>,
    conversationId: string,
    message: StoredMessage,
  ): Promise<void> {
    try {
      const transcript = this.conversations
        .messagesAfter(conversationId, 0)
        .filter((m) => m.role === 'visitor' || m.role === 'assistant' || m.role === 'staff')
        .map((m) => ({ role: m.role, text: m.text, createdAt: m.createdAt }));
      const res = await fetch(agent.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ site: { key: site.key, name: site.name }, conversationId, messageId: message.id, transcript }),
        signal: AbortSignal.timeout(agent.timeoutMs),
        redirect: 'error',
      });
      if (!res.ok) throw new Error(`the agent answered HTTP ${res.status}`);
      const reply = AgentReply.parse(await res.json());
      // A person may have taken over while the agent was thinking: then the agent stays quiet.
      if (this.conversations.get(conversationId)?.status !== 'bot') return;
      this.transcript.append(conversationId, {
        id: `sys:agent:${message.id}`,
        role: 'assistant',
        text: reply.reply,
        createdAt: Date.now(),
        assistant: { kind: reply.resolved === false ? 'miss' : 'answer', sources: reply.sources ?? [] },
      });
    } catch (err) {
      console.warn(`[baton] agent for ${site.key} failed, the widget answers instead:`, (err as Error).message);
      this.hub.assistantFallback(conversationId, message.id);
    }
  }
}
