// Words for the start-up of a new project.

import type { ProjectStage, ServiceHealth } from './events';

/** The steps shown while a project starts, in order. */
export const STEPS: { stage: ProjectStage; label: string }[] = [
  { stage: 'starting', label: 'Setting up the database…' },
  { stage: 'services', label: 'Starting services (Auth, API)…' },
  { stage: 'ready', label: 'Ready' },
];

/** Names of the services that the backend checks. */
const SERVICE_NAMES: Record<string, string> = {
  db: 'Database',
  auth: 'Auth',
  rest: 'API',
};

/** Returns "Auth: starting" and the like for one service. */
export function describeService(service: ServiceHealth): string {
  const name = SERVICE_NAMES[service.name] ?? service.name;
  switch (service.status) {
    case 'ACTIVE_HEALTHY':
      return `${name}: running`;
    case 'COMING_UP':
      return `${name}: starting`;
    default:
      return `${name}: not running yet`;
  }
}

/** Formats milliseconds as "45 s" or "2 min 05 s". */
export function formatElapsed(millis: number): string {
  const seconds = Math.max(0, Math.floor(millis / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const rest = String(seconds % 60).padStart(2, '0');
  return `${Math.floor(seconds / 60)} min ${rest} s`;
}
