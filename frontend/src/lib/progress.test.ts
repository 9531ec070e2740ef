import { describe, expect, it } from 'vitest';
import { describeService, formatElapsed } from './progress';

describe('formatElapsed', () => {
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [60_000, '1 min 00 s'],
    [125_400, '2 min 05 s'],
    [-5, '0 s'],
  ])('formats %d ms', (millis, want) => {
    expect(formatElapsed(millis)).toBe(want);
  });
});

describe('describeService', () => {
  it.each([
    [{ name: 'db', status: 'ACTIVE_HEALTHY' }, 'Database: running'],
    [{ name: 'rest', status: 'COMING_UP' }, 'API: starting'],
    [{ name: 'auth', status: 'UNHEALTHY', error: 'boom' }, 'Auth: not running yet'],
    [{ name: 'storage', status: 'ACTIVE_HEALTHY' }, 'storage: running'],
  ])('describes %j', (service, want) => {
    expect(describeService(service)).toBe(want);
  });
});
