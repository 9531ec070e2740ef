import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as runtime from '$wails/runtime/runtime';
import { RATE_LIMIT_WAIT } from '../lib/events';
import RateLimitBanner from './RateLimitBanner.svelte';

vi.mock('$wails/runtime/runtime', () =>
  import('../testing/bindings').then((m) => m.runtimeBindings()),
);

const eventsOn = vi.mocked(runtime.EventsOn);

let unsubscribe: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers();
  unsubscribe = vi.fn();
  eventsOn.mockReturnValue(unsubscribe);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Renders the banner and returns the function that emits RATE_LIMIT_WAIT. */
function renderBanner() {
  const view = render(RateLimitBanner);
  const subscription = eventsOn.mock.calls.find(([name]) => name === RATE_LIMIT_WAIT);
  if (!subscription) {
    throw new Error(`RateLimitBanner did not subscribe to ${RATE_LIMIT_WAIT}`);
  }
  const emit = async (seconds: unknown) => {
    subscription[1](seconds);
    await tick();
  };
  return { ...view, emit };
}

async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

function bannerText(): string | null {
  return screen.queryByText(/slow down\. Continuing in \d+ s…$/)?.textContent ?? null;
}

function announced(): string {
  return document.querySelector('[aria-live="polite"]')?.textContent ?? '';
}

describe('RateLimitBanner', () => {
  it('counts down and disappears at zero', async () => {
    const { emit } = renderBanner();

    await emit(5);
    expect(bannerText()).toBe('Supabase asked Supaconnect to slow down. Continuing in 5 s…');

    await advance(1000);
    expect(bannerText()).toContain('Continuing in 4 s…');

    await advance(3000);
    expect(bannerText()).toContain('Continuing in 1 s…');

    await advance(1000);
    expect(bannerText()).toBeNull();
  });

  it('rounds a fractional wait up', async () => {
    const { emit } = renderBanner();

    await emit(3.4);
    expect(bannerText()).toContain('Continuing in 4 s…');

    await advance(400);
    expect(bannerText()).toContain('Continuing in 3 s…');

    await advance(3000);
    expect(bannerText()).toBeNull();
  });

  it('announces only the start and the end', async () => {
    const { emit } = renderBanner();
    expect(announced()).toBe('');

    await emit(4);
    const start = announced();
    expect(start).toBe('Supabase asked Supaconnect to slow down. Continuing in 4 seconds.');

    await advance(2000);
    expect(announced()).toBe(start);

    await advance(2000);
    expect(announced()).toBe('Supaconnect is continuing.');
  });

  it('ignores waits shorter than three seconds', async () => {
    const { emit } = renderBanner();

    await emit(2.9);

    expect(bannerText()).toBeNull();
    expect(announced()).toBe('');
  });

  it('ignores data that is not a number', async () => {
    const { emit } = renderBanner();

    await emit('10');
    await emit(Number.NaN);

    expect(bannerText()).toBeNull();
  });

  it('extends to a longer wait', async () => {
    const { emit } = renderBanner();
    await emit(4);
    await advance(1000);

    await emit(10);
    expect(bannerText()).toContain('Continuing in 10 s…');

    await emit(3);
    expect(bannerText()).toContain('Continuing in 10 s…');

    await advance(9000);
    expect(bannerText()).toContain('Continuing in 1 s…');
    await advance(1000);
    expect(bannerText()).toBeNull();
  });

  it('unsubscribes and stops counting when destroyed', async () => {
    const { emit, unmount } = renderBanner();
    await emit(30);

    unmount();

    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
