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
import type { HandoffStore } from './store/handoffs.ts';
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

export class Router {
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
    return this.staff
      .list()
      .filter(
        (m) =>
          !m.disabled &&
          this.presence.status(m.id) === 'online' &&
          this.handoffs.openChats(m.id) < m.maxChats &&
          this.isMember(m, site, teamId),
      );
  }

  /**
   * Who should be notified of a new chat for `teamId`: team members below their maximum who have not
   * chosen "away" — including those whose console is closed (Web Push reaches their phone).
   */
  reachable(site: SiteConfig, teamId: string): StaffRow[] {
    return this.staff
      .list()
      .filter(
        (m) =>
          !m.disabled &&
          this.presence.status(m.id) !== 'away' &&
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
   * What the visitor is told while waiting. `queue` may be passed in when many waiting visitors are
   * told at once, so it is read once.
   */
  queueInfo(conversationId: string, queue: readonly HandoffSummary[] = this.handoffs.queue()): QueueInfo | undefined {
    const summary = queue.find((s) => s.conversationId === conversationId) ?? this.handoffs.summary(conversationId);
    const site = summary && this.sites.get(summary.siteKey);
    if (!summary || !site || summary.status !== 'queued') return undefined;
    const sameTeam = queue.filter((s) => s.siteKey === summary.siteKey && s.team.id === summary.team.id);
    const position = sameTeam.findIndex((s) => s.conversationId === conversationId) + 1;
    const people =
      this.eligible(site, summary.team.id).length +
      (summary.team.id === fallbackTeam(site).id ? 0 : this.eligible(site, fallbackTeam(site).id).length);
    const hours = openingState(site);
    const typical = this.handoffs.typicalClaimMs(site.key) ?? 90_000;
    return {
      position,
      expectedWaitMs: Math.round((typical * position) / Math.max(1, people)),
      teamName: summary.team.name,
      // Staff who are online outside the posted hours are working: they can take the chat.
      available: people > 0,
      ...(people === 0 && this.anyoneSignedIn(site) ? { busy: true } : {}),
      ...(hours.opensAt ? { opensAt: hours.opensAt } : {}),
    };
  }

  /** The conversation's state, with the visitor's place in the queue while waiting. */
  stateOf(conversationId: string, queue?: readonly HandoffSummary[]): ConversationState | undefined {
    const state = this.conversations.state(conversationId);
    if (!state) return undefined;
    const info = this.queueInfo(conversationId, queue);
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
