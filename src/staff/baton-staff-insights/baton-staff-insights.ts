/**
 * The Insights page. Loaded on demand (`import()` from the app) because it carries chart.js: the
 * chat views never do. Only the chart.js parts in use are registered, so the rest is tree-shaken.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, queryAll } from 'lit/decorators.js';
import { BatonInsightsPeriodEvent } from '../events.ts';
import { reasonName } from '../packet-words.ts';
import type { Insights, InsightsDay, InsightsState } from '../types.ts';
import {
  contextShare,
  contextWords,
  dayLabel,
  isEmpty,
  ms,
  pct,
  rateWords,
  rating,
  reasonWords,
  satisfactionWords,
  timeWords,
} from './insights-words.ts';
import { styles } from './baton-staff-insights.styles.ts';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The periods on offer, in days. */
export const PERIODS = [7, 14, 30] as const;

/** One chart and its text alternative. */
interface ChartSpec {
  id: string;
  title: string;
  words: string;
  config: ChartConfiguration;
  table: { head: string[]; rows: (string | number)[][] };
}

/** A time in the chart's unit: seconds for short medians, minutes otherwise. */
function timeUnit(days: InsightsDay[]): { divisor: number; name: string } {
  const max = Math.max(
    0,
    ...days.flatMap((d) => [d.medianToHandoffMs, d.medianFromTriggerMs, d.medianFirstReplyMs]).filter((x): x is number => x !== null),
  );
  return max >= 120_000 ? { divisor: 60_000, name: 'minutes' } : { divisor: 1000, name: 'seconds' };
}

/**
 * The four measures by day and the handoffs by reason, as charts (chart.js) stacked full width,
 * each with its summary in words and a table. Phone first: ~200px charts, legends below.
 *
 * @fires baton-insights-period - {@link BatonInsightsPeriodEvent} when another period is picked.
 * @csspart chart - Each chart's figure.
 */
@customElement('baton-staff-insights')
export class BatonStaffInsights extends LitElement {
  static override styles = styles;

  @queryAll('canvas') private canvases!: NodeListOf<HTMLCanvasElement>;

  private charts: Chart[] = [];
  private drawn?: Insights;

  /** What to show: the period, whether it is loading, the figures or the error. */
  @property({ attribute: false }) state: InsightsState = { days: 14, loading: false };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyCharts();
    this.drawn = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('state') && this.drawn) return;
    const data = this.state.data;
    if (data === this.drawn && this.charts.length === this.canvases.length) return;
    this.destroyCharts();
    this.drawn = data;
    if (!data || isEmpty(data)) return;
    const specs = this.specs(data);
    for (const canvas of this.canvases) {
      const spec = specs.find((s) => s.id === canvas.dataset['chart']);
      if (spec) this.charts.push(new Chart(canvas, spec.config));
    }
  }

  private destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  /** The theme's colours, read from CSS (a canvas cannot use custom properties). */
  private palette() {
    const style = getComputedStyle(this);
    const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const rootPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    return {
      text: v('--_text', '#16202b'),
      muted: v('--_muted', '#526071'),
      grid: v('--_border', '#cfd6df'),
      series: [v('--_accent', '#0a58a8'), '#c2410c', '#15803d', '#7e22ce'],
      font: Math.round(rootPx * 0.8125),
    };
  }

  private base(yTitle: string, max?: number, extra: Partial<ChartConfiguration['options']> = {}): ChartConfiguration['options'] {
    const p = this.palette();
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 },
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { color: p.text, boxWidth: 12, font: { size: p.font } } },
        tooltip: { enabled: true },
      },
      scales: {
        x: {
          ticks: { color: p.muted, maxRotation: 0, autoSkip: true, autoSkipPadding: 16, font: { size: p.font } },
          grid: { display: false },
        },
        y: {
          beginAtZero: true,
          ...(max === undefined ? {} : { max }),
          title: { display: true, text: yTitle, color: p.muted, font: { size: p.font } },
          ticks: { color: p.muted, font: { size: p.font }, maxTicksLimit: 5 },
          grid: { color: p.grid },
        },
      },
      ...extra,
    } as ChartConfiguration['options'];
  }

  private line(label: string, data: (number | null)[], color: string, extra: Partial<ChartDataset<'line'>> = {}): ChartDataset<'line'> {
    return {
      type: 'line',
      label,
      data,
      borderColor: color,
      backgroundColor: color,
      pointRadius: 2.5,
      borderWidth: 2,
      spanGaps: true,
      tension: 0.25,
      ...extra,
    };
  }

  /** The five charts with their words and tables. */
  private specs(data: Insights): ChartSpec[] {
    const p = this.palette();
    const days = data.days;
    const labels = days.map((d) => dayLabel(d.day));
    const unit = timeUnit(days);
    const inUnit = (x: number | null) => (x === null ? null : Math.round((x / unit.divisor) * 10) / 10);
    const pct100 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
    return [
      {
        id: 'rate',
        title: 'Handoff rate by day',
        words: rateWords(data),
        config: {
          type: 'line',
          data: {
            labels,
            datasets: [
              this.line(
                'Handoff rate (%)',
                days.map((d) => pct100(d.handoffRate)),
                p.series[0]!,
              ),
            ],
          },
          options: this.base('% of conversations', 100),
        },
        table: {
          head: ['Day', 'Conversations', 'Handoffs', 'Rate'],
          rows: days.map((d) => [dayLabel(d.day), d.conversations, d.handoffs, pct(d.handoffRate)]),
        },
      },
      {
        id: 'time',
        title: 'Time to handoff and to first reply',
        words: timeWords(data),
        config: {
          type: 'line',
          data: {
            labels,
            datasets: [
              this.line(
                'From first message',
                days.map((d) => inUnit(d.medianToHandoffMs)),
                p.series[0]!,
              ),
              this.line(
                'From first trigger',
                days.map((d) => inUnit(d.medianFromTriggerMs)),
                p.series[1]!,
                { borderDash: [5, 4] },
              ),
              this.line(
                'First staff reply',
                days.map((d) => inUnit(d.medianFirstReplyMs)),
                p.series[2]!,
                { pointStyle: 'rect' },
              ),
            ],
          },
          options: this.base(`median, ${unit.name}`),
        },
        table: {
          head: ['Day', 'To handoff', 'From trigger', 'First reply'],
          rows: days.map((d) => [dayLabel(d.day), ms(d.medianToHandoffMs), ms(d.medianFromTriggerMs), ms(d.medianFirstReplyMs)]),
        },
      },
      {
        id: 'satisfaction',
        title: 'Satisfaction after handoff',
        words: satisfactionWords(data),
        config: {
          type: 'bar',
          data: {
            labels,
            datasets: [
              {
                ...this.line(
                  'Average rating (1–5)',
                  days.map((d) => d.averageRating),
                  p.series[0]!,
                ),
                yAxisID: 'y',
                order: 0,
              } as unknown as ChartDataset<'bar'>,
              {
                type: 'bar',
                label: 'Ratings',
                data: days.map((d) => d.ratings),
                backgroundColor: `${p.muted}55`,
                borderColor: p.muted,
                borderWidth: 1,
                yAxisID: 'count',
                order: 1,
              },
            ],
          },
          options: (() => {
            const o = this.base('average rating', 5) as NonNullable<ChartConfiguration['options']> & { scales: Record<string, unknown> };
            o.scales['count'] = {
              position: 'right',
              beginAtZero: true,
              title: { display: true, text: 'ratings', color: p.muted, font: { size: p.font } },
              ticks: { color: p.muted, precision: 0, font: { size: p.font }, maxTicksLimit: 5 },
              grid: { display: false },
            };
            return o;
          })(),
        },
        table: { head: ['Day', 'Average', 'Ratings'], rows: days.map((d) => [dayLabel(d.day), rating(d.averageRating), d.ratings]) },
      },
      {
        id: 'context',
        title: 'Context completeness',
        words: contextWords(data),
        config: {
          type: 'line',
          data: {
            labels,
            datasets: [
              this.line(
                'Staff said “yes” (%)',
                days.map((d) => pct100(contextShare(d))),
                p.series[2]!,
              ),
              this.line(
                'Packet filled (%)',
                days.map((d) => pct100(d.packetCompleteness)),
                p.series[3]!,
                { borderDash: [5, 4], pointStyle: 'rect' },
              ),
            ],
          },
          options: this.base('%', 100),
        },
        table: {
          head: ['Day', 'Staff “yes”', 'Marked', 'Packet filled'],
          rows: days.map((d) => [dayLabel(d.day), pct(contextShare(d)), d.contextMarked, pct(d.packetCompleteness)]),
        },
      },
      {
        id: 'reasons',
        title: 'Handoffs by reason',
        words: reasonWords(data),
        config: {
          type: 'bar',
          data: {
            labels: data.reasons.map((r) => reasonName(r.reason)),
            datasets: [
              { type: 'bar', label: 'Handoffs', data: data.reasons.map((r) => r.handoffs), backgroundColor: p.series[0]!, borderRadius: 4 },
            ],
          },
          options: (() => {
            const o = this.base('handoffs', undefined, { indexAxis: 'y' }) as NonNullable<ChartConfiguration['options']> & {
              scales: Record<string, Record<string, unknown>>;
              plugins: Record<string, unknown>;
            };
            // Horizontal: the value axis is x; names on y.
            o.scales = {
              x: { beginAtZero: true, ticks: { color: p.muted, precision: 0, font: { size: p.font } }, grid: { color: p.grid } },
              y: { ticks: { color: p.text, font: { size: p.font } }, grid: { display: false } },
            };
            o.plugins['legend'] = { display: false };
            return o;
          })(),
        },
        table: {
          head: ['Reason', 'Handoffs', 'Share', 'First reply', 'Rating'],
          rows: data.reasons.map((r) => [
            reasonName(r.reason),
            r.handoffs,
            pct(r.share),
            ms(r.medianFirstReplyMs),
            rating(r.averageRating),
          ]),
        },
      },
    ];
  }

  private pick(days: number): void {
    if (days !== this.state.days || this.state.error) this.dispatchEvent(new BatonInsightsPeriodEvent(days));
  }

  private renderChart(spec: ChartSpec): TemplateResult {
    return html`<figure part="chart" aria-labelledby=${`${spec.id}-title`}>
      <figcaption>
        <h3 id=${`${spec.id}-title`}>${spec.title}</h3>
        <p id=${`${spec.id}-words`}>${spec.words}</p>
      </figcaption>
      <div class="canvas">
        <canvas data-chart=${spec.id} role="img" aria-label=${`${spec.title}. ${spec.words} The table below has every figure.`}></canvas>
      </div>
      <details>
        <summary>Table<span class="visually-hidden">: ${spec.title}</span></summary>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">
              ${spec.title}
            </caption>
            <thead>
              <tr>
                ${spec.table.head.map((h) => html`<th scope="col">${h}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${spec.table.rows.map(
                (row) =>
                  html`<tr>
                    ${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }

  private renderTotals(data: Insights) {
    const t = data.totals;
    return html`<dl class="totals">
      <div>
        <dt>Handoff rate</dt>
        <dd>${pct(t.handoffRate)}</dd>
      </div>
      <div>
        <dt>Handoffs</dt>
        <dd>${t.handoffs}</dd>
      </div>
      <div>
        <dt>First reply (median)</dt>
        <dd>${ms(t.medianFirstReplyMs)}</dd>
      </div>
      <div>
        <dt>Rating</dt>
        <dd>${rating(t.averageRating)}${t.ratings ? html`<span class="visually-hidden"> from ${t.ratings} ratings</span>` : nothing}</dd>
      </div>
      <div>
        <dt>Had what they needed</dt>
        <dd>${pct(contextShare(t))}</dd>
      </div>
    </dl>`;
  }

  private renderBody() {
    const { data, loading, error, days } = this.state;
    if (error) {
      return html`<div class="state error" role="alert">
        <p>${error}</p>
        <button @click=${() => this.dispatchEvent(new BatonInsightsPeriodEvent(days))}>Try again</button>
      </div>`;
    }
    if (!data) return html`<p class="state" role="status">${loading ? 'Loading insights…' : ''}</p>`;
    if (isEmpty(data)) {
      return html`<div class="state" role="status">
        <p><strong>No conversations in the last ${days} days yet.</strong></p>
        <p>Charts appear here once visitors start chatting and asking for people.</p>
      </div>`;
    }
    const specs = this.specs(data);
    return html`${this.renderTotals(data)}
      <div class="charts" aria-busy=${loading ? 'true' : 'false'}>${specs.map((s) => this.renderChart(s))}</div>`;
  }

  override render() {
    const { days, loading } = this.state;
    return html`<div class="top">
        <h2 id="insights-title" tabindex="-1">Insights</h2>
        <div class="periods" role="group" aria-label="Period">
          ${PERIODS.map((n) => html`<button aria-pressed=${n === days ? 'true' : 'false'} @click=${() => this.pick(n)}>${n} days</button>`)}
        </div>
      </div>
      <p class="visually-hidden" role="status">${loading ? 'Loading insights…' : ''}</p>
      ${this.renderBody()}`;
  }

  /** Moves focus to the page heading (after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#insights-title')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-insights': BatonStaffInsights;
  }
}
