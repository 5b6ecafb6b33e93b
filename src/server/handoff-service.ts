/**
 * The hand-off as a domain: a visitor asks for a person (or policy or an accepted offer does), the
 * chat is routed and queued, a staff member claims it, replies, passes it to a team or a person,
 * hands it back to the assistant or closes it, and the visitor rates it; chats of staff who stay
 * away go back to the queue. Each operation checks its rules (throwing a {@link RequestError} that
 * changes nothing), stores the change, writes the line the visitor reads and tells everyone
 * concerned through the hub. Socket handlers only translate to and from these calls.
 */
import type { StaffMember } from '../protocol/events.ts';
import type { Contact, HandoffPacket, HandoffReason, MessageInput, PageContext, StaffTransfer } from '../protocol/schemas.ts';
import type { QueueInfo } from '../protocol/messages.ts';
import type { SiteConfig } from './config.ts';
import { openingState } from './hours.ts';
import type { Hub } from './hub.ts';
import { byUrgency, teamsOf, type Router } from './routing.ts';
import type { ConversationRow, ConversationStore } from './store/conversations.ts';
import type { HandoffStore } from './store/handoffs.ts';
import type { StaffStore } from './store/staff.ts';
import type { Appended, Transcript } from './transcript.ts';
import { RequestError } from './validate.ts';

export interface HandoffRequest {
  id: string;
  reason: HandoffReason;
  context: PageContext;
  transcript: MessageInput[];
  packet?: HandoffPacket | undefined;
}

/** What one client (site and address) may still do now; each call spends what it allows. */
export interface ClientAllowance {
  /** How many of `n` new messages may be stored. */
  messages(n: number): number;
  /** Why this client may not queue another chat now, if so. */
  refuseHandoff(): string | undefined;
}

export interface HandoffServiceDeps {
  conversations: ConversationStore;
  handoffs: HandoffStore;
  staff: StaffStore;
  sites: ReadonlyMap<string, SiteConfig>;
  router: Router;
  hub: Hub;
  transcript: Transcript;
}

/** The triage reasons behind a handoff, most urgent first; a visitor's own request counts too. */
function handoffReasons(reason: HandoffReason, packet: HandoffPacket | undefined): string[] {
  const fromTriage = packet?.why.reasons.filter((r) => r.kind !== 'visitor').map((r) => r.name) ?? [];
  return byUrgency(reason === 'visitor_asked' ? [...fromTriage, 'visitor_asked'] : fromTriage);
}

/** The honest line the visitor reads once a handoff starts. */
function handoffLine(site: SiteConfig, teamName: string, queue: QueueInfo | undefined): string {
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

export class HandoffService {
  private readonly conversations: ConversationStore;
  private readonly handoffs: HandoffStore;
  private readonly staff: StaffStore;
  private readonly sites: ReadonlyMap<string, SiteConfig>;
  private readonly router: Router;
  private readonly hub: Hub;
  private readonly transcript: Transcript;

  constructor(deps: HandoffServiceDeps) {
    ({
      conversations: this.conversations,
      handoffs: this.handoffs,
      staff: this.staff,
      sites: this.sites,
      router: this.router,
      hub: this.hub,
      transcript: this.transcript,
    } = deps);
  }

  /**
   * Queues the chat for the team that takes its most urgent reason. The request carries the
   * transcript: what the server has not stored yet is stored first, in the visitor's order, so staff
   * never see a gap at the handoff boundary, and only as much as the client's message allowance
   * lets through (the newest first). A chat already waiting or taken is answered as it is, with
   * nothing stored: a repeated request is cheap whatever it carries.
   */
  request(
    site: SiteConfig,
    conv: ConversationRow,
    request: HandoffRequest,
    allowance: ClientAllowance,
  ): { staffOnline: number; position: number } {
    if (conv.status === 'closed') throw new RequestError('closed', 'this conversation was closed; start a new one');
    if (conv.status === 'queued' || conv.status === 'active') return this.answer(site, conv.id);
    const refusal = allowance.refuseHandoff();
    if (refusal) throw new RequestError('rate_limited', refusal);
    const known = this.conversations.messageIds(conv.id);
    const missing = request.transcript.filter((m) => !known.has(m.id));
    const allowed = allowance.messages(missing.length);
    this.transcript.fromDevice(conv, missing.slice(missing.length - allowed));
    const reasons = handoffReasons(request.reason, request.packet);
    const { team, urgency } = this.router.route(site, reasons);
    const { created } = this.handoffs.request({
      id: request.id,
      conversationId: conv.id,
      reason: request.reason,
      context: request.context,
      requestedAt: Date.now(),
      ...(request.packet ? { packet: request.packet } : {}),
      reasons,
      urgency,
      teamId: team.id,
    });
    if (created) {
      this.transcript.system(conv.id, `sys:handoff:${request.id}`, handoffLine(site, team.name, this.router.queueInfo(conv.id)));
      this.hub.queueAdded(conv.id);
      this.hub.statusChanged(conv.id);
    }
    return this.answer(site, conv.id);
  }

  /** What a hand-off request is answered with: how many could come, and the place in the queue. */
  private answer(site: SiteConfig, conversationId: string): { staffOnline: number; position: number } {
    const queue = this.router.queueInfo(conversationId);
    const teamId = this.conversations.get(conversationId)?.teamId;
    return { staffOnline: queue?.available && teamId ? this.router.eligible(site, teamId).length || 1 : 0, position: queue?.position ?? 0 };
  }

  /** Nobody could come: the visitor leaves a way to reach them, which staff see with the queued chat. */
  leaveContact(site: SiteConfig, conversationId: string, contact: { id: string; contact: Contact; message: string }): void {
    this.conversations.leaveContact(contact.id, conversationId, contact.contact, contact.message);
    const how = [contact.contact.email, contact.contact.phone].filter(Boolean).join(' or ');
    this.transcript.system(
      conversationId,
      `sys:contact:${contact.id}`,
      `Thanks. ${site.name} will get back to you at ${how}.${contact.message ? ' Your message: ' + contact.message : ''}`,
    );
    this.hub.queueUpdated(conversationId);
  }

  /** The chat, if it is assigned to this staff member. */
  owned(staffId: number, conversationId: string): ConversationRow {
    const conv = this.conversations.get(conversationId);
    if (!conv) throw new RequestError('not_found', 'no such conversation');
    if (conv.assignedStaffId !== staffId) throw new RequestError('unauthorised', 'this chat is not assigned to you');
    return conv;
  }

  /** Takes a waiting chat: exactly one of several staff taking it at once wins. Taking one's own chat again is fine. */
  claim(me: StaffMember, conversationId: string): void {
    const current = this.handoffs.summary(conversationId);
    if (!current) throw new RequestError('not_found', 'no such handoff');
    if (current.assignedTo?.id === me.id) return;
    const member = this.staff.byId(me.id)!;
    if (!this.router.canSee(member, current)) throw new RequestError('unauthorised', `this chat is for ${current.team.name}`);
    const open = this.handoffs.openChats(me.id);
    if (open >= member.maxChats)
      throw new RequestError('conflict', `you already have ${open} open chat${open === 1 ? '' : 's'}, your maximum; close one first`);
    if (!this.handoffs.claim(conversationId, me.id)) {
      const now = this.handoffs.summary(conversationId);
      throw new RequestError(
        'conflict',
        now?.assignedTo ? `${now.assignedTo.name} already took this chat` : `this chat is ${now?.status ?? 'gone'}`,
      );
    }
    this.hub.follow(me.id, conversationId);
    this.transcript.system(
      conversationId,
      `sys:join:${conversationId}:${me.id}:${Date.now()}`,
      `${me.name} from ${current.siteName} joined the chat.`,
    );
    this.hub.statusChanged(conversationId);
    this.hub.queueRemoved(conversationId, { id: me.id, name: me.name });
    this.hub.presenceChanged(me.id);
  }

  /** A staff member's reply, in a chat that is theirs and still open. */
  reply(me: StaffMember, conversationId: string, message: { id: string; text: string; createdAt: number }): Appended {
    if (this.owned(me.id, conversationId).status !== 'active') throw new RequestError('closed', 'this chat is closed');
    return this.transcript.append(conversationId, {
      id: message.id,
      role: 'staff',
      text: message.text,
      authorName: me.name,
      createdAt: message.createdAt,
    });
  }

  close(me: StaffMember, conversationId: string, hadContext: boolean | undefined): void {
    this.owned(me.id, conversationId);
    if (!this.handoffs.close(conversationId, hadContext)) return;
    this.transcript.system(conversationId, `sys:close:${conversationId}`, `${me.name} closed the chat.`);
    this.hub.statusChanged(conversationId);
    this.hub.presenceChanged(me.id);
  }

  /** To another team (back to the queue) or straight to a person, with a note for staff only. */
  transfer(me: StaffMember, conversationId: string, { to, note }: Pick<StaffTransfer, 'to' | 'note'>): void {
    const conv = this.owned(me.id, conversationId);
    const site = this.sites.get(conv.siteKey)!;
    if (conv.status !== 'active') throw new RequestError('closed', 'this chat is closed');
    if ('teamId' in to) {
      const team = teamsOf(site).find((t) => t.id === to.teamId);
      if (!team) throw new RequestError('not_found', `no team "${to.teamId}" for ${site.name}`);
      if (note) this.conversations.addNote(conversationId, me.name, `Transfer to ${team.name}: ${note}`);
      this.handoffs.requeue(conversationId, team.id);
      this.hub.unassigned(me.id, conversationId, `transferred to ${team.name}`);
      this.transcript.system(
        conversationId,
        `sys:transfer:${conversationId}:${Date.now()}`,
        `${me.name} is passing you to ${team.name}. They will see everything you have written.`,
      );
      this.hub.statusChanged(conversationId);
      this.hub.queueAdded(conversationId);
    } else {
      const target = this.staff.byId(to.staffId);
      if (!target || target.disabled) throw new RequestError('not_found', 'no such staff member');
      if (target.id === me.id) throw new RequestError('invalid', 'this chat is already yours');
      if (this.handoffs.openChats(target.id) >= target.maxChats)
        throw new RequestError('conflict', `${target.name} is at their maximum of ${target.maxChats} chats`);
      if (note) this.conversations.addNote(conversationId, me.name, `Transfer to ${target.name}: ${note}`);
      this.handoffs.assign(conversationId, target.id);
      this.hub.unassigned(me.id, conversationId, `transferred to ${target.name}`);
      this.hub.passedTo(target.id, conversationId, { from: me.name, site: site.name, note });
      this.transcript.system(
        conversationId,
        `sys:transfer:${conversationId}:${Date.now()}`,
        `${me.name} is passing you to ${target.name}, who will see everything you have written.`,
      );
      this.hub.statusChanged(conversationId);
      this.hub.presenceChanged(target.id);
    }
    this.hub.presenceChanged(me.id);
  }

  /** Back to the assistant; the visitor can ask for a person again at any time. */
  release(me: StaffMember, conversationId: string): void {
    // A closed chat keeps its owner: without this check it would get a "handed back" line.
    if (this.owned(me.id, conversationId).status !== 'active') throw new RequestError('closed', 'this chat is closed');
    this.handoffs.release(conversationId);
    this.hub.unassigned(me.id, conversationId, 'handed back to the assistant');
    this.transcript.system(
      conversationId,
      `sys:release:${conversationId}:${Date.now()}`,
      `${me.name} handed you back to the assistant. Tap “Talk to a person” whenever you need someone again.`,
    );
    this.hub.statusChanged(conversationId);
    this.hub.presenceChanged(me.id);
  }

  /** The visitor's rating of a closed chat, once. */
  rate(conv: ConversationRow, rating: number, comment: string | undefined): void {
    if (conv.status !== 'closed') throw new RequestError('invalid', 'a chat can be rated once it is closed');
    if (!this.conversations.rate(conv.id, rating, comment)) throw new RequestError('conflict', 'this chat was already rated');
    this.hub.statusChanged(conv.id);
  }

  /**
   * A staff member stayed offline past the grace period: their open chats go back to the queue of
   * the same team, the visitor is told, and the people who can take them are notified.
   */
  returnChats(staffId: number): void {
    const name = this.staff.byId(staffId)?.name ?? 'Your contact';
    for (const s of this.handoffs.assignedTo(staffId)) {
      if (!this.handoffs.requeue(s.conversationId, s.team.id)) continue;
      this.hub.unfollow(staffId, s.conversationId);
      this.transcript.system(
        s.conversationId,
        `sys:returned:${s.conversationId}:${Date.now()}`,
        `${name} lost their connection. We are getting someone else from ${s.siteName}; they will see everything you have written.`,
      );
      this.hub.statusChanged(s.conversationId);
      this.hub.queueAdded(s.conversationId);
    }
  }
}
