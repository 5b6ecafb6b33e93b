import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HandoffSummary, StaffNote } from '../../protocol/messages.ts';
import type { Detail, HandoffPacket } from '../../protocol/schemas.ts';
import '../baton-staff-mood/baton-staff-mood.ts';
import { BatonJumpEvent } from '../events.ts';
import { clockTime } from '../format.ts';
import { detailName, percent, reasonChips, summaryLines, type ReasonChip } from '../packet-words.ts';
import { styles } from './baton-staff-packet.styles.ts';

/** How long "Copied" shows on a copy button. */
const COPIED_MS = 2000;

const KIND_WORDS: Record<ReasonChip['kind'], string> = {
  label: 'Triage model',
  signal: 'Conversation signal',
  rule: 'Rule',
  visitor: 'The visitor',
};

/**
 * The staff view of a handoff, at the top of the chat: staff-only notes, why a person was needed
 * (reason chips: tap one for its evidence and score, and to jump to the message it came from),
 * a three-line summary built from the packet, the details the visitor gave (each with "Copy"),
 * the mood trend, and the page context (slotted). Collapsible, so the transcript is one tap away.
 *
 * @fires baton-jump - {@link BatonJumpEvent} when a chip with a source message is tapped.
 * @slot context - The page context (the chat puts its `<baton-staff-summary>` here).
 * @csspart packet - The card.
 * @csspart chip - Each reason chip.
 */
@customElement('baton-staff-packet')
export class BatonStaffPacket extends LitElement {
  static override styles = styles;

  /** What the device gathered before the handoff. */
  @property({ attribute: false }) packet?: HandoffPacket;
  /** The handoff as the queue shows it (reasons, team, fallback when there is no packet). */
  @property({ attribute: false }) summary?: HandoffSummary;
  /** Staff-only notes (transfer notes). */
  @property({ attribute: false }) notes: StaffNote[] = [];
  /** The current time, for note times. */
  @property({ type: Number }) now = Date.now();
  /** Whether the summary, details, mood and context show (the chips and notes always do). */
  @property({ type: Boolean, reflect: true }) open = true;

  /** The chip whose evidence shows. */
  @state() private selected?: string;
  /** The detail whose "Copy" just worked (index), and what the live region says. */
  @state() private copied?: number;
  @state() private announcement = '';
  private copiedTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('summary') && (changed.get('summary') as HandoffSummary | undefined)?.conversationId !== this.summary?.conversationId) {
      this.selected = undefined;
      this.copied = undefined;
      this.announcement = '';
    }
  }

  private onChip(chip: ReasonChip): void {
    this.selected = this.selected === chip.key ? undefined : chip.key;
    if (chip.messageId) this.dispatchEvent(new BatonJumpEvent(chip.messageId));
  }

  private async copy(detail: Detail, index: number): Promise<void> {
    const what = detailName(detail.kind).toLowerCase();
    try {
      await navigator.clipboard.writeText(detail.value);
      this.copied = index;
      this.announcement = `Copied ${what}: ${detail.value}`;
    } catch {
      this.copied = undefined;
      this.announcement = `Could not copy the ${what}; select it and copy it by hand.`;
    }
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => {
      this.copied = undefined;
    }, COPIED_MS);
  }

  private renderChip(chip: ReasonChip) {
    return html`<li>
      <button
        part="chip"
        class="chip ${chip.urgent ? 'urgent' : ''}"
        aria-expanded=${this.selected === chip.key ? 'true' : 'false'}
        aria-controls="chip-detail"
        @click=${() => this.onChip(chip)}
      >
        ${chip.urgent ? html`<span aria-hidden="true">⚠</span>` : nothing}
        <span>${chip.name}</span>
        ${chip.score === undefined ? nothing : html`<span class="score">${percent(chip.score)}</span>`}
      </button>
    </li>`;
  }

  private renderDetail(chips: ReasonChip[]) {
    const chip = chips.find((c) => c.key === this.selected);
    return html`<div id="chip-detail" class="detail" ?hidden=${!chip}>
      ${
        chip
          ? html`<p>
                ${KIND_WORDS[chip.kind]}${chip.score === undefined ? '' : ` · score ${percent(chip.score)}`}${chip.messageId ? ' · shown in the chat below' : ''}
              </p>
              ${chip.evidence ? html`<blockquote>${chip.evidence}</blockquote>` : nothing}`
          : nothing
      }
    </div>`;
  }

  private renderNotes() {
    if (!this.notes.length) return nothing;
    return html`<ul class="notes" aria-label="Staff notes">
      ${this.notes.map(
        (n) =>
          html`<li class="note">
            <strong>Note from ${n.author} <span>· staff only, the visitor cannot see this</span></strong>
            <time datetime=${new Date(n.createdAt).toISOString()}>${clockTime(n.createdAt, this.now)}</time>
            <p>${n.text}</p>
          </li>`,
      )}
    </ul>`;
  }

  private renderCollected(collected: readonly Detail[]) {
    if (!collected.length) return nothing;
    return html`<h4 id="collected-title">Details the visitor gave</h4>
      <ul class="collected" aria-labelledby="collected-title">
        ${collected.map((d, i) => {
          const what = detailName(d.kind);
          const done = this.copied === i;
          return html`<li>
            <span class="kind">${what}</span>
            <span class="value">${d.value}</span>
            <button class=${done ? 'done' : ''} @click=${() => this.copy(d, i)}>
              ${done ? html`<span aria-hidden="true">✓ </span>Copied` : 'Copy'}<span class="visually-hidden"> ${what.toLowerCase()}</span>
            </button>
          </li>`;
        })}
      </ul>`;
  }

  override render() {
    const packet = this.packet;
    const summary = this.summary;
    if (!packet && !summary) return nothing;
    const chips = reasonChips(packet, summary);
    const lines = summaryLines(packet, chips, summary);
    const mood = packet?.mood.map((m) => m.frustration) ?? [];
    return html`<section part="packet" aria-labelledby="packet-title">
      <div class="head">
        <h3 id="packet-title">Why a person${summary?.team ? html` <span class="team">· for ${summary.team.name}</span>` : nothing}</h3>
        <button
          class="toggle"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="packet-body"
          @click=${() => (this.open = !this.open)}
        >
          <span class="caret" aria-hidden="true">▾</span> ${this.open ? 'Hide' : 'Show'}<span class="visually-hidden">
            handoff details</span
          >
        </button>
      </div>
      ${this.renderNotes()}
      <ul class="chips" aria-label="Reasons (tap one to see the message)">
        ${chips.map((c) => this.renderChip(c))}
      </ul>
      ${this.renderDetail(chips)}
      <div id="packet-body" ?hidden=${!this.open}>
        <dl class="lines">
          <div>
            <dt>Wants</dt>
            <dd>${lines.wants}</dd>
          </div>
          <div>
            <dt>Assistant tried</dt>
            <dd>${lines.tried}</dd>
          </div>
          <div>
            <dt>Why a person</dt>
            <dd>${lines.why}</dd>
          </div>
        </dl>
        ${this.renderCollected(packet?.collected ?? [])}
        ${
          mood.length
            ? html`<div class="mood">
                <h4>Mood</h4>
                <baton-staff-mood .values=${mood}></baton-staff-mood>
              </div>`
            : nothing
        }
        <slot name="context"></slot>
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-packet': BatonStaffPacket;
  }
}
