import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './apperror';
import {
  ACCESS_TOKEN_SIGN_OUT_ADVICE,
  ADVICE,
  adviceFor,
  GENERIC_ADVICE,
  type Advice,
} from './errors';

// The Go file that declares the codes: backend/uierror/uierror.go, next to
// the frontend directory.
const FRONTEND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const UIERROR_GO = resolve(FRONTEND_DIR, '../backend/uierror/uierror.go');

/** Returns the string values of the `Name Code = "value"` constants in Go source. */
function goCodes(source: string): string[] {
  return [...source.matchAll(/^\s*\w+\s+Code\s*=\s*"([^"]*)"/gm)].map((match) => match[1]);
}

// Jargon that advice must not use. "Access token" is allowed, because the
// Supabase dashboard calls its Access Tokens page that, but any other token
// ("refresh token", a bare "token") is not.
const TECHNICAL_WORDS = /\b(OAuth|PKCE|JWT|bearer|HTTP|JSON|4\d\d|5\d\d)\b/i;
const TOKEN_OTHER_THAN_ACCESS_TOKEN = /(?<!\baccess )\btokens?\b/i;

function adviceText(advice: Advice): string {
  return `${advice.summary} ${advice.action}`;
}

describe('adviceFor', () => {
  it.each(ERROR_CODES)('has specific advice for %s', (code) => {
    const advice = adviceFor(code);

    expect(advice).not.toBe(GENERIC_ADVICE);
    expect(advice.summary.trim()).not.toBe('');
    expect(advice.action.trim()).not.toBe('');
  });

  it('lists advice only for known codes', () => {
    expect(Object.keys(ADVICE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('gives every code its own summary', () => {
    const summaries = new Set(ERROR_CODES.map((code) => adviceFor(code).summary));

    expect(summaries.size).toBe(ERROR_CODES.length);
  });

  it.each(['quota_exceeded', '', 'toString', '__proto__'])(
    'falls back to generic advice for %j',
    (code) => {
      expect(adviceFor(code)).toBe(GENERIC_ADVICE);
    },
  );

  it('explains a busy sign-in port', () => {
    const advice = adviceFor('ports_unavailable');

    expect(advice.summary).toBe(
      'Supaconnect could not open its sign-in port because another program is using it.',
    );
    expect(advice.action).toBe('Close other copies of Supaconnect and try again.');
  });

  it('names the Linux keychain and the session lifetime', () => {
    const advice = adviceFor('keychain_unavailable');
    const text = `${advice.summary} ${advice.action}`;

    expect(text).toContain('Secret Service');
    expect(text).toContain('GNOME Keyring');
    expect(text).toContain('until you close');
  });

  it('keeps technical words out of the advice', () => {
    for (const code of ERROR_CODES) {
      const text = adviceText(adviceFor(code));

      expect(text, code).not.toMatch(TECHNICAL_WORDS);
      expect(text, code).not.toMatch(TOKEN_OTHER_THAN_ACCESS_TOKEN);
      expect(text, code).not.toContain(code);
    }
  });

  it('explains a rejected access token', () => {
    const text = adviceText(adviceFor('token_rejected'));

    expect(text).toContain('access token');
    expect(text).toContain('copied the whole');
    expect(text).toContain('Account → Access Tokens');
  });
});

describe('word rules', () => {
  it.each([
    ['a refresh token', 'Your refresh token expired.'],
    ['a bare token', 'Paste the token here.'],
    ['tokens', 'Supabase sent two tokens.'],
  ])('rejects %s', (_, text) => {
    expect(text).toMatch(TOKEN_OTHER_THAN_ACCESS_TOKEN);
  });

  it.each(['Paste your access token.', 'Open Account → Access Tokens.'])(
    'allows %j',
    (text) => {
      expect(text).not.toMatch(TOKEN_OTHER_THAN_ACCESS_TOKEN);
    },
  );

  it('keeps the sign-out advice plain', () => {
    const text = adviceText(ACCESS_TOKEN_SIGN_OUT_ADVICE);

    expect(text).not.toMatch(TECHNICAL_WORDS);
    expect(text).not.toMatch(TOKEN_OTHER_THAN_ACCESS_TOKEN);
    expect(text).toContain('Account → Access Tokens');
  });
});

describe('backend codes', () => {
  const backendCodes = goCodes(readFileSync(UIERROR_GO, 'utf8'));

  it('reads the codes from uierror.go', () => {
    expect(backendCodes).toContain('internal');
    expect(backendCodes).toContain('token_rejected');
  });

  it('lists every backend code', () => {
    const known: readonly string[] = ERROR_CODES;
    const missing = backendCodes.filter((code) => !known.includes(code));

    expect(missing).toEqual([]);
  });

  it('lists no code the backend lacks', () => {
    const extra = ERROR_CODES.filter((code) => !backendCodes.includes(code));

    expect(extra).toEqual([]);
  });

  it('finds constants in Go source', () => {
    const source = [
      'const (',
      '\tNotSignedIn Code = "not_signed_in"',
      '\tInternal    Code = "internal"',
      ')',
      'var other = "not_a_code"',
    ].join('\n');

    expect(goCodes(source)).toEqual(['not_signed_in', 'internal']);
  });
});
