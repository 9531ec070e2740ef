// Reads made for one screen, such as a project's API keys. App.LeaveScreen
// cancels them in the backend, and a cancelled read rejects with the code
// "cancelled". The window treats that as data that is not loaded, never as
// a failure to show.

import { type AppError, toAppError } from './apperror';

/** Reports whether error is a read that the backend cancelled because the user left its screen. */
export function isCancelled(error: AppError): boolean {
  return error.code === 'cancelled';
}

/**
 * Runs read, and runs it once more when the backend cancelled it while
 * isShown() still returns true. That happens when the LeaveScreen call of
 * the previous screen reaches the backend after this screen's read began,
 * because Wails handles each call on a goroutine of its own. Only that one
 * LeaveScreen can overlap the read, so one more attempt is enough. Any other
 * failure, and a read cancelled after its screen closed, rejects with an
 * AppError.
 */
export async function readForScreen<T>(
  read: () => Promise<T>,
  isShown: () => boolean,
): Promise<T> {
  try {
    return await read();
  } catch (reason) {
    const error = toAppError(reason);
    if (!isCancelled(error) || !isShown()) {
      throw error;
    }
  }
  return read();
}
