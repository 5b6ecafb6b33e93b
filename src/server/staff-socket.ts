/** The staff namespace: session-cookie auth, the live queue, claims, replies and closing. */
import { LIMITS } from '../protocol/limits.ts';
import type { ConversationDetail, HandoffSummary } from '../protocol/messages.ts';
import { readSessionCookie } from './auth.ts';
import { ALL_STAFF, convRoom, staffRoom, type Hub } from './hub.ts';
import { teamsOf } from './routing.ts';
import type { StaffStore } from './store/staff.ts';
import { on, STAFF_PAYLOADS, validatePayloads, type StaffSocket } from './socket-events.ts';
import { rateLimiter, RequestError } from './validate.ts';
import { requestOrigin, selfOrigin } from './visitor-socket.ts';

/** How often live staff sockets are re-checked against their session, for accounts disabled by the CLI and expired sessions. */
export const SESSION_CHECK_MS = 5_000;

/**
 * Disconnects every live staff socket whose session has ended (logout, account disabled, expiry),
 * so a silent console stops receiving chats too, not only one that sends something.
 */
export function disconnectEndedSessions(hub: Hub, staffStore: StaffStore): void {
  for (const socket of hub.staffNs.sockets.values()) {
    if (!staffStore.sessionStaff(socket.data.sessionToken)) socket.disconnect(true);
  }
}

export function attachStaffNamespace(hub: Hub, staffStore: StaffStore): void {
  const ns = hub.staffNs;

  ns.use((socket, next) => {
    // The console is served by this server only; a staff socket from another origin is refused
    // even with a valid cookie (cross-site WebSocket hijacking).
    if (requestOrigin(socket.request) !== selfOrigin(socket.request)) return next(new Error('staff connections are only accepted from the staff console'));
    const token = readSessionCookie(socket.request.headers.cookie);
    const staff = token ? staffStore.sessionStaff(token) : undefined;
    if (!staff || !token) return next(new Error('not signed in'));
    socket.data.staff = { id: staff.id, email: staff.email, name: staff.name };
    socket.data.sessionToken = token;
    next();
  });

  ns.on('connection', (socket: StaffSocket) => {
    const me = socket.data.staff;
    const member = () => staffStore.byId(me.id)!;
    void socket.join([ALL_STAFF, staffRoom(me.id), ...hub.handoffs.assignedTo(me.id).map((s) => convRoom(s.conversationId))]);
    hub.presence.connected(me.id, socket.id);
    socket.on('disconnect', () => hub.presence.disconnected(me.id, socket.id));
    const allow = rateLimiter(LIMITS.eventsPer10s, 10_000);
    socket.use((packet, next) => {
      // A session revoked (logout, account disabled) ends live access too, not just new connections.
      if (!staffStore.sessionStaff(socket.data.sessionToken)) {
        socket.disconnect(true);
        return;
      }
      if (allow()) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') ack({ ok: false, code: 'rate_limited', error: 'too many requests; wait a few seconds' });
    });
    socket.use(validatePayloads(STAFF_PAYLOADS));
    socket.on('error', (err) => console.warn('[baton] staff socket error', err.message));

    const visible = (summary: HandoffSummary | undefined): summary is HandoffSummary => !!summary && hub.router.canSee(member(), summary);
    const detail = (conversationId: string, afterSeq = 0): ConversationDetail => {
      const summary = hub.handoffs.summary(conversationId);
      if (!summary) throw new RequestError('not_found', 'no such handoff');
      const packet = hub.handoffs.packet(conversationId);
      return { summary, messages: hub.conversations.messagesAfter(conversationId, afterSeq), notes: hub.conversations.notes(conversationId), ...(packet ? { packet } : {}) };
    };
    const mine = (conversationId: string) => {
      const conv = hub.conversations.get(conversationId);
      if (!conv) throw new RequestError('not_found', 'no such conversation');
      if (conv.assignedStaffId !== me.id) throw new RequestError('unauthorised', 'this chat is not assigned to you');
      return conv;
    };
    const siteName = (siteKey: string) => hub.sites.get(siteKey)?.name ?? siteKey;
    /** A chat left this staff member: stop their consoles following it. */
    const leave = (conversationId: string, reason: string) => {
      ns.in(staffRoom(me.id)).socketsLeave(convRoom(conversationId));
      ns.to(staffRoom(me.id)).emit('conversation:unassigned', { conversationId, reason });
    };

    on(
      socket,
      'queue:list',
      () => ({
        queue: hub.handoffs.queue().filter(visible),
        mine: hub.handoffs.assignedTo(me.id),
        me: { presence: hub.presence.status(me.id), maxChats: member().maxChats },
        teams: [...hub.sites.values()].flatMap((site) => teamsOf(site).map((t) => ({ id: t.id, name: `${t.name}${hub.sites.size > 1 ? ` · ${site.name}` : ''}` }))),
        directory: staffStore
          .list()
          .filter((m) => !m.disabled)
          .map((m) => hub.directoryEntry(m.id)!),
        savedReplies: [...hub.sites.values()].flatMap((site) => site.savedReplies.map((r) => ({ siteKey: site.key, ...r }))),
      }),
    );

    on(
      socket,
      'conversation:claim',
      ({ conversationId }) => {
        const current = hub.handoffs.summary(conversationId);
        if (!current) throw new RequestError('not_found', 'no such handoff');
        if (current.assignedTo?.id === me.id) return { detail: detail(conversationId) };
        if (!hub.router.canSee(member(), current)) throw new RequestError('unauthorised', `this chat is for ${current.team.name}`);
        const open = hub.handoffs.openChats(me.id);
        if (open >= member().maxChats) throw new RequestError('conflict', `you already have ${open} open chat${open === 1 ? '' : 's'}, your maximum; close one first`);
        if (!hub.handoffs.claim(conversationId, me.id)) {
          const now = hub.handoffs.summary(conversationId);
          throw new RequestError('conflict', now?.assignedTo ? `${now.assignedTo.name} already took this chat` : `this chat is ${now?.status ?? 'gone'}`);
        }
        ns.in(staffRoom(me.id)).socketsJoin(convRoom(conversationId));
        hub.append(conversationId, { id: `sys:join:${conversationId}:${me.id}:${Date.now()}`, role: 'system', text: `${me.name} from ${current.siteName} joined the chat.`, createdAt: Date.now() });
        hub.statusChanged(conversationId);
        hub.queueRemoved(conversationId, { id: me.id, name: me.name });
        hub.presenceChanged(me.id);
        return { detail: detail(conversationId) };
      },
    );

    on(
      socket,
      'conversation:open',
      ({ conversationId, afterSeq }) => {
        const conv = hub.conversations.get(conversationId);
        // Queued chats may be previewed by whoever may take them; active ones only by their owner.
        const previewable = conv?.status === 'queued' && visible(hub.handoffs.summary(conversationId));
        if (!conv || (!previewable && conv.assignedStaffId !== me.id)) throw new RequestError('unauthorised', 'this chat is not assigned to you');
        return { detail: detail(conversationId, afterSeq) };
      },
    );

    on(
      socket,
      'message:send',
      ({ conversationId, message }) => {
        const conv = mine(conversationId);
        if (conv.status !== 'active') throw new RequestError('closed', 'this chat is closed');
        return hub.append(conversationId, { id: message.id, role: 'staff', text: message.text, authorName: me.name, createdAt: message.createdAt });
      },
    );

    on(
      socket,
      'conversation:close',
      ({ conversationId, hadContext }) => {
        mine(conversationId);
        if (hub.handoffs.close(conversationId, hadContext)) {
          hub.append(conversationId, { id: `sys:close:${conversationId}`, role: 'system', text: `${me.name} closed the chat.`, createdAt: Date.now() });
          hub.statusChanged(conversationId);
          hub.presenceChanged(me.id);
        }
        return {};
      },
    );

    on(
      socket,
      'conversation:transfer',
      ({ conversationId, to, note }) => {
        const conv = mine(conversationId);
        const site = hub.sites.get(conv.siteKey)!;
        if (conv.status !== 'active') throw new RequestError('closed', 'this chat is closed');
        if ('teamId' in to) {
          const team = teamsOf(site).find((t) => t.id === to.teamId);
          if (!team) throw new RequestError('not_found', `no team "${to.teamId}" for ${site.name}`);
          if (note) hub.conversations.addNote(conversationId, me.name, `Transfer to ${team.name}: ${note}`);
          hub.handoffs.requeue(conversationId, team.id);
          leave(conversationId, `transferred to ${team.name}`);
          hub.append(conversationId, {
            id: `sys:transfer:${conversationId}:${Date.now()}`,
            role: 'system',
            text: `${me.name} is passing you to ${team.name}. They will see everything you have written.`,
            createdAt: Date.now(),
          });
          hub.statusChanged(conversationId);
          hub.queueAdded(conversationId);
        } else {
          const target = staffStore.byId(to.staffId);
          if (!target || target.disabled) throw new RequestError('not_found', 'no such staff member');
          if (target.id === me.id) throw new RequestError('invalid', 'this chat is already yours');
          if (hub.handoffs.openChats(target.id) >= target.maxChats) throw new RequestError('conflict', `${target.name} is at their maximum of ${target.maxChats} chats`);
          if (note) hub.conversations.addNote(conversationId, me.name, `Transfer to ${target.name}: ${note}`);
          hub.handoffs.assign(conversationId, target.id);
          leave(conversationId, `transferred to ${target.name}`);
          ns.in(staffRoom(target.id)).socketsJoin(convRoom(conversationId));
          const summary = hub.handoffs.summary(conversationId);
          if (summary) ns.to(staffRoom(target.id)).emit('conversation:assigned', summary);
          hub.notifier.notify([target.id], { kind: 'transfer', conversationId, title: `${me.name} passed you a chat · ${siteName(conv.siteKey)}`, body: note || summary?.firstLine || '' });
          hub.append(conversationId, {
            id: `sys:transfer:${conversationId}:${Date.now()}`,
            role: 'system',
            text: `${me.name} is passing you to ${target.name}, who will see everything you have written.`,
            createdAt: Date.now(),
          });
          hub.statusChanged(conversationId);
          hub.presenceChanged(target.id);
        }
        hub.presenceChanged(me.id);
        return {};
      },
    );

    on(
      socket,
      'conversation:release',
      ({ conversationId }) => {
        // A closed chat keeps its owner: without this check it would get a "handed back" line.
        if (mine(conversationId).status !== 'active') throw new RequestError('closed', 'this chat is closed');
        hub.handoffs.release(conversationId);
        leave(conversationId, 'handed back to the assistant');
        hub.append(conversationId, {
          id: `sys:release:${conversationId}:${Date.now()}`,
          role: 'system',
          text: `${me.name} handed you back to the assistant. Tap “Talk to a person” whenever you need someone again.`,
          createdAt: Date.now(),
        });
        hub.statusChanged(conversationId);
        hub.presenceChanged(me.id);
        return {};
      },
    );

    on(
      socket,
      'presence:set',
      ({ status }) => {
        hub.presence.choose(me.id, status);
        return {};
      },
    );

    socket.on('typing', ({ conversationId, typing }) => {
      const conv = hub.conversations.get(conversationId);
      if (conv?.assignedStaffId !== me.id) return;
      hub.visitors.to(convRoom(conv.id)).emit('typing', { conversationId: conv.id, name: me.name, typing });
    });
  });
}

/**
 * A staff member stayed offline past the grace period: their open chats go back to the queue of
 * the same team, the visitor is told, and the people who can take them are notified.
 */
export function returnChatsOf(hub: Hub, staffId: number): void {
  const name = hub.staffStore.byId(staffId)?.name ?? 'Your contact';
  for (const s of hub.handoffs.assignedTo(staffId)) {
    if (!hub.handoffs.requeue(s.conversationId, s.team.id)) continue;
    hub.staffNs.in(staffRoom(staffId)).socketsLeave(convRoom(s.conversationId));
    hub.append(s.conversationId, {
      id: `sys:returned:${s.conversationId}:${Date.now()}`,
      role: 'system',
      text: `${name} lost their connection. We are getting someone else from ${s.siteName}; they will see everything you have written.`,
      createdAt: Date.now(),
    });
    hub.statusChanged(s.conversationId);
    hub.queueAdded(s.conversationId);
  }
}
