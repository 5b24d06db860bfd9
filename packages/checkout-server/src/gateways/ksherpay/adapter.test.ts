import { createGatewaySandbox, KSHERPAY_SANDBOX_CREDENTIALS } from '@localpay/gateway-sandbox';
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../store/order-store.ts';
import { createKsherPayAdapter, ksherPayProductName } from './adapter.ts';
import { resolveKsherPayConfig } from './config.ts';

const now = () => new Date();

function order(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 'cs_1',
    provider: 'ksherpay',
    methodId: 'ksher.card',
    gatewayApi: 'gateway_pay',
    status: 'pending',
    amount: 15_050,
    currency: 'THB',
    lines: [{ sku: 'tea', name: 'Thai tea', quantity: 1, unitAmount: 15_050 }],
    merchantOrderId: 'cs_1',
    expiresAt: new Date(Date.now() + 1_800_000).toISOString(),
    refundedAmount: 0,
    cancelRequested: false,
    successHook: 'none',
    createdAt: now().toISOString(),
    updatedAt: now().toISOString(),
    ...overrides,
  };
}

function setup() {
  const notifies: string[] = [];
  const sandbox = createGatewaySandbox({
    publicUrl: 'http://gateway.test/sandbox',
    // Notifications stay in the test: never a real request.
    fetch: async (input) => {
      notifies.push(String(input));
      return new Response('{"result":"SUCCESS","msg":"OK"}');
    },
  });
  const adapter = createKsherPayAdapter({
    config: resolveKsherPayConfig({
      appid: sandbox.ksherpay.appid,
      privateKey: KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
      publicKey: sandbox.ksherpay.publicKey,
      apiBaseUrl: sandbox.ksherpay.apiBaseUrl,
      gatewayBaseUrl: sandbox.ksherpay.gatewayBaseUrl,
      notifyUrl: 'https://shop.test/webhooks/ksherpay',
      channels: ['card'],
      qrChannels: ['promptpay'],
    }),
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    now,
  });
  return { sandbox, adapter, notifies };
}

const urls = {
  successUrl: 'https://shop.test/r?checkout_session=cs_1',
  failUrl: 'https://shop.test/r?checkout_session=cs_1&checkout_result=fail',
};

describe('KsherPay adapter', () => {
  it('sends the hosted-page fields and adopts its own order on a second attempt', async () => {
    const { sandbox, adapter } = setup();
    const first = await adapter.createPayment(order(), urls);
    expect(first.next.type).toBe('redirect');
    expect(sandbox.ksherpay.getOrder('cs_1')).toMatchObject({
      channelList: ['card'],
      productName: 'Thai tea',
      redirectUrl: urls.successUrl,
      redirectUrlFail: urls.failUrl,
      notifyUrl: 'https://shop.test/webhooks/ksherpay',
    });
    const stored = order({ gatewayReference: first.gatewayReference as string });
    const second = await adapter.createPayment(stored, urls);
    expect(second.next).toEqual(first.next);
    expect(sandbox.ksherpay.listOrders()).toHaveLength(1);
    sandbox.close();
  });

  it('maps queries: NOTSURE pending, SUCCESS with amount, unknown order, CLOSED by our cancel', async () => {
    const { sandbox, adapter, notifies } = setup();
    expect(await adapter.queryPayment(order())).toMatchObject({ exists: false });
    await adapter.createPayment(order(), urls);
    expect(await adapter.queryPayment(order())).toMatchObject({
      exists: true,
      status: 'pending',
    });
    await sandbox.ksherpay.pay('cs_1');
    expect(await adapter.queryPayment(order())).toMatchObject({
      status: 'succeeded',
      amount: 15_050,
      currency: 'THB',
    });
    await adapter.createPayment(order({ id: 'cs_2', merchantOrderId: 'cs_2' }), urls);
    const cancelled = order({ id: 'cs_2', merchantOrderId: 'cs_2', cancelRequested: true });
    expect(await adapter.cancelPayment(cancelled)).toBe(true);
    expect(await adapter.queryPayment(cancelled)).toMatchObject({ status: 'cancelled' });
    expect(await adapter.cancelPayment(order())).toBe(false);
    await sandbox.ksherpay.idle();
    expect(notifies).toEqual(['https://shop.test/webhooks/ksherpay']);
    sandbox.close();
  });

  it('renders the QR from code_url and closes QR orders with order_close', async () => {
    const { sandbox, adapter } = setup();
    const qr = order({ methodId: 'ksher.promptpay', gatewayApi: 'native_pay' });
    const created = await adapter.createPayment(qr, undefined);
    expect(created.next).toMatchObject({
      type: 'qr',
      payload: sandbox.ksherpay.getOrder('cs_1')?.codeUrl,
    });
    expect(created.gatewayOrderId).toMatch(/^900\d{20}$/);
    // A retried create (the first answer was lost) adopts the order through order_query's QR.
    const again = await adapter.createPayment(qr, undefined);
    expect(again.next).toEqual(created.next);
    expect(sandbox.ksherpay.listOrders()).toHaveLength(1);
    expect(await adapter.cancelPayment(qr)).toBe(true);
    expect(sandbox.ksherpay.getOrder('cs_1')?.status).toBe('CLOSED');
    sandbox.close();
  });

  it('keeps Thai in the product name but never % or +', () => {
    const lines = [
      { sku: 'a', name: 'ชาไทย 100%', quantity: 2, unitAmount: 100 },
      { sku: 'b', name: 'Tea+milk', quantity: 1, unitAmount: 100 },
    ];
    expect(ksherPayProductName({ id: 'cs_1', lines })).toBe('ชาไทย 100 x2, Tea milk');
    expect(ksherPayProductName({ id: 'cs_1', lines: [] })).toBe('Order cs_1');
  });
});
