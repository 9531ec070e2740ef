import { describe, expect, it } from 'vitest';
import { MASK, maskConnectionString } from './connection';

describe('maskConnectionString', () => {
  it.each([
    [
      'postgresql://postgres.abcd:p%40ss%2Fw0rd@aws-0-eu-central-1.pooler.supabase.com:5432/postgres',
      `postgresql://postgres.abcd:${MASK}@aws-0-eu-central-1.pooler.supabase.com:5432/postgres`,
    ],
    [
      'postgresql://postgres:secret@db.abcd.supabase.co:5432/postgres',
      `postgresql://postgres:${MASK}@db.abcd.supabase.co:5432/postgres`,
    ],
    ['postgresql://db.abcd.supabase.co:5432/postgres', MASK],
    ['not a uri', MASK],
  ])('masks %s', (uri, want) => {
    expect(maskConnectionString(uri)).toBe(want);
  });
});
