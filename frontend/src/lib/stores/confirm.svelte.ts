// Questions that need a yes or no before an action goes ahead, such as
// replacing a file. ConfirmDialog shows the current one.

/** The text of one question. */
export interface ConfirmRequest {
  title: string;
  message: string;
  /** The label of the button that goes ahead, such as "Replace". */
  confirmLabel: string;
  /** The label of the button that goes back, "Cancel" by default. */
  cancelLabel?: string;
}

interface OpenRequest extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

/** The question that waits for an answer, if any. */
export class ConfirmStore {
  current = $state<OpenRequest | null>(null);

  /**
   * Shows the question and resolves with true when the user confirms. A
   * question still open is answered with false first.
   */
  ask(request: ConfirmRequest): Promise<boolean> {
    this.answer(false);
    return new Promise((resolve) => {
      this.current = { ...request, resolve };
    });
  }

  /** Closes the current question with the user's answer. */
  answer(confirmed: boolean): void {
    const open = this.current;
    this.current = null;
    open?.resolve(confirmed);
  }
}

/** The questions of the whole window. */
export const confirmation = new ConfirmStore();
