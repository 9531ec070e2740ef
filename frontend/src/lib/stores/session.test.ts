import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import {
  mockedApp,
  pending,
  rejection,
  signInStartFixture,
  statusFixture,
  tokenStatusFixture,
  VALID_TOKEN,
} from '../../testing/bindings';
import { AppError } from '../apperror';
import { ACCESS_TOKEN_SIGN_OUT_ADVICE, REVOKE_FAILED_ADVICE } from '../errors';
import { SessionStore } from './session.svelte';

vi.mock('$wails/go/main/App', () => import('../../testing/bindings').then((m) => m.appBindings()));

const bindings = mockedApp(App);

const info = {
  version: 'dev',
  commit: 'unknown',
  sandbox: false,
  apiBaseURL: 'https://api.supabase.com',
  redirectURIs: ['http://127.0.0.1:53682/callback'],
};

beforeEach(() => {
  vi.resetAllMocks();
  bindings.Info.mockResolvedValue(info);
  bindings.CancelSignIn.mockResolvedValue(undefined);
});

describe('SessionStore.load', () => {
  it('shows the signed-in screen for a saved session', async () => {
    bindings.Status.mockResolvedValue(statusFixture(true));
    const store = new SessionStore();

    await store.load();

    expect(store.phase).toBe('signedIn');
    expect(store.status?.user?.email).toBe('ada@example.com');
    expect(store.info?.apiBaseURL).toBe('https://api.supabase.com');
  });

  it('shows the welcome screen without a session', async () => {
    bindings.Status.mockResolvedValue(statusFixture(false));
    const store = new SessionStore();

    await store.load();

    expect(store.phase).toBe('welcome');
  });

  it('offers to reconnect an expired session', async () => {
    bindings.Status.mockResolvedValue({ ...statusFixture(false), expired: true });
    const store = new SessionStore();

    await store.load();

    expect(store.phase).toBe('reconnect');
  });

  it('reports a failed start', async () => {
    bindings.Status.mockRejectedValue(rejection('internal', 'keyring: timeout'));
    const store = new SessionStore();

    await store.load();

    expect(store.phase).toBe('startFailed');
    expect(store.error?.code).toBe('internal');
  });
});

describe('SessionStore sign-in', () => {
  async function waitingStore(from: 'welcome' | 'reconnect' = 'welcome') {
    bindings.StartSignIn.mockResolvedValue(signInStartFixture());
    const store = new SessionStore();
    store.phase = from;
    await store.connect(from === 'reconnect' ? 'acme' : '');
    return store;
  }

  it('switches to the waiting screen', async () => {
    const store = await waitingStore();

    expect(bindings.StartSignIn).toHaveBeenCalledWith('');
    expect(store.phase).toBe('waiting');
    expect(store.pending?.redirectURI).toBe('http://127.0.0.1:53682/callback');
  });

  it('shows the signed-in screen when the browser returns', async () => {
    const store = await waitingStore();
    bindings.AwaitSignIn.mockResolvedValue(statusFixture(true));

    await store.waitForBrowser();

    expect(store.phase).toBe('signedIn');
    expect(store.pending).toBeNull();
    expect(store.status?.signedIn).toBe(true);
  });

  it('returns silently after a cancelled sign-in', async () => {
    const store = await waitingStore();
    bindings.AwaitSignIn.mockRejectedValue(rejection('sign_in_cancelled'));

    await store.waitForBrowser();

    expect(store.phase).toBe('welcome');
    expect(store.error).toBeNull();
  });

  it('shows why a sign-in failed', async () => {
    const store = await waitingStore();
    bindings.AwaitSignIn.mockRejectedValue(rejection('access_denied', 'error=access_denied'));

    await store.waitForBrowser();

    expect(store.phase).toBe('welcome');
    expect(store.error?.code).toBe('access_denied');
  });

  it('returns to the reconnect screen it came from', async () => {
    const store = await waitingStore('reconnect');
    bindings.AwaitSignIn.mockRejectedValue(rejection('sign_in_timeout'));

    await store.waitForBrowser();

    expect(bindings.StartSignIn).toHaveBeenCalledWith('acme');
    expect(store.phase).toBe('reconnect');
    expect(store.error?.code).toBe('sign_in_timeout');
  });

  it('cancels at once and ignores the late rejection', async () => {
    const store = await waitingStore();
    let rejectAwait: (reason: unknown) => void = () => {};
    bindings.AwaitSignIn.mockReturnValue(new Promise((_, reject) => (rejectAwait = reject)));
    const waiting = store.waitForBrowser();

    await store.cancelSignIn();
    rejectAwait(rejection('sign_in_timeout'));
    await waiting;

    expect(bindings.CancelSignIn).toHaveBeenCalledTimes(1);
    expect(store.phase).toBe('welcome');
    expect(store.error).toBeNull();
  });

  it('replaces a leftover sign-in', async () => {
    bindings.StartSignIn.mockRejectedValueOnce(rejection('sign_in_in_progress'));
    bindings.StartSignIn.mockResolvedValueOnce(signInStartFixture());
    const store = new SessionStore();
    store.phase = 'welcome';

    await store.connect();

    expect(bindings.CancelSignIn).toHaveBeenCalledTimes(1);
    expect(bindings.StartSignIn).toHaveBeenCalledTimes(2);
    expect(store.phase).toBe('waiting');
  });

  it('stays on the welcome screen when the start fails', async () => {
    bindings.StartSignIn.mockRejectedValue(rejection('ports_unavailable', 'bind: in use'));
    const store = new SessionStore();
    store.phase = 'welcome';

    await store.connect();

    expect(store.phase).toBe('welcome');
    expect(store.error?.code).toBe('ports_unavailable');
    expect(store.busy).toBe(false);
  });

  it('ignores a second click while starting', async () => {
    bindings.StartSignIn.mockReturnValue(pending());
    const store = new SessionStore();

    void store.connect();
    void store.connect();

    expect(bindings.StartSignIn).toHaveBeenCalledTimes(1);
  });
});

describe('SessionStore sign-out and expiry', () => {
  function signedInStore() {
    const store = new SessionStore();
    store.phase = 'signedIn';
    store.status = statusFixture(true);
    return store;
  }

  it('signs out without a notice when revoked', async () => {
    bindings.SignOut.mockResolvedValue({ revoked: true });
    const store = signedInStore();

    expect(await store.signOut()).toBe(true);
    expect(store.phase).toBe('welcome');
    expect(store.notice).toBeNull();
    expect(store.status?.signedIn).toBe(false);
  });

  it('explains a failed revocation', async () => {
    bindings.SignOut.mockResolvedValue({ revoked: false, revokeError: 'status 503' });
    const store = signedInStore();

    await store.signOut();

    expect(store.phase).toBe('welcome');
    expect(store.notice?.advice).toEqual(REVOKE_FAILED_ADVICE);
    expect(store.notice?.detail).toBe('status 503');
  });

  it('says an access token keeps working', async () => {
    bindings.SignOut.mockResolvedValue({ revoked: false, personalAccessToken: true });
    const store = signedInStore();

    await store.signOut();

    expect(store.phase).toBe('welcome');
    expect(store.notice?.advice).toEqual(ACCESS_TOKEN_SIGN_OUT_ADVICE);
    expect(store.notice?.detail).toBe('');
  });

  it('stays signed in when sign-out fails', async () => {
    bindings.SignOut.mockRejectedValue(rejection('keychain_unavailable'));
    const store = signedInStore();

    expect(await store.signOut()).toBe(false);
    expect(store.phase).toBe('signedIn');
    expect(store.error?.code).toBe('keychain_unavailable');
  });

  it('moves an expired session to reconnect', () => {
    const store = signedInStore();

    expect(store.handleSessionError(new AppError('session_expired', 'refresh failed'))).toBe(true);
    expect(store.phase).toBe('reconnect');
    expect(store.status?.signedIn).toBe(false);
    expect(store.status?.expired).toBe(true);
  });

  it('moves a lost session to welcome', () => {
    const store = signedInStore();

    expect(store.handleSessionError(new AppError('not_signed_in', ''))).toBe(true);
    expect(store.phase).toBe('welcome');
  });

  it('leaves other errors to the caller', () => {
    const store = signedInStore();

    expect(store.handleSessionError(new AppError('forbidden', 'status 403'))).toBe(false);
    expect(store.phase).toBe('signedIn');
  });

  it('does not interrupt a sign-in on expiry', () => {
    const store = new SessionStore();
    store.phase = 'waiting';

    store.expire();

    expect(store.phase).toBe('waiting');
  });
});

describe('SessionStore access token', () => {
  it('signs in with a token', async () => {
    bindings.SignInWithToken.mockResolvedValue(tokenStatusFixture());
    const store = new SessionStore();
    store.phase = 'reconnect';
    store.error = new AppError('session_expired', '');

    const failure = await store.signInWithToken(VALID_TOKEN);

    expect(failure).toBeNull();
    expect(bindings.SignInWithToken).toHaveBeenCalledWith(VALID_TOKEN);
    expect(store.phase).toBe('signedIn');
    expect(store.status?.method).toBe('token');
    expect(store.error).toBeNull();
    expect(store.busy).toBe(false);
  });

  it('returns the failure and stays on the screen', async () => {
    bindings.SignInWithToken.mockRejectedValue(rejection('token_rejected', 'status 401'));
    const store = new SessionStore();
    store.phase = 'welcome';

    const failure = await store.signInWithToken(VALID_TOKEN);

    expect(failure?.code).toBe('token_rejected');
    expect(store.phase).toBe('welcome');
    expect(store.error).toBeNull();
    expect(store.busy).toBe(false);
  });

  it('refuses while another sign-in starts', async () => {
    bindings.StartSignIn.mockReturnValue(pending());
    const store = new SessionStore();
    void store.connect();

    const failure = await store.signInWithToken(VALID_TOKEN);

    expect(failure?.code).toBe('sign_in_in_progress');
    expect(bindings.SignInWithToken).not.toHaveBeenCalled();
  });
});

describe('SessionStore file fallback', () => {
  it('updates the status', async () => {
    const status = statusFixture(true, false);
    const keychain = { ...status.keychain, fileFallback: true, storage: 'file' };
    const saved = { ...status, keychain };
    bindings.SetFileFallback.mockResolvedValue(saved);
    const store = new SessionStore();
    store.status = status;

    expect(await store.setFileFallback(true)).toBeNull();
    expect(bindings.SetFileFallback).toHaveBeenCalledWith(true);
    expect(store.status?.keychain.storage).toBe('file');
  });

  it('keeps the status when saving fails', async () => {
    bindings.SetFileFallback.mockRejectedValue(rejection('internal', 'no settings directory'));
    const store = new SessionStore();
    store.status = statusFixture(true, false);

    const failure = await store.setFileFallback(true);

    expect(failure?.code).toBe('internal');
    expect(store.status?.keychain.storage).toBe('memory');
  });
});
