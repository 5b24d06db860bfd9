import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../tests/fake-event-source.ts';
import { CheckoutApiError, type CheckoutClient } from './client.ts';
import type { CheckoutSession } from './contract.ts';
import type { SessionUpdate } from './session-update.ts';
import { watchSession } from './session-watcher.ts';
import { sessionFixture } from './test-fixtures.ts';

function fakeClient(reads: Array<CheckoutSession | Error>) {
  const getSession = vi.fn(async (_id: string, _options?: { signal?: AbortSignal }) => {
    const next = reads.length > 1 ? reads.shift() : reads[0];
    if (!next) throw new Error('no read configured');
    if (next instanceof Error) throw next;
    return next;
  });
  const client: CheckoutClient = {
    baseUrl: '/api/checkout',
    listMethods: vi.fn(),
    createSession: vi.fn(),
    getSession,
    cancelSession: vi.fn(),
    eventsUrl: (id) => `/api/checkout/sessions/${id}/events`,
  };
  return { client, getSession };
}

const id = 'cs_test_1';

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.instances = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('watchSession over SSE', () => {
  it('delivers status events and closes the stream at a final status', () => {
    const { client, getSession } = fakeClient([sessionFixture()]);
    const updates: SessionUpdate[] = [];
    watchSession(client, id, { onUpdate: (u) => updates.push(u), EventSource: FakeEventSource });
    const es = FakeEventSource.instances[0];
    expect(es?.url).toBe('/api/checkout/sessions/cs_test_1/events');
    es?.emit('status', { id, status: 'pending', updatedAt: 't0' });
    es?.emit('status', { id, status: 'succeeded', updatedAt: 't1' });
    es?.emit('status', { id, status: 'refunded', updatedAt: 't2' });
    expect(updates.map((u) => u.status)).toEqual(['pending', 'succeeded']);
    expect(es?.closed).toBe(true);
    expect(getSession).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports unreadable or foreign events instead of delivering them', () => {
    const { client } = fakeClient([sessionFixture()]);
    const onUpdate = vi.fn();
    const onError = vi.fn();
    watchSession(client, id, { onUpdate, onError, EventSource: FakeEventSource });
    const es = FakeEventSource.instances[0];
    es?.emit('status', 'not json');
    es?.emit('status', { id: 'someone-else', status: 'succeeded', updatedAt: 't' });
    es?.emit('status', { id, status: 'paid', updatedAt: 't' });
    expect(onUpdate).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(3);
  });

  it('falls back to polling after two errors in a row, not after one', async () => {
    const { client, getSession } = fakeClient([
      sessionFixture(),
      sessionFixture({ status: 'succeeded' }),
    ]);
    const updates: SessionUpdate[] = [];
    watchSession(client, id, {
      onUpdate: (u) => updates.push(u),
      EventSource: FakeEventSource,
      pollIntervalMs: 50,
    });
    const es = FakeEventSource.instances[0];
    es?.emit('error');
    es?.emit('open');
    es?.emit('error');
    expect(es?.closed).toBe(false);
    es?.emit('error');
    expect(es?.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(getSession).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(updates.map((u) => u.status)).toEqual(['pending', 'succeeded']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('falls back at once when the browser closed the stream for good', async () => {
    const { client, getSession } = fakeClient([sessionFixture()]);
    const stop = watchSession(client, id, { onUpdate: vi.fn(), EventSource: FakeEventSource });
    const es = FakeEventSource.instances[0];
    if (es) es.readyState = 2;
    es?.emit('error');
    await vi.advanceTimersByTimeAsync(0);
    expect(getSession).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('watchSession by polling', () => {
  it('polls when there is no EventSource and stops at a final status', async () => {
    const { client, getSession } = fakeClient([
      sessionFixture(),
      sessionFixture({ status: 'processing' }),
      sessionFixture({ status: 'failed' }),
    ]);
    const updates: SessionUpdate[] = [];
    watchSession(client, id, {
      onUpdate: (u) => updates.push(u),
      EventSource: null,
      pollIntervalMs: 100,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(updates.map((u) => u.status)).toEqual(['pending']);
    await vi.advanceTimersByTimeAsync(99);
    expect(getSession).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(updates.map((u) => u.status)).toEqual(['pending', 'processing', 'failed']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(getSession).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps polling through transient errors and stops on a permanent one', async () => {
    const { client, getSession } = fakeClient([
      new CheckoutApiError(0, 'network_error', 'offline'),
      new CheckoutApiError(503, 'provider_unavailable', 'busy'),
      new CheckoutApiError(404, 'not_found', 'gone'),
    ]);
    const onError = vi.fn();
    watchSession(client, id, { onUpdate: vi.fn(), onError, EventSource: null, pollIntervalMs: 10 });
    await vi.advanceTimersByTimeAsync(100);
    expect(getSession).toHaveBeenCalledTimes(3);
    expect(onError.mock.calls.map(([error]) => (error as CheckoutApiError).code)).toEqual([
      'network_error',
      'provider_unavailable',
      'not_found',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows the poll schedule and stops when it says so', async () => {
    const { client, getSession } = fakeClient([sessionFixture()]);
    const schedule = vi.fn((elapsed: number) => (elapsed < 300 ? 100 : null));
    watchSession(client, id, { onUpdate: vi.fn(), EventSource: null, pollSchedule: schedule });
    await vi.advanceTimersByTimeAsync(1000);
    expect(getSession).toHaveBeenCalledTimes(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer, stream or request behind after stop()', async () => {
    const { client, getSession } = fakeClient([sessionFixture()]);
    const onUpdate = vi.fn();
    const stop = watchSession(client, id, { onUpdate, EventSource: null, pollIntervalMs: 100 });
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(getSession).toHaveBeenCalledTimes(1);
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it('aborts a read in flight on stop and ignores its answer', async () => {
    let signal: AbortSignal | undefined;
    const { client } = fakeClient([sessionFixture()]);
    client.getSession = (_id, options) => {
      signal = options?.signal;
      return new Promise(() => undefined);
    };
    const onUpdate = vi.fn();
    const stop = watchSession(client, id, { onUpdate, EventSource: null });
    stop();
    expect(signal?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
