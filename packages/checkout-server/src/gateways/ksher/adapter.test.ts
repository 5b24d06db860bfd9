import { describe, expect, it } from 'vitest';
import { createFakeKsher } from '../../../tests/fake-ksher.ts';
import type { OrderRecord } from '../../store/order-store.ts';
import { createKsherAdapter, ksherProductName } from './adapter.ts';

const now = () => new Date('2026-01-01T00:00:00.000Z');

function order(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 'cs_1',
    provider: 'ksher',
    methodId: 'ksher.truemoney',
    status: 'pending',
    amount: 15_050,
    currency: 'THB',
    lines: [{ sku: 'tea', name: 'Tea', quantity: 1, unitAmount: 15_050 }],
    merchantOrderId: 'cs_1',
    expiresAt: '2026-01-01T00:30:00.000Z',
    refundedAmount: 0,
    cancelRequested: false,
    successHook: 'none',
    createdAt: now().toISOString(),
    updatedAt: now().toISOString(),
    ...overrides,
  };
}

function setup() {
  const gateway = createFakeKsher();
  const adapter = createKsherAdapter({
    config: {
      baseUrl: gateway.baseUrl,
      token: gateway.token,
      webhookUrl: 'https://shop.test/hook',
      channels: ['truemoney'],
      timeoutMs: 100,
    },
    fetch: gateway.fetch,
    now,
  });
  return { gateway, adapter };
}

const urls = {
  successUrl: 'https://shop.test/r?checkout_session=cs_1',
  failUrl: 'https://shop.test/r?checkout_session=cs_1&checkout_result=fail',
};

describe('Ksher adapter', () => {
  it('adopts the existing order when the gateway answers "already exists" for our id', async () => {
    const { gateway, adapter } = setup();
    const first = await adapter.createPayment(order(), urls);
    const second = await adapter.createPayment(order(), urls);
    expect(second.next).toEqual(first.next);
    expect(gateway.createdCount()).toBe(1);
    expect(gateway.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET']);
  });

  it('refuses to adopt an existing order with another amount', async () => {
    const { adapter } = setup();
    await adapter.createPayment(order(), urls);
    await expect(adapter.createPayment(order({ amount: 1 }), urls)).rejects.toMatchObject({
      kind: 'rejected',
      message: 'Ksher refused the order: merchant_order_id already exists',
    });
  });

  it('reports an unknown order as not existing and a paid one with amount and currency', async () => {
    const { gateway, adapter } = setup();
    expect(await adapter.queryPayment(order())).toMatchObject({ exists: false });
    await adapter.createPayment(order(), urls);
    gateway.setStatus('cs_1', 'Paid', 'Successful');
    expect(await adapter.queryPayment(order())).toMatchObject({
      exists: true,
      status: 'succeeded',
      amount: 15_050,
      currency: 'THB',
    });
  });

  it('sends the method channel and maps the webhook path', async () => {
    const { gateway, adapter } = setup();
    await adapter.createPayment(order(), urls);
    expect(gateway.requests[0]?.params).toMatchObject({ channel: 'truemoney' });
    expect(adapter.webhook).toMatchObject({
      path: '/webhooks/ksher',
      method: 'GET',
      successBody: { success: true },
    });
  });
});

describe('ksherProductName', () => {
  const line = (name: string, quantity = 1) => ({ sku: 's', name, quantity, unitAmount: 1 });

  it('keeps plain English, drops accents, other scripts and +&/$%', () => {
    expect(
      ksherProductName(
        [line('Crème brûlée', 2), line('ชาไทย Thai tea 100% & more $5 a/b+c')],
        'cs_1',
      ),
    ).toBe('Creme brulee x2, Thai tea 100 more 5 a b c');
  });

  it('falls back to the order id and caps the length', () => {
    expect(ksherProductName([line('ชาไทย')], 'cs_9')).toBe('Order cs_9');
    expect(ksherProductName([line('x'.repeat(300))], 'cs_9')).toHaveLength(100);
  });
});
