/**
 * KessPay end to end over real HTTP: the checkout handler and the gateway sandbox each listen on
 * 127.0.0.1 port 0, the handler's KessPay base URL is the sandbox's, and the sandbox posts
 * form-encoded notifies to the handler's notify URL.
 */
import { join } from 'node:path';
import type { GatewaySandbox } from '@localpay/gateway-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signKesspay } from '../src/gateways/kesspay/signature.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import {
  type Json,
  loadPageForm,
  type SandboxAndShop,
  shopHandlerOptions,
  startSandboxAndShop,
} from './checkout-servers.ts';
import { type CatalogProduct, catalogCart } from './handler-harness.ts';

const catalog: Record<string, CatalogProduct> = {
  coffee: { name: 'Iced coffee & milk', unitAmount: 1650, currency: 'USD' },
  num: { name: 'នំបញ្ចុក', unitAmount: 20_000, currency: 'KHR' },
};
const resolveCart = catalogCart((sku) => catalog[sku], 'USD');

let servers: SandboxAndShop;
let sandbox: GatewaySandbox;
let handler: CheckoutHandler;
let notifyUrl: string;
const clock = { offsetMs: 0 };
const fulfilled: string[] = [];

function startHandler(
  overrides: { authMode?: 'oauth' | 'basic'; signType?: 'MD5' | 'HMAC-SHA256' } = {},
) {
  const { credentials } = sandbox.kesspay;
  return createCheckoutHandler({
    ...shopHandlerOptions(servers, fulfilled, clock),
    databasePath: join(servers.dir, `checkout-${Math.random()}.sqlite`),
    resolveCart,
    kesspay: {
      baseUrl: sandbox.kesspay.baseUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      username: credentials.username,
      password: credentials.password,
      apiSecretKey: credentials.apiSecretKey,
      sellerCode: credentials.sellerCode,
      notifyUrl,
      timeoutMs: 1000,
      ...overrides,
    },
  });
}

beforeAll(async () => {
  servers = await startSandboxAndShop({
    tmpPrefix: 'kesspay-it-',
    keyPrefix: 'kp',
    sandbox: (shopUrl) => {
      notifyUrl = `${shopUrl}/api/checkout/webhooks/kesspay`;
      return { kesspay: { notifyRetryDelayMs: 50 } };
    },
  });
  sandbox = servers.sandbox;
  handler = startHandler();
  servers.route = (request) => handler.fetch(request);
});

afterEach(async () => {
  clock.offsetMs = 0;
  sandbox.kesspay.faults.reset();
  await sandbox.kesspay.idle();
});

afterAll(async () => {
  await servers.close(handler);
});

const createSession = (methodId: string, sku: string, quantity = 1) =>
  servers.createSession(methodId, [{ sku, quantity }]);
const getSession = (id: string) => servers.getSession(id);

/** Loads a sandbox page and submits its form with one button, like a payer without JS. */
async function submitPage(pageUrl: string, action: string) {
  const form = await loadPageForm(pageUrl, "default-src 'none'");
  return fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams({ action }),
    redirect: 'manual',
  });
}

const outTradeNo = (sessionId: string) => sessionId.replace('_', '-');

describe('KessPay checkout against the sandbox', () => {
  it('lists the hosted page and the nativePay methods from getpaymentmethods', async () => {
    const response = await fetch(`${servers.api}/methods?currency=KHR`);
    const { methods } = (await response.json()) as Json;
    expect(methods.map((m: Json) => m.id)).toEqual([
      'kesspay.webpay',
      'kesspay.khqr',
      'kesspay.abaakhpp',
      'kesspay.aclbkhpp',
    ]);
    expect(methods[1]).toMatchObject({ flow: 'qr', label: 'KHQR', currencies: ['USD', 'KHR'] });
  });

  it('redirect (USD): hosted page → Pay → notify → queryorder → succeeded', async () => {
    const session = await createSession('kesspay.webpay', 'coffee', 2);
    expect(session.next.type).toBe('redirect');
    expect(session.next.url).toMatch(new RegExp(`^${sandbox.kesspay.baseUrl}/pay/[0-9a-f]{32}$`));
    const order = sandbox.kesspay.getOrder(outTradeNo(session.id));
    expect(order).toMatchObject({ amount: 3300, currency: 'USD', notifyUrl, status: 'WAITING' });
    expect(order?.detail).toEqual([{ no: 1, name: 'Iced coffee & milk', price: 16.5, qty: 2 }]);

    const paid = await submitPage(session.next.url, 'pay');
    expect(paid.status).toBe(303);
    const back = new URL(paid.headers.get('location') as string);
    expect(back.searchParams.get('checkout_session')).toBe(session.id);
    await sandbox.kesspay.idle();

    expect(await getSession(session.id)).toMatchObject({ status: 'succeeded', amount: 3300 });
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
    const delivery = sandbox.kesspay
      .notifyDeliveries()
      .find((d) => d.outTradeNo === outTradeNo(session.id));
    expect(delivery).toMatchObject({ orderStatus: 'SUCCESS', status: 200 });
    const events = await handler.listEvents(session.id);
    const text = JSON.stringify(events);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['gateway_call', 'webhook_received', 'webhook_applied']),
    );
    const { credentials } = sandbox.kesspay;
    for (const secret of [
      credentials.apiSecretKey,
      credentials.clientSecret,
      credentials.password,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('KHQR (KHR): QR with deeplink → payer page → succeeded', async () => {
    const session = await createSession('kesspay.khqr', 'num', 2);
    expect(session.next).toMatchObject({ type: 'qr' });
    expect(session.next.svg).toMatch(/^<svg /);
    const payload: string = session.next.payload;
    expect(payload.startsWith('000201010212')).toBe(true);
    expect(payload).toContain('5303116');
    expect(payload).toContain('540540000');
    expect(payload).toContain(outTradeNo(session.id));
    expect(session.next.deeplink).toMatch(new RegExp(`^${sandbox.kesspay.baseUrl}/qr/`));
    expect(Date.parse(session.next.expiresAt)).toBeLessThanOrEqual(Date.parse(session.expiresAt));

    const result = await submitPage(session.next.deeplink, 'pay');
    expect(result.status).toBe(200);
    await sandbox.kesspay.idle();
    expect(await getSession(session.id)).toMatchObject({ status: 'succeeded', currency: 'KHR' });
  });

  it('decline on the payer page → failed', async () => {
    const session = await createSession('kesspay.abaakhpp', 'coffee');
    await submitPage(session.next.deeplink, 'decline');
    await sandbox.kesspay.idle();
    expect(await getSession(session.id)).toMatchObject({
      status: 'failed',
      failureReason: 'declined',
    });
  });

  it('cancel → closeorder → cancelled; the CLOSED notify changes nothing', async () => {
    const session = await createSession('kesspay.webpay', 'coffee');
    const response = await servers.cancelSession(session.id);
    expect(((await response.json()) as Json).status).toBe('cancelled');
    await sandbox.kesspay.idle();
    expect(sandbox.kesspay.getOrder(outTradeNo(session.id))?.status).toBe('CLOSED');
    expect((await getSession(session.id)).status).toBe('cancelled');
  });

  it('past the session expiry the order is closed at the gateway and the session expires', async () => {
    const session = await createSession('kesspay.khqr', 'coffee');
    clock.offsetMs = 31 * 60_000;
    expect(await getSession(session.id)).toMatchObject({ status: 'expired' });
    expect(sandbox.kesspay.getOrder(outTradeNo(session.id))?.status).toBe('CLOSED');
  });

  it('refund: partial, then the rest (v2Refund)', async () => {
    const session = await createSession('kesspay.webpay', 'coffee');
    await sandbox.kesspay.pay(outTradeNo(session.id));
    await sandbox.kesspay.idle();
    expect((await getSession(session.id)).status).toBe('succeeded');
    const partial = await handler.refund(session.id, { amount: 525 });
    expect(partial).toMatchObject({ status: 'partially_refunded', refundedAmount: 525 });
    const order = sandbox.kesspay.getOrder(outTradeNo(session.id));
    expect(order?.status).toBe('PARTIAL_REFUNDED');
    expect(order?.refunds[0]).toMatchObject({ amount: 525, merchantReference: `${session.id}-r1` });
    const rest = await handler.refund(session.id);
    expect(rest).toMatchObject({ status: 'refunded', refundedAmount: 1650 });
    expect(sandbox.kesspay.getOrder(outTradeNo(session.id))?.status).toBe('REFUNDED');
  });

  it('a duplicated notify makes one transition and one fulfilment', async () => {
    sandbox.kesspay.faults.set({ webhooks: 'duplicate' });
    const session = await createSession('kesspay.webpay', 'coffee');
    await sandbox.kesspay.pay(outTradeNo(session.id));
    await sandbox.kesspay.idle();
    const deliveries = sandbox.kesspay
      .notifyDeliveries()
      .filter((d) => d.outTradeNo === outTradeNo(session.id));
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
    const events = await handler.listEvents(session.id);
    expect(events.filter((e) => e.type === 'status_changed')).toHaveLength(1);
  });

  it('a forged notify is refused with 401 and changes nothing', async () => {
    const session = await createSession('kesspay.webpay', 'coffee');
    const params: Record<string, string> = {
      out_trade_no: outTradeNo(session.id),
      status: 'SUCCESS',
      total_amount: '16.50',
      currency: 'USD',
      sign_type: 'MD5',
    };
    params.sign = signKesspay(params, 'not-the-api-secret-key');
    const response = await fetch(notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
    });
    expect(response.status).toBe(401);
    expect((await getSession(session.id)).status).toBe('pending');
    const events = await handler.listEvents(session.id);
    expect(events.some((e) => e.type === 'webhook_rejected')).toBe(true);
  });

  it('a signed notify that lies is checked with queryorder before anything is fulfilled', async () => {
    const session = await createSession('kesspay.webpay', 'coffee');
    const params: Record<string, string> = {
      out_trade_no: outTradeNo(session.id),
      status: 'SUCCESS',
      total_amount: '16.50',
      currency: 'USD',
      sign_type: 'HMAC-SHA256',
    };
    params.sign = signKesspay(params, sandbox.kesspay.credentials.apiSecretKey);
    const response = await fetch(notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    expect(response.status).toBe(200);
    expect((await getSession(session.id)).status).toBe('pending');
    expect(fulfilled).not.toContain(session.id);
  });

  it('a revoked token gets 401: the client re-authenticates once and the call succeeds', async () => {
    const session = await createSession('kesspay.webpay', 'coffee');
    const before = sandbox.kesspay.tokensIssued();
    sandbox.kesspay.revokeTokens();
    await sandbox.kesspay.pay(outTradeNo(session.id));
    await sandbox.kesspay.idle();
    expect((await getSession(session.id)).status).toBe('succeeded');
    expect(sandbox.kesspay.tokensIssued()).toBe(before + 1);
  });

  it('the token is renewed before its 1800 s expiry, and reused until then', async () => {
    const session = await createSession('kesspay.webpay', 'coffee');
    const before = sandbox.kesspay.tokensIssued();
    await getSession(session.id);
    expect(sandbox.kesspay.tokensIssued()).toBe(before);
    clock.offsetMs = 1501 * 1000;
    const later = await createSession('kesspay.webpay', 'coffee');
    expect(later.next.type).toBe('redirect');
    expect(sandbox.kesspay.tokensIssued()).toBe(before + 1);
  });

  it('a gateway 5xx on create is provider_unavailable and frees the key', async () => {
    sandbox.kesspay.faults.set({ failNext: { status: 503, count: 2 } });
    const response = await servers.postSession(
      'kesspay.webpay',
      [{ sku: 'coffee', quantity: 1 }],
      'kp-503',
    );
    expect(response.status).toBe(503);
    expect(((await response.json()) as Json).error.code).toBe('provider_unavailable');
  });
});

describe('KessPay legacy v1 (Basic auth) against the sandbox', () => {
  it('creates and confirms a payment through /api/mch/v1/gateway, signed HMAC-SHA256', async () => {
    const basic = startHandler({ authMode: 'basic', signType: 'HMAC-SHA256' });
    const previous = servers.route;
    servers.route = (request) => basic.fetch(request);
    try {
      const session = await createSession('kesspay.webpay', 'coffee');
      expect(sandbox.kesspay.getOrder(outTradeNo(session.id))?.signType).toBe('HMAC-SHA256');
      await sandbox.kesspay.pay(outTradeNo(session.id));
      await sandbox.kesspay.idle();
      expect((await getSession(session.id)).status).toBe('succeeded');
    } finally {
      servers.route = previous;
      await basic.close();
    }
  });
});
