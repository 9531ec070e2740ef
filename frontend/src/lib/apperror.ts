// AppError is a failed backend call in the form the window branches on.

/**
 * Error codes that the Go package backend/uierror sends. A newer backend may
 * send a code that is missing here, so AppError.code stays a plain string.
 */
export const ERROR_CODES = [
  'not_signed_in',
  'sign_in_in_progress',
  'sign_in_not_started',
  'sign_in_cancelled',
  'cancelled',
  'sign_in_timeout',
  'access_denied',
  'authorization_failed',
  'state_mismatch',
  'ports_unavailable',
  'token_exchange_failed',
  'keychain_unavailable',
  'token_rejected',
  'session_expired',
  'forbidden',
  'not_found',
  'rate_limited',
  'unreachable',
  'server_error',
  'invalid_input',
  'outcome_unknown',
  'password_not_saved',
  'no_password',
  'pending_not_found',
  'project_failed',
  'wait_timed_out',
  'no_primary_pooler',
  'file_exists',
  'file_failed',
  'weak_password',
  'internal',
] as const;

/** A code from ERROR_CODES. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Reports whether code is one of ERROR_CODES. */
export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * A failed backend call: a stable code for the UI to branch on, and the
 * technical message, which is shown only behind a Details toggle.
 */
export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

/**
 * Converts the reason of a rejected binding call into an AppError.
 *
 * Wails rejects with the text of the Go error, which backend/uierror makes a
 * JSON object {"code", "message"}. Any other reason, such as plain text or a
 * TypeError thrown when the page runs outside Wails, becomes an "internal"
 * error that carries the original text as its message.
 */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) {
    return reason;
  }
  if (typeof reason === 'string') {
    return parseRejection(reason);
  }
  if (reason instanceof Error) {
    return new AppError('internal', reason.message);
  }
  return new AppError('internal', String(reason));
}

function parseRejection(text: string): AppError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new AppError('internal', text);
  }

  if (typeof parsed !== 'object' || parsed === null) {
    return new AppError('internal', text);
  }

  const { code, message } = parsed as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || code === '') {
    return new AppError('internal', text);
  }
  return new AppError(code, typeof message === 'string' ? message : '');
}
