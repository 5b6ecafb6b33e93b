import type { PageContext } from '../../protocol/schemas.ts';

/** What staff are told about where the visitor is; read at the moment of the handoff. */
export function pageContext(): PageContext {
  return {
    url: location.href.slice(0, 2000),
    title: document.title.slice(0, 300),
    referrer: document.referrer.slice(0, 2000),
    language: navigator.language.slice(0, 35),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone.slice(0, 64),
    device: {
      userAgent: navigator.userAgent.slice(0, 500),
      viewport: `${innerWidth}x${innerHeight}`,
      touch: matchMedia('(pointer: coarse)').matches,
    },
    timeOnPageMs: Math.round(performance.now()),
  };
}
