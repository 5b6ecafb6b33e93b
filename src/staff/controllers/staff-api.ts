/**
 * The staff console's HTTP calls (the session cookie is HttpOnly, so sign-in, "who am I" and the
 * Insights figures go over `fetch`; everything live goes over the socket). Every reply is checked
 * before it is used: a body the console does not understand is an error, not a value of the
 * wrong shape.
 */
import type { StaffMember } from '../../protocol/events.ts';
import type { Insights } from '../../protocol/insights.ts';

export const UNREACHABLE_ERROR = 'Cannot reach Baton. Check your connection and try again.';
export const SESSION_ENDED = 'Your session has ended. Sign in again.';

/** What `GET /api/staff/me` said. */
export type MeResult =
  | { status: 'signedIn'; me: StaffMember }
  | { status: 'signedOut' }
  /** The server answered, but not with a member (a server error). */
  | { status: 'error'; httpStatus: number }
  /** No answer: offline, or the server is down. */
  | { status: 'unreachable' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function parseMember(body: unknown): StaffMember | undefined {
  if (!isRecord(body)) return undefined;
  const { id, name, email } = body;
  return typeof id === 'number' && typeof name === 'string' && name && typeof email === 'string' && email ? { id, name, email } : undefined;
}

function isInsights(body: unknown): body is Insights {
  return isRecord(body) && Array.isArray(body['days']) && Array.isArray(body['reasons']) && isRecord(body['totals']);
}

const errorOf = (body: unknown): string | undefined => (isRecord(body) && typeof body['error'] === 'string' ? body['error'] : undefined);

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export class StaffApi {
  constructor(private readonly baseUrl: string) {}

  private get(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}/api/staff${path}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  }

  private send(method: 'POST' | 'DELETE', path: string, body?: object): Promise<Response> {
    return fetch(`${this.baseUrl}/api/staff${path}`, {
      method,
      credentials: 'same-origin',
      ...(body ? { headers: JSON_HEADERS, body: JSON.stringify(body) } : {}),
    });
  }

  /** Who is signed in: only the server can tell, from the cookie. */
  async me(): Promise<MeResult> {
    try {
      const res = await this.get('/me');
      if (res.status === 401) return { status: 'signedOut' };
      const me = res.ok ? parseMember(await res.json()) : undefined;
      return me ? { status: 'signedIn', me } : { status: 'error', httpStatus: res.status };
    } catch {
      return { status: 'unreachable' };
    }
  }

  async login(email: string, password: string): Promise<{ ok: true; me: StaffMember } | { ok: false; error: string }> {
    try {
      const res = await this.send('POST', '/login', { email, password });
      const body: unknown = await res.json().catch(() => ({}));
      const me = res.ok ? parseMember(body) : undefined;
      return me ? { ok: true, me } : { ok: false, error: errorOf(body) ?? `Sign-in failed (${res.status}). Try again.` };
    } catch {
      return { ok: false, error: UNREACHABLE_ERROR };
    }
  }

  async logout(): Promise<void> {
    try {
      await this.send('POST', '/logout');
    } catch {
      // Signed out locally either way; the cookie expires on its own.
    }
  }

  /** The Insights page's figures for the last `days` days. */
  async insights(
    days: number,
  ): Promise<{ ok: true; data: Insights } | { ok: false; why: 'signedOut' | 'refused' | 'unreachable'; error: string }> {
    try {
      const res = await this.get(`/insights?days=${days}`);
      if (res.status === 401) return { ok: false, why: 'signedOut', error: SESSION_ENDED };
      const data: unknown = res.ok ? await res.json() : undefined;
      return isInsights(data)
        ? { ok: true, data }
        : { ok: false, why: 'refused', error: `Insights could not be loaded (${res.status}). Try again.` };
    } catch {
      return { ok: false, why: 'unreachable', error: UNREACHABLE_ERROR };
    }
  }

  /** The server's VAPID public key, for a push subscription. */
  async pushKey(): Promise<string> {
    const res = await this.get('/push/key');
    if (!res.ok) throw new Error(`the server has no push key (${res.status})`);
    const body: unknown = await res.json();
    if (!isRecord(body) || typeof body['publicKey'] !== 'string') throw new Error('the server sent no push key');
    return body['publicKey'];
  }

  /** Registers this device's push subscription for the signed-in member. */
  async subscribe(subscription: PushSubscriptionJSON & { device: string }): Promise<void> {
    const res = await this.send('POST', '/push/subscriptions', subscription);
    if (!res.ok) throw new Error(errorOf(await res.json().catch(() => ({}))) ?? `HTTP ${res.status}`);
  }

  async unsubscribe(endpoint: string): Promise<void> {
    await this.send('DELETE', '/push/subscriptions', { endpoint });
  }
}
