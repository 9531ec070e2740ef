import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as Projects from '$wails/go/main/Projects';
import { CLEAR_SECRET_MS } from '../lib/clipboard';
import { toasts } from '../lib/stores/toasts.svelte';
import { keysFixture, mockedApp, mockedProjects, rejection } from '../testing/bindings';
import ApiKeys from './ApiKeys.svelte';

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
  app.CopyText.mockResolvedValue(undefined);
});

afterEach(() => {
  vi.useRealTimers();
});

function field(label: string): HTMLElement {
  return screen.getByRole('group', { name: label });
}

describe('ApiKeys', () => {
  it('shows the public keys', async () => {
    bindings.APIKeys.mockResolvedValue(keysFixture());
    render(ApiKeys, { ref: REF });

    expect(await screen.findByText('sb_publishable_pub123')).toBeTruthy();
    expect(screen.getByText('eyJanon.payload.sig')).toBeTruthy();
    expect(screen.getByText('https://abcdefghijklmnopqrst.supabase.co')).toBeTruthy();
    expect(bindings.APIKeys).toHaveBeenCalledWith(REF);
  });

  it('masks the secret keys until revealed', async () => {
    bindings.APIKeys.mockResolvedValue(keysFixture());
    render(ApiKeys, { ref: REF });
    await screen.findByText('sb_publishable_pub123');

    expect(screen.queryByText('sb_secret_sec456')).toBeNull();
    expect(screen.queryByText('eyJservice.payload.sig')).toBeNull();
    expect(within(field('Secret key')).getByText('(hidden)')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Reveal Secret key' }));

    expect(screen.getByText('sb_secret_sec456')).toBeTruthy();
    expect(screen.queryByText('eyJservice.payload.sig')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Hide Secret key' }));

    expect(screen.queryByText('sb_secret_sec456')).toBeNull();
  });

  it('explains withheld secret keys', async () => {
    bindings.APIKeys.mockResolvedValue(keysFixture(false));
    render(ApiKeys, { ref: REF });

    const note = await screen.findByRole('note');

    expect(note.textContent).toMatch(/This connection may not reveal the secret keys/);
    expect(screen.queryByRole('group', { name: 'Secret key' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('sb_publishable_pub123')).toBeTruthy();
  });

  it('offers a retry when loading fails', async () => {
    bindings.APIKeys.mockRejectedValueOnce(rejection('unreachable', 'dial tcp: timeout'));
    bindings.APIKeys.mockResolvedValueOnce(keysFixture());
    render(ApiKeys, { ref: REF });

    await fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('sb_publishable_pub123')).toBeTruthy();
  });
});

describe('ApiKeys copy', () => {
  async function renderKeys() {
    bindings.APIKeys.mockResolvedValue(keysFixture());
    render(ApiKeys, { ref: REF });
    await screen.findByText('sb_publishable_pub123');
    vi.useFakeTimers();
  }

  it('copies a public key without clearing it', async () => {
    await renderKeys();

    await fireEvent.click(screen.getByRole('button', { name: 'Copy anon key' }));
    expect(toasts.items.map((t) => t.text)).toContain('Copied the anon key.');
    await vi.advanceTimersByTimeAsync(CLEAR_SECRET_MS);

    expect(app.CopyText.mock.calls).toEqual([['eyJanon.payload.sig']]);
  });

  it('clears a copied secret after a minute', async () => {
    await renderKeys();

    await fireEvent.click(screen.getByRole('button', { name: 'Copy Secret key' }));

    expect(app.CopyText).toHaveBeenLastCalledWith('sb_secret_sec456');
    expect(toasts.items.at(-1)?.text).toBe(
      'Copied the secret key. Supaconnect clears it from the clipboard in a minute.',
    );
    await vi.advanceTimersByTimeAsync(CLEAR_SECRET_MS - 1);
    expect(app.CopyText).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.CopyText).toHaveBeenLastCalledWith('');
  });

  it('keeps a later copy on the clipboard', async () => {
    await renderKeys();

    await fireEvent.click(screen.getByRole('button', { name: 'Copy Secret key' }));
    await vi.advanceTimersByTimeAsync(30_000);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy Project URL' }));
    await vi.advanceTimersByTimeAsync(CLEAR_SECRET_MS);

    expect(app.CopyText.mock.calls).toEqual([
      ['sb_secret_sec456'],
      ['https://abcdefghijklmnopqrst.supabase.co'],
    ]);
  });

  it('reports a failed copy', async () => {
    await renderKeys();
    app.CopyText.mockRejectedValue(rejection('internal', 'clipboard: no display'));

    await fireEvent.click(screen.getByRole('button', { name: 'Copy Secret key' }));
    expect(toasts.items.at(-1)).toMatchObject({ tone: 'error' });
    expect(toasts.items.at(-1)?.text).toMatch(/^Could not copy the secret key\./);
    await vi.advanceTimersByTimeAsync(CLEAR_SECRET_MS);

    expect(app.CopyText).toHaveBeenCalledTimes(1);
  });
});
