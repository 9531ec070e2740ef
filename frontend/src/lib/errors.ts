// Plain-language advice for each backend error code, written for people who
// have never seen an OAuth error.

import type { ErrorCode } from './apperror';

/** Plain advice for one failure: a summary of what happened and the next step. */
export interface Advice {
  summary: string;
  action: string;
}

const TRY_AGAIN_LATER = 'Try again. If it keeps happening, restart Supaconnect.';

/** Advice for each code of ERROR_CODES. */
export const ADVICE: Record<ErrorCode, Advice> = {
  not_signed_in: {
    summary: 'Supaconnect is not connected to your Supabase account.',
    action: 'Select Connect Supabase to sign in.',
  },
  sign_in_in_progress: {
    summary: 'A sign-in is already waiting for your browser.',
    action: 'Finish it in your browser, or cancel it and start again.',
  },
  sign_in_not_started: {
    summary: 'There is no sign-in waiting for your browser.',
    action: 'Select Connect Supabase to start signing in.',
  },
  sign_in_cancelled: {
    summary: 'Signing in was cancelled.',
    action: 'Select Connect Supabase when you are ready to try again.',
  },
  cancelled: {
    summary: 'Supaconnect stopped loading this because you left the screen.',
    action: 'Select Retry to load it again.',
  },
  sign_in_timeout: {
    summary: 'Supaconnect stopped waiting because signing in in the browser took too long.',
    action: 'Select Connect Supabase to try again, and finish the steps in your browser.',
  },
  access_denied: {
    summary: 'Supabase was not given access to your account.',
    action:
      'If you meant to allow it, select Connect Supabase again and allow access in your browser.',
  },
  authorization_failed: {
    summary: 'Supabase could not complete the sign-in.',
    action: 'Try again in a few minutes. If it keeps happening, contact the Supaconnect team.',
  },
  state_mismatch: {
    summary:
      'Your browser returned a sign-in that Supaconnect did not start, so Supaconnect ignored it to keep your account safe.',
    action: 'Close old Supabase sign-in tabs in your browser, then select Connect Supabase again.',
  },
  ports_unavailable: {
    summary:
      'Supaconnect could not open its sign-in port because another program is using it.',
    action: 'Close other copies of Supaconnect and try again.',
  },
  token_exchange_failed: {
    summary: 'Supabase accepted the sign-in, but Supaconnect could not finish connecting.',
    action: 'Check your internet connection, then select Connect Supabase again.',
  },
  keychain_unavailable: {
    summary:
      'Supaconnect cannot use the system keychain, so your sign-in lasts only until you close the app.',
    action:
      'The keychain is where your computer keeps passwords safe. On Linux it is the Secret ' +
      'Service, usually provided by GNOME Keyring or KWallet: install one, unlock it, and ' +
      'restart Supaconnect to stay signed in.',
  },
  token_rejected: {
    summary: 'Supabase did not accept this access token.',
    action:
      'Check that you copied the whole access token. If it was deleted in the Supabase ' +
      'dashboard, create a new one under Account → Access Tokens and paste it here.',
  },
  session_expired: {
    summary: 'Your connection to Supabase has expired.',
    action: 'Select Connect Supabase to reconnect. Your selected organization stays selected.',
  },
  forbidden: {
    summary: 'Your Supabase account does not have permission to see this.',
    action: 'Ask an owner of the organization for access, or choose another organization.',
  },
  not_found: {
    summary: 'Supabase could not find this. It may have been deleted.',
    action: 'Select Refresh to load the latest list.',
  },
  rate_limited: {
    summary: 'Supabase received too many requests from your account in a short time.',
    action: 'Wait a minute, then try again.',
  },
  unreachable: {
    summary: 'Supaconnect could not reach Supabase.',
    action: 'Check your internet connection, then try again.',
  },
  server_error: {
    summary: 'Supabase had a problem handling the request.',
    action: 'This is usually temporary. Try again in a few minutes.',
  },
  invalid_input: {
    summary: 'Supabase did not accept the request that Supaconnect sent.',
    action: TRY_AGAIN_LATER,
  },
  outcome_unknown: {
    summary:
      'No answer came from Supabase, so Supaconnect cannot tell whether the change was made.',
    action:
      'The database password is kept safely in your system keychain, and Supaconnect checks ' +
      'again the next time it starts.',
  },
  password_not_saved: {
    summary:
      'Supabase created the project, but Supaconnect could not save its database password in ' +
      'your keychain.',
    action:
      'Copy the password now and keep it somewhere safe. Supaconnect tries to save it again ' +
      'the next time it starts.',
  },
  no_password: {
    summary: 'Supaconnect does not have the database password of this project.',
    action: 'Enter the password if you know it, or reset it to get a new one.',
  },
  pending_not_found: {
    summary: 'This kept password is gone, because it was saved or discarded already.',
    action: 'Nothing else needs doing.',
  },
  project_failed: {
    summary: 'Supabase could not start this project.',
    action:
      'Open the project in the Supabase dashboard to see what went wrong. If it cannot be ' +
      'fixed there, delete the project and create it again.',
  },
  wait_timed_out: {
    summary: 'The project is taking longer than usual to start.',
    action:
      'It keeps starting in Supabase, so check back later. The project list shows when it ' +
      'is ready.',
  },
  no_primary_pooler: {
    summary: "Supabase did not return the connection details of this project's database.",
    action: 'The database may still be starting. Wait a few minutes, then try again.',
  },
  file_exists: {
    summary: 'A file with this name exists already.',
    action: 'Choose another name, or allow Supaconnect to replace the file.',
  },
  weak_password: {
    summary: 'The database password is too weak.',
    action:
      'Use at least 12 characters that mix letters, digits and symbols, or go back to the generated password.',
  },
  file_failed: {
    summary: 'Supaconnect could not write the file.',
    action: 'Choose a folder that you can save files in, and check that the disk is not full.',
  },
  internal: {
    summary: 'Something went wrong inside Supaconnect.',
    action: TRY_AGAIN_LATER,
  },
};

/** Advice for a code that ADVICE does not list, such as one from a newer backend. */
export const GENERIC_ADVICE: Advice = {
  summary: 'Something unexpected went wrong.',
  action: `${TRY_AGAIN_LATER} The details below help the Supaconnect team find the cause.`,
};

/** Returns the advice for code, or GENERIC_ADVICE for an unknown code. */
export function adviceFor(code: string): Advice {
  return Object.hasOwn(ADVICE, code) ? ADVICE[code as ErrorCode] : GENERIC_ADVICE;
}

/** Advice shown when sign-out removed the local session but revocation failed. */
export const REVOKE_FAILED_ADVICE: Advice = {
  summary:
    'You are signed out on this computer, but Supaconnect could not tell Supabase to end its access.',
  action:
    'To remove it, open your organization settings in the Supabase dashboard, go to the ' +
    'OAuth Apps tab, and revoke Supaconnect under Authorized apps.',
};

/**
 * Advice shown after signing out of a session that used an access token,
 * which sign-out cannot revoke.
 */
export const ACCESS_TOKEN_SIGN_OUT_ADVICE: Advice = {
  summary: 'You are signed out on this computer, but your access token still works.',
  action:
    'It keeps working until you delete it in the Supabase dashboard under Account → ' +
    'Access Tokens.',
};

/** Advice shown when StartSignIn could not start the system browser. */
export const BROWSER_NOT_OPENED_ADVICE: Advice = {
  summary: 'Supaconnect could not open your browser.',
  action: 'Copy the link below, paste it into your browser, and sign in there.',
};
