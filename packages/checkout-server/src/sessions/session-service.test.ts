import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../tests/handler-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

async function paidSession() {
  const session = await h.createSession();
  await h.gateway.pay(session.id);
  await h.webhook(session.id, 'Order Paid');
  return session.id;
}

describe('refund (server-only)', () => {
  it('refunds partially, then the rest, with unique refund ids', async () => {
    h = createHarness();
    const id = await paidSession();
    expect(await h.handler.refund(id, { amount: 10_000 })).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 10_000,
    });
    expect(await h.handler.refund(id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 30_100,
    });
    const refunds = h.gateway.requests.filter((r) => r.method === 'PUT').map((r) => r.params);
    expect(refunds).toMatchObject([
      { refund_order_id: `${id}-r1`, refund_amount: 10_000 },
      { refund_order_id: `${id}-r2`, refund_amount: 20_100 },
    ]);
  });

  it('rejects an over-refund, an unpaid session and an unknown one', async () => {
    h = createHarness();
    const id = await paidSession();
    await expect(h.handler.refund(id, { amount: 30_101 })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_request',
    });
    await expect(h.handler.refund(id, { amount: 1.5 })).rejects.toMatchObject({ status: 400 });
    const pending = await h.createSession();
    await expect(h.handler.refund(pending.id)).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
    });
    await expect(h.handler.refund('cs_nope')).rejects.toMatchObject({ status: 404 });
  });

  it('reports a gateway refusal as provider_error and changes nothing', async () => {
    h = createHarness();
    const id = await paidSession();
    h.gateway.faults({
      overrideResponse: { fields: { error_code: 'FAIL', error_message: 'Refund not allowed' } },
    });
    await expect(h.handler.refund(id)).rejects.toMatchObject({
      status: 502,
      code: 'provider_error',
    });
    expect(await h.handler.getOrder(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 });
  });
});

describe('onSessionSucceeded', () => {
  it('is retried on the next sync after it throws, and completes exactly once', async () => {
    let calls = 0;
    h = createHarness({
      onSessionSucceeded: () => {
        calls++;
        if (calls === 1) throw new Error('warehouse offline');
      },
    });
    const id = await paidSession();
    expect(calls).toBe(1);
    expect((await h.handler.getOrder(id))?.successHook).toBe('pending');
    expect(
      h.logs.some((l) => l.level === 'error' && l.message.includes('onSessionSucceeded')),
    ).toBe(true);
    await h.request('GET', `/sessions/${id}`);
    expect(calls).toBe(2);
    expect((await h.handler.getOrder(id))?.successHook).toBe('done');
    await h.request('GET', `/sessions/${id}`);
    await h.webhook(id, 'Order Paid');
    expect(calls).toBe(2);
    expect((await h.handler.listEvents(id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['success_hook_failed', 'success_hook_completed']),
    );
  });

  it('is not fired twice when a second handler (restart) sees the paid session', async () => {
    h = createHarness();
    const id = await paidSession();
    const { createCheckoutHandler } = await import('../handler.ts');
    const seen: string[] = [];
    const second = createCheckoutHandler({
      store: h.store,
      resolveCart: () => ({ currency: 'THB', lines: [] }),
      ksher: {
        baseUrl: h.gateway.baseUrl,
        token: h.gateway.token,
        webhookUrl: 'https://shop.example.com/api/checkout/webhooks/ksher',
      },
      fetch: h.gateway.fetch,
      onSessionSucceeded: (order) => {
        seen.push(order.id);
      },
      logger: { log: () => {} },
    });
    await second.fetch(new Request(`https://shop.example.com/sessions/${id}`));
    expect(seen).toEqual([]);
    expect(h.hooks).toEqual([id]);
    await second.close();
  });
});

describe('onSessionSucceeded after a crash', () => {
  it('takes over a claim whose process died, once the lease is over', async () => {
    h = createHarness({ successHookLeaseMs: 60_000 });
    const session = await h.createSession();
    // A paid session whose hook was claimed by a process that then died.
    await h.store.transition(session.id, 'succeeded', {}, h.clock.now);
    expect(await h.store.claimSuccessHook(session.id, h.clock.now, 60_000)).toBe(true);
    await h.request('GET', `/sessions/${session.id}`);
    expect(h.hooks).toEqual([]);
    h.clock.now = new Date(h.clock.now.getTime() + 61_000);
    await h.request('GET', `/sessions/${session.id}`);
    expect(h.hooks).toEqual([session.id]);
    expect((await h.handler.getOrder(session.id))?.successHook).toBe('done');
  });
});
