import { describe, expect, it } from 'vitest';
import { formatProblem } from './accessToken';

describe('formatProblem', () => {
  it.each([
    [
      'session: invalid personal access token: a personal access token starts with sbp_',
      'A personal access token starts with sbp_.',
    ],
    [
      'session: invalid personal access token: this is an OAuth access token (sbp_oauth_…), ' +
        'which cannot be pasted: paste a personal access token or use Connect with Supabase',
      'This is an OAuth access token (sbp_oauth_…), which cannot be pasted: paste a personal ' +
        'access token or use Connect with Supabase.',
    ],
    ['the token ends here.', 'The token ends here.'],
    ['', 'This is not a personal access token.'],
    ['session: invalid personal access token: ', 'This is not a personal access token.'],
  ])('turns %j into a sentence', (message, expected) => {
    expect(formatProblem(message)).toBe(expected);
  });
});
