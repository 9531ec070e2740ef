import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import { mockedApp } from '../../testing/bindings';
import { confirmation } from './confirm.svelte';
import { NavigationStore } from './navigation.svelte';

vi.mock('$wails/go/main/App', () => import('../../testing/bindings').then((m) => m.appBindings()));

const bindings = mockedApp(App);

beforeEach(() => {
  vi.resetAllMocks();
  confirmation.answer(false);
  bindings.LeaveScreen.mockResolvedValue(undefined);
});

describe('NavigationStore', () => {
  it('cancels the reads of a project screen it leaves', async () => {
    const navigation = new NavigationStore();
    await navigation.go({ name: 'details', ref: 'abcd' });
    expect(bindings.LeaveScreen).not.toHaveBeenCalled();

    await navigation.go({ name: 'list' });

    expect(bindings.LeaveScreen).toHaveBeenCalledTimes(1);
  });

  it('asks only while a form has changes', async () => {
    const navigation = new NavigationStore();
    let changed = true;
    const remove = navigation.addUnsavedCheck(() => changed);

    const first = navigation.go({ name: 'create' });
    expect(confirmation.current?.title).toBe('Leave without saving?');
    confirmation.answer(false);
    expect(await first).toBe(false);
    expect(navigation.view).toEqual({ name: 'list' });

    changed = false;
    expect(await navigation.go({ name: 'create' })).toBe(true);

    changed = true;
    remove();
    expect(await navigation.go({ name: 'list' })).toBe(true);
    expect(confirmation.current).toBeNull();
  });
});
