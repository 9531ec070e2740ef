import { describe, expect, it } from 'vitest';
import { explainStrength, MAX_NAME_LENGTH, nameProblem } from './newProject';

describe('nameProblem', () => {
  it.each([
    ['Shop', ''],
    ['  Shop  ', ''],
    ['x'.repeat(MAX_NAME_LENGTH), ''],
    ['😀'.repeat(MAX_NAME_LENGTH), ''],
    ['', 'Enter a name for the project.'],
    [' \t ', 'Enter a name for the project.'],
    ['x'.repeat(MAX_NAME_LENGTH + 1), 'Use a name of at most 256 characters. This one has 257.'],
    ['my\nshop', 'Remove line breaks and tabs from the name.'],
  ])('checks %j', (name, want) => {
    expect(nameProblem(name)).toBe(want);
  });
});

describe('explainStrength', () => {
  it.each(['empty', 'common', 'pattern', 'too_short', 'few_kinds', 'could_be_longer', 'good'])(
    'explains %s',
    (reason) => {
      expect(explainStrength(reason)).not.toBe('');
    },
  );

  it('returns nothing for an unknown reason', () => {
    expect(explainStrength('toString')).toBe('');
  });
});
