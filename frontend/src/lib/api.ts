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

/** Availability of the operating system's keychain, and where the session is saved. */
export interface KeychainStatus {
  available: boolean;
  /** The technical cause when the keychain is unavailable. */
  reason?: string;
  /** The user's choice, for this computer, to save the session in an encrypted file instead. */
  fileFallback: boolean;
  /**
   * "keychain", "file" (the encrypted file that fileFallback allows) or
   * "memory" (the session lasts until the app closes).
   */
  storage: string;
}

/** The session as the window shows it. */
export interface Status {
  signedIn: boolean;
  /** "oauth", "token" (a personal access token), or empty when signed out. */
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
  /**
   * True when the session used a personal access token, which keeps working
   * until the user deletes it in the Supabase dashboard.
   */
  personalAccessToken: boolean;
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

/**
 * Signs in with a personal access token and returns the new status. The
 * backend checks the format, then tries the token with Supabase, and saves
 * it only when Supabase accepts it. It rejects with invalid_input for a
 * wrong format and with token_rejected when Supabase does not accept it.
 */
export function signInWithToken(token: string): Promise<Status> {
  return call(() => App.SignInWithToken(token));
}

/**
 * Checks the format of a personal access token, "sbp_" and 40 lowercase
 * hexadecimal digits, in the backend without sending it anywhere. It
 * rejects with invalid_input, whose message describes the problem.
 */
export function checkToken(token: string): Promise<void> {
  return call(() => App.CheckToken(token));
}

/**
 * Allows or stops saving the session in an encrypted file on this computer
 * while the keychain is unavailable, and returns the new status.
 */
export function setFileFallback(enabled: boolean): Promise<Status> {
  return call(() => App.SetFileFallback(enabled));
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
 * the keys of a project. A cancelled read rejects with cancelled.
 */
export function leaveScreen(): Promise<void> {
  return call(App.LeaveScreen);
}

/** Records in the app whether a form has unsaved changes, so closing the window confirms first. */
export function setUnsavedChanges(unsaved: boolean): Promise<void> {
  return call(() => App.SetUnsavedChanges(unsaved));
}

export function copyText(text: string): Promise<void> {
  return call(() => App.CopyText(text));
}
