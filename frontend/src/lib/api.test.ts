import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import { mockedApp, rejection } from '../testing/bindings';
import * as api from './api';
import { AppError } from './apperror';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));

const bindings = mockedApp(App);

beforeEach(() => {
  vi.resetAllMocks();
});

describe('api', () => {
  it('turns a JSON rejection into AppError', async () => {
    bindings.Projects.mockRejectedValue(rejection('forbidden', 'status 403'));

    const error = await api.projects('acme').catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('forbidden');
    expect((error as AppError).message).toBe('status 403');
  });

  it('turns a plain-text rejection into internal', async () => {
    bindings.CopyText.mockRejectedValue('clipboard: no display');

    const error = await api.copyText('x').catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('internal');
    expect((error as AppError).message).toBe('clipboard: no display');
  });

  it('turns a synchronous throw into internal', async () => {
    bindings.Status.mockImplementation(() => {
      throw new TypeError('window.go is undefined');
    });

    const error = await api.status().catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('internal');
  });

  it('passes arguments through', async () => {
    bindings.StartSignIn.mockResolvedValue({
      authorizeURL: 'https://example.test/authorize',
      redirectURI: 'http://127.0.0.1:53682/callback',
      browserOpened: true,
    });

    const start = await api.startSignIn('acme');

    expect(bindings.StartSignIn).toHaveBeenCalledWith('acme');
    expect(start.authorizeURL).toBe('https://example.test/authorize');
  });

  it('returns empty lists for Go nil slices', async () => {
    bindings.Organizations.mockResolvedValue(null);
    bindings.Projects.mockResolvedValue(null);

    expect(await api.organizations()).toEqual([]);
    expect(await api.projects('acme')).toEqual([]);
  });

  it('defaults missing redirect URIs', async () => {
    bindings.Info.mockResolvedValue({
      version: 'dev',
      commit: 'unknown',
      sandbox: true,
      apiBaseURL: 'http://127.0.0.1:9999',
      redirectURIs: null,
    });

    const info = await api.info();

    expect(info.redirectURIs).toEqual([]);
    expect(info.sandbox).toBe(true);
  });
});
