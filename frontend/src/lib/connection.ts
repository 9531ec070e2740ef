// Masking the password inside a Postgres connection string.

/** The text shown in place of a hidden secret. */
export const MASK = '••••••••';

/**
 * Returns uri with the password of its user info replaced by MASK, so that
 * the host and user stay readable. A URI without a password part is masked
 * whole. The password is percent-encoded, so it contains no ":" or "@".
 */
export function maskConnectionString(uri: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)([^@/]*)(@.*)$/i.exec(uri);
  return match ? match[1] + MASK + match[3] : MASK;
}
