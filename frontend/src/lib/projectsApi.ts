// The typed layer over the Wails bindings of main.Projects: creating a
// project, its API keys, connection strings, database password and .env
// file. Like api.ts, every function rejects with an AppError, and the
// interfaces repeat the fields of the generated classes in
// wailsjs/go/models.ts so that svelte-check notices when they change.

import * as Projects from '$wails/go/main/Projects';
import type { projects } from '$wails/go/models';
import { asModel, call, type Project } from './api';

/** A smart group (such as emea) or a specific AWS region (such as eu-central-1). */
export interface Region {
  code: string;
  /** The name Supabase shows, such as "Central EU (Frankfurt)". */
  name: string;
  type: string;
  provider?: string;
  /** "capacity" when a specific region is short of capacity. */
  status?: string;
}

/** The regions in which an organization can create projects. */
export interface AvailableRegions {
  recommendedSmartGroup: Region;
  recommended: Region[];
  smartGroups: Region[];
  specific: Region[];
}

/** The region of a new project: a smart group, or one specific region. */
export interface RegionSelection {
  type: 'smartGroup' | 'specific';
  code: string;
}

/** The input of create. password is the database password the user saw or typed. */
export interface CreateRequest {
  organizationSlug: string;
  name: string;
  region: RegionSelection;
  password: string;
}

/** The outcome of create. */
export interface Created {
  project: Project;
  generatedPassword: boolean;
}

/** A rough rating of a typed password. level is weak, fair or strong. */
export interface Strength {
  level: string;
  /** A code: empty, common, pattern, too_short, few_kinds, could_be_longer or good. */
  reason: string;
  length: number;
  kinds: number;
}

/** The values a developer needs to reach a project's API. */
export interface Keys {
  ref: string;
  url: string;
  publishable: string;
  anon: string;
  /** Empty when secretsPermitted is false. */
  secret: string;
  serviceRole: string;
  /** False when the session may not reveal the project's secret keys. */
  secretsPermitted: boolean;
}

/** The Postgres URIs of a project's primary database. */
export interface ConnectionStrings {
  direct: string;
  directIPv6Only: boolean;
  sessionPooler: string;
  transactionPooler: string;
  /** False when the URIs contain [YOUR-PASSWORD] instead of the password. */
  hasPassword: boolean;
}

/** The framework whose variable names an .env file uses. */
export type Framework = 'plain' | 'nextjs' | 'vite' | 'sveltekit' | 'expo';

/** The connection string written as DATABASE_URL. */
export type Connection = 'session' | 'transaction' | 'direct';

/** The options of env and saveEnv. */
export interface EnvRequest {
  ref: string;
  framework: Framework;
  connection: Connection;
  includeSecrets: boolean;
  ipv4AddOn: boolean;
}

/** A database password saved before a request whose outcome is unknown. */
export interface PendingPassword {
  id: string;
  /** "create" for a new project, "reset" for a password reset. */
  kind: string;
  organizationSlug?: string;
  /** The name of the project a "create" entry was saved for. */
  name?: string;
  /** The project a "reset" entry was saved for. */
  ref?: string;
  password: string;
  createdAt: string;
}

/** A pending password that recover saved under its project. */
export interface AttachedPassword {
  pendingId: string;
  ref: string;
  name: string;
  organizationSlug: string;
}

/** The outcome of recover. */
export interface Recovery {
  attached: AttachedPassword[];
  unclaimed: PendingPassword[];
}

// encoding/json encodes a nil Go slice as null, hence the ?? [] below.

export async function regions(organizationSlug: string): Promise<AvailableRegions> {
  const result = await call(() => Projects.Regions(organizationSlug));
  return {
    recommendedSmartGroup: result.recommendedSmartGroup,
    recommended: result.recommended ?? [],
    smartGroups: result.smartGroups ?? [],
    specific: result.specific ?? [],
  };
}

export function generatePassword(): Promise<string> {
  return call(Projects.GeneratePassword);
}

export function passwordStrength(password: string): Promise<Strength> {
  return call(() => Projects.PasswordStrength(password));
}

/**
 * Creates a project. The backend then reports its start-up through
 * PROJECT_PROGRESS events.
 */
export function create(request: CreateRequest): Promise<Created> {
  return call(() => Projects.Create(asModel<projects.CreateRequest>(request)));
}

/**
 * Reports a project's start-up through PROJECT_PROGRESS events. A project
 * that is watched already is not watched twice.
 */
export function watch(ref: string): Promise<void> {
  return call(() => Projects.Watch(ref));
}

/** Attaches the passwords of earlier creates that got no response. */
export async function recover(): Promise<Recovery> {
  const result = await call(Projects.Recover);
  return { attached: result.attached ?? [], unclaimed: result.unclaimed ?? [] };
}

export function discardPending(id: string): Promise<void> {
  return call(() => Projects.DiscardPending(id));
}

export function apiKeys(ref: string): Promise<Keys> {
  return call(() => Projects.APIKeys(ref));
}

export function connectionStrings(ref: string, ipv4AddOn = false): Promise<ConnectionStrings> {
  return call(() => Projects.ConnectionStrings(ref, ipv4AddOn));
}

/** Returns the saved database password. It rejects with no_password when none is saved. */
export function password(ref: string): Promise<string> {
  return call(() => Projects.Password(ref));
}

export function setPassword(ref: string, password: string): Promise<void> {
  return call(() => Projects.SetPassword(ref, password));
}

/** Gives the database a new generated password and saves it in the keychain. */
export function resetPassword(ref: string): Promise<void> {
  return call(() => Projects.ResetPassword(ref));
}

/** Returns the text of an .env file. */
export function env(request: EnvRequest): Promise<string> {
  return call(() => Projects.Env(request));
}

/** Asks for a file name with the system's save dialog. "" means the user cancelled. */
export function chooseEnvPath(): Promise<string> {
  return call(Projects.ChooseEnvPath);
}

/**
 * Writes an .env file. Without overwrite, an existing file makes it reject
 * with file_exists.
 */
export function saveEnv(request: EnvRequest, path: string, overwrite: boolean): Promise<void> {
  return call(() => Projects.SaveEnv(request, path, overwrite));
}
