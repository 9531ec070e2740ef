import { render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as Projects from '$wails/go/main/Projects';
import * as runtime from '$wails/runtime/runtime';
import { PROJECT_PROGRESS, type ProjectProgress } from '../lib/events';
import { navigation } from '../lib/stores/navigation.svelte';
import { projects } from '../lib/stores/projects.svelte';
import { toasts } from '../lib/stores/toasts.svelte';
import { mockedApp, mockedProjects } from '../testing/bindings';
import CreateProgress from './CreateProgress.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));
vi.mock('$wails/go/main/Projects', () =>
  import('../testing/bindings').then((m) => m.projectsBindings()),
);
vi.mock('$wails/runtime/runtime', () =>
  import('../testing/bindings').then((m) => m.runtimeBindings()),
);

const app = mockedApp(App);
const bindings = mockedProjects(Projects);
const eventsOn = vi.mocked(runtime.EventsOn);

const REF = 'newprojectref0000000';

let emit: (progress: ProjectProgress) => void;
let unsubscribe: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.resetAllMocks();
  projects.clear(true);
  toasts.clear();
  navigation.view = { name: 'progress', ref: REF, projectName: 'Shop' };
  app.LeaveScreen.mockResolvedValue(undefined);
  bindings.Watch.mockResolvedValue(undefined);

  unsubscribe = vi.fn();
  eventsOn.mockImplementation((name, handler) => {
    if (name === PROJECT_PROGRESS) {
      emit = (progress) => handler(progress);
    }
    return unsubscribe;
  });
});

function report(stage: ProjectProgress['stage'], extra: Partial<ProjectProgress> = {}): ProjectProgress {
  return {
    ref: REF,
    stage,
    status: stage === 'starting' ? 'COMING_UP' : 'ACTIVE_HEALTHY',
    services: [],
    elapsedMillis: 65_000,
    attempt: 3,
    ...extra,
  };
}

function currentStep(): string {
  return document.querySelector('[aria-current="step"]')?.textContent?.trim() ?? '';
}

describe('CreateProgress', () => {
  it('subscribes and asks for reports', async () => {
    render(CreateProgress, { ref: REF, projectName: 'Shop' });

    expect(eventsOn).toHaveBeenCalledWith(PROJECT_PROGRESS, expect.any(Function));
    await waitFor(() => expect(bindings.Watch).toHaveBeenCalledWith(REF));
    expect(screen.getByRole('heading', { name: 'Creating “Shop”' })).toBeTruthy();
  });

  it('follows the stages of the events', async () => {
    render(CreateProgress, { ref: REF, projectName: 'Shop' });

    emit(report('starting'));
    await waitFor(() => expect(currentStep()).toBe('Setting up the database…'));
    expect(screen.getByText('Time so far: 1 min 05 s')).toBeTruthy();

    emit(
      report('services', {
        services: [
          { name: 'db', status: 'ACTIVE_HEALTHY' },
          { name: 'auth', status: 'COMING_UP' },
        ],
      }),
    );
    await waitFor(() => expect(currentStep()).toBe('Starting services (Auth, API)…'));
    expect(screen.getByText('Database: running')).toBeTruthy();
    expect(screen.getByText('Auth: starting')).toBeTruthy();
  });

  it('ignores reports for other projects', async () => {
    render(CreateProgress, { ref: REF, projectName: 'Shop' });

    emit(report('services', { ref: 'otherprojectref00000' }));
    await tick();

    expect(currentStep()).toBe('Setting up the database…');
  });

  it('opens the details when ready', async () => {
    render(CreateProgress, { ref: REF, projectName: 'Shop' });

    emit(report('ready'));

    await waitFor(() => expect(navigation.view).toEqual({ name: 'details', ref: REF }));
    expect(toasts.items.map((toast) => toast.text)).toContain('Shop is ready.');
  });

  it('explains a failed start', async () => {
    render(CreateProgress, { ref: REF, projectName: 'Shop' });

    emit(report('failed', { status: 'INIT_FAILED' }));

    expect(await screen.findByText('Supabase could not start this project.')).toBeTruthy();
    expect(navigation.view.name).toBe('progress');
  });

  it('explains a start that takes long', async () => {
    render(CreateProgress, { ref: REF, projectName: 'Shop' });

    emit(report('timed_out', { status: 'COMING_UP' }));

    expect(await screen.findByText(/taking longer than usual/)).toBeTruthy();
    expect(screen.getByText(/keeps starting in Supabase, so check back later/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Keep waiting' })).toBeTruthy();
  });

  it('unsubscribes when destroyed', () => {
    const { unmount } = render(CreateProgress, { ref: REF, projectName: 'Shop' });
    expect(unsubscribe).not.toHaveBeenCalled();

    unmount();

    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });
});
