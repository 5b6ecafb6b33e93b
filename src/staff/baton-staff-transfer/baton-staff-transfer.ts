import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { StaffDirectoryEntry, TeamRef } from '../../protocol/messages.ts';
import { BatonTransferEvent } from '../events.ts';
import { styles } from './baton-staff-transfer.styles.ts';

/** The server's limit on a transfer note. */
const NOTE_CHARS = 1000;

const PRESENCE_WORDS: Record<string, string> = { online: 'Online', away: 'Away', offline: 'Offline' };
const PRESENCE_ORDER: Record<string, number> = { online: 0, away: 1, offline: 2 };

/**
 * The "Transfer" dialog: pass the open chat to a team (back to that team's queue) or straight to a
 * person (with their presence and load; yourself and people at their maximum are left out), with a
 * staff-only note that travels with it. A modal `<dialog>`: the page behind is inert, Tab stays
 * inside, Escape cancels, and focus returns to what opened it.
 *
 * @fires baton-transfer - {@link BatonTransferEvent}; the host answers with `respondWith`, and the
 *   dialog closes on success or shows the error.
 * @csspart dialog - The `<dialog>`.
 */
@customElement('baton-staff-transfer')
export class BatonStaffTransfer extends LitElement {
  static override styles = styles;

  @query('dialog') private dialog?: HTMLDialogElement;

  /** The choice, as `team:<id>` or `staff:<id>`. */
  @state() private choice = '';
  @state() private note = '';
  @state() private busy = false;
  @state() private error = '';
  private opener?: HTMLElement;

  /** The chat to transfer. */
  @property() conversationId = '';
  /** Teams that take transfers. */
  @property({ attribute: false }) teams: TeamRef[] = [];
  /** Everyone a chat can go to, with presence and load. */
  @property({ attribute: false }) directory: StaffDirectoryEntry[] = [];
  /** My staff id (left out of the people). */
  @property({ type: Number }) meId?: number;

  /** Opens the dialog with nothing picked; focus returns to `opener` (or whatever had it) when it closes. */
  show(opener?: HTMLElement): void {
    this.opener = opener ?? (document.activeElement as HTMLElement | null) ?? undefined;
    this.choice = '';
    this.note = '';
    this.error = '';
    this.busy = false;
    this.dialog?.showModal();
  }

  /** Closes without transferring. */
  hide(): void {
    this.dialog?.close();
  }

  get isOpen(): boolean {
    return !!this.dialog?.open;
  }

  /** People who can take it: not me, not at their maximum; online first, then by name. */
  private get people(): StaffDirectoryEntry[] {
    return this.directory
      .filter((d) => d.id !== this.meId && d.openChats < d.maxChats)
      .sort((a, b) => (PRESENCE_ORDER[a.presence] ?? 3) - (PRESENCE_ORDER[b.presence] ?? 3) || a.name.localeCompare(b.name));
  }

  private get full(): StaffDirectoryEntry[] {
    return this.directory.filter((d) => d.id !== this.meId && d.openChats >= d.maxChats);
  }

  private onClose(): void {
    this.busy = false;
    const opener = this.opener;
    this.opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  private onCancel(event: Event): void {
    // Escape while the transfer is in flight would hide its outcome.
    if (this.busy) event.preventDefault();
  }

  /** Keeps Tab inside the dialog (the browser's own trap lets it out to the address bar). */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || !this.dialog) return;
    const radios = [...this.dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]:not(:disabled)')];
    const first = radios.find((r) => r.checked) ?? radios[0] ?? this.dialog.querySelector<HTMLElement>('textarea');
    const buttons = [...this.dialog.querySelectorAll<HTMLButtonElement>('.actions button:not(:disabled)')];
    const last = buttons.at(-1);
    const active = this.shadowRoot?.activeElement;
    if (!first || !last) return;
    if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && (active === first || (active instanceof HTMLInputElement && active.type === 'radio'))) {
      event.preventDefault();
      last.focus();
    }
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const [kind, id] = this.choice.split(':') as [string, string | undefined];
    if (!id) {
      this.error = 'Pick a team or a person.';
      return;
    }
    const to = kind === 'team' ? { teamId: id } : { staffId: Number(id) };
    const request = new BatonTransferEvent(this.conversationId, to, this.note.trim());
    this.dispatchEvent(request);
    if (!request.response) {
      this.hide();
      return;
    }
    this.busy = true;
    this.error = '';
    const result = await request.response.catch(() => ({ ok: false, error: 'Something went wrong; try again.' }));
    this.busy = false;
    if (result.ok) this.hide();
    else this.error = result.error ?? 'The chat could not be transferred; try again.';
  }

  private renderOption(value: string, name: string, sub: unknown) {
    return html`<label class="option">
      <input
        type="radio"
        name="target"
        .value=${value}
        .checked=${live(this.choice === value)}
        @change=${() => ((this.choice = value), (this.error = ''))}
      />
      <span class="dot" aria-hidden="true"></span>
      <span class="text"><span class="name">${name}</span><span class="sub">${sub}</span></span>
    </label>`;
  }

  override render() {
    const people = this.people;
    const full = this.full;
    const teamNames = new Map(this.teams.map((t) => [t.id, t.name]));
    return html`<dialog
      part="dialog"
      aria-labelledby="transfer-title"
      aria-describedby="transfer-intro"
      @close=${this.onClose}
      @cancel=${this.onCancel}
      @keydown=${this.onKeydown}
    >
      <form @submit=${this.onSubmit}>
        <h3 id="transfer-title">Transfer this chat</h3>
        <p class="intro" id="transfer-intro">
          They see the whole conversation and the handoff. The visitor is told they are being passed on.
        </p>
        <fieldset>
          <legend>To a team <span class="sub">· back to its queue, whoever is free takes it</span></legend>
          <div class="options teams">
            ${
              this.teams.length
                ? this.teams.map((t) => this.renderOption(`team:${t.id}`, t.name, nothing))
                : html`<p class="none">No teams.</p>`
            }
          </div>
        </fieldset>
        <fieldset>
          <legend>To a person</legend>
          <div class="options">
            ${
              people.length
                ? people.map((p) =>
                    this.renderOption(
                      `staff:${p.id}`,
                      p.name,
                      html`<span class="presence ${p.presence}">${PRESENCE_WORDS[p.presence] ?? p.presence}</span> ·
                        ${p.openChats}/${p.maxChats}
                        chats${p.teams.length ? ` · ${p.teams.map((t) => teamNames.get(t) ?? t).join(', ')}` : ''}`,
                    ),
                  )
                : html`<p class="none">Nobody else can take a chat right now.</p>`
            }
          </div>
          ${full.length ? html`<p class="hidden-people">At their maximum, so not listed: ${full.map((p) => `${p.name} (${p.openChats}/${p.maxChats})`).join(', ')}.</p>` : nothing}
        </fieldset>
        <label for="note">Note for them <span class="sub">(staff only)</span></label>
        <textarea
          id="note"
          maxlength=${NOTE_CHARS}
          placeholder="What they should know, e.g. “Wants a quote for Tuesday”"
          .value=${live(this.note)}
          @input=${(e: InputEvent) => (this.note = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${this.note.length > NOTE_CHARS * 0.8 ? html`<p class="count">${this.note.length}/${NOTE_CHARS}</p>` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${() => this.hide()} ?disabled=${this.busy}>Cancel</button>
          <button class="primary" type="submit" ?disabled=${this.busy || !this.choice} aria-busy=${this.busy ? 'true' : 'false'}>
            ${this.busy ? 'Transferring…' : 'Transfer'}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'baton-staff-transfer': BatonStaffTransfer;
  }
}
