/** The visitor namespace: per-site origin check, token-scoped conversations, exactly-once sends. */
import type { IncomingMessage } from 'node:http';
import { LIMITS } from '../protocol/limits.ts';
import type { HandoffPacket, MessageInput } from '../protocol/schemas.ts';
import { originAllowed, type SiteConfig } from './config.ts';
import { openingState } from './hours.ts';
import { convRoom, type Hub } from './hub.ts';
import { byUrgency } from './routing.ts';
import { on, validatePayloads, VISITOR_PAYLOADS, type VisitorSocket } from './socket-events.ts';
import { rateLimiter, RequestError } from './validate.ts';

/** The origin a request was addressed to, for sites that allow `"self"`. */
export function selfOrigin(req: IncomingMessage): string {
  const proto = (req.headers['x-forwarded-proto'] as string | undefined)?.split(',')[0]?.trim() || ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  return `${proto}://${req.headers.host ?? ''}`;
}

/**
 * Same-origin GET requests carry no Origin header, and a browser on another site always sends one,
 * so a missing Origin is treated as the server's own.
 */
export function requestOrigin(req: IncomingMessage): string {
  return (req.headers.origin as string | undefined) ?? selfOrigin(req);
}

const MAX_CONVERSATIONS_PER_SOCKET = 5;

/** What the widget needs to run the assistant and triage on the device. */
export function siteInfo(site: SiteConfig) {
  return { key: site.key, name: site.name, greeting: site.greeting, knowledge: site.knowledge, policy: site.policy, agent: !!site.agent };
}

/** The triage reasons behind a handoff, most urgent first; a visitor's own request counts too. */
function handoffReasons(reason: string, packet: HandoffPacket | undefined): string[] {
  const fromTriage = packet?.why.reasons.filter((r) => r.kind !== 'visitor').map((r) => r.name) ?? [];
  return byUrgency(reason === 'visitor_asked' ? [...fromTriage, 'visitor_asked'] : fromTriage);
}

/**
 * Triage data belongs to visitor messages and assistant data to assistant messages; anything else
 * is dropped rather than stored under the wrong author (for sends and handoff transcripts alike).
 */
function withOwnMeta(input: MessageInput): MessageInput {
  const { triage, assistant, ...message } = input;
  return {
    ...message,
    ...(message.role === 'visitor' && triage ? { triage } : {}),
    ...(message.role === 'assistant' && assistant ? { assistant } : {}),
  };
}

/** The honest line the visitor reads once a handoff starts. */
function handoffLine(site: SiteConfig, teamName: string, queue: ReturnType<Hub['router']['queueInfo']>): string {
  if (queue?.available) {
    const team = teamName === site.name ? '' : ` (${teamName})`;
    return `Getting a person from ${site.name}${team} for you. They will see everything you have written, so there is no need to repeat anything.`;
  }
  // Closed with no next opening (e.g. "hours": {}) is still closed, not merely "no one online".
  const hours = openingState(site);
  const why = !hours.open
    ? `${site.name} is closed right now${hours.opensAt ? ` (open again ${hours.opensAt})` : ''}`
    : queue?.busy
      ? `Everyone at ${site.name} is busy right now; your chat stays in line and the next free person will pick it up`
      : `No one from ${site.name} is online right now`;
  return `${why}. Leave your email or phone number and a short message, and the team will get back to you. Everything you wrote here is kept for them.`;
}

export function attachVisitorNamespace(hub: Hub, sites: Map<string, SiteConfig>): void {
  const ns = hub.visitors;

  ns.use((socket, next) => {
    const siteKey = (socket.handshake.auth as { siteKey?: unknown }).siteKey;
    const site = typeof siteKey === 'string' ? sites.get(siteKey) : undefined;
    if (!site) return next(new Error(`unknown site key "${String(siteKey)}"`));
    const origin = requestOrigin(socket.request);
    if (!originAllowed(site, origin, selfOrigin(socket.request))) return next(new Error(`origin ${origin} is not allowed for site "${site.key}"`));
    socket.data.site = site;
    socket.data.conversations = new Set();
    next();
  });

  ns.on('connection', (socket: VisitorSocket) => {
    const site = socket.data.site;
    const allow = rateLimiter(LIMITS.eventsPer10s, 10_000);
    socket.use((packet, next) => {
      if (allow()) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') ack({ ok: false, code: 'rate_limited', error: 'too many messages; wait a few seconds and try again' });
    });
    socket.use(validatePayloads(VISITOR_PAYLOADS));
    socket.on('error', (err) => console.warn('[baton] visitor socket error', err.message));

    /** A conversation this socket may act on: the token must match and the conversation must belong to this site. */
    const authorise = (conversationId: string, token: string) => {
      const conv = hub.conversations.verifyToken(conversationId, token);
      if (!conv || conv.siteKey !== site.key) throw new RequestError('unauthorised', 'this conversation does not exist or the token does not match');
      if (!socket.data.conversations.has(conversationId)) {
        socket.data.conversations.add(conversationId);
        void socket.join(convRoom(conversationId));
      }
      return conv;
    };

    const withQueue = (conversationId: string) => {
      const state = hub.conversations.state(conversationId)!;
      const queue = hub.router.queueInfo(conversationId);
      return queue ? { ...state, queue } : state;
    };

    on(
      socket,
      'visitor:hello',
      (p) => {
        const info = siteInfo(site);
        if (!p.conversationId || !p.token) return { site: info, messages: [] };
        authorise(p.conversationId, p.token);
        return { site: info, conversation: withQueue(p.conversationId), messages: hub.conversations.messagesAfter(p.conversationId, p.afterSeq ?? 0) };
      },
    );

    on(
      socket,
      'conversation:start',
      () => {
        if (socket.data.conversations.size >= MAX_CONVERSATIONS_PER_SOCKET) throw new RequestError('rate_limited', 'too many conversations from this connection');
        const created = hub.conversations.create(site.key);
        socket.data.conversations.add(created.conversationId);
        void socket.join(convRoom(created.conversationId));
        return created;
      },
    );

    on(
      socket,
      'message:send',
      (p) => {
        const conv = authorise(p.conversationId, p.token);
        if (conv.status === 'closed') {
          // A resend of something stored before the close is still answered with its original ack.
          const known = hub.conversations.messagesAfter(p.conversationId, 0).find((m) => m.id === p.message.id);
          if (known) return { message: known, duplicate: true };
          throw new RequestError('closed', 'this conversation was closed; start a new one');
        }
        const message = withOwnMeta(p.message);
        const result = hub.append(p.conversationId, message);
        // Published to the whole room, so the visitor's other tabs and the assigned staff see it at once.
        if (!result.duplicate && message.role === 'visitor' && conv.status === 'bot') hub.agent?.(site, p.conversationId, result.message);
        return result;
      },
    );

    on(
      socket,
      'conversation:sync',
      (p) => {
        authorise(p.conversationId, p.token);
        return { conversation: withQueue(p.conversationId), messages: hub.conversations.messagesAfter(p.conversationId, p.afterSeq) };
      },
    );

    on(
      socket,
      'handoff:request',
      (p) => {
        const conv = authorise(p.conversationId, p.token);
        if (conv.status === 'closed') throw new RequestError('closed', 'this conversation was closed; start a new one');
        // The request carries the whole transcript: anything the server has not stored yet is
        // stored now, in the visitor's order, so staff never see a gap at the handoff boundary.
        for (const message of p.transcript) hub.append(p.conversationId, withOwnMeta(message));
        const reasons = handoffReasons(p.reason, p.packet);
        const { team, urgency } = hub.router.route(site, reasons);
        const { created } = hub.handoffs.request({
          id: p.id,
          conversationId: p.conversationId,
          reason: p.reason,
          context: p.context,
          requestedAt: Date.now(),
          ...(p.packet ? { packet: p.packet } : {}),
          reasons,
          urgency,
          teamId: team.id,
        });
        const queue = hub.router.queueInfo(p.conversationId);
        if (created) {
          hub.append(p.conversationId, { id: `sys:handoff:${p.id}`, role: 'system', text: handoffLine(site, team.name, queue), createdAt: Date.now() });
          hub.queueAdded(p.conversationId);
          hub.statusChanged(p.conversationId);
        }
        return { staffOnline: queue?.available ? hub.router.eligible(site, team.id).length || 1 : 0, position: queue?.position ?? 0 };
      },
    );

    on(
      socket,
      'contact:leave',
      (p) => {
        authorise(p.conversationId, p.token);
        hub.conversations.leaveContact(p.id, p.conversationId, p.contact, p.message);
        const how = [p.contact.email, p.contact.phone].filter(Boolean).join(' or ');
        hub.append(p.conversationId, {
          id: `sys:contact:${p.id}`,
          role: 'system',
          text: `Thanks. ${site.name} will get back to you at ${how}.${p.message ? ' Your message: ' + p.message : ''}`,
          createdAt: Date.now(),
        });
        hub.queueUpdated(p.conversationId);
        return {};
      },
    );

    on(
      socket,
      'conversation:rate',
      (p) => {
        const conv = authorise(p.conversationId, p.token);
        if (conv.status !== 'closed') throw new RequestError('invalid', 'a chat can be rated once it is closed');
        if (!hub.conversations.rate(p.conversationId, p.rating, p.comment)) throw new RequestError('conflict', 'this chat was already rated');
        hub.statusChanged(p.conversationId);
        return {};
      },
    );

    socket.on('typing', ({ conversationId, typing }) => {
      if (!socket.data.conversations.has(conversationId)) return;
      hub.staffNs.to(convRoom(conversationId)).emit('typing', { conversationId, typing });
    });
  });
}
