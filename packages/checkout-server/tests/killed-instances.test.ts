/**
 * Real crashes: instance A is a separate OS process killed with SIGKILL at the worst moments, and
 * instance B (another process on the same PostgreSQL) or the reconcile CLI has to finish the job.
 * (tests/faults-crash.test.ts covers more points in-process; this one proves it with real deaths.)
 */
import { startGatewaySandbox } from '@localpay/gateway-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCheckout } from '../src/node.ts';
import type { OrderStore } from '../src/store/order-store.ts';
import { createPostgresOrderStore } from '../src/store/postgres-order-store.ts';
import {
  type CheckoutProcess,
  runCheckoutCli,
  startCheckoutProcess,
  stopCheckoutProcess,
} from './checkout-process.ts';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './postgres-database.ts';

const schema = uniqueSchema('killed');
// 1 s gateway timeout: a create abandoned by a dead process counts as stale after 2 × 1 s + 5 s.
const STALE_CREATE_MS = 7_000;
let sandbox: Awaited<ReturnType<typeof startGatewaySandbox>>;
let balancer: Awaited<ReturnType<typeof serveCheckout>>;
let env: Record<string, string>;
let store: OrderStore;
const instances: CheckoutProcess[] = [];
/** Where the front "load balancer" sends traffic (webhooks included). */
let live: CheckoutProcess;

async function startInstance(): Promise<CheckoutProcess> {
  const instance = await startCheckoutProcess(env);
  instances.push(instance);
  return instance;
}

function postSession(instance: CheckoutProcess, key: string): Promise<Response> {
  return fetch(`${instance.url}/api/checkout/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      methodId: 'ksher.card',
      cart: { items: [{ sku: 'tea', quantity: 1 }] },
    }),
  });
}

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let tries = 0; tries < 200; tries += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function statusHistory(id: string): Promise<string[]> {
  const events = await store.listEvents(id);
  return events
    .filter((event) => event.type === 'status_changed')
    .map((event) => `${event.payload.from}→${event.payload.to}`);
}

beforeAll(async () => {
  balancer = await serveCheckout(
    (request) => {
      const url = new URL(request.url);
      return fetch(new Request(`${live.url}${url.pathname}${url.search}`, request));
    },
    { port: 0 },
  );
  const webhookUrl = `${balancer.url}/api/checkout/webhooks/ksher`;
  sandbox = await startGatewaySandbox({ port: 0, ksher: { webhookUrl, webhookRetryDelayMs: 200 } });
  env = {
    DATABASE_URL: TEST_DATABASE_URL,
    CHECKOUT_DATABASE_SCHEMA: schema,
    KSHER_BASE_URL: sandbox.sandbox.ksher.baseUrl,
    KSHER_API_TOKEN: sandbox.sandbox.ksher.token,
    KSHER_WEBHOOK_URL: webhookUrl,
    KSHER_CHANNELS: 'card',
    KSHER_QR_CHANNELS: '',
    KSHER_TIMEOUT_MS: '1000',
  };
  live = await startInstance();
  store = createPostgresOrderStore({ connectionString: TEST_DATABASE_URL, schema });
}, 30_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => stopCheckoutProcess(instance)));
  await store?.close();
  await balancer?.close();
  await sandbox?.close();
  await dropSchema(schema);
});

describe('instances killed with SIGKILL', () => {
  it('killed after persisting, before the gateway answered the create: the session fails, nothing is charged', async () => {
    const a = live;
    sandbox.sandbox.ksher.faults.set({ timeoutNext: 1 }); // the create never gets an answer
    const inFlight = postSession(a, 'killed-1').catch(() => undefined);
    const order = await until(async () => (await store.listOrders({ limit: 1 }))[0], 'the session');
    expect(order.status).toBe('pending');
    // The session is persisted before the create is sent: kill only once the gateway holds it.
    await until(
      async () => (sandbox.sandbox.ksher.faults.get().timeoutNext ?? 0) === 0 || undefined,
      'the create at the gateway',
    );
    await stopCheckoutProcess(a, 'SIGKILL');
    expect(await inFlight).toBeUndefined(); // the browser saw the connection die
    live = await startInstance();

    // Before the create is stale nobody may decide: it could still be running somewhere.
    const early = await runCheckoutCli(env, ['reconcile', '--older-than-minutes', '0']);
    expect(early.code).toBe(0);
    expect((await store.getOrder(order.id))?.status).toBe('pending');

    const wait = Date.parse(order.createdAt) + STALE_CREATE_MS - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait) + 200));
    const late = await runCheckoutCli(env, ['reconcile', '--older-than-minutes', '0']);
    expect(late.code).toBe(0);
    expect(JSON.parse(late.stdout).changed).toContainEqual({
      id: order.id,
      from: 'pending',
      to: 'failed',
    });
    expect(sandbox.sandbox.ksher.getOrder(order.merchantOrderId)).toBeUndefined();
    expect(await statusHistory(order.id)).toEqual(['pending→failed']);
    expect(instances.flatMap((instance) => instance.hooks)).not.toContain(order.id);
    sandbox.sandbox.ksher.faults.reset();
  }, 30_000);

  it('killed between the webhook and its confirmation query: the retried webhook completes it once on B', async () => {
    const a = live;
    const created = await postSession(a, 'killed-2');
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const b = await startInstance();

    sandbox.sandbox.ksher.faults.set({ timeoutNext: 1 }); // A's confirmation query hangs
    await sandbox.sandbox.ksher.pay(id);
    await until(
      async () =>
        (await store.listEvents(id)).some((event) => event.type === 'webhook_received') ||
        undefined,
      'A to receive the webhook',
    );
    live = b; // the balancer's next attempt (Ksher's retry) reaches B
    await stopCheckoutProcess(a, 'SIGKILL');

    await until(
      async () => ((await store.getOrder(id))?.status === 'succeeded' ? true : undefined),
      'the retried webhook to complete the payment',
    );
    expect(await statusHistory(id)).toEqual(['pending→succeeded']);
    expect(a.hooks).toEqual([]);
    await until(async () => (b.hooks.includes(id) ? true : undefined), 'the success hook on B');
    expect(instances.flatMap((instance) => instance.hooks).filter((hook) => hook === id)).toEqual([
      id,
    ]);
    sandbox.sandbox.ksher.faults.reset();
  }, 30_000);
});
