import { verifyKsher } from '@localpay/checkout-server/ksher';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKsherTestClient, createWebhookRecorder } from '../tests/ksher-client.ts';
import { createFaultInjector, invalidFaultField } from './faults.ts';
import { createGatewaySandbox, type GatewaySandbox } from './sandbox.ts';

let sandbox: GatewaySandbox;

function setup() {
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    fetch: createWebhookRecorder().fetch,
  });
  return createKsherTestClient(sandbox);
}

afterEach(() => {
  sandbox?.close();
  vi.useRealTimers();
});

describe('fault injection on the gateway API', () => {
  it('latencyMs delays every API response', async () => {
    vi.useFakeTimers();
    const client = setup();
    sandbox.ksher.faults.set({ latencyMs: 100 });
    let settled = false;
    const pending = client.create().then((result) => {
      settled = true;
      return result;
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).body.error_code).toBe('SUCCESS');
  });

  it('failNext answers the given status for the next `count` API calls only', async () => {
    const client = setup();
    sandbox.ksher.faults.set({ failNext: { status: 503, count: 2 } });
    expect(sandbox.ksher.faults.get()).toEqual({ failNext: { status: 503, count: 2 } });
    const first = await client.create();
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ code: 503, name: 'Service Unavailable' });
    expect(sandbox.ksher.listOrders()).toEqual([]);
    // The control API and hosted pages are not gateway API calls: they do not consume the fault.
    const control = await sandbox.fetch(new Request(`${sandbox.ksher.baseUrl}/_control/orders`));
    expect(control.status).toBe(200);
    expect(sandbox.ksher.faults.get()).toEqual({ failNext: { status: 503, count: 1 } });
    expect((await client.query('x')).status).toBe(503);
    expect((await client.create()).status).toBe(200);
    expect(sandbox.ksher.faults.get()).toEqual({});
  });

  it('timeoutNext hangs the next call until the client aborts (AbortSignal.timeout)', async () => {
    const client = setup();
    await client.create();
    sandbox.ksher.faults.set({ timeoutNext: 1 });
    await expect(
      client.call(
        'GET',
        '/api/v1/redirect/orders/order-1',
        { timestamp: '1' },
        { signal: AbortSignal.timeout(20) },
      ),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sandbox.ksher.faults.get()).toEqual({});
    expect((await client.query('order-1')).body.error_code).toBe('PENDING');
  });

  it('close() releases hung calls with a 504 and nothing is half-written', async () => {
    const client = setup();
    sandbox.ksher.faults.set({ timeoutNext: 2 });
    const first = client.create();
    const second = client.query('order-1');
    sandbox.close();
    expect((await first).status).toBe(504);
    expect((await second).body).toMatchObject({ code: 504, name: 'Gateway Timeout' });
    expect(sandbox.ksher.listOrders()).toEqual([]);
  });

  it('networkErrorNext rejects the next N calls with a TypeError like fetch, then recovers', async () => {
    const client = setup();
    sandbox.ksher.faults.set({ networkErrorNext: 2 });
    expect(sandbox.ksher.faults.get()).toEqual({ networkErrorNext: 2 });
    await expect(client.create()).rejects.toBeInstanceOf(TypeError);
    await expect(client.query('order-1')).rejects.toThrow('fetch failed');
    expect(sandbox.ksher.faults.get()).toEqual({});
    // Nothing was stored by the failed create.
    expect(sandbox.ksher.listOrders()).toEqual([]);
    expect((await client.create()).body.error_code).toBe('SUCCESS');
  });

  it('networkErrorNext leaves the hosted page and control API alone', async () => {
    const client = setup();
    const { body } = await client.create();
    sandbox.ksher.faults.set({ networkErrorNext: 1 });
    expect((await sandbox.fetch(new Request(body.reference as string))).status).toBe(200);
    expect(sandbox.ksher.faults.get()).toEqual({ networkErrorNext: 1 });
  });

  it('tamperResponseNext breaks the signature of the next N order responses only', async () => {
    const client = setup();
    sandbox.ksher.faults.set({ tamperResponseNext: 2 });
    const path = '/api/v1/redirect/orders';
    const created = await client.create();
    expect(created.body.status).toBe('Paid');
    expect(verifyKsher(path, created.body, sandbox.ksher.token)).toBe(false);
    const unknown = await client.query('nope');
    expect(unknown.body.error_code).toBe('SUCCESS');
    expect(verifyKsher(`${path}/nope`, unknown.body, sandbox.ksher.token)).toBe(false);
    expect(sandbox.ksher.faults.get()).toEqual({});
    const clean = await client.query('order-1');
    expect(clean.body.status).toBe('Available');
    expect(verifyKsher(`${path}/order-1`, clean.body, sandbox.ksher.token)).toBe(true);
    // The stored order was never changed by the tampering.
    expect(sandbox.ksher.getOrder('order-1')?.status).toBe('Available');
  });

  it('overrideResponse merges fields into the next `count` responses, validly signed', async () => {
    const client = setup();
    await client.create();
    sandbox.ksher.faults.set({
      overrideResponse: { fields: { status: 'Paid', error_code: 'SUCCESS', amount: 1 }, count: 2 },
    });
    expect(sandbox.ksher.faults.get()).toEqual({
      overrideResponse: { fields: { status: 'Paid', error_code: 'SUCCESS', amount: 1 }, count: 2 },
    });
    for (let call = 0; call < 2; call++) {
      const { body } = await client.query('order-1');
      expect(body).toMatchObject({ status: 'Paid', error_code: 'SUCCESS', amount: 1 });
      expect(verifyKsher('/api/v1/redirect/orders/order-1', body, sandbox.ksher.token)).toBe(true);
    }
    const { body } = await client.query('order-1');
    expect(body).toMatchObject({ status: 'Available', error_code: 'PENDING', amount: 89_000 });
    expect(sandbox.ksher.faults.get()).toEqual({});
  });

  it('overrideResponse defaults to one response', async () => {
    const client = setup();
    sandbox.ksher.faults.set({ overrideResponse: { fields: { error_code: 'FAIL' } } });
    expect((await client.create()).body.error_code).toBe('FAIL');
    expect((await client.query('order-1')).body.error_code).toBe('PENDING');
  });

  it('reset() disarms everything', async () => {
    const client = setup();
    sandbox.ksher.faults.set({
      failNext: { status: 500 },
      timeoutNext: 3,
      latencyMs: 5,
      networkErrorNext: 1,
      tamperResponseNext: 1,
      overrideResponse: { fields: { status: 'Paid' } },
    });
    sandbox.ksher.faults.reset();
    expect(sandbox.ksher.faults.get()).toEqual({});
    expect((await client.create()).status).toBe(200);
  });
});

describe('createFaultInjector', () => {
  it('keeps webhook settings and defaults', () => {
    const faults = createFaultInjector();
    expect(faults.webhookMode()).toBe('deliver');
    expect(faults.webhookDelayMs()).toBe(0);
    faults.set({ webhooks: 'duplicate', webhookDelayMs: 30 });
    expect(faults.webhookMode()).toBe('duplicate');
    expect(faults.webhookDelayMs()).toBe(30);
  });
});

describe('invalidFaultField', () => {
  it('names the first bad field', () => {
    expect(invalidFaultField({ latencyMs: 10, webhooks: 'drop' })).toBeUndefined();
    expect(invalidFaultField({ failNext: { status: 502, count: 3 } })).toBeUndefined();
    expect(invalidFaultField([])).toBe('body');
    expect(invalidFaultField({ latencyMs: -1 })).toBe('latencyMs');
    expect(invalidFaultField({ failNext: { status: 200 } })).toBe('failNext.status');
    expect(invalidFaultField({ failNext: { status: 500, count: 1.5 } })).toBe('failNext.count');
    expect(invalidFaultField({ webhooks: 'sometimes' })).toBe('webhooks');
    expect(invalidFaultField({ surprise: true })).toBe('surprise');
    expect(
      invalidFaultField({
        networkErrorNext: 1,
        tamperResponseNext: 2,
        overrideResponse: { fields: { status: 'Paid' }, count: 3 },
      }),
    ).toBeUndefined();
    expect(invalidFaultField({ networkErrorNext: '1' })).toBe('networkErrorNext');
    expect(invalidFaultField({ tamperResponseNext: -2 })).toBe('tamperResponseNext');
    expect(invalidFaultField({ overrideResponse: [] })).toBe('overrideResponse');
    expect(invalidFaultField({ overrideResponse: { fields: 'x' } })).toBe(
      'overrideResponse.fields',
    );
    expect(invalidFaultField({ overrideResponse: { fields: {}, count: -1 } })).toBe(
      'overrideResponse.count',
    );
  });
});
