/**
 * Property-based tests (fast-check) of every webhook and notify parser and verifier, through the
 * real handler's fetch: random, malformed, oversized and forged Ksher webhooks, KessPay notifies
 * (form and JSON), Ktpay callbacks and KsherPay notifies are never accepted, never answered with a 5xx, and never
 * change an order.
 */
import {
  createGatewaySandbox,
  type GatewaySandbox,
  KSHER_SDK_EXAMPLE_PRIVATE_KEY,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signKesspay } from '../src/gateways/kesspay/signature.ts';
import { signKsher } from '../src/gateways/ksher/signature.ts';
import { signKsherPay } from '../src/gateways/ksherpay/signature.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import type { OrderRecord } from '../src/store/order-store.ts';
import { sandboxKtpayOptions } from './checkout-servers.ts';
import { type CatalogProduct, catalogCart } from './handler-harness.ts';

const SHOP = 'https://shop.example.com';
const API = `${SHOP}/api/checkout`;
const KSHER_WEBHOOK = `${API}/webhooks/ksher`;
const KESSPAY_NOTIFY = `${API}/webhooks/kesspay`;
const KTPAY_CALLBACK = `${API}/webhooks/ktpay`;
const RUNS = { numRuns: 150 };

const catalog: Record<string, CatalogProduct> = {
  tea: { name: 'Thai tea', unitAmount: 15_050, currency: 'THB' },
  coffee: { name: 'Iced coffee', unitAmount: 1650, currency: 'USD' },
  shubat: { name: 'Shubat', unitAmount: 1_500_050, currency: 'KZT' },
};

let sandbox: GatewaySandbox;
let handler: CheckoutHandler;
const fulfilled: string[] = [];
const sessions: Record<'ksher' | 'kesspay' | 'ktpay', OrderRecord> = {} as never;
let ktpayCapabilityUrl: string;
let ktpayPayment: { orderId: string; wireAmount: unknown; hash: string };

beforeAll(async () => {
  sandbox = createGatewaySandbox({ publicUrl: 'http://gateway.test/sandbox' });
  handler = createCheckoutHandler({
    basePath: '/api/checkout',
    databasePath: ':memory:',
    defaultReturnUrl: `${SHOP}/order`,
    resolveCart: catalogCart((sku) => catalog[sku], 'THB'),
    logger: { log: () => {} },
    syncIntervalMs: 0,
    ksher: {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl: KSHER_WEBHOOK,
    },
    kesspay: {
      ...sandbox.kesspay.credentials,
      baseUrl: sandbox.kesspay.baseUrl,
      notifyUrl: KESSPAY_NOTIFY,
    },
    ktpay: sandboxKtpayOptions(sandbox, {
      callbackUrl: KTPAY_CALLBACK,
      callbackSecret: 'property-callback-secret-0123456789abcdef',
    }),
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    onSessionSucceeded: (order) => {
      fulfilled.push(order.id);
    },
  });
  const create = async (methodId: string, sku: string) => {
    const response = await handler.fetch(
      new Request(`${API}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `prop-${methodId}` },
        body: JSON.stringify({ methodId, cart: { items: [{ sku, quantity: 1 }] } }),
      }),
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    return (await handler.getOrder(id)) as OrderRecord;
  };
  sessions.ksher = await create('ksher.card', 'tea');
  sessions.kesspay = await create('kesspay.webpay', 'coffee');
  sessions.ktpay = await create('ktpay.card', 'shubat');
  const hash = sessions.ktpay.gatewayOrderId as string;
  const payment = sandbox.ktpay.getPayment(hash);
  ktpayCapabilityUrl = payment?.callbackPostUrl as string;
  ktpayPayment = { orderId: payment?.orderId as string, wireAmount: payment?.wireAmount, hash };
  expect(ktpayCapabilityUrl.startsWith(`${KTPAY_CALLBACK}/`)).toBe(true);
});

afterAll(async () => {
  await handler.close();
  sandbox.close();
});

/** Sends one request and checks the three properties: refused, not a 5xx, nothing changed. */
async function expectRefused(request: Request) {
  const response = await handler.fetch(request);
  await response.body?.cancel();
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  for (const session of Object.values(sessions)) {
    const now = (await handler.getOrder(session.id)) as OrderRecord;
    expect(now.status).toBe('pending');
    expect(now.updatedAt).toBe(session.updatedAt);
  }
  expect(fulfilled).toEqual([]);
}

const anyText = fc.string({ unit: 'binary', maxLength: 64 });
const oversized = fc.integer({ min: 70_000, max: 90_000 }).map((n) => 'x'.repeat(n));
/** Any text, or the id of one of the sessions (read once they exist). */
const someId = () =>
  fc.oneof(anyText, fc.constant(''), fc.constantFrom(...Object.values(sessions).map((s) => s.id)));

describe('Ksher GET webhook', () => {
  const fields = () =>
    fc.record({
      code: fc.oneof(fc.constant('StatusChange'), anyText),
      instance: fc.oneof(fc.constant(sessions.ksher.id), anyText),
      message: fc.oneof(fc.constantFrom('Order Paid', 'Order Closed', 'Order Refunded'), anyText),
      type: fc.oneof(fc.constant('Order'), anyText),
    });

  it('random and malformed query strings are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          anyText,
          fc.oneof(
            anyText,
            oversized.map((s) => s.slice(0, 8000)),
          ),
        ),
        fc.string({ unit: 'binary-ascii', maxLength: 200 }),
        async (params, rawTail) => {
          await expectRefused(new Request(`${KSHER_WEBHOOK}?${new URLSearchParams(params)}`));
          await expectRefused(new Request(`${KSHER_WEBHOOK}?${encodeURI(rawTail)}`));
        },
      ),
      RUNS,
    );
  });

  it('forged signatures (random, other tokens, other URLs, changed fields) are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fields(),
        fc.oneof(
          fc.stringMatching(/^[0-9a-f]{64}$/).map((signature) => ({ signature })),
          fc.string({ minLength: 16, maxLength: 80 }).map((token) => ({ token })),
          fc.webUrl().map((url) => ({ url })),
        ),
        async (params, forgery) => {
          let signature: string;
          if ('signature' in forgery) signature = forgery.signature;
          else if ('token' in forgery) {
            fc.pre(forgery.token !== sandbox.ksher.token);
            signature = signKsher(KSHER_WEBHOOK, params, forgery.token);
          } else {
            fc.pre(forgery.url !== KSHER_WEBHOOK);
            signature = signKsher(forgery.url, params, sandbox.ksher.token);
          }
          await expectRefused(
            new Request(`${KSHER_WEBHOOK}?${new URLSearchParams({ ...params, signature })}`),
          );
          // A genuine signature over other field values does not cover the sent ones.
          const genuine = signKsher(
            KSHER_WEBHOOK,
            { ...params, message: 'x' },
            sandbox.ksher.token,
          );
          fc.pre(params.message !== 'x');
          await expectRefused(
            new Request(
              `${KSHER_WEBHOOK}?${new URLSearchParams({ ...params, signature: genuine })}`,
            ),
          );
        },
      ),
      RUNS,
    );
  });
});

describe('KessPay notify (form and JSON)', () => {
  const post = (body: string, contentType: string) =>
    new Request(KESSPAY_NOTIFY, { method: 'POST', headers: { 'content-type': contentType }, body });
  const contentType = fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=x',
  );

  it('random, malformed and oversized bodies are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.json(),
          fc.dictionary(anyText, anyText).map((d) => new URLSearchParams(d).toString()),
          oversized,
        ),
        contentType,
        async (body, type) => {
          await expectRefused(post(body, type));
        },
      ),
      RUNS,
    );
  });

  it('notifies signed with another key, or changed after signing, are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          out_trade_no: fc.oneof(fc.constant(sessions.kesspay.id.replace('_', '-')), anyText),
          status: fc.oneof(fc.constantFrom('SUCCESS', 'CLOSED', 'REFUNDED'), anyText),
          total_amount: fc.oneof(fc.constant('16.50'), anyText),
          currency: fc.constantFrom('USD', 'KHR', 'THB'),
          sign_type: fc.constantFrom('MD5', 'HMAC-SHA256'),
        }),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 80 }).map((key) => ({ key })),
          fc.constantFrom('status', 'total_amount', 'out_trade_no').map((field) => ({ field })),
        ),
        fc.boolean(),
        async (params, forgery, asJson) => {
          const signed: Record<string, string> = { ...params };
          if ('key' in forgery) {
            fc.pre(forgery.key !== sandbox.kesspay.credentials.apiSecretKey);
            signed.sign = signKesspay(params, forgery.key);
          } else {
            signed.sign = signKesspay(params, sandbox.kesspay.credentials.apiSecretKey);
            signed[forgery.field] = `${signed[forgery.field]}0`;
          }
          await expectRefused(
            asJson
              ? post(JSON.stringify(signed), 'application/json')
              : post(new URLSearchParams(signed).toString(), 'application/x-www-form-urlencoded'),
          );
        },
      ),
      RUNS,
    );
  });
});

describe('Ktpay callback', () => {
  const post = (url: string, body: string) =>
    new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const callback = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      merchant_id: 1,
      order_id: ktpayPayment.orderId,
      amount: ktpayPayment.wireAmount,
      transaction_hash: ktpayPayment.hash,
      created_at: '2026-11-21T12:00:00+06:00',
      updated_at: null,
      status: { status: 'completed', created_at: '2026-11-21T12:01:00+06:00', error: null },
      ...overrides,
    });

  it('forged capabilities are refused whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText.map(encodeURIComponent),
          fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((mac) => `${sessions.ktpay.id}.${mac}`),
          fc.constant(sessions.ktpay.id),
        ),
        fc.oneof(
          fc.constant(callback({})),
          fc.json(),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        async (capability, body) => {
          const url = `${KTPAY_CALLBACK}/${capability}`;
          fc.pre(url !== ktpayCapabilityUrl && URL.canParse(url));
          await expectRefused(post(url, body));
        },
      ),
      RUNS,
    );
  });

  it('on the genuine capability, malformed, oversized or mismatching bodies are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string({ unit: 'binary', maxLength: 300 }),
          oversized,
          fc
            .record({
              amount: fc.oneof(fc.double(), fc.integer(), anyText),
              order_id: fc.oneof(someId(), fc.constant(ktpayPayment.orderId)),
              transaction_hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), anyText),
            })
            .filter(
              (changed) =>
                changed.amount !== ktpayPayment.wireAmount ||
                changed.order_id !== ktpayPayment.orderId ||
                changed.transaction_hash !== ktpayPayment.hash,
            )
            .map((changed) => callback(changed)),
        ),
        async (body) => {
          await expectRefused(post(ktpayCapabilityUrl, body));
        },
      ),
      RUNS,
    );
  });
});

describe('KsherPay notify', () => {
  const NOTIFY = `${API}/webhooks/ksherpay`;
  let ksherpaySandbox: GatewaySandbox;
  let ksherpayHandler: CheckoutHandler;
  let session: OrderRecord;

  beforeAll(async () => {
    ksherpaySandbox = createGatewaySandbox({ publicUrl: 'http://gateway.test/sandbox' });
    const { ksherpay } = ksherpaySandbox;
    // Its method ids share the `ksher.` prefix, so KsherPay runs in a handler of its own.
    ksherpayHandler = createCheckoutHandler({
      basePath: '/api/checkout',
      databasePath: ':memory:',
      defaultReturnUrl: `${SHOP}/order`,
      resolveCart: catalogCart((sku) => catalog[sku], 'THB'),
      logger: { log: () => {} },
      ksherpay: {
        appid: ksherpay.appid,
        privateKey: KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
        publicKey: ksherpay.publicKey,
        apiBaseUrl: ksherpay.apiBaseUrl,
        gatewayBaseUrl: ksherpay.gatewayBaseUrl,
        notifyUrl: NOTIFY,
        channels: ['card'],
        qrChannels: [],
      },
      fetch: (input, init) => ksherpaySandbox.fetch(new Request(input, init)),
      onSessionSucceeded: (order) => {
        fulfilled.push(order.id);
      },
    });
    const response = await ksherpayHandler.fetch(
      new Request(`${API}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'prop-ksherpay' },
        body: JSON.stringify({
          methodId: 'ksher.card',
          cart: { items: [{ sku: 'tea', quantity: 1 }] },
        }),
      }),
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    session = (await ksherpayHandler.getOrder(id)) as OrderRecord;
  });

  afterAll(async () => {
    await ksherpayHandler.close();
    ksherpaySandbox.close();
  });

  async function expectNotifyRefused(body: string) {
    const response = await ksherpayHandler.fetch(
      new Request(NOTIFY, { method: 'POST', headers: { 'content-type': 'text/plain' }, body }),
    );
    await response.body?.cancel();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const now = (await ksherpayHandler.getOrder(session.id)) as OrderRecord;
    expect(now.status).toBe('pending');
    expect(now.updatedAt).toBe(session.updatedAt);
    expect(fulfilled).toEqual([]);
  }

  it('random, malformed and oversized bodies are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.json(), oversized),
        async (body) => {
          await expectNotifyRefused(body);
        },
      ),
      RUNS,
    );
  });

  it('notifies signed with the merchant key, a random signature, or changed after signing are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          appid: fc.constant(ksherpaySandbox.ksherpay.appid),
          mch_order_no: fc.oneof(fc.constant(session.id), anyText),
          result: fc.oneof(fc.constantFrom('SUCCESS', 'FAIL', 'CLOSED'), anyText),
          total_fee: fc.oneof(fc.constant(15_050), fc.integer()),
        }),
        fc.constantFrom('merchant key', 'random', 'changed'),
        fc.stringMatching(/^[0-9a-f]{128}$/),
        async (data, forgery, randomSign) => {
          let sign = randomSign;
          let sent: Record<string, unknown> = data;
          if (forgery === 'merchant key') {
            sign = signKsherPay(data, KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey);
          } else if (forgery === 'changed') {
            // Genuinely signed by the gateway's key, then one field changed.
            sign = signKsherPay(data, KSHER_SDK_EXAMPLE_PRIVATE_KEY);
            sent = { ...data, total_fee: data.total_fee + 1 };
          }
          await expectNotifyRefused(JSON.stringify({ code: 0, msg: 'ok', data: sent, sign }));
        },
      ),
      { numRuns: 60 },
    );
  });
});
