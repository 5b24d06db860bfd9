/**
 * Fault injection over real HTTP: the checkout handler and the gateway sandbox each listen on
 * 127.0.0.1 port 0, and every fault is armed through the sandbox's control API
 * (`{gateway}/_control/faults`), as an operator or CI job would. After each scenario the
 * invariants hold: the session ends in the gateway's true state, the success hook fired exactly
 * once per paid session, and no `status_changed` event ever moved a status backwards.
 */
import { join } from 'node:path';
import type { FaultSettings } from '@localpay/gateway-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signKesspay } from '../src/gateways/kesspay/signature.ts';
import { signKsher } from '../src/gateways/ksher/signature.ts';
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
let handler: CheckoutHandler;
let ksherWebhookUrl: string;
let kesspayNotifyUrl: string;
const fulfilled: string[] = [];
/** When set, runs after a gateway create call has been answered and before the handler sees it. */
let afterCreate: ((request: Request) => Promise<void>) | undefined;

beforeAll(async () => {
  servers = await startSandboxAndShop({
    tmpPrefix: 'checkout-faults-',
    keyPrefix: 'fault',
    sandbox: (shopUrl) => {
      ksherWebhookUrl = `${shopUrl}/api/checkout/webhooks/ksher`;
      kesspayNotifyUrl = `${shopUrl}/api/checkout/webhooks/kesspay`;
      return {
        ksher: { webhookUrl: ksherWebhookUrl, webhookRetryDelayMs: 20 },
        kesspay: { notifyRetryDelayMs: 20 },
      };
    },
  });
  const { sandbox } = servers;
  const { credentials } = sandbox.kesspay;
  handler = createCheckoutHandler({
    ...shopHandlerOptions(servers, fulfilled),
    databasePath: join(servers.dir, 'checkout.sqlite'),
    resolveCart: catalogCart((sku) => catalog[sku], 'THB'),
    ksher: {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl: ksherWebhookUrl,
      timeoutMs: 200,
    },
    kesspay: {
      baseUrl: sandbox.kesspay.baseUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      username: credentials.username,
      password: credentials.password,
      apiSecretKey: credentials.apiSecretKey,
      sellerCode: credentials.sellerCode,
      notifyUrl: kesspayNotifyUrl,
      timeoutMs: 200,
    },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const response = await globalThis.fetch(request.clone());
      if (afterCreate && request.method === 'POST' && (await isCreateCall(request))) {
        const hold = afterCreate;
        afterCreate = undefined;
        await hold(request);
      }
      return response;
    },
  });
  servers.route = (request) => handler.fetch(request);
});

afterEach(async () => {
  afterCreate = undefined;
  for (const gateway of ['ksher', 'kesspay']) {
    await control(gateway, 'DELETE', '/faults');
  }
  await servers.sandbox.ksher.idle();
  await servers.sandbox.kesspay.idle();
});

afterAll(async () => {
  await servers.close(handler);
});

/** Ksher's create has its own path; KessPay sends every service to one URL, named in the body. */
async function isCreateCall(request: Request): Promise<boolean> {
  const { pathname } = new URL(request.url);
  if (pathname.endsWith('/api/v1/redirect/orders')) return true;
  if (!pathname.endsWith('/api/mch/v2/gateway')) return false;
  const body = (await request.clone().json()) as { service?: string };
  return body.service === 'webpay.acquire.createorder';
}

/** One call to a gateway emulator's control API over HTTP. */
async function control(gateway: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${servers.sandboxUrl}/sandbox/${gateway}/_control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

interface GatewayUnderTest {
  name: 'ksher' | 'kesspay';
  methodId: string;
  sku: string;
  /** The gateway's order id for a session. */
  orderId(sessionId: string): string;
  idle(): Promise<void>;
  /** A validly signed notification that says the order was closed: stale after a payment. */
  sendStaleWebhook(sessionId: string): Promise<Response>;
}

const gateways: GatewayUnderTest[] = [
  {
    name: 'ksher',
    methodId: 'ksher.card',
    sku: 'tea',
    orderId: (id) => id,
    idle: () => servers.sandbox.ksher.idle(),
    sendStaleWebhook(sessionId) {
      const params = {
        code: 'StatusChange',
        instance: sessionId,
        message: 'Order Closed',
        type: 'Order',
      };
      const signature = signKsher(ksherWebhookUrl, params, servers.sandbox.ksher.token);
      return fetch(`${ksherWebhookUrl}?${new URLSearchParams({ ...params, signature })}`);
    },
  },
  {
    name: 'kesspay',
    methodId: 'kesspay.webpay',
    sku: 'coffee',
    orderId: (id) => id.replace('_', '-'),
    idle: () => servers.sandbox.kesspay.idle(),
    sendStaleWebhook(sessionId) {
      const params: Record<string, string> = {
        out_trade_no: sessionId.replace('_', '-'),
        status: 'CLOSED',
        total_amount: '16.50',
        currency: 'USD',
        sign_type: 'HMAC-SHA256',
      };
      params.sign = signKesspay(params, servers.sandbox.kesspay.credentials.apiSecretKey);
      return fetch(kesspayNotifyUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params),
      });
    },
  },
];

const RANK: Record<string, number> = {
  pending: 0,
  processing: 1,
  succeeded: 2,
  failed: 2,
  cancelled: 2,
  expired: 2,
  partially_refunded: 3,
  refunded: 4,
};

/** The session's status as the shopper's page would read it (a read brings it up to date). */
async function readStatus(sessionId: string): Promise<string> {
  return (await servers.getSession(sessionId)).status as string;
}

/** The three invariants of every fault scenario. */
async function expectInvariants(sessionId: string, finalStatus: string) {
  expect(await readStatus(sessionId)).toBe(finalStatus);
  expect(fulfilled.filter((id) => id === sessionId)).toHaveLength(
    finalStatus === 'succeeded' ? 1 : 0,
  );
  const changes = (await handler.listEvents(sessionId))
    .filter((event) => event.type === 'status_changed')
    .map((event) => event.payload as { from: string; to: string });
  let current = 'pending';
  for (const change of changes) {
    // A chain: each change starts where the last one ended, and only ever moves forwards.
    expect(change.from).toBe(current);
    expect(RANK[change.to] as number).toBeGreaterThan(RANK[change.from] as number);
    current = change.to;
  }
  expect(current).toBe(finalStatus);
}

async function pay(gateway: GatewayUnderTest, sessionId: string) {
  const paid = await control(gateway.name, 'POST', `/orders/${gateway.orderId(sessionId)}/pay`);
  expect(paid.status).toBe(200);
}

async function armFaults(gateway: GatewayUnderTest, faults: FaultSettings) {
  expect((await control(gateway.name, 'PUT', '/faults', faults)).status).toBe(200);
}

describe.each(gateways)('$name under faults', (gateway) => {
  const items = () => [{ sku: gateway.sku, quantity: 1 }];
  const create = () => servers.createSession(gateway.methodId, items());

  it.each([
    ['a 502 on create', { failNext: { status: 502 } }],
    ['a timeout on create', { timeoutNext: 1 }],
  ] as Array<[string, FaultSettings]>)(
    '%s: the session fails and no gateway order exists',
    async (_name, faults) => {
      // KessPay gets its access token first; it is fetched before the fault is armed.
      if (gateway.name === 'kesspay') await create();
      await armFaults(gateway, faults);
      const response = await servers.postSession(gateway.methodId, items());
      expect(response.status).toBeGreaterThanOrEqual(500);
      const orders = await handler.listOrders({ provider: gateway.name });
      const session = orders[0] as { id: string };
      expect(
        (await control(gateway.name, 'GET', `/orders/${gateway.orderId(session.id)}`)).status,
      ).toBe(404);
      await expectInvariants(session.id, 'failed');
    },
  );

  it.each([
    ['5xx', { failNext: { status: 503, count: 1 } }],
    ['timeouts', { timeoutNext: 1 }],
  ] as Array<[string, FaultSettings]>)(
    '%s on the status query: the stored status is kept until the gateway answers',
    async (_name, faults) => {
      const session = await create();
      await armFaults(gateway, { webhooks: 'drop' });
      await pay(gateway, session.id);
      await armFaults(gateway, { webhooks: 'drop', ...faults });
      expect(await readStatus(session.id)).toBe('pending');
      await expectInvariants(session.id, 'succeeded');
    },
  );

  it('a dropped webhook: the next read asks the gateway', async () => {
    const session = await create();
    await armFaults(gateway, { webhooks: 'drop' });
    await pay(gateway, session.id);
    await gateway.idle();
    expect((await handler.getOrder(session.id))?.status).toBe('pending');
    await expectInvariants(session.id, 'succeeded');
  });

  it('a duplicated webhook is applied once', async () => {
    const session = await create();
    await armFaults(gateway, { webhooks: 'duplicate' });
    await pay(gateway, session.id);
    await gateway.idle();
    const received = (await handler.listEvents(session.id)).filter(
      (e) => e.type === 'webhook_received',
    );
    expect(received.length).toBeGreaterThanOrEqual(2);
    await expectInvariants(session.id, 'succeeded');
  });

  it('a delayed webhook after the session was settled by a read changes nothing', async () => {
    const session = await create();
    await armFaults(gateway, { webhookDelayMs: 100 });
    await pay(gateway, session.id);
    expect(await readStatus(session.id)).toBe('succeeded');
    await gateway.idle();
    expect((await handler.listEvents(session.id)).some((e) => e.type === 'webhook_received')).toBe(
      true,
    );
    await expectInvariants(session.id, 'succeeded');
  });

  it('webhooks out of order: a stale "closed" after "paid" does not move the status back', async () => {
    const session = await create();
    await pay(gateway, session.id);
    await gateway.idle();
    expect((await handler.getOrder(session.id))?.status).toBe('succeeded');
    const stale = await gateway.sendStaleWebhook(session.id);
    expect(stale.status).toBe(200);
    await expectInvariants(session.id, 'succeeded');
  });

  it('a stale "closed" before the payment is checked with the gateway and ignored', async () => {
    const session = await create();
    expect((await gateway.sendStaleWebhook(session.id)).status).toBe(200);
    expect((await handler.getOrder(session.id))?.status).toBe('pending');
    await pay(gateway, session.id);
    await gateway.idle();
    await expectInvariants(session.id, 'succeeded');
  });

  it('a webhook that arrives before the create call has returned', async () => {
    let deliveredDuringCreate = 0;
    afterCreate = async () => {
      // The gateway has the order and the payer pays at once; its webhook reaches the
      // handler while the create answer is still on its way.
      const orders = (await control(gateway.name, 'GET', '/orders')).body.orders as Json[];
      const order = orders.at(-1) as Json;
      const id = (order.merchantOrderId ?? order.outTradeNo ?? order.out_trade_no) as string;
      expect((await control(gateway.name, 'POST', `/orders/${id}/pay`)).status).toBe(200);
      await gateway.idle();
      deliveredDuringCreate = (await control(gateway.name, 'GET', '/webhooks')).body.deliveries
        .length;
    };
    const before = (await control(gateway.name, 'GET', '/webhooks')).body.deliveries.length;
    const session = await create();
    expect(deliveredDuringCreate).toBeGreaterThan(before);
    expect((await handler.listEvents(session.id)).some((e) => e.type === 'webhook_received')).toBe(
      true,
    );
    await expectInvariants(session.id, 'succeeded');
  });
});
