import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import { mockedApp, pending, rejection, signInStartFixture } from '../testing/bindings';
import { session } from '../lib/stores/session.svelte';
import SignInWaiting from './SignInWaiting.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));

const bindings = mockedApp(App);

beforeEach(() => {
  vi.resetAllMocks();
  bindings.AwaitSignIn.mockReturnValue(pending());
  bindings.CopyText.mockResolvedValue(undefined);
  bindings.OpenURL.mockResolvedValue(undefined);
  bindings.CancelSignIn.mockResolvedValue(undefined);
  session.phase = 'waiting';
  session.error = null;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SignInWaiting', () => {
  it('shows the whole sign-in link', () => {
    const start = signInStartFixture();

    render(SignInWaiting, { props: { start } });

    const link = screen.getByLabelText('Sign-in link') as HTMLInputElement;
    expect(link.value).toBe(start.authorizeURL);
    expect(link.readOnly).toBe(true);
    expect(screen.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeTruthy();
  });

  it('waits for the browser once', () => {
    render(SignInWaiting, { props: { start: signInStartFixture() } });

    expect(bindings.AwaitSignIn).toHaveBeenCalledTimes(1);
  });

  it('copies the link and confirms briefly', async () => {
    vi.useFakeTimers();
    const start = signInStartFixture();
    render(SignInWaiting, { props: { start } });

    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));

    expect(bindings.CopyText).toHaveBeenCalledWith(start.authorizeURL);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();

    await vi.advanceTimersByTimeAsync(2500);
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  it('shows advice when copying fails', async () => {
    bindings.CopyText.mockRejectedValue(rejection('internal', 'clipboard: no display'));
    render(SignInWaiting, { props: { start: signInStartFixture() } });

    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));

    expect(screen.getByRole('alert').textContent).toContain('Something went wrong inside Supaconnect.');
    expect(screen.queryByRole('button', { name: 'Copied' })).toBeNull();
  });

  it('opens the browser again', async () => {
    const start = signInStartFixture();
    render(SignInWaiting, { props: { start } });

    await fireEvent.click(screen.getByRole('button', { name: 'Open browser again' }));

    expect(bindings.OpenURL).toHaveBeenCalledWith(start.authorizeURL);
  });

  it('asks to copy without a browser', () => {
    render(SignInWaiting, { props: { start: signInStartFixture(false) } });

    expect(screen.getByText('Supaconnect could not open your browser.')).toBeTruthy();
    expect(screen.getByText(/Copy the link below/)).toBeTruthy();
  });

  it('cancels the sign-in', async () => {
    render(SignInWaiting, { props: { start: signInStartFixture() } });

    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(bindings.CancelSignIn).toHaveBeenCalledTimes(1);
    expect(session.phase).toBe('welcome');
  });
});
