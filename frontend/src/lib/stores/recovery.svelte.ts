// Database passwords kept from earlier requests whose outcome is unknown,
// such as a project creation that got no response.

import { type AppError, toAppError } from '../apperror';
import * as projectsApi from '../projectsApi';
import { projects } from './projects.svelte';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

/** The kept passwords that still need the user, with the actions on them. */
export class RecoveryStore {
  /** Kept passwords that Recover could not save under a project. */
  unclaimed = $state<projectsApi.PendingPassword[]>([]);

  /** True while Recover runs. */
  checking = $state(false);

  /** The error of the last check. The kept passwords stay for the next one. */
  error = $state<AppError | null>(null);

  #started = false;

  /**
   * Checks once per run of the app. Recover must run before any new
   * creation, because the passwords of requests that are still running
   * would look unclaimed.
   */
  async checkOnce(): Promise<void> {
    if (this.#started) {
      return;
    }
    this.#started = true;
    await this.check();
  }

  /**
   * Runs Recover: passwords it saved under their project get a toast, and
   * the rest stay in unclaimed. Returns the recovery, or null on failure.
   */
  async check(): Promise<projectsApi.Recovery | null> {
    this.checking = true;
    this.error = null;

    try {
      const recovery = await projectsApi.recover();
      this.unclaimed = recovery.unclaimed;
      for (const attached of recovery.attached) {
        toasts.show(`Saved the password for ${attached.name || attached.ref}.`);
      }
      if (recovery.attached.length > 0) {
        void projects.loadProjects({ quiet: true });
      }
      return recovery;
    } catch (reason) {
      const error = toAppError(reason);
      if (!session.handleSessionError(error)) {
        this.error = error;
      }
      return null;
    } finally {
      this.checking = false;
    }
  }

  /**
   * Deletes a kept password and returns null, or the error. A password that
   * is gone already counts as deleted.
   */
  async discard(id: string): Promise<AppError | null> {
    try {
      await projectsApi.discardPending(id);
    } catch (reason) {
      const error = toAppError(reason);
      if (error.code !== 'pending_not_found') {
        return error;
      }
    }
    this.unclaimed = this.unclaimed.filter((pending) => pending.id !== id);
    return null;
  }

  /** Forgets the state, for tests and after signing out. */
  reset(): void {
    this.unclaimed = [];
    this.error = null;
    this.checking = false;
    this.#started = false;
  }
}

/** The recovery state of the whole window. */
export const recovery = new RecoveryStore();
