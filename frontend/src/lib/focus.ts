import type { Action } from 'svelte/action';

/**
 * Moves keyboard focus to the element when it mounts. Each screen puts it on
 * its heading (with tabindex="-1"), so that a screen reader announces the new
 * screen and Tab continues from there.
 */
export const focusOnMount: Action<HTMLElement> = (node) => {
  node.focus();
};

/**
 * Moves keyboard focus to the first field in container that is marked
 * aria-invalid, so that a failed submit leads the user to the problem.
 */
export function focusFirstInvalid(container: HTMLElement | undefined): void {
  container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
