import { LitElement, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { moodLevel, moodWords, percent } from '../packet-words.ts';
import { styles } from './baton-staff-mood.styles.ts';

const W = 120;
const H = 32;
const PAD = 3;

/**
 * The visitor's frustration per turn as a small inline-SVG sparkline (no chart library: it sits in
 * every chat view). The chart is an image whose accessible name is the trend in words.
 *
 * @csspart chart - The `<svg>`.
 * The line's colour follows the latest reading (the host's `data-level`): calm is the OK colour,
 * tense amber, upset the danger colour.
 *
 * @cssproperty --baton-mood-line - Colour of the line, overriding the one its level gives.
 */
@customElement('baton-staff-mood')
export class BatonStaffMood extends LitElement {
  static override styles = styles;

  /** Frustration per visitor turn, oldest first, each in [0, 1]. */
  @property({ attribute: false }) values: number[] = [];

  protected override willUpdate(): void {
    const latest = this.values.at(-1);
    if (latest === undefined) delete this.dataset.level;
    else this.dataset.level = moodLevel(latest);
  }

  override render() {
    const values = this.values;
    if (!values.length) return nothing;
    const step = values.length > 1 ? (W - 2 * PAD) / (values.length - 1) : 0;
    const points = values.map(
      (v, i) => [values.length > 1 ? PAD + i * step : W / 2, PAD + (1 - Math.min(1, Math.max(0, v))) * (H - 2 * PAD)] as const,
    );
    const words = moodWords(values);
    return html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${words}>
        <title>${words}</title>
        ${svg`<line class="base" x1="0" x2=${W} y1=${H - PAD} y2=${H - PAD}></line>`}
        ${points.length > 1 ? svg`<polyline class="line" points=${points.map((p) => p.join(',')).join(' ')}></polyline>` : nothing}
        ${points.map(([x, y]) => svg`<circle class="dot" cx=${x} cy=${y} r="2.5"></circle>`)}
      </svg>
      <span aria-hidden="true">${values.length > 1 ? `${words.split(':')[0]}, now ${percent(values.at(-1)!)}` : words}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-mood': BatonStaffMood;
  }
}
