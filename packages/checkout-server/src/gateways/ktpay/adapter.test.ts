import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../store/order-store.ts';
import { createKtpayAdapter } from './adapter.ts';
import { ktpayCallbackCapability } from './callback.ts';
import { resolveKtpayConfig } from './config.ts';

const SECRET = 'adapter-test-callback-secret-0123456789';
const HASH = 'af7ed500aa9f2132fae4b63e936af641bcc4ebaf';
const NOW = new Date('2026-11-21T06:00:00.000Z');

const order: OrderRecord = {
  id: 'cs_1',
  provider: 'ktpay',
  methodId: 'ktpay.card',
  status: 'pending',
  amount: 150_050,
  currency: 'KZT',
  lines: [{ sku: 'tea', name: 'Tea', quantity: 1, unitAmount: 150_050 }],
  merchantOrderId: 'cs_1',
  gatewayOrderId: HASH,
  expiresAt: '2026-11-21T06:30:00.000Z',
  refundedAmount: 0,
  cancelRequested: false,
  successHook: 'none',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
};

function adapter(callbackIps?: string[]) {
  return createKtpayAdapter({
    config: resolveKtpayConfig({
      apiUrl: 'https://ktpay.test/api/v1/merchant-widget',
      widgetUrl: 'https://widget.ktpay.test',
      appId: 'app',
      appKey: 'h09acJ8QSLPw40XZxdNfLbq4hXzWInC5zXL319RdXUI=',
      callbackUrl: 'https://shop.test/webhooks/ktpay',
      callbackSecret: SECRET,
      ...(callbackIps && { callbackIps }),
    }),
    now: () => NOW,
    findOrder: async (id) => (id === order.merchantOrderId ? order : undefined),
  });
}

function callback(headers: Record<string, string> = {}, body: unknown = undefined) {
  return new Request(
    `https://shop.test/webhooks/ktpay/${ktpayCallbackCapability(SECRET, 'cs_1')}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(
        body ?? {
          order_id: 'cs_1',
          amount: 1500.5,
          transaction_hash: HASH,
          status: { status: 'completed', error: null },
        },
      ),
    },
  );
}

describe('Ktpay adapter', () => {
  it('accepts a matching callback and turns it into the session state', async () => {
    const ktpay = adapter();
    const result = await ktpay.webhook.verify(callback());
    expect(result).toMatchObject({
      valid: true,
      merchantOrderId: 'cs_1',
      dedupeKey: `completed|${HASH}`,
    });
    const state = await ktpay.queryPayment(order, result.valid ? result.hint : undefined);
    expect(state).toMatchObject({
      exists: true,
      status: 'succeeded',
      amount: 150_050,
      currency: 'KZT',
    });
  });

  it('has no status API: without a callback a session stays pending', async () => {
    expect(await adapter().queryPayment(order)).toMatchObject({ exists: true, status: 'pending' });
    // A hint about another transaction is ignored.
    const hint = JSON.stringify({
      status: 'completed',
      amount: 1500.5,
      transactionHash: 'f'.repeat(40),
    });
    expect(await adapter().queryPayment(order, hint)).toMatchObject({ status: 'pending' });
  });

  it('enforces the IP allow-list on the last X-Forwarded-For entry', async () => {
    const ktpay = adapter(['203.0.113.7']);
    expect(
      await ktpay.webhook.verify(callback({ 'x-forwarded-for': '203.0.113.7' })),
    ).toMatchObject({
      valid: true,
    });
    const refused: Array<Record<string, string>> = [
      {},
      { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' },
    ];
    for (const headers of refused) {
      expect(await ktpay.webhook.verify(callback(headers))).toMatchObject({
        valid: false,
        reason: 'caller IP is not in ktpay.callbackIps',
      });
    }
  });

  it('cancel and refund are unsupported; expiry ends the session locally', async () => {
    const ktpay = adapter();
    await expect(ktpay.cancelPayment(order)).rejects.toMatchObject({
      code: 'unsupported',
      status: 501,
    });
    await expect(ktpay.refundPayment(order, { refundId: 'r', amount: 1 })).rejects.toMatchObject({
      code: 'unsupported',
    });
    expect(await ktpay.cancelPayment({ ...order, expiresAt: '2026-11-21T05:59:59.000Z' })).toBe(
      true,
    );
  });

  it('refuses a non-KZT order before calling Ktpay', async () => {
    await expect(
      adapter().createPayment({ ...order, currency: 'USD' }, undefined),
    ).rejects.toMatchObject({
      kind: 'rejected',
    });
  });
});
