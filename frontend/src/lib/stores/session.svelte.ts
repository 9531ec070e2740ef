// The session store: which screen the window shows, who is signed in, and
// the sign-in that waits for the browser.

import * as api from '../api';
import { AppError, toAppError } from '../apperror';
import { ACCESS_TOKEN_SIGN_OUT_ADVICE, REVOKE_FAILED_ADVICE, type Advice } from '../errors';

/**
 * The screen the window shows. "reconnect" replaces the signed-in screen after
 * the session expired, and the selected organization stays selected.
 */
export type Phase = 'loading' | 'startFailed' | 'welcome' | 'waiting' | 'signedIn' | 'reconnect';

/** A message shown on the welcome screen that is not an error. */
export interface Notice {
  advice: Advice;
  detail: string;
}

/** Reactive state of the session, with the actions that change it. */
export class SessionStore {
  phase = $state<Phase>('loading');
  info = $state<api.AppInfo | null>(null);
  status = $state<api.Status | null>(null);

  /** The sign-in in progress while phase is "waiting". */
  pending = $state<api.SignInStart | null>(null);

  /** True while StartSignIn, SignInWithToken or SignOut runs, to disable their buttons. */
  busy = $state(false);

  /** The last failure, shown on the current screen until the next action. */
  error = $state<AppError | null>(null);

  /** A message for the welcome screen, such as a failed revocation at sign-out. */
  notice = $state<Notice | null>(null);

  // The screen to return to when a sign-in is cancelled or fails.
  #returnPhase: Phase = 'welcome';

  // Counts sign-in attempts, so that a stale AwaitSignIn failure is ignored.
  #attempt = 0;

  /** Loads the app info and the saved session, then picks the first screen. */
  async load(): Promise<void> {
    this.phase = 'loading';
    this.error = null;

    try {
      const [info, status] = await Promise.all([api.info(), api.status()]);
      this.info = info;
      this.status = status;
      this.phase = firstPhase(status);
    } catch (reason) {
      this.error = toAppError(reason);
      this.phase = 'startFailed';
    }
  }

  /**
   * Opens the Supabase consent page in the browser and switches to the
   * waiting screen. organizationSlug preselects an organization there.
   */
  async connect(organizationSlug = ''): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.error = null;
    this.notice = null;
    const returnPhase = this.phase === 'reconnect' ? 'reconnect' : 'welcome';

    try {
      const start = await startFresh(organizationSlug);
      this.#returnPhase = returnPhase;
      this.#attempt++;
      this.pending = start;
      this.phase = 'waiting';
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Signs in with a personal access token and switches to the signed-in
   * screen. The store passes the token on and never keeps it. Returns null
   * on success and the AppError otherwise, such as invalid_input for a
   * wrong format or token_rejected, which the token form shows itself.
   * While another sign-in or sign-out runs, it returns sign_in_in_progress.
   */
  async signInWithToken(token: string): Promise<AppError | null> {
    if (this.busy) {
      return new AppError('sign_in_in_progress', 'another sign-in or sign-out is running');
    }
    this.busy = true;
    this.error = null;
    this.notice = null;

    try {
      this.status = await api.signInWithToken(token);
      this.phase = 'signedIn';
      return null;
    } catch (reason) {
      return toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Allows or stops saving the session in an encrypted file while the
   * keychain is unavailable. Returns null on success and the AppError
   * otherwise, which the keychain notice shows.
   */
  async setFileFallback(enabled: boolean): Promise<AppError | null> {
    try {
      this.status = await api.setFileFallback(enabled);
      return null;
    } catch (reason) {
      return toAppError(reason);
    }
  }

  /**
   * Waits for the browser to come back with the sign-in. The waiting screen
   * calls this once it is shown. A cancelled sign-in returns to the previous
   * screen without an error, and any other failure shows its advice there.
   * A sign-in that completes after Cancel still counts, because the backend
   * has saved its tokens by the time AwaitSignIn resolves.
   */
  async waitForBrowser(): Promise<void> {
    const attempt = this.#attempt;

    try {
      const status = await api.awaitSignIn();
      this.status = status;
      this.pending = null;
      this.phase = 'signedIn';
    } catch (reason) {
      if (attempt !== this.#attempt || this.phase !== 'waiting') {
        return;
      }
      const error = toAppError(reason);
      this.error = error.code === 'sign_in_cancelled' ? null : error;
      this.#leaveWaiting();
    }
  }

  /** Cancels the sign-in that waits for the browser. */
  async cancelSignIn(): Promise<void> {
    this.#attempt++;
    this.error = null;
    this.#leaveWaiting();

    try {
      await api.cancelSignIn();
    } catch (reason) {
      const error = toAppError(reason);
      if (error.code !== 'sign_in_not_started') {
        this.error = error;
      }
    }
  }

  /**
   * Signs out and returns whether that worked. A revocation that failed on
   * the Supabase side, or an access token that keeps working, leaves a
   * notice for the welcome screen.
   */
  async signOut(): Promise<boolean> {
    if (this.busy) {
      return false;
    }
    this.busy = true;
    this.error = null;

    try {
      const result = await api.signOut();
      this.notice = signOutNotice(result);
      this.status = this.status && signedOut(this.status);
      this.phase = 'welcome';
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Switches to the reconnect screen when a signed-in session expired. */
  expire(): void {
    if (this.phase !== 'signedIn') {
      return;
    }
    this.status = this.status && signedOut(this.status, true);
    this.error = null;
    this.phase = 'reconnect';
  }

  /**
   * Handles the errors that end the session, whichever call returned them:
   * session_expired leads to the reconnect screen and not_signed_in to the
   * welcome screen. Returns false for any other error, which the caller shows.
   */
  handleSessionError(error: AppError): boolean {
    if (error.code === 'session_expired') {
      this.expire();
      return true;
    }
    if (error.code === 'not_signed_in' && this.phase === 'signedIn') {
      this.status = this.status && signedOut(this.status);
      this.phase = 'welcome';
      return true;
    }
    return false;
  }

  #leaveWaiting(): void {
    this.pending = null;
    this.phase = this.#returnPhase;
  }
}

/**
 * Starts a sign-in. A sign-in left over from an earlier page load is
 * cancelled first, because this window is its only user.
 */
async function startFresh(organizationSlug: string): Promise<api.SignInStart> {
  try {
    return await api.startSignIn(organizationSlug);
  } catch (reason) {
    if (toAppError(reason).code !== 'sign_in_in_progress') {
      throw reason;
    }
  }
  await api.cancelSignIn();
  return api.startSignIn(organizationSlug);
}

/**
 * Returns the notice after a sign-out. The backend revokes only OAuth
 * sessions, so a result has a revokeError or personalAccessToken, never both.
 */
function signOutNotice(result: api.SignOutResult): Notice | null {
  if (result.revokeError) {
    return { advice: REVOKE_FAILED_ADVICE, detail: result.revokeError };
  }
  if (result.personalAccessToken) {
    return { advice: ACCESS_TOKEN_SIGN_OUT_ADVICE, detail: '' };
  }
  return null;
}

function firstPhase(status: api.Status): Phase {
  if (status.signedIn) {
    return 'signedIn';
  }
  return status.expired ? 'reconnect' : 'welcome';
}

function signedOut(status: api.Status, expired = false): api.Status {
  return { ...status, signedIn: false, method: '', expired, user: undefined };
}

/** The store that the whole window shares. */
export const session = new SessionStore();
