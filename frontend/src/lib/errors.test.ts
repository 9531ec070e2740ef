import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './apperror';
import { ADVICE, adviceFor, GENERIC_ADVICE } from './errors';

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
      const { summary, action } = adviceFor(code);
      const text = `${summary} ${action}`;

      expect(text, code).not.toMatch(/\b(OAuth|PKCE|token|HTTP|JSON|4\d\d|5\d\d)\b/i);
      expect(text, code).not.toContain(code);
    }
  });
});
