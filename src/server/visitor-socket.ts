/** The visitor namespace: per-site origin check, token-scoped conversations, exactly-once sends. */
import { LIMITS } from '../protocol/limits.ts';
import type { SiteInfo } from '../protocol/messages.ts';
import type { SiteAgent } from './agent.ts';
import { originAllowed, type SiteConfig } from './config.ts';
import type { HandoffService } from './handoff-service.ts';
import { verifyIdentity, type IdentityStore } from './identity.ts';
import { convRoom, type Hub } from './hub.ts';
import { requestOrigin, selfOrigin } from './origins.ts';
import type { Router } from './routing.ts';
import { on, validatePayloads, VISITOR_PAYLOADS, type VisitorNamespace, type VisitorSocket } from './socket-events.ts';
import type { ConversationStore } from './store/conversations.ts';
import type { Transcript } from './transcript.ts';
import { limitRate, RequestError } from './validate.ts';

const MAX_CONVERSATIONS_PER_SOCKET = 5;

/** What the widget needs to run the assistant and triage on the device. */
export function siteInfo(site: SiteConfig): SiteInfo {
  return { key: site.key, name: site.name, greeting: site.greeting, knowledge: site.knowledge, policy: site.policy, agent: !!site.agent };
}

export interface VisitorNamespaceDeps {
  sites: ReadonlyMap<string, SiteConfig>;
  conversations: ConversationStore;
  router: Router;
  hub: Hub;
  transcript: Transcript;
  handoffs: HandoffService;
  agent: SiteAgent;
  identities: IdentityStore;
}

export function attachVisitorNamespace(
  ns: VisitorNamespace,
  { sites, conversations, router, hub, transcript, handoffs, agent, identities }: VisitorNamespaceDeps,
): void {
  ns.use((socket, next) => {
    const siteKey = (socket.handshake.auth as { siteKey?: unknown }).siteKey;
    const site = typeof siteKey === 'string' ? sites.get(siteKey) : undefined;
    if (!site) return next(new Error(`unknown site key "${String(siteKey)}"`));
    const origin = requestOrigin(socket.request);
    if (!originAllowed(site, origin, selfOrigin(socket.request)))
      return next(new Error(`origin ${origin} is not allowed for site "${site.key}"`));
    socket.data.site = site;
    socket.data.conversations = new Set();
    socket.data.identity = verifyIdentity(site, (socket.handshake.auth as { identity?: unknown }).identity);
    next();
  });

  ns.on('connection', (socket: VisitorSocket) => {
    const site = socket.data.site;
    socket.use(limitRate(LIMITS.eventsPer10s, 'too many messages; wait a few seconds and try again'));
    socket.use(validatePayloads(VISITOR_PAYLOADS));
    socket.on('error', (err) => console.warn('[baton] visitor socket error', err.message));

    const follow = (conversationId: string) => {
      socket.data.conversations.add(conversationId);
      // A signed-in customer's identity goes with every conversation they start or come back to.
      const verified = socket.data.identity.visitor;
      if (verified) identities.attach(conversationId, verified);
      void socket.join(convRoom(conversationId));
    };

    /** A conversation this socket may act on: the token must match and the conversation must belong to this site. */
    const authorise = (conversationId: string, token: string) => {
      const conv = conversations.verifyToken(conversationId, token);
      if (!conv || conv.siteKey !== site.key)
        throw new RequestError('unauthorised', 'this conversation does not exist or the token does not match');
      if (!socket.data.conversations.has(conversationId)) follow(conversationId);
      return conv;
    };

    on(socket, 'visitor:hello', (p) => {
      const info = siteInfo(site);
      const identity = socket.data.identity.status;
      if (!p.conversationId || !p.token) return { site: info, messages: [], identity };
      authorise(p.conversationId, p.token);
      return {
        site: info,
        identity,
        conversation: router.stateOf(p.conversationId)!,
        messages: conversations.messagesAfter(p.conversationId, p.afterSeq ?? 0),
      };
    });

    on(socket, 'conversation:start', () => {
      if (socket.data.conversations.size >= MAX_CONVERSATIONS_PER_SOCKET)
        throw new RequestError('rate_limited', 'too many conversations from this connection');
      const created = conversations.create(site.key);
      follow(created.conversationId);
      return created;
    });

    on(socket, 'message:send', (p) => {
      const conv = authorise(p.conversationId, p.token);
      // Published to the whole room, so the visitor's other tabs and the assigned staff see it at once.
      const sent = transcript.send(conv, p.message);
      agent.visitorMessage(site, conv, sent);
      return sent;
    });

    on(socket, 'conversation:sync', (p) => {
      authorise(p.conversationId, p.token);
      return { conversation: router.stateOf(p.conversationId)!, messages: conversations.messagesAfter(p.conversationId, p.afterSeq) };
    });

    on(socket, 'handoff:request', (p) => handoffs.request(site, authorise(p.conversationId, p.token), p));

    on(socket, 'contact:leave', (p) => {
      authorise(p.conversationId, p.token);
      handoffs.leaveContact(site, p.conversationId, p);
      return {};
    });

    on(socket, 'conversation:rate', (p) => {
      handoffs.rate(authorise(p.conversationId, p.token), p.rating, p.comment);
      return {};
    });

    socket.on('typing', ({ conversationId, typing }) => {
      if (socket.data.conversations.has(conversationId)) hub.visitorTyping(conversationId, typing);
    });
  });
}
