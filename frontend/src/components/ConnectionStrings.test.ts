import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as Projects from '$wails/go/main/Projects';
import { confirmation } from '../lib/stores/confirm.svelte';
import { toasts } from '../lib/stores/toasts.svelte';
import {
  connectionStringsFixture,
  mockedApp,
  mockedProjects,
  rejection,
} from '../testing/bindings';
import ConfirmDialog from './ConfirmDialog.svelte';
import ConnectionStrings from './ConnectionStrings.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));
vi.mock('$wails/go/main/Projects', () =>
  import('../testing/bindings').then((m) => m.projectsBindings()),
);

const app = mockedApp(App);
const bindings = mockedProjects(Projects);
const REF = 'abcdefghijklmnopqrst';

beforeEach(() => {
  vi.resetAllMocks();
  toasts.clear();
  confirmation.answer(false);
  app.CopyText.mockResolvedValue(undefined);
});

function field(label: string): HTMLElement {
  return screen.getByRole('group', { name: label });
}

describe('ConnectionStrings with a saved password', () => {
  beforeEach(() => {
    bindings.ConnectionStrings.mockResolvedValue(connectionStringsFixture(true));
  });

  it('lists the session pooler first', async () => {
    render(ConnectionStrings, { ref: REF });
    await screen.findByRole('group', { name: 'Session pooler' });

    const labels = screen.getAllByRole('group').map((group) => group.getAttribute('aria-labelledby'));
    const names = labels.map((id) => document.getElementById(id ?? '')?.textContent);

    expect(names).toEqual(['Database password', 'Session pooler', 'Transaction pooler', 'Direct connection']);
    expect(within(field('Session pooler')).getByText('Recommended')).toBeTruthy();
    expect(within(field('Direct connection')).getByText('IPv6 only')).toBeTruthy();
    expect(bindings.ConnectionStrings).toHaveBeenCalledWith(REF, false);
  });

  it('masks only the password', async () => {
    render(ConnectionStrings, { ref: REF });
    const session = await screen.findByRole('group', { name: 'Session pooler' });

    expect(session.textContent).toContain('postgresql://postgres.abcdefghijklmnopqrst:');
    expect(session.textContent).toContain('@aws-0-eu-central-1.pooler.supabase.com:5432/postgres');
    expect(session.textContent).not.toContain('p4ss');

    await fireEvent.click(within(session).getByRole('button', { name: 'Reveal Session pooler' }));

    expect(session.textContent).toContain(connectionStringsFixture(true).sessionPooler);
  });

  it('shows the saved password on request', async () => {
    bindings.Password.mockResolvedValue('p4ss');
    render(ConnectionStrings, { ref: REF });
    await screen.findByRole('group', { name: 'Database password' });
    expect(bindings.Password).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'Show database password' }));

    expect(await within(field('Database password')).findByText('p4ss')).toBeTruthy();
    expect(bindings.Password).toHaveBeenCalledWith(REF);
  });
});

describe('ConnectionStrings without a password', () => {
  beforeEach(() => {
    bindings.ConnectionStrings.mockResolvedValueOnce(connectionStringsFixture(false));
    bindings.ConnectionStrings.mockResolvedValue(connectionStringsFixture(true));
  });

  it('explains the placeholder', async () => {
    render(ConnectionStrings, { ref: REF });

    expect(await screen.findByText(/Supabase never shows a database password again/)).toBeTruthy();
    expect(field('Session pooler').textContent).toContain('[YOUR-PASSWORD]');
    expect(screen.queryByRole('button', { name: 'Reveal Session pooler' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Database password' })).toBeNull();
  });

  it('saves a typed password and reloads', async () => {
    bindings.SetPassword.mockResolvedValue(undefined);
    render(ConnectionStrings, { ref: REF });
    await fireEvent.click(await screen.findByRole('button', { name: 'I know the password' }));
    await fireEvent.input(screen.getByLabelText('Database password'), { target: { value: 'my-old-pw' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Save password' }));

    await waitFor(() => expect(bindings.SetPassword).toHaveBeenCalledWith(REF, 'my-old-pw'));
    await waitFor(() => expect(bindings.ConnectionStrings).toHaveBeenCalledTimes(2));
    expect(await screen.findByRole('group', { name: 'Database password' })).toBeTruthy();
  });

  it('keeps the typed password after an error', async () => {
    bindings.SetPassword.mockRejectedValue(rejection('keychain_unavailable', 'dbus: no service'));
    render(ConnectionStrings, { ref: REF });
    await fireEvent.click(await screen.findByRole('button', { name: 'I know the password' }));
    const input = screen.getByLabelText('Database password') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'my-old-pw' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Save password' }));

    expect(await screen.findByText(/cannot use the system keychain/)).toBeTruthy();
    expect(input.value).toBe('my-old-pw');
    expect(input.type).toBe('password');
    expect(bindings.ConnectionStrings).toHaveBeenCalledTimes(1);
  });

  it('asks for an empty password', async () => {
    render(ConnectionStrings, { ref: REF });
    await fireEvent.click(await screen.findByRole('button', { name: 'I know the password' }));

    await fireEvent.click(screen.getByRole('button', { name: 'Save password' }));

    expect(await screen.findByText('Enter the database password.')).toBeTruthy();
    expect(bindings.SetPassword).not.toHaveBeenCalled();
  });

  it('resets only after confirmation', async () => {
    bindings.ResetPassword.mockResolvedValue(undefined);
    render(ConfirmDialog);
    render(ConnectionStrings, { ref: REF });

    await fireEvent.click(await screen.findByRole('button', { name: 'Reset database password' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset the database password?' });
    expect(dialog.textContent).toMatch(/use the old password stop connecting/);
    expect(bindings.ResetPassword).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));

    await waitFor(() => expect(bindings.ResetPassword).toHaveBeenCalledWith(REF));
    await waitFor(() => expect(bindings.ConnectionStrings).toHaveBeenCalledTimes(2));
  });

  it('does not reset when cancelled', async () => {
    render(ConfirmDialog);
    render(ConnectionStrings, { ref: REF });

    await fireEvent.click(await screen.findByRole('button', { name: 'Reset database password' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bindings.ResetPassword).not.toHaveBeenCalled();
  });
});
