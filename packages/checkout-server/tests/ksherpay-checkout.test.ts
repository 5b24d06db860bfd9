/**
 * KsherPay end to end over real HTTP: the checkout handler and the gateway sandbox each listen on
 * 127.0.0.1 port 0; the handler's KsherPay base URLs are the sandbox's, and the sandbox posts
 * text/plain JSON notifications, signed with its own key, to the handler's notify URL.
 */
import { join } from 'node:path';
import {
  type GatewaySandbox,
  KSHER_SDK_EXAMPLE_PRIVATE_KEY,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signKsherPay } from '../src/gateways/ksherpay/signature.ts';
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
  tea: { name: 'Thai milk tea', unitAmount: 6_500, currency: 'THB' },
  mango: { name: 'Mango sticky rice', unitAmount: 12_000, currency: 'THB' },
};
const resolveCart = catalogCart((sku) => catalog[sku], 'THB');

let servers: SandboxAndShop;
let sandbox: GatewaySandbox;
let handler: CheckoutHandler;
let notifyUrl: string;
const fulfilled: string[] = [];

beforeAll(async () => {
  servers = await startSandboxAndShop({
    tmpPrefix: 'ksherpay-it-',
    keyPrefix: 'kp',
    sandbox: (shopUrl) => {
      notifyUrl = `${shopUrl}/api/checkout/webhooks/ksherpay`;
      return { ksherpay: { notifyRetryDelaysMs: [20, 20] } };
    },
  });
  sandbox = servers.sandbox;
  handler = createCheckoutHandler({
    ...shopHandlerOptions(servers, fulfilled),
    databasePath: join(servers.dir, 'checkout.sqlite'),
    resolveCart,
    ksherpay: {
      appid: sandbox.ksherpay.appid,
      privateKey: KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
      publicKey: sandbox.ksherpay.publicKey,
      apiBaseUrl: sandbox.ksherpay.apiBaseUrl,
      gatewayBaseUrl: sandbox.ksherpay.gatewayBaseUrl,
      notifyUrl,
      channels: ['card'],
      qrChannels: ['promptpay'],
      timeoutMs: 2000,
    },
  });
  servers.route = (request) => handler.fetch(request);
});

afterEach(async () => {
  sandbox.ksherpay.faults.reset();
  await sandbox.ksherpay.idle();
});

afterAll(async () => {
  await servers.close(handler);
});

const createSession = (methodId: string, sku: string, quantity = 1) =>
  servers.createSession(methodId, [{ sku, quantity }]);

async function payOnHostedPage(url: string) {
  const form = await loadPageForm(url, "default-src 'none'");
  return fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams({ action: 'pay', channel: 'card' }),
    redirect: 'manual',
  });
}

function postNotify(body: unknown): Promise<Response> {
  return fetch(notifyUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=utf-8' },
    body: JSON.stringify(body),
  });
}

describe('KsherPay checkout against the sandbox', () => {
  let redirectSessionId = '';

  it('lists the same ksher.* method ids as the vip gateway adapter', async () => {
    const { methods } = (await (await fetch(`${servers.api}/methods?currency=THB`)).json()) as Json;
    expect(methods.map((m: Json) => [m.id, m.flow, m.provider])).toEqual([
      ['ksher.card', 'redirect', 'ksherpay'],
      ['ksher.promptpay', 'qr', 'ksherpay'],
    ]);
  });

  it('redirect: gateway_pay → hosted page → notify → gateway_order_query → succeeded', async () => {
    const session = await createSession('ksher.card', 'tea', 2);
    redirectSessionId = session.id;
    expect(session.next.type).toBe('redirect');
    expect(session.next.url).toMatch(
      new RegExp(`^${sandbox.ksherpay.baseUrl}/ua\\?order_uuid=[0-9a-f]{32}&lang=en$`),
    );
    expect(sandbox.ksherpay.getOrder(session.id)).toMatchObject({
      kind: 'gateway_pay',
      amount: 13_000,
      feeType: 'THB',
      notifyUrl,
      status: 'NOTPAY',
    });

    const paid = await payOnHostedPage(session.next.url);
    expect(paid.status).toBe(303);
    const back = new URL(paid.headers.get('location') as string);
    expect(back.searchParams.get('checkout_session')).toBe(session.id);
    expect(back.searchParams.get('mch_order_no')).toBe(session.id);
    await sandbox.ksherpay.idle();

    expect(await servers.getSession(session.id)).toMatchObject({
      status: 'succeeded',
      amount: 13_000,
    });
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
    const delivery = sandbox.ksherpay
      .notifyDeliveries()
      .find((entry) => entry.mchOrderNo === session.id);
    expect(delivery).toMatchObject({ status: 200, delivered: true, attempt: 1 });
    const events = await handler.listEvents(session.id);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['gateway_call', 'webhook_received', 'webhook_applied']),
    );
    expect(JSON.stringify(events)).not.toContain('PRIVATE KEY');
  });

  it('a repeated notification is answered the same and applied once', async () => {
    const order = sandbox.ksherpay.getOrder(redirectSessionId);
    expect(order?.status).toBe('SUCCESS');
    const data = {
      appid: sandbox.ksherpay.appid,
      mch_order_no: redirectSessionId,
      result: 'SUCCESS',
      ksher_order_no: order?.ksherOrderNo,
      total_fee: 13_000,
    };
    const body = {
      code: 0,
      msg: 'ok',
      data,
      sign: signKsherPay(data, KSHER_SDK_EXAMPLE_PRIVATE_KEY),
    };
    for (let i = 0; i < 2; i += 1) {
      const reply = await postNotify(body);
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ result: 'SUCCESS', msg: 'OK' });
    }
    expect(fulfilled.filter((id) => id === redirectSessionId)).toHaveLength(1);
  });

  it('refund of a hosted-page order goes by its KsherPay order (§4.7)', async () => {
    const partial = await handler.refund(redirectSessionId, { amount: 3_000 });
    expect(partial).toMatchObject({ status: 'partially_refunded', refundedAmount: 3_000 });
    const rest = await handler.refund(redirectSessionId);
    expect(rest).toMatchObject({ status: 'refunded', refundedAmount: 13_000 });
    const order = sandbox.ksherpay.getOrder(redirectSessionId);
    expect(order?.status).toBe('REFUND');
    expect(order?.refunds.map((refund) => refund.amount)).toEqual([3_000, 10_000]);
    expect(order?.refunds[0]?.mchRefundNo).toBe(`${redirectSessionId}-r1`);
  });

  it('QR: native_pay → our SVG of code_url → payer phone → succeeded', async () => {
    const session = await createSession('ksher.promptpay', 'mango');
    expect(session.next.type).toBe('qr');
    expect(session.next.svg).toMatch(/^<svg /);
    const payload: string = session.next.payload;
    expect(payload.startsWith('000201010212')).toBe(true);
    expect(payload).toContain('5802TH');
    expect(sandbox.ksherpay.getOrder(session.id)?.codeUrl).toBe(payload);

    const phone = await loadPageForm(sandbox.ksherpay.phoneUrl(session.id), "default-src 'none'");
    expect(phone.html).toContain(payload);
    const paid = await fetch(phone.action, {
      method: 'POST',
      body: new URLSearchParams({ action: 'pay' }),
    });
    expect(paid.status).toBe(200);
    await sandbox.ksherpay.idle();
    expect(await servers.getSession(session.id)).toMatchObject({ status: 'succeeded' });
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);

    const refunded = await handler.refund(session.id);
    expect(refunded).toMatchObject({ status: 'refunded', refundedAmount: 12_000 });
  });

  it('rejects a forged notification and never trusts an unconfirmed SUCCESS', async () => {
    const session = await createSession('ksher.card', 'tea');
    const data = {
      appid: sandbox.ksherpay.appid,
      mch_order_no: session.id,
      result: 'SUCCESS',
      total_fee: 6_500,
    };
    // Signed with the merchant's key instead of Ksher's: 401, nothing changes.
    const forged = await postNotify({
      code: 0,
      data,
      sign: signKsherPay(data, KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey),
    });
    expect(forged.status).toBe(401);
    const events = await handler.listEvents(session.id);
    expect(events.map((event) => event.type)).toContain('webhook_rejected');

    // Validly signed, but the gateway says NOTSURE (unpaid): confirmed by query, stays pending.
    const signed = await postNotify({
      code: 0,
      data,
      sign: signKsherPay(data, KSHER_SDK_EXAMPLE_PRIVATE_KEY),
    });
    expect(signed.status).toBe(200);
    expect(await servers.getSession(session.id)).toMatchObject({ status: 'pending' });
    expect(fulfilled).not.toContain(session.id);
  });

  it('cancel: cancel_order closes the hosted-page order', async () => {
    const session = await createSession('ksher.card', 'tea');
    const cancelled = await servers.cancelSession(session.id);
    expect(cancelled.status).toBe(200);
    expect(await servers.getSession(session.id)).toMatchObject({ status: 'cancelled' });
    expect(sandbox.ksherpay.getOrder(session.id)?.status).toBe('CLOSED');
  });

  it('an answer changed after signing is refused', async () => {
    sandbox.ksherpay.faults.set({ tamperResponseNext: 1 });
    const response = await servers.postSession('ksher.promptpay', [{ sku: 'tea', quantity: 1 }]);
    expect(response.status).toBeGreaterThanOrEqual(500);
  });

  it('server APIs: B scan C through handler.ksherpay', async () => {
    const office = handler.ksherpay;
    expect(office).toBeDefined();
    const paid = await office?.chargeWalletCode({
      mchOrderNo: 'POS-0001',
      amount: 2_500,
      authCode: '287383764575786573',
      channel: 'alipay',
    });
    expect(paid).toMatchObject({ result: 'SUCCESS', mch_order_no: 'POS-0001', total_fee: 2_500 });
    const waiting = await office?.chargeWalletCode({
      mchOrderNo: 'POS-0002',
      amount: 2_500,
      authCode: '287383764575786571',
    });
    expect(waiting).toMatchObject({ result: 'NOTSURE', err_code: 'PAYMENT_IN_PROCESS' });
    expect(await office?.reverse({ mch_order_no: 'POS-0002' })).toMatchObject({
      result: 'SUCCESS',
    });
    expect(await office?.queryOrder({ mch_order_no: 'POS-0002' })).toMatchObject({
      result: 'CLOSED',
    });
  });
});
