import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as Projects from '$wails/go/main/Projects';
import * as runtime from '$wails/runtime/runtime';
import AppView from './App.svelte';
import { RATE_LIMIT_WAIT, SESSION_EXPIRED } from './lib/events';
import { navigation } from './lib/stores/navigation.svelte';
import { projects } from './lib/stores/projects.svelte';
import { recovery } from './lib/stores/recovery.svelte';
import { session } from './lib/stores/session.svelte';
import {
  mockedApp,
  keysFixture,
  mockedProjects,
  pending,
  rejection,
  signInStartFixture,
  statusFixture,
  tokenStatusFixture,
  VALID_TOKEN,
} from './testing/bindings';

vi.mock('$wails/go/main/App', () => import('./testing/bindings').then((m) => m.appBindings()));
vi.mock('$wails/go/main/Projects', () =>
  import('./testing/bindings').then((m) => m.projectsBindings()),
);
vi.mock('$wails/go/main/SMTP', () => import('./testing/bindings').then((m) => m.smtpBindings()));
vi.mock('$wails/runtime/runtime', () =>
  import('./testing/bindings').then((m) => m.runtimeBindings()),
);

const bindings = mockedApp(App);
const projectsBindings = mockedProjects(Projects);
const eventsOn = vi.mocked(runtime.EventsOn);

function info(sandbox = false) {
  return {
    version: 'dev',
    commit: 'unknown',
    sandbox,
    apiBaseURL: sandbox ? 'http://127.0.0.1:54321' : 'https://api.supabase.com',
    redirectURIs: ['http://127.0.0.1:53682/callback'],
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.clear();
  session.phase = 'loading';
  session.error = null;
  session.notice = null;
  projects.clear(true);
  recovery.reset();
  navigation.view = { name: 'list' };

  eventsOn.mockImplementation(() => vi.fn());
  projectsBindings.Recover.mockResolvedValue({ attached: [], unclaimed: [] });
  projectsBindings.Watch.mockResolvedValue(undefined);
  bindings.LeaveScreen.mockResolvedValue(undefined);
  bindings.Info.mockResolvedValue(info());
  bindings.Status.mockResolvedValue(statusFixture(false));
  bindings.Organizations.mockResolvedValue([
    { slug: 'acme', name: 'Acme' },
    { slug: 'globex', name: 'Globex' },
  ]);
  bindings.Projects.mockResolvedValue([
    {
      ref: 'abcd',
      name: 'Shop',
      organizationSlug: 'acme',
      region: 'eu-central-1',
      status: 'ACTIVE_HEALTHY',
      createdAt: '2025-01-01T00:00:00Z',
    },
    {
      ref: 'efgh',
      name: 'Blog',
      organizationSlug: 'acme',
      region: 'us-east-1',
      status: 'INACTIVE',
      createdAt: '2025-02-01T00:00:00Z',
    },
  ]);
});

describe('App', () => {
  it('welcomes a first-time user', async () => {
    render(AppView);

    expect(await screen.findByRole('heading', { name: 'Supaconnect' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect Supabase' })).toBeTruthy();
    expect(screen.queryByText(/Sandbox:/)).toBeNull();
  });

  it('shows the sandbox banner', async () => {
    bindings.Info.mockResolvedValue(info(true));

    render(AppView);

    expect(await screen.findByText(/you are connected to a local test server/)).toBeTruthy();
  });

  it('warns when the keychain is unavailable', async () => {
    bindings.Status.mockResolvedValue(statusFixture(false, false));

    render(AppView);

    expect(await screen.findByText(/system keychain is not available/)).toBeTruthy();
  });

  it('warns after a sign-in that was not saved', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true, false));

    render(AppView);

    expect(await screen.findByText('ada@example.com')).toBeTruthy();
    expect(screen.getByText(/your sign-in lasts only until you close/)).toBeTruthy();
  });

  it('signs in and lists projects', async () => {
    bindings.StartSignIn.mockResolvedValue(signInStartFixture());
    bindings.AwaitSignIn.mockResolvedValue(statusFixture(true));
    render(AppView);

    await fireEvent.click(await screen.findByRole('button', { name: 'Connect Supabase' }));

    expect(await screen.findByText('ada@example.com')).toBeTruthy();
    const list = await screen.findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Shop');
    expect(rows[0].textContent).toContain('eu-central-1 (Frankfurt)');
    expect(rows[0].textContent).toContain('Healthy');
    expect(rows[1].textContent).toContain('Paused');
    expect(bindings.Projects).toHaveBeenCalledWith('acme');
  });

  it('shows an empty organization', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    bindings.Projects.mockResolvedValue([]);

    render(AppView);

    expect(await screen.findByText('This organization has no projects yet.')).toBeTruthy();
  });

  it('retries a failed project list', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    bindings.Projects.mockRejectedValueOnce(rejection('server_error', 'status 502'));
    render(AppView);

    const retry = await screen.findByRole('button', { name: 'Retry' });
    expect(screen.getByRole('alert').textContent).toContain('Supabase had a problem');
    await fireEvent.click(retry);

    expect(await screen.findByText('Shop')).toBeTruthy();
    expect(bindings.Projects).toHaveBeenCalledTimes(2);
  });

  it('switches organization and remembers it', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    render(AppView);

    const select = await screen.findByLabelText('Organization');
    await fireEvent.change(select, { target: { value: 'globex' } });

    expect(bindings.Projects).toHaveBeenLastCalledWith('globex');
    expect(localStorage.getItem('supaconnect.selectedOrganization')).toBe('globex');
  });

  it('reconnects on session:expired, keeping organization', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    bindings.StartSignIn.mockResolvedValue(signInStartFixture());
    bindings.AwaitSignIn.mockReturnValue(pending());
    render(AppView);
    const select = await screen.findByLabelText('Organization');
    await fireEvent.change(select, { target: { value: 'globex' } });

    const subscription = eventsOn.mock.calls.find(([name]) => name === SESSION_EXPIRED);
    expect(subscription).toBeDefined();
    subscription?.[1]();

    expect(await screen.findByRole('heading', { name: 'Reconnect Supabase' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Connect Supabase' }));
    expect(bindings.StartSignIn).toHaveBeenCalledWith('globex');
  });

  it('unsubscribes from events when destroyed', async () => {
    const unsubscribe = vi.fn();
    eventsOn.mockReturnValue(unsubscribe);
    const { unmount } = render(AppView);
    await screen.findByRole('heading', { name: 'Supaconnect' });

    const subscribed = eventsOn.mock.calls.map(([name]) => name);
    unmount();

    expect(subscribed).toContain(SESSION_EXPIRED);
    expect(subscribed).toContain(RATE_LIMIT_WAIT);
    expect(unsubscribe).toHaveBeenCalledTimes(subscribed.length);
  });

  it('explains an unrevoked sign-out', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    bindings.SignOut.mockResolvedValue({ revoked: false, revokeError: 'status 503' });
    render(AppView);

    await fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByText(/You are signed out on this computer/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect Supabase' })).toBeTruthy();
    expect(localStorage.getItem('supaconnect.selectedOrganization')).toBeNull();
  });

  it('offers a retry when the start fails', async () => {
    bindings.Status.mockRejectedValueOnce('not json at all');
    render(AppView);

    await fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));

    await waitFor(() => expect(screen.getByRole('heading', { name: 'Supaconnect' })).toBeTruthy());
  });

  it('opens a project and returns to the list', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    projectsBindings.APIKeys.mockReturnValue(pending());
    projectsBindings.ConnectionStrings.mockReturnValue(pending());
    render(AppView);

    await fireEvent.click(await screen.findByRole('button', { name: /^Shop/ }));

    expect(await screen.findByRole('heading', { name: 'Shop', level: 1 })).toBeTruthy();
    expect(projectsBindings.APIKeys).toHaveBeenCalledWith('abcd');
    await fireEvent.click(screen.getByRole('button', { name: /Back to projects/ }));

    expect(await screen.findByRole('heading', { name: 'Your Supabase projects' })).toBeTruthy();
    expect(bindings.LeaveScreen).toHaveBeenCalledTimes(1);
  });

  it('checks kept passwords once after sign-in', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    projectsBindings.Recover.mockResolvedValue({
      attached: [],
      unclaimed: [
        {
          id: 'p1',
          kind: 'create',
          organizationSlug: 'acme',
          name: 'Lost shop',
          password: 'kept-pw',
          createdAt: '2025-03-01T10:00:00Z',
        },
      ],
    });
    render(AppView);

    expect(await screen.findByText(/earlier attempt to create “Lost shop” was kept/)).toBeTruthy();
    expect(projectsBindings.Recover).toHaveBeenCalledTimes(1);
  });

  it('updates a listed status from progress events', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    const handlers: Record<string, (...data: unknown[]) => void> = {};
    eventsOn.mockImplementation((name, handler) => {
      handlers[name] = handler;
      return vi.fn();
    });
    render(AppView);
    const row = await screen.findByRole('button', { name: /^Blog/ });
    expect(row.textContent).toContain('Paused');

    handlers['project:progress']({
      ref: 'efgh',
      stage: 'starting',
      status: 'COMING_UP',
      services: [],
      elapsedMillis: 1000,
      attempt: 1,
    });

    await waitFor(() => expect(row.textContent).toContain('Starting'));
  });

  it('signs in with an access token', async () => {
    bindings.CheckToken.mockResolvedValue(undefined);
    bindings.SignInWithToken.mockResolvedValue(tokenStatusFixture());
    render(AppView);
    const disclosure = await screen.findByRole('button', { name: 'Use an access token instead' });
    await fireEvent.click(disclosure);

    await fireEvent.input(screen.getByLabelText('Access token'), {
      target: { value: VALID_TOKEN },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with token' }));

    const header = await screen.findByText(/Signed in with an access token/);
    expect(header.textContent).toMatch(/Signed in with an access token\s+as ada@example\.com/);
    expect(bindings.SignInWithToken).toHaveBeenCalledWith(VALID_TOKEN);
  });

  it('names the access token without an email', async () => {
    bindings.Status.mockResolvedValue({ ...tokenStatusFixture(), user: undefined });

    render(AppView);

    const header = await screen.findByText(/Signed in with an access token/);
    expect(header.textContent?.trim()).toBe('Signed in with an access token');
  });

  it('offers the access token on the reconnect screen', async () => {
    bindings.Status.mockResolvedValue({ ...statusFixture(false), expired: true });

    render(AppView);

    expect(await screen.findByRole('heading', { name: 'Reconnect Supabase' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use an access token instead' })).toBeTruthy();
  });

  it('says an access token still works after sign-out', async () => {
    bindings.Status.mockResolvedValue(tokenStatusFixture());
    bindings.SignOut.mockResolvedValue({ revoked: false, personalAccessToken: true });
    render(AppView);

    await fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    const notice = await screen.findByText(/your access token still works/);
    expect(notice.closest('[role="status"]')?.textContent).toContain(
      'delete it in the Supabase dashboard under Account → Access Tokens',
    );
    expect(screen.getByRole('button', { name: 'Connect Supabase' })).toBeTruthy();
  });

  it('loads the list again after a cancelled load', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    bindings.Organizations.mockRejectedValueOnce(rejection('cancelled', 'context canceled'));

    render(AppView);

    expect(await screen.findByRole('button', { name: /^Shop/ })).toBeTruthy();
    expect(bindings.Organizations).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reads the keys again when a cancel overlaps them', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    projectsBindings.APIKeys.mockRejectedValueOnce(rejection('cancelled', 'context canceled'));
    projectsBindings.APIKeys.mockResolvedValueOnce(keysFixture());
    projectsBindings.ConnectionStrings.mockReturnValue(pending());
    render(AppView);

    await fireEvent.click(await screen.findByRole('button', { name: /^Shop/ }));

    expect(await screen.findByText('https://abcdefghijklmnopqrst.supabase.co')).toBeTruthy();
    expect(projectsBindings.APIKeys).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('ignores reads cancelled by leaving a project', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    let rejectKeys: (reason: unknown) => void = () => {};
    projectsBindings.APIKeys.mockReturnValue(new Promise((_, reject) => (rejectKeys = reject)));
    projectsBindings.ConnectionStrings.mockReturnValue(pending());
    render(AppView);
    await fireEvent.click(await screen.findByRole('button', { name: /^Shop/ }));
    await screen.findByRole('heading', { name: 'Shop', level: 1 });

    await fireEvent.click(screen.getByRole('button', { name: /Back to projects/ }));
    rejectKeys(rejection('cancelled', 'context canceled'));

    expect(await screen.findByRole('heading', { name: 'Your Supabase projects' })).toBeTruthy();
    await waitFor(() => expect(projectsBindings.APIKeys).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
