// The organizations of the signed-in account, the selected organization, and
// its projects.

import * as api from '../api';
import { type AppError, toAppError } from '../apperror';
import { session } from './session.svelte';

/** The localStorage key of the selected organization's slug. */
export const SELECTED_ORGANIZATION_KEY = 'supaconnect.selectedOrganization';

/** The progress of one list: not requested, loading, loaded or failed. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

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
  async loadProjects(): Promise<void> {
    const request = ++this.#projectsRequest;
    const slug = this.selectedSlug;
    this.projectsError = null;

    if (slug === '') {
      this.projects = [];
      this.projectsState = 'idle';
      return;
    }

    this.projectsState = 'loading';
    try {
      const projects = await api.projects(slug);
      if (request === this.#projectsRequest) {
        this.projects = projects;
        this.projectsState = 'ready';
      }
    } catch (reason) {
      if (request === this.#projectsRequest) {
        this.#failProjects(toAppError(reason));
      }
    }
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

    if (forget) {
      this.#setSelected('');
    }
  }

  #setSelected(slug: string): void {
    this.selectedSlug = slug;
    writeSelectedSlug(slug);
  }

  #failOrganizations(error: AppError): void {
    this.organizationsState = 'failed';
    if (!session.handleSessionError(error)) {
      this.organizationsError = error;
    }
  }

  #failProjects(error: AppError): void {
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
