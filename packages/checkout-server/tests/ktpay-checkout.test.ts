/**
 * Ktpay end to end over real HTTP: the checkout handler and the gateway sandbox each listen on
 * 127.0.0.1 port 0. The handler seals create requests to the sandbox's app_key; the sandbox opens
 * them with its keypair, serves the card widget (with 3-D Secure) and posts JSON callbacks to each
 * session's capability URL.
 */
import { join } from 'node:path';
import type { GatewaySandbox } from '@localpay/gateway-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KtpayPayerFlow } from '../src/gateways/ktpay/config.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import {
  type Json,
  loadPageForm,
  type SandboxAndShop,
  sandboxKtpayOptions,
  shopHandlerOptions,
  startSandboxAndShop,
} from './checkout-servers.ts';
import { type CatalogProduct, catalogCart } from './handler-harness.ts';

const catalog: Record<string, CatalogProduct> = {
  // 15 000.50 KZT: tenge with tiyn on the wire.
  tea: { name: 'Шұбат & tea', unitAmount: 1_500_050, currency: 'KZT' },
  coffee: { name: 'Coffee', unitAmount: 1650, currency: 'USD' },
};
const resolveCart = catalogCart((sku) => catalog[sku], 'KZT');

const CALLBACK_SECRET = 'test-callback-secret-0123456789abcdef';
let servers: SandboxAndShop;
let sandbox: GatewaySandbox;
let handler: CheckoutHandler;
let callbackUrl: string;
const clock = { offsetMs: 0 };
const fulfilled: string[] = [];

function startHandler(overrides: { payerFlow?: KtpayPayerFlow; appId?: string } = {}) {
  return createCheckoutHandler({
    ...shopHandlerOptions(servers, fulfilled, clock),
    databasePath: join(servers.dir, `checkout-${Math.random()}.sqlite`),
    resolveCart,
    ktpay: sandboxKtpayOptions(sandbox, {
      callbackUrl,
      callbackSecret: CALLBACK_SECRET,
      timeoutMs: 1000,
      ...overrides,
    }),
  });
}

beforeAll(async () => {
  servers = await startSandboxAndShop({
    tmpPrefix: 'ktpay-it-',
    keyPrefix: 'kt',
    sandbox: (shopUrl) => {
      callbackUrl = `${shopUrl}/api/checkout/webhooks/ktpay`;
      return { ktpay: { callbackRetryDelaysMs: [20, 20, 20] } };
    },
  });
  sandbox = servers.sandbox;
  handler = startHandler();
  servers.route = (request) => handler.fetch(request);
});

afterEach(async () => {
  clock.offsetMs = 0;
  sandbox.ktpay.faults.reset();
  await sandbox.ktpay.idle();
  servers.route = (request) => handler.fetch(request);
});

afterAll(async () => {
  await servers.close(handler);
});

const postSession = (sku = 'tea', quantity = 1) =>
  servers.postSession('ktpay.card', [{ sku, quantity }]);
const createSession = (sku = 'tea', quantity = 1) =>
  servers.createSession('ktpay.card', [{ sku, quantity }]);
const getSession = (id: string) => servers.getSession(id);

/** Loads a widget page and submits its form with `fields`, like a payer without JS. */
async function submitForm(pageUrl: string, fields: Record<string, string>) {
  const form = await loadPageForm(pageUrl, 'frame-ancestors *');
  const hash = /name="hash" value="([0-9a-f]{40})"/.exec(form.html)?.[1] as string;
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ hash, ...fields }),
  });
  return { response, html: await response.text(), action: form.action.toString() };
}

async function hashOf(sessionId: string): Promise<string> {
  return (await handler.getOrder(sessionId))?.gatewayOrderId as string;
}

function capabilityUrlOf(hash: string): string {
  return sandbox.ktpay.getPayment(hash)?.callbackPostUrl as string;
}

async function postCallback(url: string, body: Json) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function callbackBody(hash: string, overrides: Json = {}): Json {
  const payment = sandbox.ktpay.getPayment(hash);
  return {
    merchant_id: 1,
    order_id: payment?.orderId,
    amount: payment?.wireAmount,
    transaction_hash: hash,
    created_at: '2026-11-21T12:00:00+06:00',
    updated_at: null,
    status: {
      status: 'completed',
      created_at: '2026-11-21T12:01:00+06:00',
      updated_at: null,
      error: null,
    },
    ...overrides,
  };
}

describe('Ktpay checkout against the sandbox', () => {
  it('lists one KZT card method', async () => {
    const response = await fetch(`${servers.api}/methods?currency=KZT`);
    const { methods } = (await response.json()) as Json;
    expect(methods).toEqual([
      {
        id: 'ktpay.card',
        provider: 'ktpay',
        flow: 'redirect',
        label: 'Card (Ktpay)',
        currencies: ['KZT'],
      },
    ]);
  });

  it('widget redirect: test card → callback → succeeded, fulfilled once, receipt PDF', async () => {
    const session = await createSession('tea', 2);
    expect(session).toMatchObject({ status: 'pending', amount: 3_000_100, currency: 'KZT' });
    const hash = await hashOf(session.id);
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(session.next).toEqual({
      type: 'redirect',
      url: `${sandbox.ktpay.widgetUrl}/payment-card?hash=${hash}`,
    });
    const payment = sandbox.ktpay.getPayment(hash);
    // Tenge with tiyn, the session id as order_id, a capability URL for callbacks.
    expect(payment).toMatchObject({
      orderId: session.id,
      wireAmount: 30001,
      amount: 3_000_100,
      type: 'ecom',
      description: 'Шұбат & tea x2',
      status: 'pending',
    });
    expect(payment?.callbackPostUrl).toMatch(
      new RegExp(`^${callbackUrl}/${session.id}\\.[A-Za-z0-9_-]{43}$`),
    );
    expect(payment?.callbackSuccessUrl).toContain(`checkout_session=${session.id}`);

    const { response, html } = await submitForm(session.next.url, {
      card_number: sandbox.ktpay.testCards.success,
    });
    expect(response.status).toBe(200);
    expect(html).toContain('Payment successful');
    await sandbox.ktpay.idle();

    expect(await getSession(session.id)).toMatchObject({ status: 'succeeded', amount: 3_000_100 });
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
    const delivery = sandbox.ktpay.callbackDeliveries().find((d) => d.transactionHash === hash);
    expect(delivery).toMatchObject({ paymentStatus: 'completed', status: 200, acknowledged: true });

    const receipt = await fetch(`${servers.api}/sessions/${session.id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(receipt.headers.get('content-disposition')).toBe(
      `attachment; filename="receipt-${session.id}.pdf"`,
    );
    const pdf = Buffer.from(await receipt.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain(`(Order: ${session.id}) Tj`);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);

    // The capability never lands in the event log.
    const events = JSON.stringify(await handler.listEvents(session.id));
    expect(events).not.toContain(capabilityUrlOf(hash).split('/').at(-1) as string);
    expect(events).not.toContain(CALLBACK_SECRET);
  });

  it('a declined test card fails the session; no receipt', async () => {
    const session = await createSession();
    const { html } = await submitForm(session.next.url, {
      card_number: sandbox.ktpay.testCards.declined,
    });
    expect(html).toContain('Payment declined');
    await sandbox.ktpay.idle();
    expect(await getSession(session.id)).toMatchObject({
      status: 'failed',
      failureReason: 'error_payment',
    });
    expect(fulfilled).not.toContain(session.id);
    const receipt = await fetch(`${servers.api}/sessions/${session.id}/receipt`);
    expect(receipt.status).toBe(409);
  });

  it('3-D Secure: the code page, then the right code pays', async () => {
    const session = await createSession();
    const card = await submitForm(session.next.url, {
      card_number: sandbox.ktpay.testCards.threeDSecure,
    });
    expect(card.html).toContain('3-D Secure check');
    expect((await getSession(session.id)).status).toBe('pending');
    // The widget page now shows the 3-D Secure step; submit the code there.
    const { html } = await submitForm(session.next.url, { code: sandbox.ktpay.threeDsCode });
    expect(html).toContain('Payment successful');
    await sandbox.ktpay.idle();
    expect((await getSession(session.id)).status).toBe('succeeded');
  });

  it('3-D Secure: a wrong code is denied', async () => {
    const session = await createSession();
    await submitForm(session.next.url, { card_number: sandbox.ktpay.testCards.threeDSecure });
    const { html } = await submitForm(session.next.url, { code: '000000' });
    expect(html).toContain('Payment declined');
    await sandbox.ktpay.idle();
    expect((await getSession(session.id)).status).toBe('failed');
  });

  it('forged callbacks (wrong capability, amount, hash, order) change nothing', async () => {
    const session = await createSession();
    const hash = await hashOf(session.id);
    const real = capabilityUrlOf(hash);
    const forgedCapability = `${callbackUrl}/${session.id}.${'A'.repeat(43)}`;
    const attempts: Array<[string, Json]> = [
      [forgedCapability, callbackBody(hash)],
      [`${callbackUrl}/${session.id}`, callbackBody(hash)],
      [real, callbackBody(hash, { amount: 1 })],
      [real, callbackBody(hash, { amount: 15000.505 })],
      [real, callbackBody(hash, { transaction_hash: 'f'.repeat(40) })],
      [real, callbackBody(hash, { order_id: 'cs_other' })],
      [real, { order_id: session.id }],
    ];
    for (const [url, body] of attempts) {
      const response = await postCallback(url, body);
      expect(response.status).toBe(401);
      expect(await response.json()).not.toEqual({ status: 'ok' });
    }
    expect((await getSession(session.id)).status).toBe('pending');
    const events = await handler.listEvents(session.id);
    expect(events.filter((e) => e.type === 'webhook_rejected').length).toBeGreaterThanOrEqual(5);
    expect(events.some((e) => e.type === 'status_changed')).toBe(false);
  });

  it('a genuine callback is idempotent: duplicates answer ok and change nothing more', async () => {
    sandbox.ktpay.faults.set({ webhooks: 'duplicate' });
    const session = await createSession();
    const hash = await hashOf(session.id);
    sandbox.ktpay.pay(hash);
    await sandbox.ktpay.idle();
    const deliveries = sandbox.ktpay.callbackDeliveries().filter((d) => d.transactionHash === hash);
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((d) => d.acknowledged)).toBe(true);
    const again = await postCallback(capabilityUrlOf(hash), callbackBody(hash));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'ok' });
    expect((await getSession(session.id)).status).toBe('succeeded');
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
    const events = await handler.listEvents(session.id);
    expect(events.filter((e) => e.type === 'status_changed')).toHaveLength(1);
    // A late `denied` for a paid session cannot move it back.
    await postCallback(
      capabilityUrlOf(hash),
      callbackBody(hash, { status: { status: 'denied', error: null } }),
    );
    expect((await getSession(session.id)).status).toBe('succeeded');
  });

  it('retries a callback that was not acknowledged, on the (compressed) schedule', async () => {
    const session = await createSession();
    const hash = await hashOf(session.id);
    let refused = 0;
    servers.route = async (request) => {
      if (new URL(request.url).pathname.includes('/webhooks/ktpay/') && refused < 2) {
        refused += 1;
        return new Response('busy', { status: 503 });
      }
      return handler.fetch(request);
    };
    sandbox.ktpay.pay(hash);
    await sandbox.ktpay.idle();
    const attempts = sandbox.ktpay.callbackDeliveries().filter((d) => d.transactionHash === hash);
    expect(attempts.map((d) => [d.attempt, d.status, d.acknowledged])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 200, true],
    ]);
    expect((await getSession(session.id)).status).toBe('succeeded');
  });

  it('a session without a callback expires at its expiresAt', async () => {
    const session = await createSession();
    expect((await getSession(session.id)).status).toBe('pending');
    clock.offsetMs = Date.parse(session.expiresAt) - Date.now() + 1000;
    expect(await getSession(session.id)).toMatchObject({
      status: 'expired',
      failureReason: 'expired',
    });
  });

  it('a payment after expiry stays expired but is recorded as payment_after_end', async () => {
    const session = await createSession();
    clock.offsetMs = Date.parse(session.expiresAt) - Date.now() + 1000;
    expect((await getSession(session.id)).status).toBe('expired');
    // Ktpay has no cancel: the payer can still pay the widget page.
    sandbox.ktpay.pay(await hashOf(session.id));
    await sandbox.ktpay.idle();
    expect((await getSession(session.id)).status).toBe('expired');
    expect(fulfilled).not.toContain(session.id);
    const late = (await handler.listEvents(session.id)).filter(
      (event) => event.type === 'payment_after_end',
    );
    expect(late.map((event) => event.payload)).toEqual([
      {
        status: 'expired',
        gateway: { amount: session.amount, currency: 'KZT' },
        source: 'webhook',
      },
    ]);
  });

  it('answers cancel with unsupported and names the Ktpay cabinet', async () => {
    const session = await createSession();
    const response = await servers.cancelSession(session.id);
    expect(response.status).toBe(501);
    const body = (await response.json()) as Json;
    expect(body.error.code).toBe('unsupported');
    expect(body.error.message).toContain('Ktpay merchant cabinet');
    expect((await getSession(session.id)).status).toBe('pending');
  });

  it('refund from the back office is unsupported', async () => {
    const session = await createSession();
    sandbox.ktpay.pay(await hashOf(session.id));
    await sandbox.ktpay.idle();
    await expect(handler.refund(session.id)).rejects.toMatchObject({ code: 'unsupported' });
    expect((await getSession(session.id)).status).toBe('succeeded');
  });

  it('receipt: 404 for an unknown session, 409 while pending', async () => {
    const unknown = await fetch(`${servers.api}/sessions/cs_nope/receipt`);
    expect(unknown.status).toBe(404);
    const session = await createSession();
    const pending = await fetch(`${servers.api}/sessions/${session.id}/receipt`);
    expect(pending.status).toBe(409);
  });

  it('refuses a non-KZT cart before calling Ktpay', async () => {
    const response = await postSession('coffee');
    expect(response.status).toBe(400);
    expect(sandbox.ktpay.listPayments().some((p) => p.description === 'Coffee')).toBe(false);
  });
});

describe('Ktpay payer flows and errors', () => {
  async function withHandler(
    overrides: Parameters<typeof startHandler>[0],
    run: () => Promise<void>,
  ) {
    const other = startHandler(overrides);
    servers.route = (request) => other.fetch(request);
    try {
      await run();
    } finally {
      servers.route = (request) => handler.fetch(request);
      await other.close();
    }
  }

  it('iframe: next is the widget page with its origin, and the close button is shown', async () => {
    await withHandler({ payerFlow: 'iframe' }, async () => {
      const session = await createSession();
      expect(session.next.type).toBe('iframe');
      expect(session.next.origin).toBe(new URL(servers.sandboxUrl).origin);
      expect(session.next.url).toMatch(/\/ktpay\/widget\/payment-card\?hash=[0-9a-f]{40}$/);
      const page = await (await fetch(session.next.url)).text();
      expect(page).toContain('data-ktpay-close');
      expect(page).toContain('/ktpay/widget/widget.js');
      const { html } = await submitForm(session.next.url, {
        card_number: sandbox.ktpay.testCards.success,
      });
      expect(html).toContain('data-ktpay-navigate');
      await sandbox.ktpay.idle();
      expect((await getSession(session.id)).status).toBe('succeeded');
    });
  });

  it('payment_page: redirects to the acquirer page from acquirer-options', async () => {
    await withHandler({ payerFlow: 'payment_page' }, async () => {
      const session = await createSession();
      expect(session.next.type).toBe('redirect');
      expect(session.next.url).toMatch(/\/ktpay\/epay\/payform\?hash=[0-9a-f]{40}$/);
      const { html } = await submitForm(session.next.url, {
        card_number: sandbox.ktpay.testCards.success,
      });
      expect(html).toContain('Payment successful');
      await sandbox.ktpay.idle();
      expect((await getSession(session.id)).status).toBe('succeeded');
    });
  });

  it('a wrong app_id is 4010103, answered as a provider error naming the setting', async () => {
    await withHandler({ appId: 'ffffffffffffffffffffffffffffffff' }, async () => {
      const response = await postSession();
      expect(response.status).toBe(502);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe('provider_error');
      expect(body.error.message).toContain('4010103');
      expect(body.error.message).toContain('KTPAY_APP_ID');
    });
  });

  it('an unavailable gateway is 503 and the session fails cleanly', async () => {
    sandbox.ktpay.faults.set({ failNext: { status: 500 } });
    const response = await postSession();
    expect(response.status).toBe(503);
    expect(((await response.json()) as Json).error.code).toBe('provider_unavailable');
  });
});
