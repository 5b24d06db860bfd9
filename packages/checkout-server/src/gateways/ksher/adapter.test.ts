import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../tests/sandbox-gateway.ts';
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
  const gateway = createSandboxGateway();
  const adapter = createKsherAdapter({
    config: {
      baseUrl: gateway.baseUrl,
      token: gateway.token,
      webhookUrl: 'https://shop.test/hook',
      channels: ['truemoney'],
      qrChannels: ['promptpay'],
      qrTtlSeconds: 600,
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
    const error = await adapter.createPayment(order({ amount: 1 }), urls).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rejected' });
    expect((error as Error).message).toMatch(/^Ksher refused the order: /);
  });

  it('reports an unknown order as not existing and a paid one with amount and currency', async () => {
    const { gateway, adapter } = setup();
    expect(await adapter.queryPayment(order())).toMatchObject({ exists: false });
    await adapter.createPayment(order(), urls);
    await gateway.pay('cs_1');
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

describe('Ksher adapter: QR (C scan B) orders', () => {
  const qrOrder = (overrides: Partial<OrderRecord> = {}) =>
    order({ methodId: 'ksher.promptpay', gatewayApi: 'cscanb', ...overrides });

  it('lists QR channels as qr methods stored as cscanb with the QR lifetime', () => {
    const { adapter } = setup();
    const methods = adapter.listMethods();
    expect(methods.map((m) => [m.id, m.flow])).toEqual([
      ['ksher.truemoney', 'redirect'],
      ['ksher.promptpay', 'qr'],
    ]);
    expect(adapter.sessionSettings?.(methods[1] as never)).toEqual({
      gatewayApi: 'cscanb',
      ttlSeconds: 600,
    });
    expect(adapter.sessionSettings?.(methods[0] as never)).toEqual({ gatewayApi: 'redirect' });
  });

  it('creates through /cscanb/orders and turns the PNG in reserved1 into an SVG and payload', async () => {
    const { gateway, adapter } = setup();
    const created = await adapter.createPayment(qrOrder(), urls);
    expect(gateway.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/cscanb/orders',
      params: { merchant_order_id: 'cs_1', amount: 15_050, channel: 'promptpay' },
    });
    expect(gateway.requests[0]?.params).not.toHaveProperty('redirect_url');
    const next = created.next;
    if (next.type !== 'qr') throw new Error('expected a QR');
    expect(next.payload).toBe(gateway.order('cs_1')?.qrPayload);
    expect(next.payload).toMatch(/^000201.*6304[0-9A-F]{4}$/);
    expect(next.svg).toMatch(/^<svg role="img" aria-label="PromptPay QR code"/);
    expect(next.expiresAt).toBe('2026-01-01T00:30:00.000Z');
    expect(next.deeplink).toBeUndefined();
  });

  it('queries, cancels and refunds on the cscanb paths', async () => {
    const { gateway, adapter } = setup();
    await adapter.createPayment(qrOrder(), urls);
    expect(await adapter.queryPayment(qrOrder())).toMatchObject({
      exists: true,
      status: 'pending',
    });
    expect(await adapter.cancelPayment(qrOrder())).toBe(true);
    const paid = qrOrder({ id: 'cs_2', merchantOrderId: 'cs_2' });
    await adapter.createPayment(paid, urls);
    await gateway.pay('cs_2');
    expect(await adapter.refundPayment(paid, { refundId: 'cs_2-r1', amount: 50 })).toEqual({
      refunded: true,
    });
    expect(gateway.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/cscanb/orders',
      'GET /api/v1/cscanb/orders/cs_1',
      'DELETE /api/v1/cscanb/orders/cs_1',
      'POST /api/v1/cscanb/orders',
      'PUT /api/v1/cscanb/orders/cs_2',
    ]);
  });

  it('adopts a QR order whose create answer was lost, with the same QR', async () => {
    const { gateway, adapter } = setup();
    gateway.loseNextAnswer(502);
    await expect(adapter.createPayment(qrOrder(), urls)).rejects.toMatchObject({
      kind: 'unavailable',
    });
    const state = await adapter.queryPayment(qrOrder());
    expect(state.next).toMatchObject({ type: 'qr', payload: gateway.order('cs_1')?.qrPayload });
  });

  it('refuses an unreadable QR image', async () => {
    const { gateway, adapter } = setup();
    gateway.faults({ overrideResponse: { fields: { reserved1: 'data:image/png;base64,AAAA' } } });
    await expect(adapter.createPayment(qrOrder(), urls)).rejects.toMatchObject({
      kind: 'invalid_response',
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
