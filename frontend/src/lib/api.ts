// The typed layer over the Wails bindings of main.App. Components and stores
// call these functions, never the generated wailsjs modules directly.
//
// Every function rejects with an AppError. The interfaces below repeat the
// fields of the generated classes in wailsjs/go/models.ts, so svelte-check
// fails when the Go structs change shape.

import * as App from '$wails/go/main/App';
import { toAppError } from './apperror';

/** The build of the app and the API it talks to. */
export interface AppInfo {
  version: string;
  commit: string;
  sandbox: boolean;
  apiBaseURL: string;
  redirectURIs: string[];
}

/** The Supabase account behind the session. */
export interface User {
  email: string;
  username: string;
}

/** Availability of the operating system's keychain for saving secrets. */
export interface KeychainStatus {
  available: boolean;
  reason?: string;
}

/** The session as the window shows it. */
export interface Status {
  signedIn: boolean;
  method: string;
  /** True when Supabase no longer accepts a saved session. */
  expired: boolean;
  user?: User;
  keychain: KeychainStatus;
}

/** A sign-in that waits for the browser to return to the app. */
export interface SignInStart {
  authorizeURL: string;
  redirectURI: string;
  browserOpened: boolean;
  browserError?: string;
}

/** The outcome of SignOut: the local session is removed either way. */
export interface SignOutResult {
  revoked: boolean;
  revokeError?: string;
}

/** A Supabase organization. */
export interface Organization {
  slug: string;
  name: string;
}

/** A Supabase project. status is a Management API project state such as ACTIVE_HEALTHY. */
export interface Project {
  ref: string;
  name: string;
  organizationSlug: string;
  region: string;
  status: string;
  createdAt: string;
}

/**
 * The data fields of a generated model class, without its methods. Classes
 * such as projects.CreateRequest have a convertValues method, so a plain
 * object with the same fields does not satisfy their type.
 */
export type Fields<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K];
};

/**
 * Returns fields typed as the model class T for a binding's argument. Wails
 * sends arguments as JSON, so a plain object with the same fields is enough.
 */
export function asModel<T>(fields: Fields<T>): T {
  return fields as T;
}

/** Calls a binding and converts its rejection into an AppError. */
export async function call<T>(invoke: () => Promise<T>): Promise<T> {
  try {
    return await invoke();
  } catch (reason) {
    throw toAppError(reason);
  }
}

// encoding/json encodes a nil Go slice as null, hence the ?? [] below.

export async function info(): Promise<AppInfo> {
  const result = await call(App.Info);
  return { ...result, redirectURIs: result.redirectURIs ?? [] };
}

/** Returns the session status. The first call restores a saved session. */
export function status(): Promise<Status> {
  return call(App.Status);
}

/** Opens the Supabase consent page. organizationSlug may be empty. */
export function startSignIn(organizationSlug: string): Promise<SignInStart> {
  return call(() => App.StartSignIn(organizationSlug));
}

/** Waits until the browser returns and the tokens are saved, then returns the new status. */
export function awaitSignIn(): Promise<Status> {
  return call(App.AwaitSignIn);
}

export function cancelSignIn(): Promise<void> {
  return call(App.CancelSignIn);
}

export async function organizations(): Promise<Organization[]> {
  return (await call(App.Organizations)) ?? [];
}

export async function projects(organizationSlug: string): Promise<Project[]> {
  return (await call(() => App.Projects(organizationSlug))) ?? [];
}

export function signOut(): Promise<SignOutResult> {
  return call(App.SignOut);
}

/** Opens an http(s) link in the system browser. */
export function openURL(url: string): Promise<void> {
  return call(() => App.OpenURL(url));
}

/**
 * Cancels the backend's reads for the screen the user is leaving, such as
 * the keys of a project. A cancelled read rejects with sign_in_cancelled.
 */
export function leaveScreen(): Promise<void> {
  return call(App.LeaveScreen);
}

export function copyText(text: string): Promise<void> {
  return call(() => App.CopyText(text));
}
