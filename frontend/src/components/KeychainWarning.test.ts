import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import { session } from '../lib/stores/session.svelte';
import { mockedApp, pending, rejection, statusFixture } from '../testing/bindings';
import KeychainWarning from './KeychainWarning.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));

const bindings = mockedApp(App);

/** Returns a signed-in status without the keychain, kept in storage. */
function withoutKeychain(storage: 'memory' | 'file') {
  const status = statusFixture(true, false);
  return {
    ...status,
    keychain: { ...status.keychain, fileFallback: storage === 'file', storage },
  };
}

function checkbox(): HTMLInputElement {
  return screen.getByRole('checkbox', {
    name: 'Remember my sign-in on this computer in an encrypted file instead',
  }) as HTMLInputElement;
}

beforeEach(() => {
  vi.resetAllMocks();
  session.status = withoutKeychain('memory');
});

describe('KeychainWarning', () => {
  it('stays hidden while the keychain works', () => {
    session.status = statusFixture(true, true);

    render(KeychainWarning);

    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('explains a sign-in kept in memory and the fix', () => {
    render(KeychainWarning);

    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain(
      'The system keychain is not available, so your sign-in lasts only until you close ' +
        'Supaconnect.',
    );
    expect(notice.textContent).toContain('GNOME Keyring');
    expect(notice.textContent).toContain('KWallet');
    expect(notice.textContent).toContain('Secret Service');
    expect(notice.textContent).toContain('log in to a desktop session');
    expect(checkbox().checked).toBe(false);
  });

  it('shows the reason behind Details', async () => {
    render(KeychainWarning);
    const reason = screen.getByText('dbus: no session bus');
    expect(reason.closest('dl')?.hidden).toBe(true);

    await fireEvent.click(screen.getByRole('button', { name: 'Details' }));

    expect(reason.closest('dl')?.hidden).toBe(false);
  });

  it('warns what the encrypted file protects against', () => {
    render(KeychainWarning);

    const warningId = checkbox().getAttribute('aria-describedby') ?? '';
    const warning = document.getElementById(warningId)?.textContent ?? '';
    expect(warning).toContain('copies of the file that leave this computer');
    expect(warning).toContain('other programs that run under your user account');
  });

  it('turns on the encrypted file', async () => {
    bindings.SetFileFallback.mockResolvedValue(withoutKeychain('file'));
    render(KeychainWarning);

    await fireEvent.click(checkbox());
    await tick();

    expect(bindings.SetFileFallback).toHaveBeenCalledWith(true);
    expect(session.status?.keychain.storage).toBe('file');
    expect(checkbox().checked).toBe(true);
    expect(screen.getByRole('status').textContent).toContain(
      'Supaconnect keeps your sign-in in an encrypted file on this computer.',
    );
  });

  it('turns off the encrypted file', async () => {
    session.status = withoutKeychain('file');
    bindings.SetFileFallback.mockResolvedValue(withoutKeychain('memory'));
    render(KeychainWarning);
    expect(checkbox().checked).toBe(true);

    await fireEvent.click(checkbox());
    await tick();

    expect(bindings.SetFileFallback).toHaveBeenCalledWith(false);
    expect(checkbox().checked).toBe(false);
    expect(screen.getByRole('status').textContent).toContain('lasts only until you close');
  });

  it('resets the box when saving the choice fails', async () => {
    bindings.SetFileFallback.mockRejectedValue(
      rejection('internal', 'session: creating the settings directory: permission denied'),
    );
    render(KeychainWarning);

    await fireEvent.click(checkbox());
    await tick();

    expect(checkbox().checked).toBe(false);
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong');
    expect(session.status?.keychain.storage).toBe('memory');
  });

  it('ignores clicks while the choice is saved', async () => {
    bindings.SetFileFallback.mockReturnValue(pending());
    render(KeychainWarning);

    await fireEvent.click(checkbox());
    await fireEvent.click(checkbox());

    expect(bindings.SetFileFallback).toHaveBeenCalledTimes(1);
    expect(checkbox().checked).toBe(true);
  });

  it('names a session kept in the file while the keychain works', () => {
    const status = statusFixture(true, true);
    session.status = {
      ...status,
      keychain: { ...status.keychain, fileFallback: true, storage: 'file' },
    };

    render(KeychainWarning);

    expect(screen.getByRole('status').textContent).toContain(
      'Supaconnect keeps your sign-in in an encrypted file on this computer.',
    );
    expect(screen.queryByText(/not available/)).toBeNull();
  });
});
