import { verifyKsher } from '@localpay/checkout-server/ksher';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKsherTestClient, createWebhookRecorder } from '../../../tests/ksher-client.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import { ksherWebhookUrl } from './webhooks.ts';

const webhookUrl = 'https://shop.example/api/checkout/webhooks/ksher';
let sandbox: GatewaySandbox | undefined;

afterEach(() => {
  sandbox?.close();
  sandbox = undefined;
  vi.useRealTimers();
});

function setup(
  statuses: Array<number | 'error'> = [],
  ksher: Parameters<typeof createGatewaySandbox>[0]['ksher'] = {},
) {
  const recorder = createWebhookRecorder(statuses);
  const lines: string[] = [];
  const created = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksher: { webhookUrl, webhookRetryDelayMs: 1, ...ksher },
    fetch: recorder.fetch,
    log: (line) => lines.push(line),
  });
  sandbox = created;
  return { sandbox: created, client: createKsherTestClient(created), calls: recorder.calls, lines };
}

function paramsOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

describe('Ksher webhooks', () => {
  it('sends a signed GET that verifies against the configured URL (§7)', async () => {
    const { sandbox, client, calls } = setup();
    await client.create();
    await sandbox.ksher.pay('order-1');
    await sandbox.ksher.idle();
    expect(calls).toHaveLength(1);
    const call = calls[0] as URL;
    expect(`${call.origin}${call.pathname}`).toBe(webhookUrl);
    const params = paramsOf(call);
    expect(params).toMatchObject({
      code: 'StatusChange',
      instance: 'order-1',
      message: 'Order Paid',
      type: 'Order',
    });
    expect(verifyKsher(webhookUrl, params, sandbox.ksher.token)).toBe(true);
    expect(verifyKsher(`${webhookUrl}/`, params, sandbox.ksher.token)).toBe(false);
    expect(sandbox.ksher.webhookDeliveries()).toEqual([
      {
        merchantOrderId: 'order-1',
        message: 'Order Paid',
        url: call.href,
        attempt: 1,
        status: 200,
        delivered: true,
        at: expect.any(String),
      },
    ]);
  });

  it('matches Ksher’s published parameter layout and spec vector V6', () => {
    const url = ksherWebhookUrl(
      'https://merchant.example.com/ksher/webhook',
      '202106070001',
      'Order Paid',
      'my-secret-api-token',
    );
    expect(url).toBe(
      'https://merchant.example.com/ksher/webhook?code=StatusChange&instance=202106070001&message=Order%20Paid&signature=E7719465435CB54956FEE006835520777E627E173D309EA60258C196ABCB5A28&type=Order',
    );
  });

  it('notifies every status change with its message', async () => {
    const { sandbox, client, calls } = setup();
    for (const id of ['paid', 'declined', 'expired', 'cancelled']) {
      await client.create({ merchant_order_id: id });
    }
    await sandbox.ksher.pay('paid');
    await sandbox.ksher.decline('declined');
    await sandbox.ksher.expire('expired');
    await client.cancel('cancelled');
    await client.refund('paid', 'refund-1', 100);
    await sandbox.ksher.idle();
    expect(
      calls.map((url) => [url.searchParams.get('instance'), url.searchParams.get('message')]),
    ).toEqual([
      ['paid', 'Order Paid'],
      ['declined', 'Order Closed'],
      ['expired', 'Order Timeout'],
      ['cancelled', 'Order Closed'],
      ['paid', 'Order Refunded'],
    ]);
  });

  it('retries a non-200 answer or a network error until it gets 200', async () => {
    const { sandbox, client, calls } = setup([500, 'error', 204, 200]);
    await client.create();
    await sandbox.ksher.pay('order-1');
    await sandbox.ksher.idle();
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((url) => url.href)).size).toBe(1);
    expect(sandbox.ksher.webhookDeliveries().map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 'error'],
      [3, 204],
      [4, 200],
    ]);
  });

  it('gives up after webhookMaxAttempts attempts', async () => {
    const { sandbox, client, calls, lines } = setup([500, 500, 500, 500, 500], {
      webhookMaxAttempts: 3,
    });
    await client.create();
    await sandbox.ksher.pay('order-1');
    await sandbox.ksher.idle();
    expect(calls).toHaveLength(3);
    expect(lines.some((line) => line.includes('gave up after 3 attempts'))).toBe(true);
  });

  it('retries every webhookRetryDelayMs (default 6 attempts)', async () => {
    vi.useFakeTimers();
    const { sandbox, client, calls } = setup(Array(10).fill(503), { webhookRetryDelayMs: 5000 });
    await client.create();
    await sandbox.ksher.pay('order-1');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(6);
    await sandbox.ksher.idle();
  });

  it('sends nothing (and says so) without a webhook URL, and follows configure()', async () => {
    const { sandbox, client, calls, lines } = setup([], { webhookUrl: '' });
    await client.create({ merchant_order_id: 'a' });
    await client.create({ merchant_order_id: 'b' });
    await sandbox.ksher.pay('a');
    await sandbox.ksher.idle();
    expect(calls).toHaveLength(0);
    expect(lines.some((line) => line.includes('no webhook URL'))).toBe(true);

    sandbox.ksher.configure({ webhookUrl: 'http://127.0.0.1:3000/hooks/ksher' });
    await sandbox.ksher.pay('b');
    await sandbox.ksher.idle();
    expect(calls).toHaveLength(1);
    const params = paramsOf(calls[0] as URL);
    expect(verifyKsher('http://127.0.0.1:3000/hooks/ksher', params, sandbox.ksher.token)).toBe(
      true,
    );
  });

  it('drops webhooks under the drop fault and sends each twice under duplicate', async () => {
    const { sandbox, client, calls } = setup();
    await client.create({ merchant_order_id: 'a' });
    await client.create({ merchant_order_id: 'b' });
    sandbox.ksher.faults.set({ webhooks: 'drop' });
    await sandbox.ksher.pay('a');
    await sandbox.ksher.idle();
    expect(calls).toHaveLength(0);
    expect(sandbox.ksher.webhookDeliveries()[0]).toMatchObject({
      merchantOrderId: 'a',
      status: 'dropped',
    });

    sandbox.ksher.faults.set({ webhooks: 'duplicate' });
    await sandbox.ksher.pay('b');
    await sandbox.ksher.idle();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.href).toBe(calls[1]?.href);
  });

  it('waits webhookDelayMs before the first attempt', async () => {
    vi.useFakeTimers();
    const { sandbox, client, calls } = setup();
    sandbox.ksher.faults.set({ webhookDelayMs: 1000 });
    await client.create();
    await sandbox.ksher.pay('order-1');
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    await sandbox.ksher.idle();
  });

  it('close() cancels scheduled retries and settles idle()', async () => {
    const { sandbox, client, calls } = setup([500, 500], { webhookRetryDelayMs: 60_000 });
    await client.create();
    await sandbox.ksher.pay('order-1');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const idle = sandbox.ksher.idle();
    sandbox.close();
    await idle;
    expect(calls).toHaveLength(1);
  });
});
