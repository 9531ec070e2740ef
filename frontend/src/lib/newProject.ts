// Checks and words for the create-project form.

/** The maximum length of a project name, from the Management API's V1CreateProjectBody. */
export const MAX_NAME_LENGTH = 256;

/**
 * Returns what is wrong with a project name, or "" when the backend accepts
 * it. The rules repeat projects.ValidateName: after trimming, the name has
 * 1 to MAX_NAME_LENGTH characters and no control characters.
 */
export function nameProblem(name: string): string {
  const trimmed = name.trim();
  const length = [...trimmed].length;

  if (length === 0) {
    return 'Enter a name for the project.';
  }
  if (length > MAX_NAME_LENGTH) {
    return `Use a name of at most ${MAX_NAME_LENGTH} characters. This one has ${length}.`;
  }
  if (/\p{Cc}/u.test(trimmed)) {
    return 'Remove line breaks and tabs from the name.';
  }
  return '';
}

/** The word shown for each strength level. */
export const STRENGTH_LABELS: Record<string, string> = {
  weak: 'Weak',
  fair: 'Fair',
  strong: 'Strong',
};

/** Plain-word explanations of the strength reason codes. */
const STRENGTH_REASONS: Record<string, string> = {
  empty: 'Type a password.',
  common: 'This is a well-known password, which attackers try first.',
  pattern: 'This repeats a few characters or follows a simple run, such as abcd or 4321.',
  too_short: 'Use at least 8 characters.',
  few_kinds: 'Mix lowercase and uppercase letters, numbers and symbols, or make it longer.',
  could_be_longer: 'Use 12 characters or more to make it strong.',
  good: 'This password is hard to guess.',
};

/** Explains a strength reason code such as too_short. */
export function explainStrength(reason: string): string {
  return Object.hasOwn(STRENGTH_REASONS, reason) ? STRENGTH_REASONS[reason] : '';
}
