import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as Projects from '$wails/go/main/Projects';
import { confirmation } from '../lib/stores/confirm.svelte';
import { toasts } from '../lib/stores/toasts.svelte';
import { mockedApp, mockedProjects, rejection } from '../testing/bindings';
import ConfirmDialog from './ConfirmDialog.svelte';
import EnvExport from './EnvExport.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));
vi.mock('$wails/go/main/Projects', () =>
  import('../testing/bindings').then((m) => m.projectsBindings()),
);

const app = mockedApp(App);
const bindings = mockedProjects(Projects);
const REF = 'abcdefghijklmnopqrst';
const PATH = '/home/ada/shop/.env';

beforeEach(() => {
  vi.resetAllMocks();
  toasts.clear();
  confirmation.answer(false);
  app.CopyText.mockResolvedValue(undefined);
  bindings.ChooseEnvPath.mockResolvedValue(PATH);
});

function renderExport(hasPassword: boolean | null = true) {
  render(ConfirmDialog);
  render(EnvExport, { ref: REF, hasPassword });
}

describe('EnvExport', () => {
  it('copies the .env text for the chosen options', async () => {
    bindings.Env.mockResolvedValue('SUPABASE_URL="https://x.supabase.co"\n');
    renderExport();
    await fireEvent.change(screen.getByLabelText('Framework'), { target: { value: 'nextjs' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: /Include secret keys/ }));

    await fireEvent.click(screen.getByRole('button', { name: 'Copy as .env' }));

    await waitFor(() => expect(app.CopyText).toHaveBeenCalledWith('SUPABASE_URL="https://x.supabase.co"\n'));
    expect(bindings.Env).toHaveBeenCalledWith({
      ref: REF,
      framework: 'nextjs',
      connection: 'session',
      includeSecrets: true,
      ipv4AddOn: false,
    });
  });

  it('saves to the chosen file', async () => {
    bindings.SaveEnv.mockResolvedValue(undefined);
    renderExport();

    await fireEvent.click(screen.getByRole('button', { name: 'Save .env…' }));

    expect(await screen.findByText(PATH)).toBeTruthy();
    expect(bindings.SaveEnv).toHaveBeenCalledTimes(1);
    expect(bindings.SaveEnv.mock.calls[0].slice(1)).toEqual([PATH, false]);
  });

  it('does nothing when the dialog is cancelled', async () => {
    bindings.ChooseEnvPath.mockResolvedValue('');
    renderExport();

    await fireEvent.click(screen.getByRole('button', { name: 'Save .env…' }));

    await waitFor(() => expect(bindings.ChooseEnvPath).toHaveBeenCalled());
    expect(bindings.SaveEnv).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('replaces an existing file after confirmation', async () => {
    bindings.SaveEnv.mockRejectedValueOnce(rejection('file_exists', 'write: exists'));
    bindings.SaveEnv.mockResolvedValueOnce(undefined);
    renderExport();

    await fireEvent.click(screen.getByRole('button', { name: 'Save .env…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace the existing file?' });
    expect(dialog.textContent).toContain(PATH);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Replace' }));

    await waitFor(() => expect(bindings.SaveEnv).toHaveBeenCalledTimes(2));
    expect(bindings.SaveEnv.mock.calls[0][2]).toBe(false);
    expect(bindings.SaveEnv.mock.calls[1].slice(1)).toEqual([PATH, true]);
    expect(await screen.findByText(/Saved the .env file to/)).toBeTruthy();
  });

  it('keeps an existing file when declined', async () => {
    bindings.SaveEnv.mockRejectedValue(rejection('file_exists', 'write: exists'));
    renderExport();

    await fireEvent.click(screen.getByRole('button', { name: 'Save .env…' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bindings.SaveEnv).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/Saved the .env file/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows other save errors', async () => {
    bindings.SaveEnv.mockRejectedValue(rejection('internal', 'permission denied'));
    renderExport();

    await fireEvent.click(screen.getByRole('button', { name: 'Save .env…' }));

    expect(await screen.findByText('Something went wrong inside Supaconnect.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says when DATABASE_URL is left out', () => {
    renderExport(false);

    expect(screen.getByText(/leaves out DATABASE_URL/)).toBeTruthy();
  });
});
