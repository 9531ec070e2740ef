// The state of the custom SMTP form: filling it from the saved settings or a
// provider preset, and telling whether it differs from what is saved.

import { regionLabel } from './regions';
import type { FieldErrors, Preset, Saved, Settings } from './smtpApi';

/** The fields of the form, in the order they are shown. */
export const SMTP_FIELDS: (keyof Settings)[] = [
  'senderEmail',
  'senderName',
  'host',
  'port',
  'user',
  'password',
  'maxFrequency',
  'emailsPerHour',
];

/** Returns the form for the saved settings. The password field always starts empty. */
export function formFromSaved(saved: Saved): Settings {
  return {
    senderEmail: saved.senderEmail,
    senderName: saved.senderName,
    host: saved.host,
    port: saved.port,
    user: saved.user,
    password: '',
    maxFrequency: saved.maxFrequency,
    emailsPerHour: saved.emailsPerHour,
  };
}

/**
 * Fills the host, port and fixed user name of a provider into form. The
 * "Other" preset has no host, so it changes only a field that is empty.
 */
export function applyPreset(form: Settings, preset: Preset): void {
  if (preset.host !== '') {
    form.host = preset.host;
  }
  if (preset.port > 0 && (preset.host !== '' || form.port.trim() === '')) {
    form.port = String(preset.port);
  }
  if (preset.user) {
    form.user = preset.user;
  }
}

/** Returns the id of the preset whose host or alternative hosts include host, or "". */
export function presetForHost(presets: Preset[], host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed === '') {
    return '';
  }
  const match = presets.find(
    (preset) => preset.host === trimmed || (preset.hosts ?? []).includes(trimmed),
  );
  return match?.id ?? '';
}

/** Returns the option text of an alternative host, such as an Amazon SES region. */
export function hostLabel(host: string): string {
  const ses = /^email-smtp\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  return ses ? `${regionLabel(ses[1])}: ${host}` : host;
}

/**
 * Reports whether saving form would change anything, by the rules of the
 * backend's Settings.Changes: trimmed text that differs, a typed password,
 * or a typed number that differs. An empty number keeps the saved value.
 */
export function hasChanges(form: Settings, saved: Saved): boolean {
  const texts: (keyof Settings & keyof Saved)[] = ['senderEmail', 'senderName', 'host', 'user'];
  if (texts.some((field) => form[field].trim() !== saved[field])) {
    return true;
  }
  if (form.password !== '' || form.port.trim() !== saved.port) {
    return true;
  }
  return (['maxFrequency', 'emailsPerHour'] as const).some((field) => {
    const typed = form[field].trim();
    return typed !== '' && typed !== saved[field];
  });
}

/**
 * Returns the errors of the checks that the backend leaves to the form. A
 * password is needed when none is saved yet, because Supabase cannot log in
 * to the SMTP server without one.
 */
export function formOnlyErrors(form: Settings, saved: Saved): FieldErrors {
  if (!saved.passwordSaved && form.password === '') {
    return { password: 'Enter the SMTP password from your email provider.' };
  }
  return {};
}

/** Descriptions of the connection test steps, for "The test stopped while …". */
export const TEST_STEPS: Record<string, string> = {
  connect: 'connecting to the server',
  tls: 'setting up an encrypted connection',
  auth: 'logging in with the user name and password',
  send: 'sending the test email',
  quit: 'closing the connection',
};
