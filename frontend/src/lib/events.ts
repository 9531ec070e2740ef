// Names of the events that the Go backend emits with runtime.EventsEmit. The
// backend declares the same strings; keep the two lists equal.

import { EventsOn } from '$wails/runtime/runtime';

/** The saved session stopped working, for example after a failed token refresh. */
export const SESSION_EXPIRED = 'session:expired';

/** Every event name the window listens for. */
export const EVENT_NAMES = [SESSION_EXPIRED] as const;

/** An event name from EVENT_NAMES. */
export type EventName = (typeof EVENT_NAMES)[number];

/**
 * Subscribes handler to a backend event and returns the function that
 * unsubscribes it. Callers must call it when their component is destroyed.
 */
export function onEvent(name: EventName, handler: (...data: unknown[]) => void): () => void {
  return EventsOn(name, handler);
}
