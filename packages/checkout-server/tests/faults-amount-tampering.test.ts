/**
 * Amount tampering over real HTTP, for every gateway: a payment the gateway confirms for another
 * amount or currency than the stored session (which comes only from the server's cart pricing)
 * is never applied. The session stays pending, the success hook does not fire, the mismatch is
 * recorded as an event and logged.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import {
  type Json,
  type SandboxAndShop,
  sandboxKtpayOptions,
  shopHandlerOptions,
  startSandboxAndShop,
} from './checkout-servers.ts';
import { type CatalogProduct, catalogCart } from './handler-harness.ts';
import { logLine } from './secret-scan.ts';

const catalog: Record<string, CatalogProduct> = {
  tea: { name: 'Thai tea', unitAmount: 15_050, currency: 'THB' },
  coffee: { name: 'Iced coffee', unitAmount: 1650, currency: 'USD' },
  shubat: { name: 'Shubat', unitAmount: 1_500_050, currency: 'KZT' },
};

const CALLBACK_SECRET = 'tamper-callback-secret-0123456789abcdef';
let servers: SandboxAndShop;
let handler: CheckoutHandler;
const fulfilled: string[] = [];
const logs: Array<{ level: string; message: string }> = [];
/** Rewrites the `data` of KessPay's next queryorder answers (the gateway's confirmation). */
let kesspayQueryData: Json | undefined;

beforeAll(async () => {
  let ksherWebhookUrl = '';
  let kesspayNotifyUrl = '';
  let ktpayCallbackUrl = '';
  servers = await startSandboxAndShop({
    tmpPrefix: 'checkout-tamper-',
    keyPrefix: 'tamper',
    sandbox: (shopUrl) => {
      ksherWebhookUrl = `${shopUrl}/api/checkout/webhooks/ksher`;
      kesspayNotifyUrl = `${shopUrl}/api/checkout/webhooks/kesspay`;
      ktpayCallbackUrl = `${shopUrl}/api/checkout/webhooks/ktpay`;
      return {
        ksher: { webhookUrl: ksherWebhookUrl, webhookRetryDelayMs: 20 },
        kesspay: { notifyRetryDelayMs: 20 },
        ktpay: { callbackRetryDelaysMs: [20] },
      };
    },
  });
  const { sandbox } = servers;
  servers.secrets.push({ name: 'Ktpay callback secret', value: CALLBACK_SECRET });
  handler = createCheckoutHandler({
    ...shopHandlerOptions(servers, fulfilled),
    databasePath: join(servers.dir, 'checkout.sqlite'),
    resolveCart: catalogCart((sku) => catalog[sku], 'THB'),
    logger: {
      log: (level, message, fields) => {
        logs.push({ level, message });
        servers.exposures.record('log', logLine(level, message, fields));
      },
    },
    ksher: {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl: ksherWebhookUrl,
      timeoutMs: 1000,
    },
    kesspay: {
      ...sandbox.kesspay.credentials,
      baseUrl: sandbox.kesspay.baseUrl,
      notifyUrl: kesspayNotifyUrl,
      timeoutMs: 1000,
    },
    ktpay: sandboxKtpayOptions(sandbox, {
      callbackUrl: ktpayCallbackUrl,
      callbackSecret: CALLBACK_SECRET,
      timeoutMs: 1000,
    }),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const response = await globalThis.fetch(request.clone());
      if (kesspayQueryData === undefined || request.method !== 'POST') return response;
      const body = (await request.clone().text()).includes('"webpay.acquire.queryorder"');
      if (!body) return response;
      // KessPay answers are not signed (only TLS protects them): this is what a compromised or
      // confused gateway answer looks like.
      const json = (await response.json()) as Json;
      return Response.json({ ...json, data: { ...json.data, ...kesspayQueryData } });
    },
  });
  servers.route = (request) => handler.fetch(request);
});

afterEach(async () => {
  kesspayQueryData = undefined;
  logs.length = 0;
  servers.sandbox.ksher.faults.reset();
  await servers.sandbox.ksher.idle();
  await servers.sandbox.kesspay.idle();
  await servers.sandbox.ktpay.idle();
});

afterAll(async () => {
  await servers.close(handler);
});

async function expectNotApplied(
  sessionId: string,
  rejection: 'amount_mismatch' | 'webhook_rejected',
) {
  expect((await servers.getSession(sessionId)).status).toBe('pending');
  expect(fulfilled).not.toContain(sessionId);
  const events = await handler.listEvents(sessionId);
  expect(events.map((e) => e.type)).toContain(rejection);
  expect(events.some((e) => e.type === 'status_changed')).toBe(false);
  expect(logs.some((l) => l.level === 'error' || l.level === 'warn')).toBe(true);
}

describe('amount tampering', () => {
  it.each([
    ['amount', { amount: 1 }],
    ['currency', { currency: 'USD' }],
  ])(
    'Ksher: a paid order whose query answer has another %s stays pending',
    async (_name, fields) => {
      const session = await servers.createSession('ksher.card', [{ sku: 'tea', quantity: 1 }]);
      // Every signed order answer from now on carries the changed field, validly signed.
      servers.sandbox.ksher.faults.set({ overrideResponse: { fields, count: 100 } });
      await servers.sandbox.ksher.pay(session.id);
      await servers.sandbox.ksher.idle();
      await expectNotApplied(session.id, 'amount_mismatch');
      expect(logs).toContainEqual({
        level: 'error',
        message: 'gateway amount or currency does not match the session; left pending',
      });
      // Once the gateway answers the true amount, the same payment is applied.
      servers.sandbox.ksher.faults.reset();
      expect((await servers.getSession(session.id)).status).toBe('succeeded');
      expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
    },
  );

  it.each([
    ['amount', { total_amount: 0.01 }],
    ['currency', { currency: 'KHR' }],
  ])('KessPay: a paid order whose queryorder has another %s stays pending', async (_name, data) => {
    const session = await servers.createSession('kesspay.webpay', [{ sku: 'coffee', quantity: 1 }]);
    kesspayQueryData = data;
    await servers.sandbox.kesspay.pay(session.id.replace('_', '-'));
    await servers.sandbox.kesspay.idle();
    await expectNotApplied(session.id, 'amount_mismatch');
    expect(logs).toContainEqual({
      level: 'error',
      message: 'gateway amount or currency does not match the session; left pending',
    });
    kesspayQueryData = undefined;
    expect((await servers.getSession(session.id)).status).toBe('succeeded');
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
  });

  it.each([
    ['a number', 1],
    ['text', '1.00'],
  ])(
    'Ktpay: a callback with another amount (%s) is refused with 401 and logged',
    async (_name, tampered) => {
      const session = await servers.createSession('ktpay.card', [{ sku: 'shubat', quantity: 1 }]);
      const hash = (await handler.getOrder(session.id))?.gatewayOrderId as string;
      const payment = servers.sandbox.ktpay.getPayment(hash);
      const send = (amount: unknown) =>
        fetch(payment?.callbackPostUrl as string, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            merchant_id: 1,
            order_id: payment?.orderId,
            amount,
            transaction_hash: hash,
            created_at: '2026-11-21T12:00:00+06:00',
            updated_at: null,
            status: { status: 'completed', created_at: '2026-11-21T12:01:00+06:00', error: null },
          }),
        });
      expect((await send(tampered)).status).toBe(401);
      await expectNotApplied(session.id, 'webhook_rejected');
      expect(logs).toContainEqual({ level: 'warn', message: 'rejected a webhook' });
      // The same callback with the session's own amount is accepted.
      expect((await send(payment?.wireAmount)).status).toBe(200);
      expect((await servers.getSession(session.id)).status).toBe('succeeded');
    },
  );
});
