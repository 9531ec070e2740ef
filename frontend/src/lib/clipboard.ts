// Copying to the clipboard with a confirmation toast, and clearing copied
// secrets after a minute.

import * as api from './api';
import { toAppError } from './apperror';
import { adviceFor } from './errors';
import { toasts } from './stores/toasts.svelte';

/** How long a copied secret stays on the clipboard, in milliseconds. */
export const CLEAR_SECRET_MS = 60_000;

let clearTimer: ReturnType<typeof setTimeout> | undefined;

/** Options of copyToClipboard. */
export interface CopyOptions {
  /** Clears the clipboard after CLEAR_SECRET_MS unless something else was copied. */
  secret?: boolean;
}

/**
 * Copies text and confirms it with a toast that names the copied item, such
 * as "the anon key". Returns whether the copy worked. A failure shows an error toast.
 *
 * NOTE: the clipboard cannot be read reliably in WebKitGTK, so a secret is
 * cleared after a minute unless Supaconnect copied something since. Text
 * copied in another program during that minute is cleared too, and a secret
 * stays when the app closes before the minute is over.
 */
export async function copyToClipboard(
  text: string,
  itemName: string,
  options: CopyOptions = {},
): Promise<boolean> {
  try {
    await api.copyText(text);
  } catch (reason) {
    const advice = adviceFor(toAppError(reason).code);
    toasts.show(`Could not copy ${itemName}. ${advice.action}`, 'error');
    return false;
  }

  clearTimeout(clearTimer);
  clearTimer = undefined;
  if (options.secret) {
    clearTimer = setTimeout(clearClipboard, CLEAR_SECRET_MS);
    toasts.show(`Copied ${itemName}. Supaconnect clears it from the clipboard in a minute.`);
  } else {
    toasts.show(`Copied ${itemName}.`);
  }
  return true;
}

function clearClipboard(): void {
  clearTimer = undefined;
  api.copyText('').catch(() => {
    // Nothing to tell the user: the secret stays until they copy something else.
  });
}
