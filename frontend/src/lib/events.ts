// Names of the events that the Go backend emits with runtime.EventsEmit. The
// backend declares the same strings; keep the two lists equal.

import { EventsOn } from '$wails/runtime/runtime';

/** The saved session stopped working, for example after a failed token refresh. */
export const SESSION_EXPIRED = 'session:expired';

/** A report on a new project's start-up, with a ProjectProgress as its data. */
export const PROJECT_PROGRESS = 'project:progress';

/**
 * The backend waits before its next request because Supabase's rate limit was
 * reached. The data is the wait in seconds, a number that may have a fraction.
 */
export const RATE_LIMIT_WAIT = 'ratelimit:wait';

/** Every event name the window listens for. */
export const EVENT_NAMES = [SESSION_EXPIRED, PROJECT_PROGRESS, RATE_LIMIT_WAIT] as const;

/** An event name from EVENT_NAMES. */
export type EventName = (typeof EVENT_NAMES)[number];

/**
 * How far a new project has come: starting, services, ready, failed or
 * timed_out. The first three follow each other, and the last three end the
 * reports.
 */
export type ProjectStage = 'starting' | 'services' | 'ready' | 'failed' | 'timed_out';

/** The health of one service of a project, such as db, auth or rest. */
export interface ServiceHealth {
  name: string;
  /** COMING_UP, ACTIVE_HEALTHY or UNHEALTHY. */
  status: string;
  error?: string;
}

/**
 * The data of PROJECT_PROGRESS, as the Go type projects.Progress encodes it.
 * It has no generated TypeScript class, because no bound method returns it.
 */
export interface ProjectProgress {
  ref: string;
  stage: ProjectStage;
  /** The last project status from the API, such as COMING_UP, or empty before the first. */
  status: string;
  services: ServiceHealth[] | null;
  /** Milliseconds since the backend began waiting. */
  elapsedMillis: number;
  /** The number of the poll, from 1. */
  attempt: number;
  /** The error of the last poll, when the backend keeps polling anyway. */
  retryError?: string;
}

/**
 * Subscribes handler to a backend event and returns the function that
 * unsubscribes it. Callers must call it when their component is destroyed.
 */
export function onEvent(name: EventName, handler: (...data: unknown[]) => void): () => void {
  return EventsOn(name, handler);
}

/** Subscribes handler to PROJECT_PROGRESS and returns the function that unsubscribes it. */
export function onProjectProgress(handler: (progress: ProjectProgress) => void): () => void {
  return onEvent(PROJECT_PROGRESS, (data) => handler(data as ProjectProgress));
}

/**
 * Subscribes handler to RATE_LIMIT_WAIT and returns the function that
 * unsubscribes it. Data that is not a finite number is ignored.
 */
export function onRateLimitWait(handler: (seconds: number) => void): () => void {
  return onEvent(RATE_LIMIT_WAIT, (data) => {
    if (typeof data === 'number' && Number.isFinite(data)) {
      handler(data);
    }
  });
}
