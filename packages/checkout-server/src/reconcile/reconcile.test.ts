import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../../tests/handler-harness.ts';
import type { OrderStore } from '../store/order-store.ts';
import { createSqliteOrderStore } from '../store/sqlite-order-store.ts';

let h: Harness;
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

const minutes = (n: number) => n * 60_000;

async function newPendingSession() {
  const session = await h.createSession();
  const order = await h.handler.getOrder(session.id);
  if (!order) throw new Error('session not stored');
  return order;
}

/** Moves the test clock forward. */
function advance(ms: number) {
  h.clock.now = new Date(h.clock.now.getTime() + ms);
}

describe('handler.reconcile (webhooks dropped)', () => {
  it('adopts a payment the webhook never reported, once, for old enough sessions only', async () => {
    h = createHarness();
    const order = await newPendingSession();
    h.gateway.pay(order.merchantOrderId);

    const young = await h.handler.reconcile({ olderThanMinutes: 10 });
    expect(young).toEqual({ checked: 0, changed: [], failed: [] });
    expect((await h.handler.getOrder(order.id))?.status).toBe('pending');

    advance(minutes(11));
    const report = await h.handler.reconcile({ olderThanMinutes: 10 });
    expect(report).toEqual({
      checked: 1,
      changed: [{ id: order.id, from: 'pending', to: 'succeeded' }],
      failed: [],
    });
    expect(h.hooks).toEqual([order.id]);

    expect(await h.handler.reconcile({ olderThanMinutes: 10 })).toEqual({
      checked: 0,
      changed: [],
      failed: [],
    });
    expect(h.hooks).toEqual([order.id]);
  });

  it('expires a session past expiresAt and closes the gateway order', async () => {
    h = createHarness();
    const order = await newPendingSession();
    advance(minutes(31)); // the default TTL is 30 minutes
    const report = await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(report.changed).toEqual([{ id: order.id, from: 'pending', to: 'expired' }]);
    expect(h.gateway.order(order.merchantOrderId)).toMatchObject({ status: 'Closed' });
    const deletes = h.gateway.requests.filter((request) => request.method === 'DELETE');
    expect(deletes).toHaveLength(1);
  });

  it('takes the gateway’s word when a session was paid at the last second before expiry', async () => {
    h = createHarness();
    const order = await newPendingSession();
    h.gateway.pay(order.merchantOrderId);
    advance(minutes(31));
    const report = await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(report.changed).toEqual([{ id: order.id, from: 'pending', to: 'succeeded' }]);
    expect(h.hooks).toEqual([order.id]);
  });

  it('keeps the status and reports the session when the gateway fails, then catches up', async () => {
    h = createHarness();
    const order = await newPendingSession();
    h.gateway.decline(order.merchantOrderId);
    h.gateway.faults({ failNext: { status: 503 } });
    advance(1000);
    const failed = await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(failed.changed).toEqual([]);
    expect(failed.failed).toEqual([{ id: order.id, error: expect.any(String) }]);
    expect((await h.handler.getOrder(order.id))?.status).toBe('pending');

    const next = await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(next.changed).toEqual([{ id: order.id, from: 'pending', to: 'failed' }]);
  });

  it('never moves a final status back, whatever the gateway says later', async () => {
    h = createHarness();
    const order = await newPendingSession();
    await h.store.transition(order.id, 'cancelled', {}, h.clock.now);
    h.gateway.pay(order.merchantOrderId);
    advance(1000);
    const report = await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(report).toEqual({ checked: 0, changed: [], failed: [] });
    expect((await h.handler.getOrder(order.id))?.status).toBe('cancelled');
    expect(h.hooks).toEqual([]);
  });

  it('rejects a negative age', async () => {
    h = createHarness();
    await expect(h.handler.reconcile({ olderThanMinutes: -1 })).rejects.toThrow(/olderThanMinutes/);
  });
});

describe('scheduled reconciliation', () => {
  it('runs on the configured interval and stops at shutdown', async () => {
    h = createHarness({ reconcileIntervalMs: 5, reconcileOlderThanMinutes: 0 });
    const order = await newPendingSession();
    h.gateway.pay(order.merchantOrderId);
    advance(1000); // reconcile takes sessions created strictly before now
    await vi.waitFor(async () => {
      expect((await h.handler.getOrder(order.id))?.status).toBe('succeeded');
    });
    expect(h.hooks).toEqual([order.id]);
    h.handler.shutdown();
    const second = await newPendingSession();
    h.gateway.pay(second.merchantOrderId);
    advance(1000);
    // Several intervals' worth of event-loop turns: nothing may pick it up after shutdown.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await h.store.getOrder(second.id))?.status).toBe('pending');
  });
});

describe('scheduled reconciliation on several instances', () => {
  /** `store` as one instance sees it, counting the runs that instance makes. */
  function countingRuns(store: OrderStore, onRun: () => void): OrderStore {
    return new Proxy(store, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        if (key !== 'listOrders') return value.bind(target);
        return (...args: Parameters<OrderStore['listOrders']>) => {
          onRun();
          return target.listOrders(...args);
        };
      },
    });
  }

  it('runs on one instance of those sharing a store, and on another once it shuts down', async () => {
    const shared = createSqliteOrderStore({ path: ':memory:' });
    const runs = [0, 0];
    const instances = [0, 1].map((index) =>
      createHarness({
        store: countingRuns(shared, () => {
          runs[index] = (runs[index] as number) + 1;
        }),
        reconcileIntervalMs: 5,
      }),
    );
    const [first, second] = instances as [Harness, Harness];
    h = first;
    try {
      await vi.waitFor(() => expect((runs[0] as number) + (runs[1] as number)).toBeGreaterThan(20));
      const leader = (runs[0] as number) > 0 ? 0 : 1;
      expect(runs[1 - leader]).toBe(0);
      // A graceful shutdown hands the lease back: the other instance goes on at once.
      await instances[leader]?.handler.close();
      await vi.waitFor(() => expect(runs[1 - leader]).toBeGreaterThan(0));
    } finally {
      await second.handler.close();
      await second.store.close();
      await shared.close();
    }
  });
});

describe('reconcile and the success hook', () => {
  it('re-runs a hook that threw, until it completes, exactly once in the end', async () => {
    // Fails at the transition and at the same run's retry of unfinished hooks.
    let failures = 2;
    const ran: string[] = [];
    h = createHarness({
      onSessionSucceeded: (order) => {
        if (failures-- > 0) throw new Error('fulfilment service down');
        ran.push(order.id);
      },
    });
    const order = await newPendingSession();
    h.gateway.pay(order.merchantOrderId);
    advance(1000);
    const first = await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(first.changed).toEqual([{ id: order.id, from: 'pending', to: 'succeeded' }]);
    expect(ran).toEqual([]);
    expect((await h.store.getOrder(order.id))?.successHook).toBe('pending');

    const second = await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(second).toEqual({ checked: 1, changed: [], failed: [] });
    expect(ran).toEqual([order.id]);
    expect((await h.store.getOrder(order.id))?.successHook).toBe('done');
    expect((await h.handler.reconcile({ olderThanMinutes: 0 })).checked).toBe(0);
  });

  it('takes over a hook claim left by a crashed process only after its lease', async () => {
    h = createHarness({ successHookLeaseMs: 60_000 });
    const order = await newPendingSession();
    await h.store.transition(order.id, 'succeeded', {}, h.clock.now);
    // A process claimed the hook, then died before completing it.
    expect(await h.store.claimSuccessHook(order.id, h.clock.now, 60_000)).toBe(true);
    advance(1000);
    await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(h.hooks).toEqual([]);
    advance(60_000);
    await h.handler.reconcile({ olderThanMinutes: 0 });
    expect(h.hooks).toEqual([order.id]);
    expect((await h.store.getOrder(order.id))?.successHook).toBe('done');
  });
});
