// The typed layer over the Wails bindings of main.SMTP: a project's custom
// SMTP settings for Supabase Auth emails.

import * as SMTP from '$wails/go/main/SMTP';
import { call } from './api';

/** The host, port and user hints of one email provider. */
export interface Preset {
  id: string;
  name: string;
  host: string;
  port: number;
  /** The fixed user name, when the provider has one. */
  user?: string;
  userHint: string;
  passwordHint: string;
  /** Alternative hosts, such as the regional endpoints of Amazon SES. */
  hosts?: string[];
}

/**
 * The SMTP fields as the user typed them. An empty password keeps the saved
 * one, and empty maxFrequency or emailsPerHour keep the saved values.
 */
export interface Settings {
  senderEmail: string;
  senderName: string;
  host: string;
  port: string;
  user: string;
  password: string;
  /** Minimum seconds between two emails to the same user. */
  maxFrequency: string;
  /** The project's sending limit. */
  emailsPerHour: string;
}

/** The SMTP settings as Supabase stores them. The password itself is never returned. */
export interface Saved {
  /** True when custom SMTP is on, which is when a host is set. */
  enabled: boolean;
  senderEmail: string;
  senderName: string;
  host: string;
  port: string;
  user: string;
  passwordSaved: boolean;
  maxFrequency: string;
  emailsPerHour: string;
}

/** A message for each invalid field, keyed by the field's name in Settings. */
export type FieldErrors = Partial<Record<keyof Settings, string>>;

/** The outcome of a connection test. */
export interface CheckResult {
  ok: boolean;
  /** connect, tls, auth, send or quit, or absent when ok. */
  failedStep?: string;
  /** A plain-language description of the failure and the next step. */
  message: string;
  /** The server's or the network's own text. */
  detail?: string;
}

export async function presets(): Promise<Preset[]> {
  return (await call(SMTP.Presets)) ?? [];
}

/** Checks the settings as Save does, without sending anything. */
export async function validate(settings: Settings): Promise<FieldErrors> {
  return ((await call(() => SMTP.Validate(settings))) ?? {}) as FieldErrors;
}

export function load(ref: string): Promise<Saved> {
  return call(() => SMTP.Load(ref));
}

/** Saves the changed fields and returns the settings as Supabase stored them. */
export function save(ref: string, settings: Settings): Promise<Saved> {
  return call(() => SMTP.Save(ref, settings));
}

/** Turns custom SMTP off, so Supabase's built-in mailer sends the emails again. */
export function disable(ref: string): Promise<Saved> {
  return call(() => SMTP.Disable(ref));
}

/**
 * Connects to the SMTP server from this computer and logs in, and sends a
 * test email when sendTo is not empty. A failed test resolves with ok false.
 */
export function test(settings: Settings, sendTo: string): Promise<CheckResult> {
  return call(() => SMTP.Test(settings, sendTo));
}
