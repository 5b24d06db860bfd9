/**
 * Ksher QR payments (C scan B) end to end over real HTTP: the browser API, the sandbox acting as
 * the payer's phone, webhooks, SSE, expiry (the gateway's and ours) and refunds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type KsherServers, startKsherServers } from './ksher-servers.ts';

let s: KsherServers;
beforeAll(async () => {
  s = await startKsherServers();
});
afterEach(async () => {
  s.clock.offsetMs = 0;
  s.sandbox.ksher.faults.reset();
  await s.sandbox.ksher.idle();
});
afterAll(async () => {
  await s.close();
});

/** What a payer's phone does: scan the QR (look the payload up), then press Pay. */
async function payWithPhone(payload: string) {
  const scanned = await fetch(`${s.sandbox.ksher.phoneUrl()}?${new URLSearchParams({ payload })}`, {
    redirect: 'manual',
  });
  expect(scanned.status).toBe(303);
  const orderPage = new URL(scanned.headers.get('location') as string, s.sandbox.ksher.baseUrl);
  const paid = await fetch(orderPage, {
    method: 'POST',
    body: new URLSearchParams({ action: 'pay' }),
    redirect: 'manual',
  });
  expect(paid.status).toBeLessThan(400);
}

describe('Ksher QR methods in the browser API', () => {
  it('lists the QR channels as qr methods and card as the redirect one (defaults)', async () => {
    const { methods } = (await (await fetch(`${s.api}/methods?currency=THB`)).json()) as {
      methods: Array<{ id: string; flow: string }>;
    };
    expect(methods.map((m) => `${m.id}:${m.flow}`)).toEqual([
      'ksher.card:redirect',
      'ksher.promptpay:qr',
      'ksher.truemoney:qr',
      'ksher.airpay:qr',
      'ksher.alipay:qr',
      'ksher.wechat:qr',
    ]);
  });

  it('answers a QR session with a server-rendered SVG, the payload and the configured expiry', async () => {
    const before = Date.now();
    const { status, body } = await s.createSession('ksher.promptpay');
    expect(status).toBe(201);
    const order = s.sandbox.ksher.getOrder(body.id);
    expect(order).toMatchObject({ type: 'cscanb', channel: 'promptpay', amount: 15_050 });
    expect(body.next).toMatchObject({ type: 'qr', payload: order?.qrPayload });
    expect(body.next.svg).toMatch(/^<svg role="img" aria-label="PromptPay QR code"[^>]*>/);
    expect(body.next).not.toHaveProperty('deeplink');
    // 600 s (ksher.qrTtlSeconds default), not the 1800 s of redirect sessions.
    const expiresAt = Date.parse(body.next.expiresAt);
    expect(body.expiresAt).toBe(body.next.expiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(600_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(600_000);
    expect((await s.handler.getOrder(body.id))?.gatewayApi).toBe('cscanb');
  });
});

describe('paying a QR', () => {
  it('create → the phone scans and pays → webhook → succeeded over SSE', async () => {
    const { body: session } = await s.createSession('ksher.truemoney');
    const stream = await s.streamUntilFinal(session.id, () => payWithPhone(session.next.payload));
    expect(stream).toMatch(/event: status\ndata: \{"id":"cs_[0-9a-f]+","status":"pending"/);
    expect(stream).toMatch(/event: status\ndata: \{"id":"cs_[0-9a-f]+","status":"succeeded"/);
    await s.sandbox.ksher.idle();
    expect((await s.getSession(session.id)).body).toMatchObject({ status: 'succeeded' });
    expect((await s.getSession(session.id)).body).not.toHaveProperty('next');
    expect(s.paid.filter((order) => order.id === session.id)).toHaveLength(1);
    const paths = (await s.handler.listEvents(session.id))
      .filter((event) => event.type === 'gateway_call')
      .map((event) => `${event.payload.method} ${event.payload.path}`);
    expect(paths).toContain(`GET /api/v1/cscanb/orders/${session.id}`);
    expect(paths.every((path) => path.includes('/cscanb/'))).toBe(true);
  });

  it('refunds a paid QR order on the cscanb path, partly then fully', async () => {
    const { body: session } = await s.createSession('ksher.promptpay');
    await s.sandbox.ksher.pay(session.id);
    await s.sandbox.ksher.idle();
    await expect(s.handler.refund(session.id, { amount: 15_051 })).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: 'amount', message: 'must be an integer from 1 to 15050' }] },
    });
    expect(await s.handler.refund(session.id, { amount: 5_000 })).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 5_000,
    });
    expect(await s.handler.refund(session.id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 15_050,
    });
    const refunds = s.sandbox.ksher.getOrder(session.id)?.refunds ?? [];
    expect(refunds.map((r) => [r.refundOrderId, r.amount])).toEqual([
      [`${session.id}-r1`, 5_000],
      [`${session.id}-r2`, 10_050],
    ]);
  });
});

describe('QR expiry', () => {
  it('the gateway times the order out → "Order Timeout" webhook → expired over SSE', async () => {
    const { body: session } = await s.createSession('ksher.airpay');
    const stream = await s.streamUntilFinal(session.id, () => s.sandbox.ksher.expire(session.id));
    expect(stream).toMatch(/"status":"expired"/);
    await s.sandbox.ksher.idle();
    expect((await s.getSession(session.id)).body).toMatchObject({
      status: 'expired',
      failureReason: 'expired',
    });
    const deliveries = s.sandbox.ksher
      .webhookDeliveries()
      .filter((d) => d.merchantOrderId === session.id);
    expect(deliveries.map((d) => [d.message, d.status])).toEqual([['Order Timeout', 200]]);
  });

  it('past expiresAt the server closes the QR at the gateway; an SSE client sees expired', async () => {
    const { body: session } = await s.createSession('ksher.alipay');
    const stream = await s.streamUntilFinal(session.id, async () => {
      // Ksher has no QR expiry of its own: the server's clock passes expiresAt.
      s.clock.offsetMs = 601_000;
    });
    expect(stream).toMatch(/"status":"expired"/);
    expect(s.sandbox.ksher.getOrder(session.id)?.status).toBe('Closed');
    const calls = (await s.handler.listEvents(session.id)).filter((e) => e.type === 'gateway_call');
    expect(calls.at(-1)?.payload).toMatchObject({
      method: 'DELETE',
      path: `/api/v1/cscanb/orders/${session.id}`,
    });
    // A QR paid at the last second is not expired: the gateway's answer wins.
    const { body: late } = await s.createSession('ksher.wechat');
    s.sandbox.ksher.faults.set({ webhooks: 'drop' });
    await s.sandbox.ksher.pay(late.id);
    s.clock.offsetMs = 601_000;
    expect((await s.getSession(late.id)).body.status).toBe('succeeded');
  });
});
