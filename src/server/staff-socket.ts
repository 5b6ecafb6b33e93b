/** The staff namespace: session-cookie auth, the live queue, and the chat operations the console sends. */
import type { ConversationDetail, HandoffSummary } from '../protocol/messages.ts';
import { signedIn } from './auth.ts';
import type { SiteConfig } from './config.ts';
import type { HandoffService } from './handoff-service.ts';
import type { Limits, QuietLog } from './limits.ts';
import { ALL_STAFF, convRoom, staffRoom, type Hub } from './hub.ts';
import { requestOrigin, selfOrigin } from './origins.ts';
import type { PresenceBoard } from './presence.ts';
import { teamsOf, type Router } from './routing.ts';
import { on, STAFF_PAYLOADS, validatePayloads, type StaffNamespace, type StaffSocket } from './socket-events.ts';
import type { ConversationStore } from './store/conversations.ts';
import type { HandoffStore } from './store/handoffs.ts';
import type { StaffStore } from './store/staff.ts';
import { limitRate, RequestError } from './validate.ts';

/** How often live staff sockets are re-checked against their session, for accounts disabled by the CLI and expired sessions. */
export const SESSION_CHECK_MS = 5_000;

/**
 * Disconnects every live staff socket whose session has ended (logout, account disabled, expiry),
 * so a silent console stops receiving chats too, not only one that sends something.
 */
export function disconnectEndedSessions(ns: StaffNamespace, staffStore: StaffStore): void {
  for (const socket of ns.sockets.values()) {
    if (!staffStore.sessionStaff(socket.data.sessionToken)) socket.disconnect(true);
  }
}

export interface StaffNamespaceDeps {
  sites: ReadonlyMap<string, SiteConfig>;
  staffStore: StaffStore;
  conversations: ConversationStore;
  handoffStore: HandoffStore;
  router: Router;
  presence: PresenceBoard;
  hub: Hub;
  handoffs: HandoffService;
  limits: Limits;
  log: QuietLog;
}

export function attachStaffNamespace(
  ns: StaffNamespace,
  { sites, staffStore, conversations, handoffStore, router, presence, hub, handoffs, limits, log }: StaffNamespaceDeps,
): void {
  ns.use((socket, next) => {
    // The console is served by this server only; a staff socket from another origin is refused
    // even with a valid cookie (cross-site WebSocket hijacking).
    if (requestOrigin(socket.request) !== selfOrigin(socket.request))
      return next(new Error('staff connections are only accepted from the staff console'));
    const session = signedIn(staffStore, socket.request.headers.cookie);
    if (!session) return next(new Error('not signed in'));
    const { member, token } = session;
    socket.data.staff = { id: member.id, email: member.email, name: member.name };
    socket.data.sessionToken = token;
    next();
  });

  ns.on('connection', (socket: StaffSocket) => {
    const me = socket.data.staff;
    const member = () => staffStore.byId(me.id)!;
    void socket.join([ALL_STAFF, staffRoom(me.id), ...handoffStore.assignedTo(me.id).map((s) => convRoom(s.conversationId))]);
    presence.connected(me.id, socket.id);
    socket.on('disconnect', () => presence.disconnected(me.id, socket.id));
    socket.use((_packet, next) => {
      // A session revoked (logout, account disabled) ends live access too, not just new connections.
      if (staffStore.sessionStaff(socket.data.sessionToken)) next();
      else socket.disconnect(true);
    });
    socket.use(limitRate(limits.socketEvents, 'too many requests; wait a few seconds'));
    socket.use(
      validatePayloads(STAFF_PAYLOADS, (event, reason) =>
        log.say(`invalid staff ${me.id} ${event}`, `[baton] refused ${event} from staff member ${me.id}: ${reason}`),
      ),
    );
    socket.on('error', (err) => console.warn('[baton] staff socket error', err.message));

    const visible = (summary: HandoffSummary | undefined): summary is HandoffSummary => !!summary && router.canSee(member(), summary);
    const detail = (conversationId: string, afterSeq = 0): ConversationDetail => {
      const summary = handoffStore.summary(conversationId);
      if (!summary) throw new RequestError('not_found', 'no such handoff');
      const packet = handoffStore.packet(conversationId);
      return {
        summary,
        messages: conversations.messagesAfter(conversationId, afterSeq),
        notes: conversations.notes(conversationId),
        ...(packet ? { packet } : {}),
      };
    };

    on(socket, 'queue:list', () => ({
      queue: handoffStore.queue().filter(visible),
      mine: handoffStore.assignedTo(me.id),
      me: { presence: presence.status(me.id), maxChats: member().maxChats },
      teams: [...sites.values()].flatMap((site) =>
        teamsOf(site).map((t) => ({ id: t.id, name: `${t.name}${sites.size > 1 ? ` · ${site.name}` : ''}` })),
      ),
      directory: staffStore
        .list()
        .filter((m) => !m.disabled)
        .map((m) => hub.directoryEntry(m.id)!),
      savedReplies: [...sites.values()].flatMap((site) => site.savedReplies.map((r) => ({ siteKey: site.key, ...r }))),
    }));

    on(socket, 'conversation:claim', ({ conversationId }) => {
      handoffs.claim(me, conversationId);
      return { detail: detail(conversationId) };
    });

    on(socket, 'conversation:open', ({ conversationId, afterSeq }) => {
      const conv = conversations.get(conversationId);
      // Queued chats may be previewed by whoever may take them; active ones only by their owner.
      const previewable = conv?.status === 'queued' && visible(handoffStore.summary(conversationId));
      if (!conv || (!previewable && conv.assignedStaffId !== me.id))
        throw new RequestError('unauthorised', 'this chat is not assigned to you');
      return { detail: detail(conversationId, afterSeq) };
    });

    on(socket, 'message:send', ({ conversationId, message }) => handoffs.reply(me, conversationId, message));

    on(socket, 'conversation:close', ({ conversationId, hadContext }) => {
      handoffs.close(me, conversationId, hadContext);
      return {};
    });

    on(socket, 'conversation:transfer', ({ conversationId, to, note }) => {
      handoffs.transfer(me, conversationId, { to, note });
      return {};
    });

    on(socket, 'conversation:release', ({ conversationId }) => {
      handoffs.release(me, conversationId);
      return {};
    });

    on(socket, 'presence:set', ({ status }) => {
      presence.choose(me.id, status);
      return {};
    });

    socket.on('typing', ({ conversationId, typing }) => {
      if (conversations.get(conversationId)?.assignedStaffId === me.id) hub.staffTyping(conversationId, me.name, typing);
    });
  });
}
