// vi.mock factories and helpers for the Wails bindings. Each test file still
// calls vi.mock itself, because vitest hoists those calls to the top of that
// file:
//
//   vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));

import { type Mock, vi } from 'vitest';
import type * as App from '$wails/go/main/App';

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
  };
}

/** Returns the mocks behind an `import * as App` of the mocked module. */
export function mockedApp(module: unknown): AppMocks {
  return module as AppMocks;
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

/** Returns a session status, signed in unless signedIn is false. */
export function statusFixture(signedIn = true, keychainAvailable = true) {
  return {
    signedIn,
    method: signedIn ? 'oauth' : '',
    expired: false,
    user: signedIn ? { email: 'ada@example.com', username: 'ada' } : undefined,
    keychain: keychainAvailable
      ? { available: true }
      : { available: false, reason: 'dbus: no session bus' },
  };
}

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
