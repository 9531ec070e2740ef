import { describe, expect, it, vi } from 'vitest';
import { rejection } from '../testing/bindings';
import { AppError } from './apperror';
import { isCancelled, readForScreen } from './screenRead';

const CANCELLED = rejection('cancelled', 'context canceled');

describe('isCancelled', () => {
  it.each([
    ['cancelled', true],
    ['sign_in_cancelled', false],
    ['unreachable', false],
  ])('returns %s for %s', (code, expected) => {
    expect(isCancelled(new AppError(code, ''))).toBe(expected);
  });
});

describe('readForScreen', () => {
  it('returns the first result', async () => {
    const read = vi.fn().mockResolvedValue('keys');

    await expect(readForScreen(read, () => true)).resolves.toBe('keys');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again after a cancel while shown', async () => {
    const read = vi.fn().mockRejectedValueOnce(CANCELLED).mockResolvedValueOnce('keys');

    await expect(readForScreen(read, () => true)).resolves.toBe('keys');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads again only once', async () => {
    const read = vi.fn().mockRejectedValue(CANCELLED);

    await expect(readForScreen(read, () => true)).rejects.toThrow('context canceled');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('gives up after its screen closed', async () => {
    const read = vi.fn().mockRejectedValue(CANCELLED);

    const error = await readForScreen(read, () => false).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('rejects other failures at once', async () => {
    const read = vi.fn().mockRejectedValue(rejection('server_error', 'status 502'));

    const error = await readForScreen(read, () => true).catch((reason: unknown) => reason);

    expect((error as AppError).code).toBe('server_error');
    expect(read).toHaveBeenCalledTimes(1);
  });
});
