import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';

const CONTROL = 'http://127.0.0.1:4010/sandbox/kesspay/_control';
let sandbox: GatewaySandbox;

beforeEach(() => {
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    fetch: async () => new Response(null, { status: 200 }),
  });
});

afterEach(() => sandbox.close());

async function control(method: string, path: string, body?: string) {
  const response = await sandbox.fetch(
    new Request(`${CONTROL}${path}`, { method, ...(body !== undefined && { body }) }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('KessPay control API', () => {
  it('404 for unknown orders and endpoints', async () => {
    expect((await control('GET', '/orders/nope')).status).toBe(404);
    expect((await control('POST', '/orders/nope/pay')).status).toBe(404);
    expect((await control('GET', '/nothing')).status).toBe(404);
    expect(await control('GET', '/orders')).toEqual({ status: 200, body: { orders: [] } });
  });

  it('sets, reads and clears faults; refuses bad fields', async () => {
    expect((await control('PUT', '/faults', '{"latencyMs":-1}')).status).toBe(400);
    expect((await control('PUT', '/faults', '{nope')).status).toBe(400);
    expect(await control('PUT', '/faults', '{"webhooks":"duplicate"}')).toMatchObject({
      status: 200,
      body: { faults: { webhooks: 'duplicate' } },
    });
    expect(sandbox.kesspay.faults.get()).toEqual({ webhooks: 'duplicate' });
    expect((await control('DELETE', '/faults')).body).toEqual({ faults: {} });
  });

  it('refuses a malformed bic and revokes tokens', async () => {
    expect((await control('POST', '/orders/x/pay', '{"bic":"lower"}')).status).toBe(400);
    expect(await control('POST', '/tokens/revoke')).toEqual({
      status: 200,
      body: { revoked: true },
    });
    expect(await control('GET', '/webhooks')).toEqual({ status: 200, body: { deliveries: [] } });
  });
});
