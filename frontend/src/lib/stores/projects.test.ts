import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import type { ProjectStage } from '../events';
import { mockedApp, rejection } from '../../testing/bindings';
import { ProjectsStore, SELECTED_ORGANIZATION_KEY } from './projects.svelte';
import { session } from './session.svelte';

vi.mock('$wails/go/main/App', () => import('../../testing/bindings').then((m) => m.appBindings()));

const bindings = mockedApp(App);

const ORGANIZATIONS = [
  { slug: 'acme', name: 'Acme' },
  { slug: 'globex', name: 'Globex' },
];

function project(ref: string, organizationSlug: string) {
  return {
    ref,
    name: `Project ${ref}`,
    organizationSlug,
    region: 'eu-central-1',
    status: 'ACTIVE_HEALTHY',
    createdAt: '2025-01-01T00:00:00Z',
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.clear();
  session.phase = 'signedIn';
  bindings.Organizations.mockResolvedValue(ORGANIZATIONS);
  bindings.Projects.mockImplementation(async (slug) => [project(`${slug}-1`, String(slug))]);
});

describe('ProjectsStore', () => {
  it('selects the first organization', async () => {
    const store = new ProjectsStore();

    await store.loadOrganizations();

    expect(store.selectedSlug).toBe('acme');
    expect(bindings.Projects).toHaveBeenCalledWith('acme');
    expect(store.projectsState).toBe('ready');
    expect(store.projects.map((p) => p.ref)).toEqual(['acme-1']);
  });

  it('restores the saved organization', async () => {
    localStorage.setItem(SELECTED_ORGANIZATION_KEY, 'globex');
    const store = new ProjectsStore();

    await store.loadOrganizations();

    expect(store.selectedSlug).toBe('globex');
    expect(bindings.Projects).toHaveBeenCalledWith('globex');
  });

  it('replaces a saved organization that is gone', async () => {
    localStorage.setItem(SELECTED_ORGANIZATION_KEY, 'initech');
    const store = new ProjectsStore();

    await store.loadOrganizations();

    expect(store.selectedSlug).toBe('acme');
    expect(localStorage.getItem(SELECTED_ORGANIZATION_KEY)).toBe('acme');
  });

  it('saves the selection', async () => {
    const store = new ProjectsStore();
    await store.loadOrganizations();

    await store.select('globex');

    expect(localStorage.getItem(SELECTED_ORGANIZATION_KEY)).toBe('globex');
    expect(store.projects.map((p) => p.ref)).toEqual(['globex-1']);
  });

  it('ignores a stale project reply', async () => {
    const store = new ProjectsStore();
    await store.loadOrganizations();
    let resolveSlow: (value: unknown) => void = () => {};
    bindings.Projects.mockReturnValueOnce(new Promise((resolve) => (resolveSlow = resolve)));

    const slow = store.select('acme');
    await store.select('globex');
    resolveSlow([project('stale', 'acme')]);
    await slow;

    expect(store.projects.map((p) => p.ref)).toEqual(['globex-1']);
    expect(store.projectsState).toBe('ready');
  });

  it('keeps the error of a failed project list', async () => {
    bindings.Projects.mockRejectedValue(rejection('rate_limited', 'status 429'));
    const store = new ProjectsStore();

    await store.loadOrganizations();

    expect(store.projectsState).toBe('failed');
    expect(store.projectsError?.code).toBe('rate_limited');
  });

  it('keeps the error of a failed organization list', async () => {
    bindings.Organizations.mockRejectedValue(rejection('unreachable', 'dial tcp'));
    const store = new ProjectsStore();

    await store.loadOrganizations();

    expect(store.organizationsState).toBe('failed');
    expect(store.organizationsError?.code).toBe('unreachable');
    expect(bindings.Projects).not.toHaveBeenCalled();
  });

  it('hands an expired session to the session store', async () => {
    localStorage.setItem(SELECTED_ORGANIZATION_KEY, 'globex');
    bindings.Projects.mockRejectedValue(rejection('session_expired'));
    const store = new ProjectsStore();

    await store.loadOrganizations();

    expect(session.phase).toBe('reconnect');
    expect(store.projectsError).toBeNull();
    expect(store.selectedSlug).toBe('globex');
    expect(localStorage.getItem(SELECTED_ORGANIZATION_KEY)).toBe('globex');
  });

  it('forgets the selection on sign-out only', async () => {
    const store = new ProjectsStore();
    await store.loadOrganizations();

    store.clear(false);
    expect(store.selectedSlug).toBe('acme');
    expect(store.projects).toEqual([]);

    store.clear(true);
    expect(store.selectedSlug).toBe('');
    expect(localStorage.getItem(SELECTED_ORGANIZATION_KEY)).toBeNull();
  });
});

describe('ProjectsStore start-up reports', () => {
  function progress(ref: string, stage: ProjectStage, status: string) {
    return { ref, stage, status, services: [], elapsedMillis: 1000, attempt: 1 };
  }

  async function loadedStore() {
    bindings.Projects.mockResolvedValue([{ ...project('new', 'acme'), status: 'COMING_UP' }]);
    const store = new ProjectsStore();
    await store.loadOrganizations();
    return store;
  }

  it('shows a starting project as starting', async () => {
    const store = await loadedStore();

    store.applyProgress(progress('new', 'services', 'ACTIVE_HEALTHY'));

    expect(store.projects[0].status).toBe('ACTIVE_HEALTHY');
    expect(store.liveStatus(store.projects[0])).toBe('COMING_UP');
  });

  it('reloads the list quietly when the start-up ends', async () => {
    const store = await loadedStore();
    bindings.Projects.mockResolvedValue([project('new', 'acme')]);

    store.applyProgress(progress('new', 'ready', 'ACTIVE_HEALTHY'));

    expect(store.projectsState).toBe('ready');
    expect(store.liveStatus(store.projects[0])).toBe('ACTIVE_HEALTHY');
    await vi.waitFor(() => expect(bindings.Projects).toHaveBeenCalledTimes(2));
  });

  it('keeps the list when a quiet reload fails', async () => {
    const store = await loadedStore();
    bindings.Projects.mockRejectedValue(rejection('unreachable'));

    await store.loadProjects({ quiet: true });

    expect(store.projectsState).toBe('ready');
    expect(store.projectsError).toBeNull();
    expect(store.projects.map((p) => p.ref)).toEqual(['new']);
  });

  it('ignores reports for unlisted projects', async () => {
    const store = await loadedStore();

    store.applyProgress(progress('elsewhere', 'ready', 'ACTIVE_HEALTHY'));

    expect(bindings.Projects).toHaveBeenCalledTimes(1);
    expect(store.progress.elsewhere.stage).toBe('ready');
  });

  it('adds a new project of the selected organization', async () => {
    const store = await loadedStore();

    store.addProject(project('other', 'globex'));
    store.addProject(project('second', 'acme'));
    store.addProject(project('second', 'acme'));

    expect(store.projects.map((p) => p.ref)).toEqual(['new', 'second']);
  });

  it('leaves a cancelled load idle without an error', async () => {
    const store = await loadedStore();
    bindings.Projects.mockRejectedValue(rejection('cancelled', 'context canceled'));

    await store.loadProjects();

    expect(store.projectsState).toBe('idle');
    expect(store.projectsError).toBeNull();
  });
});
