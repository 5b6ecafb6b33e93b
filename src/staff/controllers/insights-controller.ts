/** The Insights page's figures, fetched on demand for a period in days. */
import type { ReactiveControllerHost } from 'lit';
import type { InsightsState } from '../types.ts';
import type { StaffApi } from './staff-api.ts';

export class InsightsController {
  state: InsightsState = { days: 14, loading: false };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: StaffApi,
    /** The server said the session is over. */
    private readonly signedOut: (reason: string) => void,
  ) {}

  /** Loads the figures for the last `days` days. */
  async load(days = this.state.days): Promise<void> {
    this.state = { ...this.state, days, loading: true, error: undefined };
    this.host.requestUpdate();
    const result = await this.api.insights(days);
    if (!result.ok && result.why === 'signedOut') {
      this.signedOut(result.error);
      return;
    }
    // Unreachable keeps the figures on screen; a refusal replaces them with the reason.
    const next: InsightsState = result.ok
      ? { days, loading: false, data: result.data }
      : result.why === 'unreachable'
        ? { ...this.state, loading: false, error: result.error }
        : { days, loading: false, error: result.error };
    // A later request (another period) wins over an earlier one that answers late.
    if (this.state.days === days) this.state = next;
    this.host.requestUpdate();
  }
}
