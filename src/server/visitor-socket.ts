/** The visitor namespace: per-site origin check, token-scoped conversations, exactly-once sends. */
import { ConnectRefusalCode, type ConnectRefusal, type VisitorClientEvents } from '../protocol/events.ts';
import type { Ack, SiteInfo } from '../protocol/messages.ts';
import type { SiteAgent } from './agent.ts';
import { originAllowed, type SiteConfig } from './config.ts';
import { clientOf, type ClientLimits } from './client-limits.ts';
import { verifyIdentity, type IdentityStore } from './identity.ts';
import type { ClientAllowance, HandoffService } from './handoff-service.ts';
import { convRoom, type Hub } from './hub.ts';
import { requestOrigin, selfOrigin } from './origins.ts';
import type { Router } from './routing.ts';
import {
  on,
  validatePayloads,
  visitorPayloads,
  type AckedEvent,
  type Handler,
  type VisitorNamespace,
  type VisitorSocket,
} from './socket-events.ts';
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
  /** Where the sites are configured, for the fix a refusal's log line names. */
  sitesFile: string;
  conversations: ConversationStore;
  router: Router;
  hub: Hub;
  transcript: Transcript;
  handoffs: HandoffService;
  agent: SiteAgent;
  limits: ClientLimits;
  identities: IdentityStore;
}

/** An error a connecting widget receives as `connect_error`, with a code it can show and the fix for the site owner. */
export function refusal(message: string, data: ConnectRefusal): Error & { data: ConnectRefusal } {
  return Object.assign(new Error(message), { data });
}

/**
 * Why a widget for `siteKey` on a page at `origin` is refused, if it is: the error it receives, the
 * code and words it can show, and the log line that tells the site owner the fix.
 */
export function siteRefusal(
  sites: ReadonlyMap<string, SiteConfig>,
  sitesFile: string,
  siteKey: unknown,
  origin: string,
  self: string,
): { message: string; data: ConnectRefusal; log: string } | undefined {
  const site = typeof siteKey === 'string' ? sites.get(siteKey) : undefined;
  if (!site) {
    const key = JSON.stringify(String(siteKey));
    return {
      message: `unknown site key "${String(siteKey)}"`,
      data: {
        code: ConnectRefusalCode.unknownSite,
        fix: "The site key in the chat widget's script tag is not configured on the chat server.",
      },
      log: `[baton] refused a widget on ${origin}: unknown site key ${key}. Fix: add a site with "key": ${key} to ${sitesFile}, or set data-site on that page to one of: ${[...sites.keys()].join(', ')}.`,
    };
  }
  if (!originAllowed(site, origin, self)) {
    return {
      message: `origin ${origin} is not allowed for site "${site.key}"`,
      data: {
        code: ConnectRefusalCode.originNotAllowed,
        fix: `This page's address (${origin}) is not among the site's allowed origins on the chat server.`,
      },
      log: `[baton] refused a widget for site "${site.key}" on ${origin}: that origin is not allowed. Fix: add ${JSON.stringify(origin)} to the allowedOrigins of "${site.key}" in ${sitesFile} (exact scheme, host and port).`,
    };
  }
  return undefined;
}

export function attachVisitorNamespace(
  ns: VisitorNamespace,
  { sites, sitesFile, conversations, router, hub, transcript, handoffs, agent, limits, identities }: VisitorNamespaceDeps,
): void {
  ns.use((socket, next) => {
    const siteKey = (socket.handshake.auth as { siteKey?: unknown }).siteKey;
    const origin = requestOrigin(socket.request);
    const refused = siteRefusal(sites, sitesFile, siteKey, origin, selfOrigin(socket.request));
    if (refused) {
      limits.log.say(`${refused.data.code} ${String(siteKey)} ${origin}`, refused.log);
      return next(refusal(refused.message, refused.data));
    }
    const site = sites.get(siteKey as string)!;
    socket.data.site = site;
    socket.data.conversations = new Set();
    socket.data.client = clientOf(site.key, socket.request);
    socket.data.identity = verifyIdentity(site, (socket.handshake.auth as { identity?: unknown }).identity);
    next();
  });

  // A hand-off is never refused for its packet: what had to be repaired is logged instead.
  const payloads = visitorPayloads((conversationId, repairs) =>
    limits.log.say(`repair ${conversationId}`, `[baton] repaired the hand-off packet of ${conversationId}: ${repairs.join('; ')}`),
  );

  ns.on('connection', (socket: VisitorSocket) => {
    const site = socket.data.site;
    const client = socket.data.client;
    const refused = (event: string, reason: string) =>
      limits.log.say(`refused ${client} ${event} ${reason.slice(0, 40)}`, `[baton] refused ${event} from ${client}: ${reason}`);
    /** `on()` for this socket: every refusal is logged with its reason. */
    const handle = <K extends AckedEvent<VisitorClientEvents> & string>(event: K, run: Handler<VisitorClientEvents, K>): void =>
      on(socket, event, run, (e, err) => refused(e, `${err.code}: ${err.message}`));
    socket.use(
      limitRate(limits.limits.socketEvents, 'too many messages; wait a few seconds and try again', (event) =>
        refused(
          event,
          `over ${limits.limits.socketEvents.burst} events per socket per ${limits.limits.socketEvents.windowMs / 1000} s (BATON_LIMIT_SOCKET_EVENTS)`,
        ),
      ),
    );
    // Sockets come and go; the client (its address, on this site) stays, and so does what it spent.
    socket.use((packet, next) => {
      if (limits.event(client)) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        ack({ ok: false, code: 'rate_limited', error: 'too many messages from here; wait a few seconds and try again' } satisfies Ack);
    });
    socket.use(validatePayloads(payloads, refused));
    socket.on('error', (err) => console.warn('[baton] visitor socket error', err.message));
    /** The messages and hand-offs this client may still send, in one conversation. */
    const allowance = (conversationId: string): ClientAllowance => ({
      messages: (n) => limits.messages(client, conversationId, n),
      refuseHandoff: () => limits.refuseHandoff(client, conversations.queuedOf(client)),
    });

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

    handle('visitor:hello', (p) => {
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

    handle('conversation:start', () => {
      if (socket.data.conversations.size >= MAX_CONVERSATIONS_PER_SOCKET)
        throw new RequestError('rate_limited', 'too many conversations from this connection');
      if (!limits.conversation(client))
        throw new RequestError('rate_limited', 'too many new conversations from here; try again in a few minutes');
      const created = conversations.create(site.key, client);
      follow(created.conversationId);
      return created;
    });

    handle('message:send', (p) => {
      const conv = authorise(p.conversationId, p.token);
      if (allowance(conv.id).messages(1) < 1) throw new RequestError('rate_limited', 'too many messages; wait a few seconds and try again');
      // Published to the whole room, so the visitor's other tabs and the assigned staff see it at once.
      const sent = transcript.send(conv, p.message);
      agent.visitorMessage(site, conv, sent);
      return sent;
    });

    handle('conversation:sync', (p) => {
      authorise(p.conversationId, p.token);
      return { conversation: router.stateOf(p.conversationId)!, messages: conversations.messagesAfter(p.conversationId, p.afterSeq) };
    });

    handle('handoff:request', (p) => {
      const conv = authorise(p.conversationId, p.token);
      return handoffs.request(site, conv, p, allowance(conv.id));
    });

    handle('contact:leave', (p) => {
      authorise(p.conversationId, p.token);
      handoffs.leaveContact(site, p.conversationId, p);
      return {};
    });

    handle('conversation:rate', (p) => {
      handoffs.rate(authorise(p.conversationId, p.token), p.rating, p.comment);
      return {};
    });

    socket.on('typing', ({ conversationId, typing }) => {
      if (socket.data.conversations.has(conversationId)) hub.visitorTyping(conversationId, typing);
    });
  });
}
