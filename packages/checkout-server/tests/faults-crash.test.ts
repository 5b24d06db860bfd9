/**
 * A server killed mid-way, over real HTTP: instance A stops for good at a chosen gateway call
 * (its request never finishes, as if the process died), and instance B, on the same database,
 * takes over once A's create could no longer be running. Both share the success-hook log.
 * After each: the true final state, the hook exactly once per paid session, no status backwards.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutOptions } from '../src/config.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import {
  type Json,
  type SandboxAndShop,
  shopHandlerOptions,
  startSandboxAndShop,
} from './checkout-servers.ts';
import { type CatalogProduct, catalogCart } from './handler-harness.ts';

const catalog: Record<string, CatalogProduct> = {
  tea: { name: 'Thai tea', unitAmount: 15_050, currency: 'THB' },
  coffee: { name: 'Iced coffee', unitAmount: 1650, currency: 'USD' },
};

let servers: SandboxAndShop;
let ksherWebhookUrl: string;
let kesspayNotifyUrl: string;
const fulfilled: string[] = [];
const handlers: CheckoutHandler[] = [];

type Call = 'create' | 'query';
/**
 * Where instance A dies: before or after the gateway got the call. `hang`: its request never
 * ends. `drop`: the call fails at once, so whoever called A (the gateway delivering a webhook)
 * sees an error and retries, as it would on a connection reset by a dying process.
 */
interface Kill {
  call: Call;
  afterGateway: boolean;
  mode?: 'hang' | 'drop';
  reached: () => void;
}

/** The calls of dead instances that never end; released at teardown so the shop can close. */
const hung: Array<(error: Error) => void> = [];

function die(kill: Kill): Promise<Response> {
  kill.reached();
  if (kill.mode === 'drop') return Promise.reject(new TypeError('fetch failed: process killed'));
  return new Promise<Response>((_resolve, reject) => {
    hung.push(reject);
  });
}

beforeAll(async () => {
  servers = await startSandboxAndShop({
    tmpPrefix: 'checkout-crash-',
    keyPrefix: 'crash',
    sandbox: (shopUrl) => {
      ksherWebhookUrl = `${shopUrl}/api/checkout/webhooks/ksher`;
      kesspayNotifyUrl = `${shopUrl}/api/checkout/webhooks/kesspay`;
      return {
        ksher: { webhookUrl: ksherWebhookUrl, webhookRetryDelayMs: 20 },
        kesspay: { notifyRetryDelayMs: 20 },
      };
    },
  });
});

afterEach(async () => {
  await servers.sandbox.ksher.idle();
  await servers.sandbox.kesspay.idle();
});

afterAll(async () => {
  for (const release of hung) release(new TypeError('fetch failed: process killed'));
  await servers.close(...handlers);
});

/** KessPay sends every service to one URL, named in the body. */
async function callOf(request: Request): Promise<Call | undefined> {
  const { pathname } = new URL(request.url);
  if (pathname.endsWith('/api/v1/redirect/orders')) return 'create';
  if (pathname.includes('/api/v1/redirect/orders/')) return 'query';
  if (!pathname.endsWith('/api/mch/v2/gateway')) return undefined;
  const { service } = (await request.clone().json()) as { service?: string };
  if (service === 'webpay.acquire.createorder') return 'create';
  return service === 'webpay.acquire.queryorder' ? 'query' : undefined;
}

/** One instance on the shared database; with `kill`, it dies at that call. */
function startInstance(kill?: Kill, clockOffsetMs = 0): CheckoutHandler {
  const { sandbox } = servers;
  const options: CheckoutOptions = {
    ...shopHandlerOptions(servers, fulfilled, { offsetMs: clockOffsetMs }),
    databasePath: join(servers.dir, 'checkout.sqlite'),
    resolveCart: catalogCart((sku) => catalog[sku], 'THB'),
    ksher: {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl: ksherWebhookUrl,
      timeoutMs: 500,
    },
    kesspay: {
      ...sandbox.kesspay.credentials,
      baseUrl: sandbox.kesspay.baseUrl,
      notifyUrl: kesspayNotifyUrl,
      timeoutMs: 500,
    },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const dies = kill !== undefined && (await callOf(request)) === kill.call;
      if (dies && !kill.afterGateway) return die(kill);
      const response = await globalThis.fetch(request);
      if (dies) {
        await response.body?.cancel();
        return die(kill);
      }
      return response;
    },
  };
  const handler = createCheckoutHandler(options);
  handlers.push(handler);
  servers.route = (request) => handler.fetch(request);
  return handler;
}

const RANK: Record<string, number> = {
  pending: 0,
  processing: 1,
  succeeded: 2,
  failed: 2,
  cancelled: 2,
  expired: 2,
};

async function expectInvariants(handler: CheckoutHandler, sessionId: string, finalStatus: string) {
  expect((await servers.getSession(sessionId)).status).toBe(finalStatus);
  const hooks = fulfilled.filter((id) => id === sessionId);
  expect(hooks).toHaveLength(finalStatus === 'succeeded' ? 1 : 0);
  let current = 'pending';
  for (const event of await handler.listEvents(sessionId)) {
    if (event.type !== 'status_changed') continue;
    const { from, to } = event.payload as { from: string; to: string };
    expect(from).toBe(current);
    expect(RANK[to] as number).toBeGreaterThan(RANK[from] as number);
    current = to;
  }
  expect(current).toBe(finalStatus);
}

/** Starts a checkout on instance A, which dies at `kill`; resolves once it has. */
async function createOnDyingInstance(methodId: string, sku: string, kill: Omit<Kill, 'reached'>) {
  let reached: () => void = () => {};
  const died = new Promise<void>((resolve) => {
    reached = resolve;
  });
  startInstance({ ...kill, reached });
  // The browser's request never gets an answer; the server is gone.
  servers.postSession(methodId, [{ sku, quantity: 1 }]).catch(() => {});
  await died;
}

const gateways = [
  { name: 'ksher', methodId: 'ksher.card', sku: 'tea', orderId: (id: string) => id },
  {
    name: 'kesspay',
    methodId: 'kesspay.webpay',
    sku: 'coffee',
    orderId: (id: string) => id.replace('_', '-'),
  },
];

describe.each(gateways)('$name: a server killed mid-way', (gateway) => {
  /** Instance B starts after A's create could have finished (the clock is a minute on). */
  const takeOver = () => startInstance(undefined, 60_000);

  async function newestSession(handler: CheckoutHandler) {
    const [order] = await handler.listOrders({ provider: gateway.name });
    return order as { id: string; status: string };
  }

  it('between persisting the session and calling the gateway: B fails it, nothing was charged', async () => {
    await createOnDyingInstance(gateway.methodId, gateway.sku, {
      call: 'create',
      afterGateway: false,
    });
    const b = takeOver();
    const session = await newestSession(b);
    expect(session.status).toBe('pending');
    const order = await fetch(
      `${servers.sandboxUrl}/sandbox/${gateway.name}/_control/orders/${gateway.orderId(session.id)}`,
    );
    expect(order.status).toBe(404);
    await expectInvariants(b, session.id, 'failed');
  });

  it('after the gateway created the order but before its answer was stored: B adopts it, the payment lands', async () => {
    await createOnDyingInstance(gateway.methodId, gateway.sku, {
      call: 'create',
      afterGateway: true,
    });
    const b = takeOver();
    const session = await newestSession(b);
    const adopted = (await servers.getSession(session.id)) as Json;
    expect(adopted.status).toBe('pending');
    expect(adopted.next?.type).toBe('redirect');
    const events = (await b.listEvents(session.id)).map((e) => e.type);
    expect(events).toContain('gateway_order_adopted');
    const paid = await fetch(
      `${servers.sandboxUrl}/sandbox/${gateway.name}/_control/orders/${gateway.orderId(session.id)}/pay`,
      { method: 'POST' },
    );
    expect(paid.status).toBe(200);
    await (gateway.name === 'ksher'
      ? servers.sandbox.ksher.idle()
      : servers.sandbox.kesspay.idle());
    await expectInvariants(b, session.id, 'succeeded');
  });

  it("between the webhook and its confirmation query: the gateway's retry reaches B", async () => {
    const a = startInstance();
    const session = await servers.createSession(gateway.methodId, [
      { sku: gateway.sku, quantity: 1 },
    ]);
    await a.close();
    handlers.splice(handlers.indexOf(a), 1);
    let reached: () => void = () => {};
    const died = new Promise<void>((resolve) => {
      reached = resolve;
    });
    startInstance({ call: 'query', afterGateway: false, mode: 'drop', reached });
    const paid = await fetch(
      `${servers.sandboxUrl}/sandbox/${gateway.name}/_control/orders/${gateway.orderId(session.id)}/pay`,
      { method: 'POST' },
    );
    expect(paid.status).toBe(200);
    // The webhook reached the dying instance, which died asking the gateway about it; B is up
    // before the gateway's retry (20 ms later) and confirms it.
    await died;
    const b = takeOver();
    expect((await b.getOrder(session.id))?.status).toBe('pending');
    await (gateway.name === 'ksher'
      ? servers.sandbox.ksher.idle()
      : servers.sandbox.kesspay.idle());
    expect((await b.getOrder(session.id))?.status).toBe('succeeded');
    const webhooks = (await b.listEvents(session.id)).filter((e) => e.type === 'webhook_received');
    expect(webhooks.length).toBeGreaterThanOrEqual(2);
    await expectInvariants(b, session.id, 'succeeded');
  });
});
