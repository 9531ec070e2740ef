import { describe, expect, it } from 'vitest';
import { AppError, isErrorCode, toAppError } from './apperror';

describe('toAppError', () => {
  it('parses a uierror JSON rejection', () => {
    const error = toAppError('{"code":"unreachable","message":"dial tcp: timeout"}');

    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe('dial tcp: timeout');
  });

  it('keeps an unknown code from a newer backend', () => {
    const error = toAppError('{"code":"quota_exceeded","message":"too many projects"}');

    expect(error.code).toBe('quota_exceeded');
    expect(error.message).toBe('too many projects');
  });

  it('accepts JSON without a message', () => {
    const error = toAppError('{"code":"sign_in_cancelled"}');

    expect(error.code).toBe('sign_in_cancelled');
    expect(error.message).toBe('');
  });

  it('treats plain text as internal', () => {
    const error = toAppError('runtime error: index out of range');

    expect(error.code).toBe('internal');
    expect(error.message).toBe('runtime error: index out of range');
  });

  it.each([
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['a JSON string', '"boom"'],
    ['an object without code', '{"message":"no code"}'],
    ['an object with an empty code', '{"code":"","message":"empty"}'],
    ['an object with a numeric code', '{"code":500,"message":"number"}'],
  ])('treats %s as internal with the raw text', (_, text) => {
    const error = toAppError(text);

    expect(error.code).toBe('internal');
    expect(error.message).toBe(text);
  });

  it('converts an Error into internal', () => {
    const error = toAppError(new TypeError("Cannot read properties of undefined (reading 'main')"));

    expect(error.code).toBe('internal');
    expect(error.message).toContain('reading');
  });

  it('returns an AppError unchanged', () => {
    const original = new AppError('forbidden', 'status 403');

    expect(toAppError(original)).toBe(original);
  });

  it('stringifies any other reason', () => {
    const error = toAppError(undefined);

    expect(error.code).toBe('internal');
    expect(error.message).toBe('undefined');
  });
});

describe('isErrorCode', () => {
  it('accepts a backend code', () => {
    expect(isErrorCode('session_expired')).toBe(true);
  });

  it('rejects an unknown code', () => {
    expect(isErrorCode('session_exploded')).toBe(false);
  });
});
