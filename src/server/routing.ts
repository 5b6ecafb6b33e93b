/**
 * Who should take a handoff: the team whose reasons match the most urgent trigger, among staff
 * who are online, not away and below their maximum of open chats; the fallback team when that team
 * has nobody; and what the visitor is told about their place in the queue.
 */
import type { ConversationState, HandoffSummary, QueueInfo, TeamRef } from '../protocol/messages.ts';
import type { SiteConfig, TeamConfig } from './config.ts';
import { openingState } from './hours.ts';
import type { PresenceBoard } from './presence.ts';
import type { ConversationStore } from './store/conversations.ts';
import type { HandoffStore, WaitingChat } from './store/handoffs.ts';
import type { StaffRow, StaffStore } from './store/staff.ts';

/** Most urgent first: danger, then health, then the upset visitor, then money and law, then the rest. */
const URGENCY: readonly string[] = [
  'safety',
  'medical',
  'frustration',
  'sentiment_drop',
  'legal',
  'financial',
  'human_request',
  'explicit_human_request',
  'repetition',
  'unresolved',
  'complaint',
  'exception',
  'deal',
  'personal',
  'shouting',
  'repeated_punctuation',
  'profanity',
  'visitor_asked',
];

export const urgencyOf = (reason: string): number => {
  const i = URGENCY.indexOf(reason);
  return i === -1 ? URGENCY.length : i;
};

export const byUrgency = (reasons: readonly string[]): string[] => [...new Set(reasons)].sort((a, b) => urgencyOf(a) - urgencyOf(b));

/** With no teams configured, a site has one implicit team that every staff member belongs to. */
const EVERYONE = 'everyone';

export function teamsOf(site: SiteConfig): TeamConfig[] {
  return site.teams.length ? site.teams : [{ id: EVERYONE, name: site.name, reasons: [], members: [] }];
}

export function teamRef(site: SiteConfig | undefined, teamId: string | null): TeamRef {
  if (!site) return { id: teamId ?? EVERYONE, name: teamId ?? 'Team' };
  const team = teamsOf(site).find((t) => t.id === teamId) ?? fallbackTeam(site);
  return { id: team.id, name: team.name };
}

function fallbackTeam(site: SiteConfig): TeamConfig {
  const teams = teamsOf(site);
  return teams.find((t) => t.id === site.fallbackTeam) ?? teams[0]!;
}

/** Places in the queue and what each waiting visitor is told, as of one moment. */
export interface QueueView {
  /** Waiting chats, in queue order. */
  readonly waiting: readonly WaitingChat[];
  info(conversationId: string): QueueInfo | undefined;
}

export class Router {
  private places: { version: number; waiting: WaitingChat[]; places: Map<string, { chat: WaitingChat; position: number }> } | undefined;

  constructor(
    private readonly sites: Map<string, SiteConfig>,
    private readonly staff: StaffStore,
    private readonly conversations: ConversationStore,
    private readonly handoffs: HandoffStore,
    private readonly presence: PresenceBoard,
  ) {}

  /** Staff who belong to no team of any site see and take every chat: the owner of a small business. */
  private allAccess(member: StaffRow): boolean {
    const email = member.email.toLowerCase();
    return ![...this.sites.values()].some((site) => site.teams.some((t) => t.members.some((m) => m.toLowerCase() === email)));
  }

  isMember(member: StaffRow, site: SiteConfig, teamId: string): boolean {
    if (this.allAccess(member) || !site.teams.length) return true;
    const team = site.teams.find((t) => t.id === teamId);
    return !!team?.members.some((m) => m.toLowerCase() === member.email.toLowerCase());
  }

  /** May this staff member see and claim this chat? Members of its team, or of the fallback team. */
  canSee(member: StaffRow, summary: Pick<HandoffSummary, 'siteKey' | 'team'>): boolean {
    const site = this.sites.get(summary.siteKey);
    if (!site) return false;
    return this.isMember(member, site, summary.team.id) || this.isMember(member, site, fallbackTeam(site).id);
  }

  /** Online, not away, below their maximum, and in the team. */
  eligible(site: SiteConfig, teamId: string): StaffRow[] {
    return this.withRoom(site, teamId, (status) => status === 'online');
  }

  /**
   * Who should be notified of a new chat for `teamId`: team members below their maximum who have not
   * chosen "away" — including those whose console is closed (Web Push reaches their phone).
   */
  reachable(site: SiteConfig, teamId: string): StaffRow[] {
    return this.withRoom(site, teamId, (status) => status !== 'away');
  }

  /** Enabled team members below their maximum whose presence passes `present`. */
  private withRoom(site: SiteConfig, teamId: string, present: (status: ReturnType<PresenceBoard['status']>) => boolean): StaffRow[] {
    return this.staff
      .list()
      .filter(
        (m) =>
          !m.disabled &&
          present(this.presence.status(m.id)) &&
          this.handoffs.openChats(m.id) < m.maxChats &&
          this.isMember(m, site, teamId),
      );
  }

  /** The team for a set of triage reasons: the first team that takes the most urgent reason and has someone available. */
  route(site: SiteConfig, reasons: readonly string[]): { team: TeamConfig; urgency: number } {
    const ordered = byUrgency(reasons);
    const urgency = ordered.length ? urgencyOf(ordered[0]!) : URGENCY.length;
    const fallback = fallbackTeam(site);
    for (const reason of ordered) {
      const team = site.teams.find((t) => t.reasons.some((r) => r === reason));
      if (!team) continue;
      if (this.eligible(site, team.id).length > 0 || this.eligible(site, fallback.id).length === 0) return { team, urgency };
      return { team: fallback, urgency };
    }
    return { team: fallback, urgency };
  }

  /**
   * The queue as waiting visitors are told about it, worked out once for many of them: places come
   * from one light read of the queue (kept until the queue changes), and who is available from one
   * look per team, so telling every waiting visitor costs no more than a query per team.
   */
  queueView(): QueueView {
    if (this.places?.version !== this.handoffs.version) {
      const places = new Map<string, { chat: WaitingChat; position: number }>();
      const perTeam = new Map<string, number>();
      const waiting = this.handoffs.waiting();
      for (const chat of waiting) {
        const team = `${chat.siteKey}\u0000${teamRef(this.sites.get(chat.siteKey), chat.teamId).id}`;
        const position = (perTeam.get(team) ?? 0) + 1;
        perTeam.set(team, position);
        places.set(chat.conversationId, { chat, position });
      }
      this.places = { version: this.handoffs.version, waiting, places };
    }
    const { waiting, places } = this.places;
    const teams = new Map<string, Omit<QueueInfo, 'position' | 'expectedWaitMs'> & { typical: number; people: number }>();
    const teamInfo = (site: SiteConfig, team: TeamRef) => {
      const key = `${site.key}\u0000${team.id}`;
      let info = teams.get(key);
      if (!info) {
        const fallback = fallbackTeam(site);
        const people = this.eligible(site, team.id).length + (team.id === fallback.id ? 0 : this.eligible(site, fallback.id).length);
        const hours = openingState(site);
        info = {
          typical: this.handoffs.typicalClaimMs(site.key) ?? 90_000,
          people,
          teamName: team.name,
          // Staff who are online outside the posted hours are working: they can take the chat.
          available: people > 0,
          ...(people === 0 && this.anyoneSignedIn(site) ? { busy: true } : {}),
          ...(hours.opensAt ? { opensAt: hours.opensAt } : {}),
        };
        teams.set(key, info);
      }
      return info;
    };
    return {
      waiting,
      info: (conversationId) => {
        const place = places.get(conversationId);
        const site = place && this.sites.get(place.chat.siteKey);
        if (!place || !site) return undefined;
        const { typical, people, ...info } = teamInfo(site, teamRef(site, place.chat.teamId));
        return { position: place.position, expectedWaitMs: Math.round((typical * place.position) / Math.max(1, people)), ...info };
      },
    };
  }

  /** What the visitor is told while waiting. */
  queueInfo(conversationId: string, view: QueueView = this.queueView()): QueueInfo | undefined {
    return view.info(conversationId);
  }

  /** The conversation's state, with the visitor's place in the queue while waiting. */
  stateOf(conversationId: string, view?: QueueView): ConversationState | undefined {
    const state = this.conversations.state(conversationId);
    if (!state) return undefined;
    const info = state.status === 'queued' ? this.queueInfo(conversationId, view) : undefined;
    return info ? { ...state, queue: info } : state;
  }

  /** Someone who could see this site's chats has a console open (but may be away or at their limit). */
  private anyoneSignedIn(site: SiteConfig): boolean {
    return this.staff
      .list()
      .some((m) => !m.disabled && this.presence.status(m.id) !== 'offline' && teamsOf(site).some((t) => this.isMember(m, site, t.id)));
  }

  /** Staff who should hear about a new or changed chat (a notification, a queue row). */
  audience(summary: HandoffSummary): StaffRow[] {
    return this.staff.list().filter((m) => !m.disabled && this.canSee(m, summary));
  }
}
