import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../tests/handler-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

describe('health and readiness', () => {
  it('answers /healthz and /readyz under the base path while the store is reachable', async () => {
    h = createHarness();
    const health = await h.request('GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await h.request('GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
  });

  it('is not ready when the store cannot be reached, but still healthy', async () => {
    h = createHarness();
    await h.store.close();
    expect(await h.request('GET', '/readyz')).toMatchObject({
      status: 503,
      body: { status: 'store_unreachable' },
    });
    expect((await h.request('GET', '/healthz')).status).toBe(200);
  });

  it('is not ready once a shutdown began', async () => {
    h = createHarness();
    h.handler.shutdown();
    expect(await h.request('GET', '/readyz')).toMatchObject({
      status: 503,
      body: { status: 'shutting_down' },
    });
  });
});
