// The organizations of the signed-in account, the selected organization, and
// its projects.

import * as api from '../api';
import { type AppError, toAppError } from '../apperror';
import type { ProjectProgress } from '../events';
import { isCancelled } from '../screenRead';
import { session } from './session.svelte';

/** The localStorage key of the selected organization's slug. */
export const SELECTED_ORGANIZATION_KEY = 'supaconnect.selectedOrganization';

/** The progress of one list: not requested, loading, loaded or failed. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

/** Options of ProjectsStore.loadProjects. */
export interface LoadOptions {
  /**
   * Keeps the shown list while loading and keeps it when loading fails, for
   * reloads that the user did not ask for.
   */
  quiet?: boolean;
}

/** Stages after which a project's start-up reports end. */
const FINAL_STAGES = new Set(['ready', 'failed', 'timed_out']);

/** Reactive lists of organizations and projects, with the actions that load them. */
export class ProjectsStore {
  organizations = $state<api.Organization[]>([]);
  organizationsState = $state<LoadState>('idle');
  organizationsError = $state<AppError | null>(null);

  /** The selected organization's slug, kept across restarts and reconnects. */
  selectedSlug = $state(readSelectedSlug());

  projects = $state<api.Project[]>([]);
  projectsState = $state<LoadState>('idle');
  projectsError = $state<AppError | null>(null);

  /** The last start-up report of each project, by ref, from PROJECT_PROGRESS events. */
  progress = $state<Record<string, ProjectProgress>>({});

  // Numbers each Projects request so that a slow reply for an organization
  // that is no longer selected cannot replace the newer list.
  #projectsRequest = 0;

  /**
   * Loads the organizations, keeps the selection when it is still in the
   * list (or else selects the first one), and loads its projects.
   */
  async loadOrganizations(): Promise<void> {
    this.organizationsState = 'loading';
    this.organizationsError = null;

    let organizations: api.Organization[];
    try {
      organizations = await api.organizations();
    } catch (reason) {
      this.#failOrganizations(toAppError(reason));
      return;
    }

    this.organizations = organizations;
    this.organizationsState = 'ready';

    const stillListed = organizations.some((org) => org.slug === this.selectedSlug);
    this.#setSelected(stillListed ? this.selectedSlug : (organizations[0]?.slug ?? ''));
    await this.loadProjects();
  }

  /** Selects an organization and loads its projects. */
  async select(slug: string): Promise<void> {
    this.#setSelected(slug);
    await this.loadProjects();
  }

  /** Loads the projects of the selected organization. */
  async loadProjects(options: LoadOptions = {}): Promise<void> {
    const quiet = options.quiet === true && this.projectsState === 'ready';
    const request = ++this.#projectsRequest;
    const slug = this.selectedSlug;

    if (slug === '') {
      this.projectsError = null;
      this.projects = [];
      this.projectsState = 'idle';
      return;
    }

    if (!quiet) {
      this.projectsError = null;
      this.projectsState = 'loading';
    }
    try {
      const projects = await api.projects(slug);
      if (request === this.#projectsRequest) {
        this.projects = projects;
        this.projectsState = 'ready';
      }
    } catch (reason) {
      if (request === this.#projectsRequest && !quiet) {
        this.#failProjects(toAppError(reason));
      }
    }
  }

  /** Returns the listed project with ref, if any. */
  find(ref: string): api.Project | undefined {
    return this.projects.find((project) => project.ref === ref);
  }

  /** Adds a new project to the list when it belongs to the selected organization. */
  addProject(project: api.Project): void {
    if (project.organizationSlug !== this.selectedSlug || this.find(project.ref)) {
      return;
    }
    this.projects = [...this.projects, project];
  }

  /**
   * Records a start-up report and updates the listed project's status. The
   * last report of a start-up also reloads the list quietly, so that it
   * shows the status Supabase reports from then on.
   */
  applyProgress(progress: ProjectProgress): void {
    this.progress[progress.ref] = progress;

    const project = this.find(progress.ref);
    if (!project) {
      return;
    }
    if (progress.status !== '') {
      project.status = progress.status;
    }
    if (FINAL_STAGES.has(progress.stage)) {
      void this.loadProjects({ quiet: true });
    }
  }

  /**
   * Returns the status that a project's badge shows. A project whose
   * services are still starting counts as COMING_UP even when Supabase
   * already reports it ACTIVE_HEALTHY.
   */
  liveStatus(project: api.Project): string {
    const stage = this.progress[project.ref]?.stage;
    if (stage === 'starting' || stage === 'services') {
      return 'COMING_UP';
    }
    return project.status;
  }

  /** Reloads the organizations and then the selected organization's projects. */
  refresh(): Promise<void> {
    return this.loadOrganizations();
  }

  /**
   * Empties the lists. forget also removes the saved selection, which
   * sign-out does but an expired session does not.
   */
  clear(forget: boolean): void {
    this.#projectsRequest++;
    this.organizations = [];
    this.organizationsState = 'idle';
    this.organizationsError = null;
    this.projects = [];
    this.projectsState = 'idle';
    this.projectsError = null;
    this.progress = {};

    if (forget) {
      this.#setSelected('');
    }
  }

  #setSelected(slug: string): void {
    this.selectedSlug = slug;
    writeSelectedSlug(slug);
  }

  // A read cancelled by leaving a screen leaves the list idle, which means
  // not loaded, so that the list screen loads it again.

  #failOrganizations(error: AppError): void {
    if (isCancelled(error)) {
      this.organizationsState = 'idle';
      return;
    }
    this.organizationsState = 'failed';
    if (!session.handleSessionError(error)) {
      this.organizationsError = error;
    }
  }

  #failProjects(error: AppError): void {
    if (isCancelled(error)) {
      this.projectsState = 'idle';
      return;
    }
    this.projectsState = 'failed';
    if (!session.handleSessionError(error)) {
      this.projectsError = error;
    }
  }
}

// localStorage can throw, for example when storage is disabled. The selection
// is a convenience, so it is then kept only in memory.

function readSelectedSlug(): string {
  try {
    return localStorage.getItem(SELECTED_ORGANIZATION_KEY) ?? '';
  } catch {
    return '';
  }
}

function writeSelectedSlug(slug: string): void {
  try {
    if (slug === '') {
      localStorage.removeItem(SELECTED_ORGANIZATION_KEY);
    } else {
      localStorage.setItem(SELECTED_ORGANIZATION_KEY, slug);
    }
  } catch {
    // The selection stays in memory only.
  }
}

/** The store that the whole window shares. */
export const projects = new ProjectsStore();
