import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import { ACCESS_TOKENS_URL } from '../lib/accessToken';
import { session } from '../lib/stores/session.svelte';
import {
  mockedApp,
  pending,
  rejection,
  statusFixture,
  tokenStatusFixture,
  VALID_TOKEN,
} from '../testing/bindings';
import TokenSignIn from './TokenSignIn.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));

const bindings = mockedApp(App);

const FORMAT_PREFIX = 'session: invalid personal access token: ';

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers();
  localStorage.clear();
  session.phase = 'welcome';
  session.status = statusFixture(false);
  session.info = null;
  session.busy = false;
  session.error = null;
  session.notice = null;

  bindings.CheckToken.mockImplementation(async (token) => {
    if (token !== VALID_TOKEN) {
      throw rejection('invalid_input', `${FORMAT_PREFIX}a personal access token starts with sbp_`);
    }
  });
  bindings.SignInWithToken.mockResolvedValue(tokenStatusFixture());
  bindings.OpenURL.mockResolvedValue(undefined);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Renders the form, opens the disclosure and returns the token field. */
async function openForm(): Promise<HTMLInputElement> {
  render(TokenSignIn);
  await fireEvent.click(screen.getByRole('button', { name: 'Use an access token instead' }));
  return screen.getByLabelText('Access token') as HTMLInputElement;
}

async function type(field: HTMLInputElement, value: string): Promise<void> {
  await fireEvent.input(field, { target: { value } });
}

/** Lets the format check run: the typing pause, then the check's promise. */
async function pauseTyping(): Promise<void> {
  await vi.advanceTimersByTimeAsync(1000);
  await tick();
}

/** Returns the text of the elements that describe field: its message and hint. */
function description(field: HTMLElement): string {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

/** Returns what the form's live region announces. */
function announced(): string {
  return document.querySelector('form [aria-live="polite"]')?.textContent ?? '';
}

async function submit(): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: 'Sign in with token' }));
  await vi.advanceTimersByTimeAsync(0);
  await tick();
}

describe('TokenSignIn', () => {
  it('starts closed and opens a labelled password field', async () => {
    render(TokenSignIn);
    const toggle = screen.getByRole('button', { name: 'Use an access token instead' });

    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByLabelText('Access token')).toBeNull();

    await fireEvent.click(toggle);

    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const field = screen.getByLabelText('Access token') as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(toggle.getAttribute('aria-controls')).toBe(field.closest('form')?.id);
    expect(screen.getByText(/no OAuth app/).textContent).toContain('Account → Access Tokens');
  });

  it('checks the format once typing pauses', async () => {
    const field = await openForm();

    await type(field, 's');
    await type(field, 'sb');
    await type(field, 'sbx_12');
    expect(bindings.CheckToken).not.toHaveBeenCalled();
    await pauseTyping();

    expect(bindings.CheckToken).toHaveBeenCalledTimes(1);
    expect(bindings.CheckToken).toHaveBeenCalledWith('sbx_12');
    expect(description(field)).toContain('A personal access token starts with sbp_.');
    expect(announced()).toBe('A personal access token starts with sbp_.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('confirms a token in the right format', async () => {
    const field = await openForm();

    await type(field, `  ${VALID_TOKEN} `);
    await pauseTyping();

    expect(bindings.CheckToken).toHaveBeenCalledWith(VALID_TOKEN);
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(description(field)).toContain('The format is right. Supabase checks');
    expect(announced()).toBe('The format is right.');
  });

  it('shows no message for an emptied field', async () => {
    const field = await openForm();
    await type(field, 'abc');
    await pauseTyping();

    await type(field, '');
    await pauseTyping();

    expect(bindings.CheckToken).toHaveBeenCalledTimes(1);
    expect(description(field)).not.toContain('starts with sbp_.');
    expect(announced()).toBe('');
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });

  it('sends nothing for a token in the wrong format', async () => {
    const field = await openForm();
    await type(field, 'sbp_short');

    await submit();

    expect(bindings.CheckToken).toHaveBeenCalledWith('sbp_short');
    expect(bindings.SignInWithToken).not.toHaveBeenCalled();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
  });

  it('shows the backend message for a pasted OAuth token', async () => {
    const message =
      'this is an OAuth access token (sbp_oauth_…), which cannot be pasted: paste a personal ' +
      'access token or use Connect with Supabase';
    bindings.CheckToken.mockRejectedValue(rejection('invalid_input', FORMAT_PREFIX + message));
    const field = await openForm();

    await type(field, `sbp_oauth_${'a'.repeat(40)}`);
    await pauseTyping();

    expect(description(field)).toContain('This is an OAuth access token (sbp_oauth_…)');
    await submit();
    expect(bindings.SignInWithToken).not.toHaveBeenCalled();
  });

  it('signs in and empties the field', async () => {
    const field = await openForm();
    await type(field, VALID_TOKEN);

    await submit();

    expect(bindings.SignInWithToken).toHaveBeenCalledWith(VALID_TOKEN);
    expect(session.phase).toBe('signedIn');
    expect(session.status?.method).toBe('token');
    expect(field.value).toBe('');
  });

  it('keeps the token out of the stores and localStorage', async () => {
    const field = await openForm();
    await type(field, VALID_TOKEN);

    await submit();

    expect(JSON.stringify(session.status)).not.toContain(VALID_TOKEN);
    expect(JSON.stringify(Object.values(localStorage))).not.toContain(VALID_TOKEN);
    expect(localStorage.length).toBe(0);
  });

  it('explains a token that Supabase rejected', async () => {
    bindings.SignInWithToken.mockRejectedValue(
      rejection('token_rejected', 'session: Supabase rejected the personal access token: 401'),
    );
    const field = await openForm();
    await type(field, VALID_TOKEN);

    await submit();

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Supabase did not accept this access token.');
    expect(alert.textContent).toContain('copied the whole access token');
    expect(alert.textContent).toContain('Account → Access Tokens');
    expect(session.phase).toBe('welcome');
  });

  it('shows the format problem that sign-in found', async () => {
    bindings.SignInWithToken.mockRejectedValue(
      rejection('invalid_input', `${FORMAT_PREFIX}the token is empty: paste a token`),
    );
    const field = await openForm();
    await type(field, VALID_TOKEN);

    await submit();

    expect(description(field)).toContain('The token is empty: paste a token.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('ignores a second submit while signing in', async () => {
    bindings.SignInWithToken.mockReturnValue(pending());
    const field = await openForm();
    await type(field, VALID_TOKEN);

    await submit();
    const button = screen.getByRole('button', { name: 'Signing in…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await fireEvent.click(button);
    await vi.advanceTimersByTimeAsync(0);

    expect(bindings.SignInWithToken).toHaveBeenCalledTimes(1);
  });

  it('empties the field when closed', async () => {
    const field = await openForm();
    await type(field, VALID_TOKEN);
    const toggle = screen.getByRole('button', { name: 'Use an access token instead' });

    await fireEvent.click(toggle);
    await fireEvent.click(toggle);

    expect((screen.getByLabelText('Access token') as HTMLInputElement).value).toBe('');
  });

  it('opens the Access Tokens page', async () => {
    await openForm();

    await fireEvent.click(screen.getByRole('link', { name: 'Open the Access Tokens page' }));

    expect(bindings.OpenURL).toHaveBeenCalledWith(ACCESS_TOKENS_URL);
  });
});
