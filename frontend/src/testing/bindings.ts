// vi.mock factories and helpers for the Wails bindings. Each test file still
// calls vi.mock itself, because vitest hoists those calls to the top of that
// file:
//
//   vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));

import { type Mock, vi } from 'vitest';
import type * as App from '$wails/go/main/App';
import type * as Projects from '$wails/go/main/Projects';
import type * as SMTP from '$wails/go/main/SMTP';

/**
 * A mocked bound method. Its resolved value is not type-checked, because the
 * generated model classes have methods that plain test objects lack.
 */
export type BindingMock = Mock<(...args: unknown[]) => Promise<unknown>>;

/** One BindingMock for each bound method of main.App. */
export type AppMocks = Record<keyof typeof App, BindingMock>;

function binding(): BindingMock {
  return vi.fn<(...args: unknown[]) => Promise<unknown>>();
}

/** Returns the module that replaces $wails/go/main/App. */
export function appBindings(): AppMocks {
  return {
    Info: binding(),
    Status: binding(),
    StartSignIn: binding(),
    AwaitSignIn: binding(),
    CancelSignIn: binding(),
    Organizations: binding(),
    Projects: binding(),
    SignOut: binding(),
    OpenURL: binding(),
    CopyText: binding(),
    CheckToken: binding(),
    LeaveScreen: binding(),
    SetUnsavedChanges: binding(),
    SetFileFallback: binding(),
    SignInWithToken: binding(),
  };
}

/** Returns the mocks behind an `import * as App` of the mocked module. */
export function mockedApp(module: unknown): AppMocks {
  return module as AppMocks;
}

/** One BindingMock for each bound method of main.Projects. */
export type ProjectsMocks = Record<keyof typeof Projects, BindingMock>;

/** Returns the module that replaces $wails/go/main/Projects. */
export function projectsBindings(): ProjectsMocks {
  return {
    APIKeys: binding(),
    AttachPending: binding(),
    ChooseEnvPath: binding(),
    ConnectionStrings: binding(),
    Create: binding(),
    DiscardPending: binding(),
    Env: binding(),
    GeneratePassword: binding(),
    HasPassword: binding(),
    Password: binding(),
    PasswordStrength: binding(),
    Recover: binding(),
    Regions: binding(),
    ResetPassword: binding(),
    SaveEnv: binding(),
    SetPassword: binding(),
    Watch: binding(),
  };
}

/** Returns the mocks behind an `import * as Projects` of the mocked module. */
export function mockedProjects(module: unknown): ProjectsMocks {
  return module as ProjectsMocks;
}

/** One BindingMock for each bound method of main.SMTP. */
export type SMTPMocks = Record<keyof typeof SMTP, BindingMock>;

/** Returns the module that replaces $wails/go/main/SMTP. */
export function smtpBindings(): SMTPMocks {
  return {
    Disable: binding(),
    Load: binding(),
    Presets: binding(),
    Save: binding(),
    Test: binding(),
    Validate: binding(),
  };
}

/** Returns the mocks behind an `import * as SMTP` of the mocked module. */
export function mockedSMTP(module: unknown): SMTPMocks {
  return module as SMTPMocks;
}

/** Returns the module that replaces $wails/runtime/runtime. */
export function runtimeBindings() {
  return {
    EventsOn: vi.fn<(name: string, handler: (...data: unknown[]) => void) => () => void>(() =>
      vi.fn(),
    ),
  };
}

/** Returns a promise that never settles, such as a sign-in that keeps waiting. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** Returns the text a bound method rejects with for a uierror code. */
export function rejection(code: string, message = ''): string {
  return JSON.stringify({ code, message });
}

/**
 * Returns a session status, signed in unless signedIn is false. Without the
 * keychain the session is kept in memory.
 */
export function statusFixture(signedIn = true, keychainAvailable = true) {
  return {
    signedIn,
    method: signedIn ? 'oauth' : '',
    expired: false,
    user: signedIn ? { email: 'ada@example.com', username: 'ada' } : undefined,
    keychain: keychainAvailable
      ? { available: true, fileFallback: false, storage: 'keychain' }
      : {
          available: false,
          reason: 'dbus: no session bus',
          fileFallback: false,
          storage: 'memory',
        },
  };
}

/** Returns the status after signing in with a personal access token. */
export function tokenStatusFixture() {
  return { ...statusFixture(true), method: 'token' };
}

/** A personal access token in the valid format: sbp_ and 40 lowercase hexadecimal digits. */
export const VALID_TOKEN = `sbp_${'0123456789abcdef'.repeat(3).slice(0, 40)}`;

/** Returns a sign-in start as StartSignIn resolves it. */
export function signInStartFixture(browserOpened = true) {
  return {
    authorizeURL:
      'https://api.supabase.com/v1/oauth/authorize?client_id=abc&response_type=code' +
      '&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&state=s1&code_challenge=c1',
    redirectURI: 'http://127.0.0.1:53682/callback',
    browserOpened,
    browserError: browserOpened ? undefined : 'exec: "xdg-open": executable file not found',
  };
}

/** Returns the regions of an organization as Projects.Regions resolves them. */
export function regionsFixture() {
  const region = (code: string, name: string, type = 'specific', status?: string) => ({
    code,
    name,
    type,
    provider: type === 'specific' ? 'AWS' : undefined,
    status,
  });
  return {
    recommendedSmartGroup: region('emea', 'Europe, Middle East and Africa', 'smartGroup'),
    recommended: [region('eu-central-1', 'Central EU (Frankfurt)')],
    smartGroups: [
      region('americas', 'Americas', 'smartGroup'),
      region('emea', 'Europe, Middle East and Africa', 'smartGroup'),
      region('apac', 'Asia-Pacific', 'smartGroup'),
    ],
    specific: [
      region('us-east-1', 'East US (North Virginia)'),
      region('eu-central-1', 'Central EU (Frankfurt)'),
      region('ap-east-1', 'East Asia (Hong Kong)', 'specific', 'capacity'),
    ],
  };
}

/** Returns a project as the Management API lists it. */
export function projectFixture(ref = 'abcdefghijklmnopqrst', status = 'ACTIVE_HEALTHY') {
  return {
    ref,
    name: 'Shop',
    organizationSlug: 'acme',
    region: 'eu-central-1',
    status,
    createdAt: '2025-01-01T00:00:00Z',
  };
}

/** Returns a project's API keys; without secrets when secretsPermitted is false. */
export function keysFixture(secretsPermitted = true) {
  return {
    ref: 'abcdefghijklmnopqrst',
    url: 'https://abcdefghijklmnopqrst.supabase.co',
    publishable: 'sb_publishable_pub123',
    anon: 'eyJanon.payload.sig',
    secret: secretsPermitted ? 'sb_secret_sec456' : '',
    serviceRole: secretsPermitted ? 'eyJservice.payload.sig' : '',
    secretsPermitted,
  };
}

/** Returns connection strings, with the password p4ss or the placeholder. */
export function connectionStringsFixture(hasPassword = true) {
  const secret = hasPassword ? 'p4ss' : '[YOUR-PASSWORD]';
  const pooler = 'aws-0-eu-central-1.pooler.supabase.com';
  return {
    direct: `postgresql://postgres:${secret}@db.abcdefghijklmnopqrst.supabase.co:5432/postgres`,
    directIPv6Only: true,
    sessionPooler: `postgresql://postgres.abcdefghijklmnopqrst:${secret}@${pooler}:5432/postgres`,
    transactionPooler: `postgresql://postgres.abcdefghijklmnopqrst:${secret}@${pooler}:6543/postgres`,
    hasPassword,
  };
}

/** Returns a project's SMTP settings as SMTP.Load resolves them. */
export function smtpSavedFixture(enabled = false) {
  return {
    enabled,
    senderEmail: enabled ? 'no-reply@example.com' : '',
    senderName: enabled ? 'Shop' : '',
    host: enabled ? 'smtp.resend.com' : '',
    port: enabled ? '465' : '',
    user: enabled ? 'resend' : '',
    passwordSaved: enabled,
    maxFrequency: '60',
    emailsPerHour: enabled ? '100' : '',
  };
}

/** Returns email provider presets as SMTP.Presets resolves them. */
export function presetsFixture() {
  return [
    {
      id: 'resend',
      name: 'Resend',
      host: 'smtp.resend.com',
      port: 465,
      user: 'resend',
      userHint: 'resend',
      passwordHint: 'An API key from the Resend dashboard',
    },
    {
      id: 'ses',
      name: 'Amazon SES',
      host: 'email-smtp.us-east-1.amazonaws.com',
      port: 587,
      userHint: 'Your SES SMTP user name (not an IAM access key)',
      passwordHint: 'Your SES SMTP password',
      hosts: ['email-smtp.us-east-1.amazonaws.com', 'email-smtp.eu-central-1.amazonaws.com'],
    },
    {
      id: 'other',
      name: 'Other',
      host: '',
      port: 587,
      userHint: 'The user name your provider gave you',
      passwordHint: 'The SMTP password your provider gave you',
    },
  ];
}
