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
import { convRoom, type Hub } from './hub.ts';

const AgentReply = z.object({
  reply: z.string().trim().min(1).max(4000),
  resolved: z.boolean().optional(),
  sources: z.array(z.object({ id: z.string().max(80), title: z.string().max(300) })).max(10).optional(),
});

export function agentCaller(hub: Hub): (site: SiteConfig, conversationId: string, message: StoredMessage) => void {
  return (site, conversationId, message) => {
    const agent = site.agent;
    if (!agent) return;
    void (async () => {
      try {
        const transcript = hub.conversations
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
        if (hub.conversations.get(conversationId)?.status !== 'bot') return;
        hub.append(conversationId, {
          id: `sys:agent:${message.id}`,
          role: 'assistant',
          text: reply.reply,
          createdAt: Date.now(),
          assistant: { kind: reply.resolved === false ? 'miss' : 'answer', sources: reply.sources ?? [] },
        });
      } catch (err) {
        console.warn(`[baton] agent for ${site.key} failed, the widget answers instead:`, (err as Error).message);
        hub.visitors.to(convRoom(conversationId)).emit('assistant:fallback', { conversationId, messageId: message.id });
      }
    })();
  };
}
