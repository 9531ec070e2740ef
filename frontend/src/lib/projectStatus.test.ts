import { describe, expect, it } from 'vitest';
import { statusBadge } from './projectStatus';

describe('statusBadge', () => {
  it.each([
    ['ACTIVE_HEALTHY', 'Healthy', 'healthy'],
    ['COMING_UP', 'Starting', 'busy'],
    ['RESTORING', 'Working', 'busy'],
    ['UPGRADING', 'Working', 'busy'],
    ['RESTARTING', 'Working', 'busy'],
    ['RESIZING', 'Working', 'busy'],
    ['GOING_DOWN', 'Stopping', 'busy'],
    ['INACTIVE', 'Paused', 'paused'],
    ['PAUSING', 'Paused', 'paused'],
    ['INIT_FAILED', 'Problem', 'problem'],
    ['RESTORE_FAILED', 'Problem', 'problem'],
    ['PAUSE_FAILED', 'Problem', 'problem'],
    ['ACTIVE_UNHEALTHY', 'Problem', 'problem'],
    ['UNKNOWN', 'Unknown', 'unknown'],
    ['REMOVED', 'Unknown', 'unknown'],
    ['', 'Unknown', 'unknown'],
    ['active_healthy', 'Unknown', 'unknown'],
    ['constructor', 'Unknown', 'unknown'],
  ])('maps %j to %s', (status, label, tone) => {
    const badge = statusBadge(status);

    expect(badge.label).toBe(label);
    expect(badge.tone).toBe(tone);
  });
});
