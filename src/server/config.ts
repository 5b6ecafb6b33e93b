/**
 * Sites configuration: one JSON file describing every site that may embed the widget.
 * The server refuses to start on an invalid file and names the field that is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Knowledge } from '../assistant/knowledge.ts';
import { ConversationSignal, Label, RuleSignal } from '../triage/labels.ts';
import { sitePolicySchema } from '../triage/policy.ts';

/** `"self"` in allowedOrigins means "whatever origin this server is reached at", for the demo. */
export const SELF_ORIGIN = 'self';

const origin = z.union([
  z.literal(SELF_ORIGIN),
  z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an exact origin like "https://www.example.com" (scheme, host, optional port; no path)'),
]);

export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like "07:30"');

/** What a team takes: model labels, triage signals, or `visitor_asked` (the visitor pressed "Talk to a person"). */
export const RoutableReason = { ...Label, ...RuleSignal, ...ConversationSignal, visitor_asked: 'visitor_asked' } as const;
export type RoutableReason = (typeof RoutableReason)[keyof typeof RoutableReason];

const Team = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lowercase letters, digits or dashes'),
  name: z.string().trim().min(1).max(60),
  reasons: z.array(z.enum(RoutableReason)).default([]),
  /** Staff emails. */
  members: z.array(z.email('must be an email address')).default([]),
});

const agent = z.object({
  url: z
    .url('must be a URL')
    .refine(
      (u) => u.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(u),
      'must use https (http only for localhost)',
    ),
  timeoutMs: z.number().int().min(500).max(20_000).default(4000),
});

export const SiteConfig = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be 3-63 lowercase letters, digits or dashes'),
    name: z.string().trim().min(1).max(100),
    allowedOrigins: z.array(origin).min(1, 'must list at least one origin'),
    greeting: z.string().trim().min(1).max(500),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone like "America/Los_Angeles"')
      .default('UTC'),
    /** Opening hours per weekday in the site's time zone; a missing day is closed. No hours at all: always open. */
    hours: z.partialRecord(z.enum(DAYS), z.tuple([time, time])).optional(),
    teams: z.array(Team).default([]),
    fallbackTeam: z.string().optional(),
    knowledge: Knowledge.default({ facts: {}, faq: [] }),
    policy: sitePolicySchema().default(sitePolicySchema().parse({})),
    agent: agent.optional(),
    /** Signs verified visitors (see identity.ts): a long random string the site's own server shares with Baton. */
    identitySecret: z.string().min(32, 'must be at least 32 characters (a long random string)').optional(),
    savedReplies: z
      .array(z.object({ title: z.string().trim().min(1).max(60), text: z.string().trim().min(1).max(2000) }))
      .max(100)
      .default([]),
  })
  .superRefine((site, ctx) => {
    const ids = site.teams.map((t) => t.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['teams', i, 'id'], message: `duplicate team id "${id}"` });
    });
    if (site.fallbackTeam !== undefined && !ids.includes(site.fallbackTeam)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fallbackTeam'],
        message: `must be the id of one of the teams (${ids.join(', ') || 'none defined'})`,
      });
    }
    if (site.teams.length > 0 && site.fallbackTeam === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fallbackTeam'], message: 'is required when teams are defined: chats no team takes go there' });
    }
  });

export const SitesFile = z.object({ sites: z.array(SiteConfig).min(1, 'must describe at least one site') }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.sites.forEach((site, i) => {
    if (seen.has(site.key)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'key'], message: `duplicate site key "${site.key}"` });
    seen.add(site.key);
  });
});

export type SiteConfig = z.infer<typeof SiteConfig>;
export type TeamConfig = z.infer<typeof Team>;
export type SitesFile = z.infer<typeof SitesFile>;

export class ConfigError extends Error {}

export function parseSites(raw: unknown, source: string): Map<string, SiteConfig> {
  const result = SitesFile.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid sites configuration in ${source}:\n${lines.join('\n')}`);
  }
  return new Map(result.data.sites.map((s) => [s.key, s]));
}

export function loadSites(path: string): Map<string, SiteConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read sites configuration ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Sites configuration ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseSites(raw, path);
}

/**
 * Exact-origin check (never suffix matching). `selfOrigin` is the origin the request itself was
 * addressed to, derived from its Host header, so the demo works on localhost, 127.0.0.1 and any port.
 */
export function originAllowed(site: SiteConfig, origin: string | undefined, selfOrigin: string): boolean {
  if (!origin) return false;
  return site.allowedOrigins.some((allowed) => (allowed === SELF_ORIGIN ? origin === selfOrigin : origin === allowed));
}
