/**
 * Fault injection over real HTTP: the checkout handler and the gateway sandbox each listen on
 * 127.0.0.1 port 0, and every fault is armed through the sandbox's control API
 * (`{gateway}/_control/faults`), as an operator or CI job would. After each scenario the
 * invariants hold: the session ends in the gateway's true state, the success hook fired exactly
 * once per paid session, and no `status_changed` event ever moved a status backwards. Ktpay has no
 * status API: it skips the scenarios that need one and has its callback-only scenarios at the end.
 */
import { join } from 'node:path';
import {
  type FaultSettings,
  type KtpaySandboxPayment,
  ktpayCallbackBody,
} from '@localpay/gateway-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signKesspay } from '../src/gateways/kesspay/signature.ts';
import { signKsher } from '../src/gateways/ksher/signature.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import {
  type Json,
  type SandboxAndShop,
  sandboxKtpayOptions,
  shopHandlerOptions,
  startSandboxAndShop,
} from './checkout-servers.ts';
import { type CatalogProduct, catalogCart } from './handler-harness.ts';

const catalog: Record<string, CatalogProduct> = {
  tea: { name: 'Thai tea', unitAmount: 15_050, currency: 'THB' },
  coffee: { name: 'Iced coffee', unitAmount: 1650, currency: 'USD' },
  shubat: { name: 'Shubat', unitAmount: 1_500_050, currency: 'KZT' },
};

const KTPAY_CALLBACK_SECRET = 'fault-callback-secret-0123456789abcdef';

let servers: SandboxAndShop;
let handler: CheckoutHandler;
let ksherWebhookUrl: string;
let kesspayNotifyUrl: string;
let ktpayCallbackUrl: string;
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
      ktpayCallbackUrl = `${shopUrl}/api/checkout/webhooks/ktpay`;
      return {
        ksher: { webhookUrl: ksherWebhookUrl, webhookRetryDelayMs: 20 },
        kesspay: { notifyRetryDelayMs: 20 },
        // Short, then longer: a callback refused during a create is retried after it.
        ktpay: { callbackRetryDelaysMs: [20, 100, 1000] },
      };
    },
  });
  const { sandbox } = servers;
  servers.secrets.push({ name: 'Ktpay callback secret', value: KTPAY_CALLBACK_SECRET });
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
    ktpay: sandboxKtpayOptions(sandbox, {
      callbackUrl: ktpayCallbackUrl,
      callbackSecret: KTPAY_CALLBACK_SECRET,
      timeoutMs: 200,
    }),
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
  servers.route = (request) => handler.fetch(request);
  for (const gateway of ['ksher', 'kesspay', 'ktpay']) {
    await control(gateway, 'DELETE', '/faults');
  }
  await servers.sandbox.ksher.idle();
  await servers.sandbox.kesspay.idle();
  await servers.sandbox.ktpay.idle();
});

afterAll(async () => {
  await servers.close(handler);
});

/**
 * Ksher's and Ktpay's creates have their own paths; KessPay sends every service to one URL, named
 * in the body.
 */
async function isCreateCall(request: Request): Promise<boolean> {
  const { pathname } = new URL(request.url);
  if (pathname.endsWith('/api/v1/redirect/orders')) return true;
  if (pathname.endsWith('/api/v1/merchant-widget/payment')) return true;
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
  name: 'ksher' | 'kesspay' | 'ktpay';
  methodId: string;
  sku: string;
  /**
   * Whether the server can ask the gateway for an order's status. Ktpay has no status API
   * (ktpay.md §4.5): it learns only from callbacks, so the scenarios where the next read (or a
   * webhook's confirmation) asks the gateway do not apply to it; see "ktpay: callbacks only".
   */
  queriesStatus: boolean;
  /** The session's order in the gateway's control API (`/orders/…`, `/payments/…`), if any. */
  orderPath(sessionId: string): Promise<string | undefined>;
  idle(): Promise<void>;
  /**
   * A notification the shop accepts as genuine that says the order ended unpaid (Ksher, KessPay:
   * closed; Ktpay, which has no "closed": denied): stale after a payment.
   */
  sendStaleWebhook(sessionId: string): Promise<Response>;
}

/** Ksher and KessPay key their orders by our merchant order id. */
async function orderPathIfExists(gateway: string, orderId: string) {
  const path = `/orders/${orderId}`;
  return (await control(gateway, 'GET', path)).status === 200 ? path : undefined;
}

/** Ktpay keys its payments by transaction_hash; ours is the payment with our order_id. */
async function ktpayPayment(sessionId: string): Promise<KtpaySandboxPayment | undefined> {
  const { payments } = (await control('ktpay', 'GET', '/payments')).body;
  return (payments as KtpaySandboxPayment[]).find((payment) => payment.orderId === sessionId);
}

/** Posts a Ktpay callback body (ktpay.md §8) to a capability URL, as Ktpay would. */
function postKtpayCallback(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

/** The callback Ktpay sends for the session's payment as it stands, or with `changes`. */
async function ktpayCallback(sessionId: string, changes: Partial<KtpaySandboxPayment> = {}) {
  const payment = (await ktpayPayment(sessionId)) as KtpaySandboxPayment;
  // merchant_id 1: the sandbox's default.
  const body = ktpayCallbackBody({ ...payment, ...changes }, 1);
  return { url: payment.callbackPostUrl as string, body };
}

const gateways: GatewayUnderTest[] = [
  {
    name: 'ksher',
    methodId: 'ksher.card',
    sku: 'tea',
    queriesStatus: true,
    orderPath: (id) => orderPathIfExists('ksher', id),
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
    queriesStatus: true,
    orderPath: (id) => orderPathIfExists('kesspay', id.replace('_', '-')),
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
  {
    name: 'ktpay',
    methodId: 'ktpay.card',
    sku: 'shubat',
    queriesStatus: false,
    async orderPath(id) {
      const payment = await ktpayPayment(id);
      return payment && `/payments/${payment.transactionHash}`;
    },
    idle: () => servers.sandbox.ktpay.idle(),
    async sendStaleWebhook(sessionId) {
      const { url, body } = await ktpayCallback(sessionId, {
        status: 'denied',
        error: { type: 'ERROR_PAYMENT', message: 'KKB rejected payment' },
      });
      return postKtpayCallback(url, body);
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

/** Ends the session's order at the gateway: paid, or (`decline`) refused by the acquirer. */
async function pay(
  gateway: GatewayUnderTest,
  sessionId: string,
  outcome: 'pay' | 'decline' = 'pay',
) {
  const path = await gateway.orderPath(sessionId);
  expect(path).toBeDefined();
  expect((await control(gateway.name, 'POST', `${path}/${outcome}`)).status).toBe(200);
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
      expect(await gateway.orderPath(session.id)).toBeUndefined();
      await expectInvariants(session.id, 'failed');
    },
  );

  // Ktpay has no status query to fail.
  it.skipIf(!gateway.queriesStatus).each([
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

  // Ktpay has no query API: a dropped callback is only learnt from the gateway's retry (below).
  it.skipIf(!gateway.queriesStatus)(
    'a dropped webhook: the next read asks the gateway',
    async () => {
      const session = await create();
      await armFaults(gateway, { webhooks: 'drop' });
      await pay(gateway, session.id);
      await gateway.idle();
      expect((await handler.getOrder(session.id))?.status).toBe('pending');
      await expectInvariants(session.id, 'succeeded');
    },
  );

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

  // Ktpay: no read can settle the session before its callback arrives (below).
  it.skipIf(!gateway.queriesStatus)(
    'a delayed webhook after the session was settled by a read changes nothing',
    async () => {
      const session = await create();
      await armFaults(gateway, { webhookDelayMs: 100 });
      await pay(gateway, session.id);
      expect(await readStatus(session.id)).toBe('succeeded');
      await gateway.idle();
      expect(
        (await handler.listEvents(session.id)).some((e) => e.type === 'webhook_received'),
      ).toBe(true);
      await expectInvariants(session.id, 'succeeded');
    },
  );

  it('webhooks out of order: a stale "closed" after "paid" does not move the status back', async () => {
    const session = await create();
    await pay(gateway, session.id);
    await gateway.idle();
    expect((await handler.getOrder(session.id))?.status).toBe('succeeded');
    const stale = await gateway.sendStaleWebhook(session.id);
    expect(stale.status).toBe(200);
    await expectInvariants(session.id, 'succeeded');
  });

  // Ktpay: a callback at the session's capability URL is the gateway's word, and Ktpay sends one
  // final status per payment; there is nothing to check it against.
  it.skipIf(!gateway.queriesStatus)(
    'a stale "closed" before the payment is checked with the gateway and ignored',
    async () => {
      const session = await create();
      expect((await gateway.sendStaleWebhook(session.id)).status).toBe(200);
      expect((await handler.getOrder(session.id))?.status).toBe('pending');
      await pay(gateway, session.id);
      await gateway.idle();
      await expectInvariants(session.id, 'succeeded');
    },
  );

  // Ktpay: refused until the transaction_hash is stored, then learnt from the retry (below).
  it.skipIf(!gateway.queriesStatus)(
    'a webhook that arrives before the create call has returned',
    async () => {
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
      expect(
        (await handler.listEvents(session.id)).some((e) => e.type === 'webhook_received'),
      ).toBe(true);
      await expectInvariants(session.id, 'succeeded');
    },
  );
});

describe('ktpay: callbacks only', () => {
  const ktpay = gateways.find((gateway) => gateway.name === 'ktpay') as GatewayUnderTest;
  const create = () => servers.createSession(ktpay.methodId, [{ sku: ktpay.sku, quantity: 1 }]);
  const deliveriesOf = async (sessionId: string) =>
    ((await control('ktpay', 'GET', '/callbacks')).body.deliveries as Json[]).filter(
      (delivery) => delivery.orderId === sessionId,
    );

  it('a callback the shop did not acknowledge is learnt from the retry, not from a read', async () => {
    const session = await create();
    let statusWhileDown: string | undefined;
    servers.route = async (request) => {
      const callback = new URL(request.url).pathname.includes('/webhooks/ktpay/');
      if (!callback || statusWhileDown !== undefined) return handler.fetch(request);
      // No status query: while the shop misses the callback, a read keeps what is stored.
      statusWhileDown = await readStatus(session.id);
      return new Response('busy', { status: 503 });
    };
    await pay(ktpay, session.id);
    await ktpay.idle();
    expect(statusWhileDown).toBe('pending');
    expect((await deliveriesOf(session.id)).map((d) => [d.status, d.acknowledged])).toEqual([
      [503, false],
      [200, true],
    ]);
    await expectInvariants(session.id, 'succeeded');
  });

  it('a delayed callback: reads keep the session pending until it arrives', async () => {
    const session = await create();
    await armFaults(ktpay, { webhookDelayMs: 100 });
    await pay(ktpay, session.id);
    expect(await readStatus(session.id)).toBe('pending');
    await ktpay.idle();
    await expectInvariants(session.id, 'succeeded');
  });

  it('a callback before the create call has returned is refused, then applied from the retry', async () => {
    let duringCreate: Json[] = [];
    afterCreate = async () => {
      // Ktpay has the payment and the payer pays at once; the callback reaches the shop before
      // the create answer (and so the transaction_hash) is stored.
      const { payments } = (await control('ktpay', 'GET', '/payments')).body;
      const payment = (payments as Json[]).at(-1) as Json;
      const paid = await control('ktpay', 'POST', `/payments/${payment.transactionHash}/pay`);
      expect(paid.status).toBe(200);
      await vi.waitFor(async () => {
        duringCreate = await deliveriesOf(payment.orderId);
        expect(duringCreate).not.toHaveLength(0);
      });
    };
    const session = await create();
    expect(duringCreate[0]).toMatchObject({ status: 401, acknowledged: false });
    await ktpay.idle();
    expect((await deliveriesOf(session.id)).at(-1)).toMatchObject({
      status: 200,
      acknowledged: true,
    });
    const rejected = (await handler.listEvents(session.id)).filter(
      (e) => e.type === 'webhook_rejected',
    );
    expect(rejected[0]?.payload).toMatchObject({ reason: 'transaction_hash does not match' });
    await expectInvariants(session.id, 'succeeded');
  });

  it("a callback at a forged or another session's capability is refused and changes nothing", async () => {
    const session = await create();
    const other = await create();
    await armFaults(ktpay, { webhooks: 'drop' });
    await pay(ktpay, session.id);
    // The genuine callback Ktpay would send, posted to the wrong capability URLs.
    const { url, body } = await ktpayCallback(session.id);
    const forged = `${url.slice(0, url.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    const othersUrl = (await ktpayCallback(other.id)).url;
    for (const wrong of [forged, othersUrl]) {
      expect((await postKtpayCallback(wrong, body)).status).toBe(401);
    }
    expect(await readStatus(session.id)).toBe('pending');
    const rejected = (await handler.listEvents(other.id)).filter(
      (e) => e.type === 'webhook_rejected',
    );
    expect(rejected.map((e) => e.payload)).toMatchObject([{ reason: 'order_id does not match' }]);
    // At its own capability URL the same callback is applied.
    expect((await postKtpayCallback(url, body)).status).toBe(200);
    await expectInvariants(session.id, 'succeeded');
    await expectInvariants(other.id, 'pending');
  });

  it('a duplicated "denied" callback fails the session once', async () => {
    const session = await create();
    await armFaults(ktpay, { webhooks: 'duplicate' });
    await pay(ktpay, session.id, 'decline');
    await ktpay.idle();
    const deliveries = await deliveriesOf(session.id);
    expect(deliveries.map((d) => [d.paymentStatus, d.acknowledged])).toEqual([
      ['denied', true],
      ['denied', true],
    ]);
    expect((await servers.getSession(session.id)).failureReason).toBe('error_payment');
    await expectInvariants(session.id, 'failed');
  });
});
