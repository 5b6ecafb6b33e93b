/**
 * Sites configuration: one JSON file describing every site that may embed the widget.
 * The server refuses to start on an invalid file and names the field that is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** `"self"` in allowedOrigins means "whatever origin this server is reached at", for the demo. */
export const SELF_ORIGIN = 'self';

const origin = z.union([
  z.literal(SELF_ORIGIN),
  z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'must be an exact origin like "https://www.example.com" (scheme, host, optional port; no path)'),
]);

export const SiteConfig = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be 3-63 lowercase letters, digits or dashes'),
  name: z.string().trim().min(1).max(100),
  allowedOrigins: z.array(origin).min(1, 'must list at least one origin'),
  greeting: z.string().trim().min(1).max(500),
});

export const SitesFile = z
  .object({ sites: z.array(SiteConfig).min(1, 'must describe at least one site') })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sites.forEach((site, i) => {
      if (seen.has(site.key)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'key'], message: `duplicate site key "${site.key}"` });
      seen.add(site.key);
    });
  });

export type SiteConfig = z.infer<typeof SiteConfig>;
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
