// Badges for the project states of the Supabase Management API.

/** The colour family of a badge: green, amber, grey, red or neutral. */
export type BadgeTone = 'healthy' | 'busy' | 'paused' | 'problem' | 'unknown';

/** The text and tone of a project's status badge. */
export interface StatusBadge {
  label: string;
  tone: BadgeTone;
}

const BADGES: Record<string, StatusBadge> = {
  ACTIVE_HEALTHY: { label: 'Healthy', tone: 'healthy' },

  COMING_UP: { label: 'Starting', tone: 'busy' },
  RESTORING: { label: 'Working', tone: 'busy' },
  UPGRADING: { label: 'Working', tone: 'busy' },
  RESTARTING: { label: 'Working', tone: 'busy' },
  RESIZING: { label: 'Working', tone: 'busy' },
  GOING_DOWN: { label: 'Stopping', tone: 'busy' },

  INACTIVE: { label: 'Paused', tone: 'paused' },
  PAUSING: { label: 'Paused', tone: 'paused' },

  INIT_FAILED: { label: 'Problem', tone: 'problem' },
  RESTORE_FAILED: { label: 'Problem', tone: 'problem' },
  PAUSE_FAILED: { label: 'Problem', tone: 'problem' },
  ACTIVE_UNHEALTHY: { label: 'Problem', tone: 'problem' },
};

const UNKNOWN_BADGE: StatusBadge = { label: 'Unknown', tone: 'unknown' };

/**
 * Returns the badge for a project status such as ACTIVE_HEALTHY. UNKNOWN,
 * REMOVED and any state this table does not list get the "Unknown" badge.
 */
export function statusBadge(status: string): StatusBadge {
  return Object.hasOwn(BADGES, status) ? BADGES[status] : UNKNOWN_BADGE;
}
