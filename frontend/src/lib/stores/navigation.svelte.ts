// The shown part of the signed-in screen, and the check for unsaved changes
// before the user leaves a form.

import * as api from '../api';
import { confirmation } from './confirm.svelte';

/** A part of the signed-in screen. */
export type View =
  | { name: 'list' }
  | { name: 'details'; ref: string }
  | { name: 'create' }
  | { name: 'progress'; ref: string; projectName: string };

/** The shown view, with the forms that may hold unsaved changes. */
export class NavigationStore {
  view = $state<View>({ name: 'list' });

  #unsavedChecks = new Set<() => boolean>();

  /**
   * Registers a function that reports whether a form has unsaved changes,
   * and returns the function that removes it. A form calls it when it
   * mounts, and the remover when it is destroyed.
   */
  addUnsavedCheck(hasUnsavedChanges: () => boolean): () => void {
    this.#unsavedChecks.add(hasUnsavedChanges);
    return () => this.#unsavedChecks.delete(hasUnsavedChanges);
  }

  /**
   * Resolves with true when no form has unsaved changes, or when the user
   * confirms that leaving may lose them.
   */
  async confirmLeave(): Promise<boolean> {
    const unsaved = [...this.#unsavedChecks].some((hasUnsavedChanges) => hasUnsavedChanges());
    if (!unsaved) {
      return true;
    }
    return confirmation.ask({
      title: 'Leave without saving?',
      message: 'The changes you made to this form are not saved yet. Leaving now loses them.',
      confirmLabel: 'Leave without saving',
      cancelLabel: 'Stay',
    });
  }

  /** Shows view once confirmLeave allows it, and returns whether it did. */
  async go(view: View): Promise<boolean> {
    if (!(await this.confirmLeave())) {
      return false;
    }
    this.show(view);
    return true;
  }

  /**
   * Shows view without asking. Leaving a project's screen cancels the
   * backend's reads for it. The list's reads are not cancelled, because the
   * list keeps its data for when the user returns.
   */
  show(view: View): void {
    const leaving = this.view.name;
    this.view = view;
    if (leaving !== 'list') {
      api.leaveScreen().catch(() => {
        // The reads then run to the end, and their results go unused.
      });
    }
  }

  /** Shows the project list at once, as after signing out. */
  reset(): void {
    this.show({ name: 'list' });
  }
}

/** The navigation of the whole window. */
export const navigation = new NavigationStore();
