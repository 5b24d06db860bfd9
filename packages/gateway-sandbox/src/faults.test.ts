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

  it('reset() disarms everything', async () => {
    const client = setup();
    sandbox.ksher.faults.set({ failNext: { status: 500 }, timeoutNext: 3, latencyMs: 5 });
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
  });
});
