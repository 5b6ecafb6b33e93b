/**
 * Who is signed in. The session cookie is HttpOnly, so only the server knows: the console asks it
 * at start, after a refused or cut connection, and while it shows the offline copy; every such
 * question goes through {@link SessionController.ask}.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StaffMember } from '../../protocol/events.ts';
import { AuthStatus } from '../types.ts';
import { SESSION_ENDED, UNREACHABLE_ERROR, type MeResult, type StaffApi } from './staff-api.ts';

export interface SessionHooks {
  signedIn(me: StaffMember): void;
  signedOut(): void;
  /** The server cannot be reached at start: true when the offline copy is shown instead (as `me`). */
  unreachable(): Promise<StaffMember | undefined>;
}

export class SessionController implements ReactiveController {
  auth: AuthStatus = AuthStatus.checking;
  me?: StaffMember;
  loginError = '';
  loginBusy = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: StaffApi,
    private readonly hooks: SessionHooks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.auth === AuthStatus.checking) void this.check();
  }

  get signedIn(): boolean {
    return this.auth === AuthStatus.signedIn;
  }

  /** The one place that asks the server who is signed in. */
  private ask(): Promise<MeResult> {
    return this.api.me();
  }

  /** At start: signed in, signed out, or (no server) the offline copy. */
  async check(): Promise<void> {
    this.auth = AuthStatus.checking;
    this.host.requestUpdate();
    const result = await this.ask();
    switch (result.status) {
      case 'signedIn':
        this.start(result.me);
        return;
      case 'signedOut':
      case 'error':
        this.auth = AuthStatus.signedOut;
        if (result.status === 'error') this.loginError = `Baton could not check your session (${result.httpStatus}). Sign in again.`;
        break;
      case 'unreachable': {
        // No server (offline, or it is down): show the last copy, if this device has one.
        const me = await this.hooks.unreachable();
        if (me) {
          this.me = me;
          this.loginError = '';
          this.auth = AuthStatus.signedIn;
          break;
        }
        this.auth = AuthStatus.signedOut;
        this.loginError = UNREACHABLE_ERROR;
      }
    }
    this.host.requestUpdate();
  }

  async login(email: string, password: string): Promise<boolean> {
    if (this.loginBusy) return false;
    if (!email.trim() || !password) {
      this.loginError = 'Enter your email and password.';
      this.host.requestUpdate();
      return false;
    }
    this.loginBusy = true;
    this.loginError = '';
    this.host.requestUpdate();
    const result = await this.api.login(email.trim(), password);
    this.loginBusy = false;
    if (result.ok) this.start(result.me);
    else {
      this.loginError = result.error;
      this.host.requestUpdate();
    }
    return result.ok;
  }

  /** Signs out on the server (best effort), then here. */
  async logout(): Promise<void> {
    await this.api.logout();
    this.end('');
  }

  /** After a refused or cut connection: a session that has ended goes back to the login. */
  async verify(): Promise<void> {
    if ((await this.ask()).status === 'signedOut') this.end(SESSION_ENDED);
  }

  /** While the offline copy shows: true once the server has answered either way. */
  async retry(): Promise<boolean> {
    const result = await this.ask();
    if (result.status === 'signedOut') this.end(SESSION_ENDED);
    else if (result.status === 'signedIn') this.start(result.me);
    else return false;
    return true;
  }

  /** Signed out, saying why (empty when the staff member chose to). */
  end(reason: string): void {
    this.auth = AuthStatus.signedOut;
    this.me = undefined;
    this.loginError = reason;
    this.hooks.signedOut();
    this.host.requestUpdate();
  }

  private start(me: StaffMember): void {
    this.me = me;
    this.auth = AuthStatus.signedIn;
    this.loginError = '';
    this.hooks.signedIn(me);
    this.host.requestUpdate();
  }
}
