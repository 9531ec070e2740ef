import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as Projects from '$wails/go/main/Projects';
import { confirmation } from '../lib/stores/confirm.svelte';
import { projects } from '../lib/stores/projects.svelte';
import { recovery } from '../lib/stores/recovery.svelte';
import { toasts } from '../lib/stores/toasts.svelte';
import { mockedApp, mockedProjects, rejection } from '../testing/bindings';
import ConfirmDialog from './ConfirmDialog.svelte';
import RecoveryBanner from './RecoveryBanner.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));
vi.mock('$wails/go/main/Projects', () =>
  import('../testing/bindings').then((m) => m.projectsBindings()),
);

const app = mockedApp(App);
const bindings = mockedProjects(Projects);

function kept(id: string, name: string) {
  return {
    id,
    kind: 'create',
    organizationSlug: 'acme',
    name,
    password: `password-of-${name}`,
    createdAt: '2025-03-01T10:00:00Z',
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  recovery.reset();
  toasts.clear();
  confirmation.answer(false);
  projects.clear(true);
  app.CopyText.mockResolvedValue(undefined);
  app.Projects.mockResolvedValue([]);
});

async function renderWith(recovered: unknown) {
  bindings.Recover.mockResolvedValue(recovered);
  render(ConfirmDialog);
  render(RecoveryBanner);
  await recovery.checkOnce();
}

describe('RecoveryBanner', () => {
  it('shows a kept password', async () => {
    await renderWith({ attached: [], unclaimed: [kept('p1', 'Shop')] });

    expect(
      await screen.findByText('A database password from an earlier attempt to create “Shop” was kept.'),
    ).toBeTruthy();
    expect(screen.queryByText('password-of-Shop')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Reveal Kept password' }));

    expect(screen.getByText('password-of-Shop')).toBeTruthy();
  });

  it('copies a kept password', async () => {
    await renderWith({ attached: [], unclaimed: [kept('p1', 'Shop')] });

    await fireEvent.click(await screen.findByRole('button', { name: 'Copy Kept password' }));

    expect(app.CopyText).toHaveBeenCalledWith('password-of-Shop');
  });

  it('discards only after confirmation', async () => {
    bindings.DiscardPending.mockResolvedValue(undefined);
    await renderWith({ attached: [], unclaimed: [kept('p1', 'Shop'), kept('p2', 'Blog')] });

    const [first] = await screen.findAllByRole('button', { name: 'Discard' });
    await fireEvent.click(first);
    const dialog = await screen.findByRole('dialog', { name: 'Discard this password?' });
    expect(bindings.DiscardPending).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'I copied it, discard' }));

    await waitFor(() => expect(bindings.DiscardPending).toHaveBeenCalledWith('p1'));
    await waitFor(() => expect(screen.queryByText(/create “Shop”/)).toBeNull());
    expect(screen.getByText(/create “Blog”/)).toBeTruthy();
  });

  it('keeps the password when discarding is cancelled', async () => {
    await renderWith({ attached: [], unclaimed: [kept('p1', 'Shop')] });

    await fireEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bindings.DiscardPending).not.toHaveBeenCalled();
    expect(screen.getByText(/create “Shop”/)).toBeTruthy();
  });

  it('drops a password that is gone already', async () => {
    bindings.DiscardPending.mockRejectedValue(rejection('pending_not_found'));
    await renderWith({ attached: [], unclaimed: [kept('p1', 'Shop')] });

    await fireEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'I copied it, discard' }));

    await waitFor(() => expect(screen.queryByText(/create “Shop”/)).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('announces attached passwords with a toast', async () => {
    await renderWith({
      attached: [{ pendingId: 'p1', ref: 'abcdefghijklmnopqrst', name: 'Shop', organizationSlug: 'acme' }],
      unclaimed: [],
    });

    expect(toasts.items.map((toast) => toast.text)).toEqual(['Saved the password for Shop.']);
    expect(screen.queryByRole('heading', { name: 'Kept database passwords' })).toBeNull();
  });

  it('checks only once', async () => {
    await renderWith({ attached: [], unclaimed: [] });

    await recovery.checkOnce();

    expect(bindings.Recover).toHaveBeenCalledTimes(1);
  });

  it('offers another check after a failure', async () => {
    bindings.Recover.mockRejectedValueOnce(rejection('unreachable', 'dial tcp'));
    render(RecoveryBanner);
    await recovery.checkOnce();

    expect(await screen.findByText(/could not check for database passwords/)).toBeTruthy();
    bindings.Recover.mockResolvedValue({ attached: [], unclaimed: [kept('p1', 'Shop')] });
    await fireEvent.click(screen.getByRole('button', { name: 'Check kept passwords again' }));

    expect(await screen.findByText(/create “Shop”/)).toBeTruthy();
  });
});
