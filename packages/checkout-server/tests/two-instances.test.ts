import { startGatewaySandbox } from '@localpay/gateway-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCheckout } from '../src/node.ts';
import {
  type CheckoutProcess,
  runCheckoutCli,
  startCheckoutProcess,
  stopCheckoutProcess,
} from './checkout-process.ts';
import { readEventStream } from './checkout-servers.ts';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './postgres-database.ts';

const schema = uniqueSchema('two_instances');
let sandbox: Awaited<ReturnType<typeof startGatewaySandbox>>;
let balancer: Awaited<ReturnType<typeof serveCheckout>>;
let env: Record<string, string>;
let a: CheckoutProcess;
let b: CheckoutProcess;

async function createSession(instance: CheckoutProcess, key: string) {
  const response = await fetch(`${instance.url}/api/checkout/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      methodId: 'ksher.card',
      cart: { items: [{ sku: 'tea', quantity: 1 }] },
    }),
  });
  const body = (await response.json()) as { id: string; status: string };
  expect(response.status).toBe(201);
  return body;
}

/** The sandbox order of the newest session (merchant order ids are the server's). */
function newestGatewayOrder() {
  const orders = sandbox.sandbox.ksher.listOrders();
  return orders[orders.length - 1] as (typeof orders)[number];
}

beforeAll(async () => {
  // A front "load balancer" that sends every webhook to instance A only.
  balancer = await serveCheckout(
    (request) => {
      const url = new URL(request.url);
      return fetch(new Request(`${a.url}${url.pathname}${url.search}`, request));
    },
    { port: 0 },
  );
  const webhookUrl = `${balancer.url}/api/checkout/webhooks/ksher`;
  sandbox = await startGatewaySandbox({ port: 0, ksher: { webhookUrl } });
  env = {
    DATABASE_URL: TEST_DATABASE_URL,
    CHECKOUT_DATABASE_SCHEMA: schema,
    KSHER_BASE_URL: sandbox.sandbox.ksher.baseUrl,
    KSHER_API_TOKEN: sandbox.sandbox.ksher.token,
    KSHER_WEBHOOK_URL: webhookUrl,
    KSHER_CHANNELS: 'card',
    KSHER_QR_CHANNELS: '',
  };
  [a, b] = await Promise.all([startCheckoutProcess(env), startCheckoutProcess(env)]);
}, 30_000);

afterAll(async () => {
  await Promise.all([stopCheckoutProcess(a), stopCheckoutProcess(b)]);
  await balancer?.close();
  await sandbox?.close();
  await dropSchema(schema);
});

describe('two server processes sharing PostgreSQL', () => {
  it('an SSE client on B sees the webhook that A received; the hook runs once', async () => {
    const session = await createSession(b, 'two-1');
    const events = await fetch(`${b.url}/api/checkout/sessions/${session.id}/events`);
    const stream = readEventStream(events);
    expect(await stream.until(/"status":"pending"/)).toContain('"status":"pending"');

    await sandbox.sandbox.ksher.pay(newestGatewayOrder().merchantOrderId);

    expect(await stream.until(/"status":"succeeded"/)).toContain('"status":"succeeded"');
    const read = await fetch(`${b.url}/api/checkout/sessions/${session.id}`);
    expect(await read.json()).toMatchObject({ id: session.id, status: 'succeeded' });
    expect([...a.hooks, ...b.hooks]).toEqual([session.id]);
    expect(a.hooks).toEqual([session.id]); // A applied the webhook
  });

  it('`checkout-server reconcile` adopts a payment whose webhook was dropped', async () => {
    const session = await createSession(a, 'two-2');
    const events = await fetch(`${b.url}/api/checkout/sessions/${session.id}/events`);
    const stream = readEventStream(events);
    await stream.until(/"status":"pending"/);
    sandbox.sandbox.ksher.faults.set({ webhooks: 'drop' });
    await sandbox.sandbox.ksher.pay(newestGatewayOrder().merchantOrderId);

    const { code, stdout } = await runCheckoutCli(env, ['reconcile', '--older-than-minutes', '0']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { changed: unknown[] };
    expect(report.changed).toContainEqual({ id: session.id, from: 'pending', to: 'succeeded' });
    // The CLI's change reaches B's open stream through NOTIFY too.
    expect(await stream.until(/"status":"succeeded"/)).toContain('"status":"succeeded"');
    sandbox.sandbox.ksher.faults.reset();
  });

  it('`checkout-server migrate` finds nothing left to apply', async () => {
    const { code, stdout } = await runCheckoutCli(env, ['migrate']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ store: 'postgres', schema, applied: [] });
  });
});
