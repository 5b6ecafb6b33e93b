/**
 * The visit across pages of one site, for the handoff packet: pages seen and time on site. Kept in
 * sessionStorage (this tab's visit); where storage is blocked, only the current page is known.
 */
const MAX_PAGES = 20;

interface Visit {
  startedAt: number;
  pages: string[];
}

export function recordVisit(siteKey: string): Visit {
  const key = `baton:visit:${siteKey}`;
  const here = location.href.slice(0, 2000);
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Visit | null;
    const visit: Visit = stored ?? { startedAt: Date.now() - Math.round(performance.now()), pages: [] };
    if (visit.pages.at(-1) !== here) visit.pages = [...visit.pages, here].slice(-MAX_PAGES);
    sessionStorage.setItem(key, JSON.stringify(visit));
    return visit;
  } catch {
    return { startedAt: Date.now() - Math.round(performance.now()), pages: [here] };
  }
}
