import { signKsher } from '@localpay/checkout-server/ksher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookRecorder } from '../../../tests/ksher-client.ts';
import type { FaultSettings } from '../../faults.ts';
import { type RunningGatewaySandbox, startGatewaySandbox } from '../../node-server.ts';
import type { KsherSandboxOrder } from './orders.ts';
import type { KsherWebhookDelivery } from './webhooks.ts';

/** Every shape the control API answers with; each test reads the part it asked for. */
interface ControlBody {
  orders: KsherSandboxOrder[];
  order: KsherSandboxOrder;
  error: { code: string; message: string };
  faults: FaultSettings;
  deliveries: KsherWebhookDelivery[];
  settings: { webhookUrl: string | null };
  authCodes: {
    declined: { example: string; reserved3: string };
    accepted: Record<string, { rule: string; example: string }>;
  };
}

let running: RunningGatewaySandbox;
let recorder: ReturnType<typeof createWebhookRecorder>;
let control: string;

async function json(method: string, path: string, body?: unknown) {
  const response = await fetch(`${control}${path}`, {
    method,
    ...(body !== undefined && {
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  });
  return { status: response.status, body: (await response.json()) as ControlBody };
}

async function createOrder(merchantOrderId: string) {
  const { ksher } = running.sandbox;
  const params = {
    merchant_order_id: merchantOrderId,
    amount: 1_000,
    redirect_url: 'http://127.0.0.1:9/ok',
    redirect_url_fail: 'http://127.0.0.1:9/fail',
    channel: 'promptpay,card',
    timestamp: '1',
  };
  const signature = signKsher('/api/v1/redirect/orders', params, ksher.token);
  return fetch(`${ksher.baseUrl}/api/v1/redirect/orders`, {
    method: 'POST',
    body: JSON.stringify({ ...params, signature }),
  });
}

beforeAll(async () => {
  recorder = createWebhookRecorder();
  running = await startGatewaySandbox({
    port: 0,
    mountPath: '/sandbox',
    ksher: { webhookUrl: 'http://127.0.0.1:9/hooks', webhookRetryDelayMs: 1 },
    fetch: recorder.fetch,
  });
  control = `${running.sandbox.ksher.baseUrl}/_control`;
});

afterAll(() => running.close());

describe('Ksher control API over HTTP', () => {
  it('lists and reads orders; 404 for an unknown one', async () => {
    await createOrder('c-1');
    const list = await json('GET', '/orders');
    expect(list.status).toBe(200);
    expect(list.body.orders.map((o) => o.merchantOrderId)).toContain('c-1');
    const one = await json('GET', '/orders/c-1');
    expect(one.body.order).toMatchObject({ merchantOrderId: 'c-1', status: 'Available' });
    const missing = await json('GET', '/orders/none');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('pays with a channel, then refuses to decline (409)', async () => {
    await createOrder('c-2');
    const paid = await json('POST', '/orders/c-2/pay', { channel: 'card' });
    expect(paid.status).toBe(200);
    expect(paid.body.order).toMatchObject({ status: 'Paid', channel: 'card' });
    const conflict = await json('POST', '/orders/c-2/decline');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('conflict');
    expect((await json('POST', '/orders/none/pay')).status).toBe(404);
    expect((await json('POST', '/orders/c-2/pay', { channel: 42 })).status).toBe(400);
  });

  it('declines and expires', async () => {
    await createOrder('c-3');
    await createOrder('c-4');
    expect((await json('POST', '/orders/c-3/decline')).body.order).toMatchObject({
      status: 'Closed',
      closeReason: 'declined',
    });
    expect((await json('POST', '/orders/c-4/expire')).body.order).toMatchObject({
      status: 'Closed',
      closeReason: 'expired',
    });
  });

  it('sets, reads and resets faults; rejects bad ones', async () => {
    const set = await json('PUT', '/faults', { failNext: { status: 502 } });
    expect(set.body.faults).toEqual({ failNext: { status: 502, count: 1 } });
    expect((await json('GET', '/faults')).body.faults).toEqual({
      failNext: { status: 502, count: 1 },
    });
    expect((await createOrder('c-5')).status).toBe(502);
    expect((await createOrder('c-5')).status).toBe(200);

    await json('PUT', '/faults', { latencyMs: 1, webhooks: 'drop' });
    expect((await json('DELETE', '/faults')).body.faults).toEqual({});
    const bad = await json('PUT', '/faults', { webhooks: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('webhooks');
    expect((await json('PUT', '/faults', '{nope')).status).toBe(400);
  });

  it('pays, declines and expires QR orders like any other', async () => {
    const { ksher } = running.sandbox;
    for (const id of ['q-1', 'q-2', 'q-3']) {
      const params = { merchant_order_id: id, amount: 500, channel: 'promptpay', timestamp: '1' };
      const signature = signKsher('/api/v1/cscanb/orders', params, ksher.token);
      await fetch(`${ksher.baseUrl}/api/v1/cscanb/orders`, {
        method: 'POST',
        body: JSON.stringify({ ...params, signature }),
      });
    }
    expect((await json('POST', '/orders/q-1/pay')).body.order).toMatchObject({
      type: 'cscanb',
      status: 'Paid',
      channel: 'promptpay',
    });
    expect((await json('POST', '/orders/q-2/pay', { channel: 'wechat' })).status).toBe(409);
    expect((await json('POST', '/orders/q-2/decline')).body.order.closeReason).toBe('declined');
    expect((await json('POST', '/orders/q-3/expire')).body.order.closeReason).toBe('expired');
  });

  it('documents the B scan C test auth codes', async () => {
    const { status, body } = await json('GET', '/auth-codes');
    expect(status).toBe(200);
    expect(body.authCodes.declined).toMatchObject({ reserved3: 'invalid_payment_code' });
    expect(Object.keys(body.authCodes.accepted).sort()).toEqual([
      'airpay',
      'alipay',
      'linepay',
      'truemoney',
      'wechat',
    ]);
  });

  it('seeds paid orders for the finance reports; 400 names a bad field', async () => {
    const seeded = await json('POST', '/finance/seed', {
      date: '20240301',
      count: 3,
      channel: 'truemoney',
    });
    expect(seeded.status).toBe(201);
    expect(seeded.body.orders.map((o) => [o.merchantOrderId, o.status, o.channel])).toEqual([
      ['seed-20240301-0001', 'Paid', 'truemoney'],
      ['seed-20240301-0002', 'Paid', 'truemoney'],
      ['seed-20240301-0003', 'Paid', 'truemoney'],
    ]);
    for (const [body, field] of [
      [{ date: '2024-03-01', count: 1, channel: 'alipay' }, 'date'],
      [{ date: '20240301', count: 0, channel: 'alipay' }, 'count'],
      [{ date: '20240301', count: 1 }, 'channel'],
      [{ date: '20240301', count: 1, channel: 'alipay', amount: 1.5 }, 'amount'],
    ] as const) {
      const bad = await json('POST', '/finance/seed', body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(field);
    }
  });

  it('arms the network, tamper and override faults', async () => {
    const set = await json('PUT', '/faults', {
      networkErrorNext: 1,
      tamperResponseNext: 2,
      overrideResponse: { fields: { status: 'Paid' } },
    });
    expect(set.body.faults).toEqual({
      networkErrorNext: 1,
      tamperResponseNext: 2,
      overrideResponse: { fields: { status: 'Paid' }, count: 1 },
    });
    const bad = await json('PUT', '/faults', { overrideResponse: { fields: [] } });
    expect(bad.body.error.message).toContain('overrideResponse.fields');
    await json('DELETE', '/faults');
  });

  it('shows the webhook log and changes the webhook URL', async () => {
    await running.sandbox.ksher.idle();
    const log = await json('GET', '/webhooks');
    expect(log.body.deliveries.length).toBeGreaterThan(0);
    expect(log.body.deliveries[0]).toMatchObject({
      url: expect.stringContaining('http://127.0.0.1:9/hooks?'),
    });

    const changed = await json('PUT', '/settings', { webhookUrl: 'http://127.0.0.1:9/other' });
    expect(changed.body.settings).toEqual({ webhookUrl: 'http://127.0.0.1:9/other' });
    await createOrder('c-6');
    await json('POST', '/orders/c-6/pay');
    await running.sandbox.ksher.idle();
    expect(recorder.calls.at(-1)?.pathname).toBe('/other');

    expect((await json('PUT', '/settings', { webhookUrl: 'ftp://x' })).status).toBe(400);
    expect((await json('PUT', '/settings', { webhookUrl: null })).body.settings).toEqual({
      webhookUrl: null,
    });
    expect((await json('GET', '/nothing-here')).status).toBe(404);
  });
});
