// Helpers of the form that signs in with a Supabase personal access token.

/** The Access Tokens page of the Supabase dashboard, where a user creates a token. */
export const ACCESS_TOKENS_URL = 'https://supabase.com/dashboard/account/tokens';

// The start of every invalid_input message from App.CheckToken and
// App.SignInWithToken: the text of session.ErrInvalidToken in the Go backend.
const INVALID_TOKEN_PREFIX = 'session: invalid personal access token: ';

/**
 * Returns the field message for the message of an invalid_input error about
 * a token's format. It removes the package prefix of the Go error and makes
 * the rest a sentence, so "session: invalid personal access token: a
 * personal access token starts with sbp_" becomes "A personal access token
 * starts with sbp_." A message without the prefix is kept whole.
 */
export function formatProblem(message: string): string {
  const reason = message.startsWith(INVALID_TOKEN_PREFIX)
    ? message.slice(INVALID_TOKEN_PREFIX.length)
    : message;
  const text = reason.trim();
  if (text === '') {
    return 'This is not a personal access token.';
  }
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}
