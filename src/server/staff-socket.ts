/** The staff namespace: session-cookie auth, the live queue, claims, replies and closing. */
import type { Socket } from 'socket.io';
import type { StaffClientEvents, StaffServerEvents } from '../protocol/events.ts';
import { LIMITS } from '../protocol/limits.ts';
import type { ConversationDetail } from '../protocol/messages.ts';
import { StaffConversationRef, StaffOpen, StaffSend, StaffTyping } from '../protocol/schemas.ts';
import { z } from 'zod';
import { readSessionCookie } from './auth.ts';
import { ALL_STAFF, convRoom, staffRoom, type Hub, type StaffSocketData } from './hub.ts';
import type { StaffStore } from './store.ts';
import { handler, rateLimiter, RequestError } from './validate.ts';
import { requestOrigin, selfOrigin } from './visitor-socket.ts';

type StaffSocket = Socket<StaffClientEvents, StaffServerEvents, Record<string, never>, StaffSocketData>;

/** How often live staff sockets are re-checked against their session, for accounts disabled by the CLI and expired sessions. */
export const SESSION_CHECK_MS = 5_000;

/**
 * Disconnects every live staff socket whose session has ended (logout, account disabled, expiry),
 * so a silent console stops receiving chats too, not only one that sends something.
 */
export function disconnectEndedSessions(hub: Hub, staffStore: StaffStore): void {
  for (const socket of hub.staff.sockets.values()) {
    if (!staffStore.sessionStaff(socket.data.sessionToken)) socket.disconnect(true);
  }
}

export function attachStaffNamespace(hub: Hub, staffStore: StaffStore): void {
  const ns = hub.staff;

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
    void socket.join([ALL_STAFF, staffRoom(me.id), ...hub.conversations.assignedTo(me.id).map((s) => convRoom(s.conversationId))]);
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
    socket.on('error', (err) => console.warn('[baton] staff socket error', err.message));

    const detail = (conversationId: string, afterSeq = 0): ConversationDetail => {
      const summary = hub.conversations.summary(conversationId);
      if (!summary) throw new RequestError('not_found', 'no such handoff');
      return { summary, messages: hub.conversations.messagesAfter(conversationId, afterSeq) };
    };
    const mine = (conversationId: string) => {
      const conv = hub.conversations.get(conversationId);
      if (!conv) throw new RequestError('not_found', 'no such conversation');
      if (conv.assignedStaffId !== me.id) throw new RequestError('unauthorised', 'this chat is not assigned to you');
      return conv;
    };

    socket.on(
      'queue:list',
      handler(z.object({}), () => ({ queue: hub.conversations.queue(), mine: hub.conversations.assignedTo(me.id) })),
    );

    socket.on(
      'conversation:claim',
      handler(StaffConversationRef, ({ conversationId }) => {
        if (!hub.conversations.claim(conversationId, me.id)) {
          const current = hub.conversations.summary(conversationId);
          if (!current) throw new RequestError('not_found', 'no such handoff');
          if (current.assignedTo?.id === me.id) return { detail: detail(conversationId) };
          throw new RequestError('conflict', current.assignedTo ? `${current.assignedTo.name} already took this chat` : `this chat is ${current.status}`);
        }
        ns.in(staffRoom(me.id)).socketsJoin(convRoom(conversationId));
        const site = hub.conversations.summary(conversationId)?.siteName ?? '';
        hub.append(conversationId, { id: `sys:join:${conversationId}:${me.id}:${Date.now()}`, role: 'system', text: `${me.name} from ${site} joined the chat.`, createdAt: Date.now() });
        hub.statusChanged(conversationId);
        ns.to(ALL_STAFF).emit('queue:removed', { conversationId, claimedBy: { id: me.id, name: me.name } });
        return { detail: detail(conversationId) };
      }),
    );

    socket.on(
      'conversation:open',
      handler(StaffOpen, ({ conversationId, afterSeq }) => {
        const conv = hub.conversations.get(conversationId);
        // Queued chats may be previewed before claiming; active ones only by their owner.
        if (!conv || (conv.status !== 'queued' && conv.assignedStaffId !== me.id)) throw new RequestError('unauthorised', 'this chat is not assigned to you');
        return { detail: detail(conversationId, afterSeq) };
      }),
    );

    socket.on(
      'message:send',
      handler(StaffSend, ({ conversationId, message }) => {
        const conv = mine(conversationId);
        if (conv.status !== 'active') throw new RequestError('closed', 'this chat is closed');
        return hub.append(conversationId, { id: message.id, role: 'staff', text: message.text, authorName: me.name, createdAt: message.createdAt });
      }),
    );

    socket.on(
      'conversation:close',
      handler(StaffConversationRef, ({ conversationId }) => {
        mine(conversationId);
        if (hub.conversations.close(conversationId)) {
          hub.append(conversationId, { id: `sys:close:${conversationId}`, role: 'system', text: `${me.name} closed the chat.`, createdAt: Date.now() });
          hub.statusChanged(conversationId);
        }
        return {};
      }),
    );

    socket.on('typing', (p: unknown) => {
      const parsed = StaffTyping.safeParse(p);
      if (!parsed.success) return;
      const conv = hub.conversations.get(parsed.data.conversationId);
      if (conv?.assignedStaffId !== me.id) return;
      hub.visitors.to(convRoom(conv.id)).emit('typing', { conversationId: conv.id, name: me.name, typing: parsed.data.typing });
    });
  });
}
