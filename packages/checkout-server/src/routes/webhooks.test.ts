import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../tests/handler-harness.ts';
import { createKsherClient } from '../gateways/ksher/client.ts';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

const eventTypes = async (id: string) => (await h.handler.listEvents(id)).map((e) => e.type);

describe('GET /webhooks/ksher', () => {
  it('confirms with a gateway query, then marks the session paid and fires the hook once', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    const response = await h.webhook(session.id, 'Order Paid');
    expect(response).toMatchObject({ status: 200, body: { success: true } });
    expect(await h.handler.getOrder(session.id)).toMatchObject({
      status: 'succeeded',
      successHook: 'done',
    });
    expect(h.hooks).toEqual([session.id]);
    expect(h.gateway.requests.at(-1)?.method).toBe('GET');
  });

  it('answers an identical webhook at once: one transition, one hook call', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    await h.webhook(session.id, 'Order Paid');
    const callsBefore = h.gateway.requests.length;
    const again = await Promise.all([
      h.webhook(session.id, 'Order Paid'),
      h.webhook(session.id, 'Order Paid'),
    ]);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(h.gateway.requests.length).toBe(callsBefore);
    const types = await eventTypes(session.id);
    expect(types.filter((t) => t === 'status_changed')).toHaveLength(1);
    expect(types.filter((t) => t === 'webhook_received')).toHaveLength(3);
    expect(h.hooks).toEqual([session.id]);
  });

  it('handles concurrent first deliveries with a single transition', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    await Promise.all([1, 2, 3].map(() => h.webhook(session.id, 'Order Paid')));
    expect((await eventTypes(session.id)).filter((t) => t === 'status_changed')).toHaveLength(1);
    expect(h.hooks).toEqual([session.id]);
  });

  it('does not trust the webhook text: a "paid" webhook for an unpaid order changes nothing', async () => {
    const session = await h.createSession();
    const response = await h.webhook(session.id, 'Order Paid');
    expect(response.status).toBe(200);
    expect((await h.handler.getOrder(session.id))?.status).toBe('pending');
    expect(h.hooks).toEqual([]);
  });

  it('maps a declined order to failed and a timed-out one to expired', async () => {
    const declined = await h.createSession('a');
    await h.gateway.decline(declined.id);
    await h.webhook(declined.id, 'Order Closed');
    expect(await h.handler.getOrder(declined.id)).toMatchObject({
      status: 'failed',
      failureReason: 'declined',
    });
    const timedOut = await h.createSession('b');
    await h.gateway.expire(timedOut.id);
    await h.webhook(timedOut.id, 'Order Timeout');
    expect(await h.handler.getOrder(timedOut.id)).toMatchObject({
      status: 'expired',
      failureReason: 'expired',
    });
  });

  it('rejects forged and tampered webhooks with 401 and records them', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    const forged = await h.webhook(session.id, 'Order Paid', {
      token: 'someone-elses-token-123456',
    });
    expect(forged.status).toBe(401);
    const url = new URL(h.webhookUrl(session.id, 'Order Closed'));
    url.searchParams.set('message', 'Order Paid');
    const tampered = await h.request('GET', '', { url: url.toString() });
    expect(tampered.status).toBe(401);
    expect((await eventTypes(session.id)).filter((t) => t === 'webhook_rejected')).toHaveLength(2);
    expect((await h.handler.getOrder(session.id))?.status).toBe('pending');
  });

  it('verifies against the configured URL, never the Host the request came in on', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    const viaProxy = 'http://10.0.0.5:3000/api/checkout/webhooks/ksher';
    const signedForRequestUrl = await h.webhook(session.id, 'Order Paid', {
      signedUrl: viaProxy,
      at: viaProxy,
    });
    expect(signedForRequestUrl.status).toBe(401);
    const signedForConfigured = await h.webhook(session.id, 'Order Paid', { at: viaProxy });
    expect(signedForConfigured.status).toBe(200);
  });

  it('answers 404 for a validly signed webhook about an unknown order', async () => {
    const response = await h.webhook('cs_unknown', 'Order Paid');
    expect(response.status).toBe(404);
  });

  it('answers 503 when the confirming query fails, so the gateway retries', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    h.gateway.faults({ failNext: { status: 500 } });
    expect((await h.webhook(session.id, 'Order Paid')).status).toBe(503);
    expect((await h.handler.getOrder(session.id))?.status).toBe('pending');
    expect((await h.webhook(session.id, 'Order Paid')).status).toBe(200);
    expect((await h.handler.getOrder(session.id))?.status).toBe('succeeded');
  });

  it('applies a refund made outside the server (e.g. in the Ksher portal)', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    await h.webhook(session.id, 'Order Paid');
    const portal = createKsherClient({
      baseUrl: h.gateway.baseUrl,
      token: h.gateway.token,
      fetch: h.gateway.fetch,
    });
    await portal.refundOrder('redirect', session.id, {
      refundOrderId: 'portal-refund-1',
      refundAmount: 30_100,
    });
    expect((await h.webhook(session.id, 'Order Refunded')).status).toBe(200);
    expect(await h.handler.getOrder(session.id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 30_100,
    });
  });

  it('ignores a late webhook that would move a final session backwards', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    await h.webhook(session.id, 'Order Paid');
    // A confused gateway: a paid order reported closed.
    h.gateway.faults({ overrideResponse: { fields: { status: 'Closed', error_message: 'Fail' } } });
    expect((await h.webhook(session.id, 'Order Closed')).status).toBe(200);
    expect((await h.handler.getOrder(session.id))?.status).toBe('succeeded');
  });
});
