/**
 * The chat's two confirmations: closing (which also asks whether the handoff had everything the
 * staff member needed) and handing back to the assistant (which waits for the host's answer and
 * says why, if it failed). Transfers have their own element, `<baton-staff-transfer>`.
 */
import { html, nothing, type LitElement } from 'lit';
import { BatonCloseChatEvent, BatonReleaseEvent } from '../events.ts';

export class DialogsController {
  private releasing = false;
  private releaseError = '';

  constructor(
    private readonly host: LitElement,
    /** The conversation the dialogs act on. */
    private readonly conversationId: () => string | undefined,
  ) {}

  private dialog(id: 'close-dialog' | 'release-dialog'): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(`#${id}`);
  }

  readonly confirmClose = (): void => {
    this.dialog('close-dialog')?.showModal();
  };

  readonly confirmRelease = (): void => {
    this.releaseError = '';
    this.host.requestUpdate();
    this.dialog('release-dialog')?.showModal();
  };

  /** Closes the chat with the staff member's answer to "did you have everything you needed?". */
  private closed(hadContext: boolean): void {
    this.dialog('close-dialog')?.close();
    const id = this.conversationId();
    if (id) this.host.dispatchEvent(new BatonCloseChatEvent(id, hadContext));
  }

  private readonly release = async (): Promise<void> => {
    const id = this.conversationId();
    if (!id || this.releasing) return;
    const request = new BatonReleaseEvent(id);
    this.host.dispatchEvent(request);
    if (!request.response) {
      this.dialog('release-dialog')?.close();
      return;
    }
    this.setReleasing(true);
    const result = await request.response.catch(() => ({ ok: false, error: 'Something went wrong; try again.' }));
    this.setReleasing(false);
    if (result.ok) this.dialog('release-dialog')?.close();
    else {
      this.releaseError = result.error ?? 'The chat could not be handed back; try again.';
      this.host.requestUpdate();
    }
  };

  private setReleasing(releasing: boolean): void {
    this.releasing = releasing;
    this.host.requestUpdate();
  }

  render() {
    return html`<dialog id="close-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text context-question">
        <h3 id="confirm-title">Close this chat?</h3>
        <p id="confirm-text">The visitor will see that the chat has ended. A closed chat cannot be reopened.</p>
        <p id="context-question" class="question">Did you have everything you needed from the handoff?</p>
        <p class="hint-text">Either answer closes the chat; it helps improve what the assistant hands over.</p>
        <div class="actions">
          <button autofocus @click=${() => this.dialog('close-dialog')?.close()}>Cancel</button>
          <button class="primary" @click=${() => this.closed(false)}>No</button>
          <button class="primary" @click=${() => this.closed(true)}>Yes</button>
        </div>
      </dialog>
      <dialog
        id="release-dialog"
        aria-labelledby="release-title"
        aria-describedby="release-text"
        @cancel=${(e: Event) => this.releasing && e.preventDefault()}
      >
        <h3 id="release-title">Hand back to the assistant?</h3>
        <p id="release-text">
          The chat leaves your list and the assistant answers again. The visitor is told, and can ask for a person whenever they need one.
        </p>
        ${this.releaseError ? html`<p class="error" role="alert">${this.releaseError}</p>` : nothing}
        <div class="actions">
          <button autofocus ?disabled=${this.releasing} @click=${() => this.dialog('release-dialog')?.close()}>Keep it</button>
          <button class="primary" ?disabled=${this.releasing} @click=${this.release}>
            ${this.releasing ? 'Handing back…' : 'Hand back'}
          </button>
        </div>
      </dialog>`;
  }
}
