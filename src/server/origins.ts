/** Where a request came from and where it was addressed, for the per-site origin checks. */
import type { IncomingMessage } from 'node:http';

/** The origin a request was addressed to, for sites that allow `"self"`. */
export function selfOrigin(req: IncomingMessage): string {
  const proto =
    (req.headers['x-forwarded-proto'] as string | undefined)?.split(',')[0]?.trim() ||
    ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  return `${proto}://${req.headers.host ?? ''}`;
}

/**
 * Same-origin GET requests carry no Origin header, and a browser on another site always sends one,
 * so a missing Origin is treated as the server's own.
 */
export function requestOrigin(req: IncomingMessage): string {
  return (req.headers.origin as string | undefined) ?? selfOrigin(req);
}
