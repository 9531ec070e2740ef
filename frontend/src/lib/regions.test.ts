import { describe, expect, it } from 'vitest';
import { regionLabel } from './regions';

describe('regionLabel', () => {
  it.each([
    ['eu-central-1', 'eu-central-1 (Frankfurt)'],
    ['us-east-1', 'us-east-1 (North Virginia)'],
    ['ap-southeast-2', 'ap-southeast-2 (Sydney)'],
    ['sa-east-1', 'sa-east-1 (São Paulo)'],
    [' eu-west-2 ', 'eu-west-2 (London)'],
  ])('labels %j', (code, label) => {
    expect(regionLabel(code)).toBe(label);
  });

  it.each(['mars-north-1', 'constructor'])('returns unknown code %j unchanged', (code) => {
    expect(regionLabel(code)).toBe(code);
  });

  it('names an empty region', () => {
    expect(regionLabel('')).toBe('Unknown region');
  });
});
