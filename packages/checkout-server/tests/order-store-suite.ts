import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewOrder, OrderStore } from '../src/store/order-store.ts';

/** One database for a test: `open()` may be called again after close() (a restart). */
export interface OrderStoreTarget {
  open(): Promise<OrderStore> | OrderStore;
  /** Drops the database; called after the last store is closed. */
  destroy(): Promise<void> | void;
}

export const at = new Date('2026-01-01T00:00:00.000Z');
export const later = new Date('2026-01-01T00:01:00.000Z');

export function newOrder(id: string, overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    id,
    provider: 'ksher',
    methodId: 'ksher.promptpay',
    status: 'pending',
    amount: 15_050,
    currency: 'THB',
    lines: [{ sku: 'tea', name: 'Tea', quantity: 1, unitAmount: 15_050 }],
    merchantOrderId: id,
    returnUrl: 'https://shop.example.com/return',
    expiresAt: '2026-01-01T00:30:00.000Z',
    createdAt: at.toISOString(),
    ...overrides,
  };
}

/**
 * The behaviour every OrderStore must have; run against SQLite and PostgreSQL. `createTarget`
 * gives each test a fresh, empty database.
 */
export function describeOrderStore(name: string, createTarget: () => Promise<OrderStoreTarget>) {
  describe(`${name} order store (shared suite)`, () => {
    let target: OrderStoreTarget;
    let store: OrderStore;

    beforeEach(async () => {
      target = await createTarget();
      store = await target.open();
    });

    afterEach(async () => {
      await store.close();
      await target.destroy();
    });

    it('stores and reads back a full order', async () => {
      const inserted = await store.insertOrder(newOrder('cs_1', { locale: 'th' }));
      expect(inserted.inserted).toBe(true);
      expect(await store.getOrder('cs_1')).toEqual({
        ...newOrder('cs_1', { locale: 'th' }),
        refundedAmount: 0,
        cancelRequested: false,
        successHook: 'none',
        updatedAt: at.toISOString(),
      });
      expect(await store.findByMerchantOrderId('ksher', 'cs_1')).toMatchObject({ id: 'cs_1' });
      expect(await store.findByMerchantOrderId('kesspay', 'cs_1')).toBeUndefined();
    });

    it('keeps merchant_order_id unique per provider', async () => {
      await store.insertOrder(newOrder('cs_1', { merchantOrderId: 'm1' }));
      await expect(
        store.insertOrder(newOrder('cs_2', { merchantOrderId: 'm1' })),
      ).rejects.toThrow();
      await store.insertOrder(newOrder('cs_3', { merchantOrderId: 'm1', provider: 'kesspay' }));
      expect(await store.getOrder('cs_2')).toBeUndefined();
    });

    it('binds an idempotency key to the first session only, and can release it', async () => {
      const key = { key: 'key-1', requestHash: 'h1' };
      expect((await store.insertOrder(newOrder('cs_1'), key)).inserted).toBe(true);
      const again = await store.insertOrder(newOrder('cs_2'), { key: 'key-1', requestHash: 'h2' });
      expect(again).toEqual({
        inserted: false,
        existing: {
          key: 'key-1',
          requestHash: 'h1',
          sessionId: 'cs_1',
          createdAt: at.toISOString(),
        },
      });
      expect(await store.getOrder('cs_2')).toBeUndefined();
      await store.releaseIdempotencyKey('key-1');
      expect(await store.getIdempotencyKey('key-1')).toBeUndefined();
      expect((await store.insertOrder(newOrder('cs_3'), key)).inserted).toBe(true);
    });

    it('moves statuses only forward (compare-and-set)', async () => {
      await store.insertOrder(newOrder('cs_1'));
      const paid = await store.transition('cs_1', 'succeeded', {}, later);
      expect(paid).toMatchObject({
        applied: true,
        previous: 'pending',
        order: { status: 'succeeded', updatedAt: later.toISOString() },
      });
      const back = await store.transition('cs_1', 'pending', {}, later);
      expect(back).toMatchObject({
        applied: false,
        previous: 'succeeded',
        order: { status: 'succeeded' },
      });
      const failed = await store.transition('cs_1', 'failed', { failureReason: 'declined' }, later);
      expect(failed?.applied).toBe(false);
      expect((await store.getOrder('cs_1'))?.failureReason).toBeUndefined();
      const refunded = await store.transition(
        'cs_1',
        'refunded',
        { refundedAmount: 15_050 },
        later,
      );
      expect(refunded).toMatchObject({
        applied: true,
        order: { status: 'refunded', refundedAmount: 15_050 },
      });
      expect(await store.transition('missing', 'failed', {}, later)).toBeUndefined();
    });

    it('lets exactly one caller claim the success hook, and re-arms it on release', async () => {
      await store.insertOrder(newOrder('cs_1'));
      expect(await store.claimSuccessHook('cs_1', later, 60_000)).toBe(false); // not paid yet
      await store.transition('cs_1', 'succeeded', {}, later);
      const claims = await Promise.all(
        [1, 2, 3].map(() => store.claimSuccessHook('cs_1', later, 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      await store.releaseSuccessHook('cs_1', later);
      expect(await store.claimSuccessHook('cs_1', later, 60_000)).toBe(true);
      await store.completeSuccessHook('cs_1', later);
      expect((await store.getOrder('cs_1'))?.successHook).toBe('done');
      expect(await store.claimSuccessHook('cs_1', new Date('2030-01-01'), 1)).toBe(false);
    });

    it('lets a stale claim (crashed process) be taken over after the lease', async () => {
      await store.insertOrder(newOrder('cs_1'));
      await store.transition('cs_1', 'succeeded', {}, at);
      expect(await store.claimSuccessHook('cs_1', at, 60_000)).toBe(true);
      expect(await store.claimSuccessHook('cs_1', new Date(at.getTime() + 30_000), 60_000)).toBe(
        false,
      );
      expect(await store.claimSuccessHook('cs_1', new Date(at.getTime() + 61_000), 60_000)).toBe(
        true,
      );
    });

    it('appends events, finds them by dedupe key and lists them in order', async () => {
      await store.insertOrder(newOrder('cs_1'));
      await store.appendEvent('cs_1', 'webhook_received', { n: 1 }, at);
      await store.appendEvent(
        'cs_1',
        'webhook_applied',
        { n: 2 },
        later,
        'StatusChange|Order Paid|Order',
      );
      await store.appendEvent(null, 'webhook_rejected', { n: 3 }, later);
      expect(await store.hasEvent('cs_1', 'webhook_applied', 'StatusChange|Order Paid|Order')).toBe(
        true,
      );
      expect(await store.hasEvent('cs_1', 'webhook_applied', 'other')).toBe(false);
      const events = await store.listEvents('cs_1');
      expect(events.map((e) => [e.type, e.payload])).toEqual([
        ['webhook_received', { n: 1 }],
        ['webhook_applied', { n: 2 }],
      ]);
    });

    it('keeps every order and event across a restart on the same file', async () => {
      for (let i = 0; i < 5; i++)
        await store.insertOrder(newOrder(`cs_${i}`), { key: `k${i}`, requestHash: 'h' });
      await store.updateOrder(
        'cs_2',
        { next: { type: 'redirect', url: 'https://pay.example/x' }, gatewayOrderId: 'g2' },
        later,
      );
      await store.transition('cs_3', 'succeeded', {}, later);
      await store.appendEvent('cs_3', 'status_changed', { to: 'succeeded' }, later);
      const before = await store.listOrders();
      await store.close();

      store = await target.open();
      expect(await store.listOrders()).toEqual(before);
      expect(before).toHaveLength(5);
      expect(await store.getOrder('cs_2')).toMatchObject({
        next: { type: 'redirect', url: 'https://pay.example/x' },
        gatewayOrderId: 'g2',
      });
      expect(await store.getOrder('cs_3')).toMatchObject({
        status: 'succeeded',
        successHook: 'pending',
      });
      expect(await store.getIdempotencyKey('k4')).toMatchObject({ sessionId: 'cs_4' });
      expect(await store.listEvents('cs_3')).toHaveLength(1);
      expect(await store.listOrders({ limit: 2 })).toHaveLength(2);
    });

    it('stores the gateway API of an order and filters the list by status and provider', async () => {
      await store.insertOrder(newOrder('cs_a', { gatewayApi: 'cscanb' }));
      await store.insertOrder(newOrder('cs_b', { provider: 'kesspay', merchantOrderId: 'b' }));
      await store.insertOrder(newOrder('bo_c', { gatewayApi: 'bscanc' }));
      await store.transition('bo_c', 'succeeded', {}, later);
      expect((await store.getOrder('cs_a'))?.gatewayApi).toBe('cscanb');
      expect(await store.getOrder('cs_b')).not.toHaveProperty('gatewayApi');
      const ids = async (options: Parameters<OrderStore['listOrders']>[0]) =>
        (await store.listOrders(options)).map((order) => order.id);
      expect(await ids({ provider: 'ksher' })).toEqual(['bo_c', 'cs_a']);
      expect(await ids({ status: 'pending' })).toEqual(['cs_b', 'cs_a']);
      expect(await ids({ status: 'succeeded', provider: 'ksher' })).toEqual(['bo_c']);
      expect(await ids({ status: 'pending', provider: 'ksher', limit: 1 })).toEqual(['cs_a']);
    });

    it('lists only orders created before a given instant', async () => {
      await store.insertOrder(newOrder('cs_old'));
      await store.insertOrder(newOrder('cs_new', { createdAt: later.toISOString() }));
      const ids = (await store.listOrders({ createdBefore: later.toISOString() })).map((o) => o.id);
      expect(ids).toEqual(['cs_old']);
    });

    it('lists orders by success-hook state', async () => {
      await store.insertOrder(newOrder('cs_paid'));
      await store.insertOrder(newOrder('cs_open'));
      await store.transition('cs_paid', 'succeeded', {}, later);
      const ids = async (successHook: 'none' | 'pending') =>
        (await store.listOrders({ successHook })).map((order) => order.id);
      expect(await ids('pending')).toEqual(['cs_paid']);
      expect(await ids('none')).toEqual(['cs_open']);
    });

    it('answers a ping while open', async () => {
      await expect(store.ping?.()).resolves.toBeUndefined();
    });

    it('applies concurrent transitions of one order exactly once', async () => {
      await store.insertOrder(newOrder('cs_1'));
      const results = await Promise.all(
        (['succeeded', 'succeeded', 'failed', 'expired'] as const).map((to) =>
          store.transition('cs_1', to, {}, later),
        ),
      );
      expect(results.filter((result) => result?.applied)).toHaveLength(1);
      const final = await store.getOrder('cs_1');
      expect(['succeeded', 'failed', 'expired']).toContain(final?.status);
    });

    it('writes the events given with an insert or an update in the same step', async () => {
      const created = { type: 'session_created', payload: { amount: 15_050 } };
      await store.insertOrder(newOrder('cs_1'), { key: 'k1', requestHash: 'h' }, [created]);
      await store.insertOrder(newOrder('cs_2'), { key: 'k1', requestHash: 'h' }, [created]);
      await store.updateOrder('cs_1', { gatewayOrderId: 'g1' }, later, [
        { type: 'gateway_order_created', payload: { gatewayOrderId: 'g1' } },
        { type: 'noted', payload: {}, dedupeKey: 'd1' },
      ]);
      const events = await store.listEvents('cs_1');
      expect(events.map((e) => [e.type, e.payload, e.dedupeKey, e.createdAt])).toEqual([
        ['session_created', { amount: 15_050 }, undefined, at.toISOString()],
        ['gateway_order_created', { gatewayOrderId: 'g1' }, undefined, later.toISOString()],
        ['noted', {}, 'd1', later.toISOString()],
      ]);
      // The key was taken: neither the session nor its events were written.
      expect(await store.getOrder('cs_2')).toBeUndefined();
      expect(await store.listEvents('cs_2')).toEqual([]);
    });

    it('writes the status event (with `from`) only when a transition applies', async () => {
      await store.insertOrder(newOrder('cs_1'));
      const statusEvent = { type: 'status_changed', payload: { to: 'succeeded', source: 'test' } };
      const paid = await store.transition('cs_1', 'succeeded', {}, later, { statusEvent });
      expect(paid).toMatchObject({ applied: true, successHookClaimed: false });
      expect(paid?.order.successHook).toBe('pending');
      const again = await store.transition('cs_1', 'succeeded', {}, later, { statusEvent });
      expect(again?.applied).toBe(false);
      const events = await store.listEvents('cs_1');
      expect(events.map((e) => [e.type, e.payload, e.createdAt])).toEqual([
        [
          'status_changed',
          { from: 'pending', to: 'succeeded', source: 'test' },
          later.toISOString(),
        ],
      ]);
    });

    it('writes the rows given with a transition ahead of its status event, applied or not', async () => {
      await store.insertOrder(newOrder('cs_1'));
      const statusEvent = { type: 'status_changed', payload: { to: 'succeeded' } };
      const call = (n: number) => ({ type: 'gateway_call', payload: { n } });
      const events = [call(1), call(2)];
      expect(
        (await store.transition('cs_1', 'succeeded', {}, later, { statusEvent, events }))?.applied,
      ).toBe(true);
      expect(
        (await store.transition('cs_1', 'succeeded', {}, later, { statusEvent, events: [call(3)] }))
          ?.applied,
      ).toBe(false);
      // No session, no rows (and no error).
      expect(
        await store.transition('cs_none', 'succeeded', {}, later, { events: [call(4)] }),
      ).toBeUndefined();
      expect((await store.listEvents('cs_1')).map((e) => [e.type, e.payload])).toEqual([
        ['gateway_call', { n: 1 }],
        ['gateway_call', { n: 2 }],
        ['status_changed', { from: 'pending', to: 'succeeded' }],
        ['gateway_call', { n: 3 }],
      ]);
    });

    it('claims the success hook with the transition to succeeded when asked', async () => {
      await store.insertOrder(newOrder('cs_1'));
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          store.transition('cs_1', 'succeeded', {}, at, { claimSuccessHook: true }),
        ),
      );
      const applied = results.filter((result) => result?.applied);
      expect(applied).toHaveLength(1);
      expect(applied[0]).toMatchObject({
        successHookClaimed: true,
        order: { successHook: 'running' },
      });
      // Held like any claim: nobody else gets it before the lease ends.
      expect(await store.claimSuccessHook('cs_1', new Date(at.getTime() + 30_000), 60_000)).toBe(
        false,
      );
      expect(await store.claimSuccessHook('cs_1', new Date(at.getTime() + 61_000), 60_000)).toBe(
        true,
      );
      await store.completeSuccessHook('cs_1', later, [
        { type: 'success_hook_completed', payload: {} },
      ]);
      expect((await store.getOrder('cs_1'))?.successHook).toBe('done');
      expect((await store.listEvents('cs_1')).map((e) => e.type)).toEqual([
        'success_hook_completed',
      ]);

      await store.insertOrder(newOrder('cs_2'));
      const failed = await store.transition('cs_2', 'failed', {}, at, { claimSuccessHook: true });
      expect(failed).toMatchObject({ applied: true, successHookClaimed: false });
      expect(failed?.order.successHook).toBe('none');
    });

    it('appends an event to the order the gateway knows by its merchant order id', async () => {
      await store.insertOrder(newOrder('cs_1', { merchantOrderId: 'm-1' }));
      const call = { type: 'gateway_call', payload: { path: '/orders/m-1' } };
      await store.appendGatewayOrderEvent('ksher', 'm-1', call, later);
      await store.appendGatewayOrderEvent('kesspay', 'm-1', call, later);
      const events = await store.listEvents('cs_1');
      expect(events.map((e) => [e.sessionId, e.type, e.payload])).toEqual([
        ['cs_1', 'gateway_call', { path: '/orders/m-1' }],
      ]);
    });

    it('logs a webhook on the order it names and tells whether it was applied before', async () => {
      await store.insertOrder(newOrder('cs_1', { merchantOrderId: 'm-1' }));
      const received = { type: 'webhook_received', payload: { n: 1 } };
      const applied = { type: 'webhook_applied', dedupeKey: 'Order Paid' };
      const first = await store.appendWebhookEvent('ksher', 'm-1', received, at, applied);
      expect(first).toMatchObject({
        order: { id: 'cs_1', status: 'pending' },
        alreadyApplied: false,
      });
      expect(
        await store.appendWebhookEvent('kesspay', 'm-1', received, at, applied),
      ).toBeUndefined();
      await store.appendEvent('cs_1', 'webhook_applied', {}, at, 'Other');
      expect(
        (await store.appendWebhookEvent('ksher', 'm-1', received, at, applied))?.alreadyApplied,
      ).toBe(false);
      await store.appendEvent('cs_1', 'webhook_applied', {}, at, 'Order Paid');
      expect(
        (await store.appendWebhookEvent('ksher', 'm-1', received, later, applied))?.alreadyApplied,
      ).toBe(true);
      const events = await store.listEvents('cs_1');
      expect(events.map((e) => e.type)).toEqual([
        'webhook_received',
        'webhook_applied',
        'webhook_received',
        'webhook_applied',
        'webhook_received',
      ]);
      expect(events[4]?.createdAt).toBe(later.toISOString());
    });

    it('gives a lease to one holder until it runs out or is released', async () => {
      const acquire = store.acquireLease?.bind(store);
      const release = store.releaseLease?.bind(store);
      if (!acquire || !release) throw new Error('the built-in stores have leases');
      const minute = 60_000;
      const contenders = await Promise.all(
        ['a', 'b', 'c'].map((holder) => acquire('reconcile', holder, at, minute)),
      );
      expect(contenders.filter(Boolean)).toHaveLength(1);
      const holder = ['a', 'b', 'c'][contenders.indexOf(true)] as string;
      const other = holder === 'a' ? 'b' : 'a';
      // The holder renews; the others wait until it has run out.
      expect(await acquire('reconcile', holder, later, minute)).toBe(true);
      expect(
        await acquire('reconcile', other, new Date(later.getTime() + minute - 1), minute),
      ).toBe(false);
      expect(await acquire('reconcile', other, new Date(later.getTime() + minute), minute)).toBe(
        true,
      );
      // Another name is another lease; a release by a former holder changes nothing.
      expect(await acquire('other-job', holder, at, minute)).toBe(true);
      await release('reconcile', holder);
      expect(await acquire('reconcile', holder, later, minute)).toBe(false);
      await release('reconcile', other);
      expect(await acquire('reconcile', holder, later, minute)).toBe(true);
    });

    it('binds one idempotency key to one session under concurrent inserts', async () => {
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          store.insertOrder(newOrder(`cs_${n}`), { key: 'same', requestHash: 'h' }),
        ),
      );
      expect(results.filter((result) => result.inserted)).toHaveLength(1);
      const winner = results.find((result) => result.inserted);
      for (const result of results) {
        if (!result.inserted && winner?.inserted) {
          expect(result.existing.sessionId).toBe(winner.order.id);
        }
      }
      expect(await store.listOrders()).toHaveLength(1);
    });
  });
}
