import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, resolveTestCart, SHOP } from '../../tests/handler-harness.ts';
import { UnknownSkuError } from '../errors.ts';
import { createKsherClient } from '../gateways/ksher/client.ts';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

function fieldsOf(body: { error: { details?: { fields?: Array<{ field: string }> } } }): string[] {
  return (body.error.details?.fields ?? []).map((f) => f.field);
}

describe('GET /methods', () => {
  it('lists one redirect method per configured channel with labels and limits', async () => {
    const { status, body } = await h.request('GET', '/methods?currency=THB');
    expect(status).toBe(200);
    expect(body.methods).toEqual([
      {
        id: 'ksher.promptpay',
        provider: 'ksher',
        flow: 'redirect',
        label: 'PromptPay',
        currencies: ['THB'],
      },
      { id: 'ksher.card', provider: 'ksher', flow: 'redirect', label: 'Card', currencies: ['THB'] },
      {
        id: 'ksher.kplus',
        provider: 'ksher',
        flow: 'redirect',
        label: 'K PLUS',
        currencies: ['THB'],
        minAmount: 2000,
      },
    ]);
    expect((await h.request('GET', '/methods')).body.methods).toHaveLength(3);
  });

  it('answers an unknown currency with an empty list and a malformed one with a 400', async () => {
    expect((await h.request('GET', '/methods?currency=USD')).body).toEqual({ methods: [] });
    const bad = await h.request('GET', '/methods?currency=TH1');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['currency']);
  });
});

describe('POST /sessions', () => {
  it('prices the cart, persists the session and creates the gateway order', async () => {
    const { status, body } = await h.request('POST', '/sessions', {
      body: h.sessionBody([
        { sku: 'tea', quantity: 2 },
        { sku: 'mug', quantity: 1 },
      ]),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      status: 'pending',
      amount: 31_100,
      currency: 'THB',
      methodId: 'ksher.promptpay',
      provider: 'ksher',
    });
    expect(body.id).toMatch(/^cs_[0-9a-f]{24}$/);
    expect(body.next).toEqual({
      type: 'redirect',
      url: h.gateway.order(body.id)?.reference,
    });
    expect(body.next.url).toMatch(
      /^http:\/\/gateway\.test\/sandbox\/ksher\/ua\?order_uuid=[0-9a-f]{32}$/,
    );
    expect(body.expiresAt).toBe('2026-01-01T00:30:00.000Z');

    const sent = h.gateway.requests[0]?.params as Record<string, string>;
    expect(sent.merchant_order_id).toBe(body.id);
    expect(sent.channel).toBe('promptpay');
    expect(sent.product_name).toBe('Thai tea (Cha) x2, Mug lid 50 off');
    const success = new URL(String(sent.redirect_url));
    expect(success.searchParams.get('checkout_session')).toBe(body.id);
    expect(success.searchParams.get('from')).toBe('checkout');
    expect(success.searchParams.get('checkout_result')).toBeNull();
    expect(new URL(String(sent.redirect_url_fail)).searchParams.get('checkout_result')).toBe(
      'fail',
    );

    const order = await h.handler.getOrder(body.id);
    expect(order).toMatchObject({
      merchantOrderId: body.id,
      lines: [
        { sku: 'tea', quantity: 2, unitAmount: 15_050, name: 'Thai tea (Chá)' },
        { sku: 'mug' },
      ],
    });
    const types = (await h.handler.listEvents(body.id)).map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['session_created', 'gateway_call', 'gateway_order_created']);
  });

  it('requires the Idempotency-Key header, 1-255 characters', async () => {
    const missing = await h.request('POST', '/sessions', { body: h.sessionBody(), key: null });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(['Idempotency-Key']);
    const long = await h.request('POST', '/sessions', {
      body: h.sessionBody(),
      key: 'k'.repeat(256),
    });
    expect(long.status).toBe(400);
    expect(h.gateway.requests).toHaveLength(0);
  });

  describe('a retried POST (the same Idempotency-Key)', () => {
    const post = (shop: Harness, key: string, items = [{ sku: 'tea', quantity: 1 }]) =>
      shop.request('POST', '/sessions', { body: shop.sessionBody(items), key });

    it('answers with the first session even when its cart no longer prices', async () => {
      let soldOut = false;
      const shop = createHarness({
        resolveCart: (items) => {
          if (soldOut) throw new UnknownSkuError('tea');
          return resolveTestCart(items);
        },
      });
      try {
        const first = await post(shop, 'retry-1');
        expect(first.status).toBe(201);
        soldOut = true;
        const retried = await post(shop, 'retry-1');
        expect(retried.status).toBe(201);
        expect(retried.body.id).toBe(first.body.id);
        // A new key meets the refusal.
        const fresh = await post(shop, 'retry-2');
        expect(fresh.status).toBe(400);
        expect(fieldsOf(fresh.body)).toEqual(['cart.items[0].sku']);
        expect(
          shop.gateway.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/orders')),
        ).toHaveLength(1);
      } finally {
        await shop.handler.close();
        await shop.store.close();
      }
    });

    it('is a 409 with another body, whether that body prices or not', async () => {
      const first = await post(h, 'retry-3');
      expect(first.status).toBe(201);
      expect((await post(h, 'retry-3', [{ sku: 'mug', quantity: 1 }])).status).toBe(409);
      expect((await post(h, 'retry-3', [{ sku: 'nope', quantity: 1 }])).status).toBe(409);
      expect((await h.handler.listOrders({})).map((order) => order.id)).toEqual([first.body.id]);
    });
  });

  it('refuses a body over 64 KiB', async () => {
    const response = await h.request('POST', '/sessions', {
      body: { ...h.sessionBody(), padding: 'x'.repeat(70_000) },
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('invalid_request');
  });

  it('rejects bad JSON and invalid bodies naming the fields', async () => {
    const json = await h.request('POST', '/sessions', { rawBody: '{"methodId":' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('invalid_request');
    const invalid = await h.request('POST', '/sessions', {
      body: {
        methodId: 'ksher.promptpay',
        cart: { items: [{ sku: 'tea', quantity: 0 }] },
        returnUrl: 'nope',
      },
    });
    expect(invalid.status).toBe(400);
    expect(fieldsOf(invalid.body)).toEqual(['cart.items[0].quantity', 'returnUrl']);
  });

  it.each([
    ['an unknown method', (h2) => h2.sessionBody(undefined, 'ksher.bitcoin'), 'methodId'],
    [
      'an unknown SKU',
      (h2) =>
        h2.sessionBody([
          { sku: 'tea', quantity: 1 },
          { sku: 'nope', quantity: 1 },
        ]),
      'cart.items[1].sku',
    ],
    ['a cart worth nothing', (h2) => h2.sessionBody([{ sku: 'free', quantity: 1 }]), 'cart.items'],
    [
      'a priced currency the method does not take',
      (h2) => h2.sessionBody([{ sku: 'dollar', quantity: 1 }]),
      'currency',
    ],
    [
      'a shopper currency the method does not take',
      (h2) => ({ ...h2.sessionBody(), currency: 'KZT' }),
      'currency',
    ],
    ['a malformed currency', (h2) => ({ ...h2.sessionBody(), currency: 'thb' }), 'currency'],
    [
      'a total below the method minimum',
      (h2) => h2.sessionBody([{ sku: 'mug', quantity: 1 }], 'ksher.kplus'),
      'cart',
    ],
    [
      'a return URL on another origin',
      (h2) => ({ ...h2.sessionBody(), returnUrl: 'https://evil.example/x' }),
      'returnUrl',
    ],
    [
      'no return URL and no default',
      () => ({ methodId: 'ksher.card', cart: { items: [{ sku: 'tea', quantity: 1 }] } }),
      'returnUrl',
    ],
  ] as Array<[string, (h2: Harness) => unknown, string]>)(
    'answers 400 for %s',
    async (_name, body, field) => {
      const response = await h.request('POST', '/sessions', { body: body(h) });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(h.gateway.requests).toHaveLength(0);
      expect(await h.handler.listOrders()).toHaveLength(0);
    },
  );

  it('tells the price hook the locale, the shopper currency and the chosen method', async () => {
    const contexts: unknown[] = [];
    const hooked = createHarness({
      resolveCart: (items, ctx) => {
        contexts.push(ctx);
        return resolveTestCart(items);
      },
    });
    const response = await hooked.request('POST', '/sessions', {
      body: { ...hooked.sessionBody(), locale: 'th', currency: 'THB' },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const refused = await hooked.request('POST', '/sessions', {
      body: { ...hooked.sessionBody(), currency: 'USD' },
      key: 'key-2',
    });
    expect(refused.status).toBe(400);
    // Only the accepted request reached the hook: a currency the method refuses fails first.
    expect(contexts).toEqual([
      {
        locale: 'th',
        currency: 'THB',
        method: expect.objectContaining({ id: 'ksher.promptpay', currencies: ['THB'] }),
      },
    ]);
    await hooked.handler.close();
  });

  it('needs no return URL for a QR method: the payer never leaves the page', async () => {
    const qr = createHarness({
      ksher: { ...h.ksherOptions, channels: ['card'], qrChannels: ['promptpay'] },
    });
    const response = await qr.request('POST', '/sessions', {
      body: { methodId: 'ksher.promptpay', cart: { items: [{ sku: 'tea', quantity: 1 }] } },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.next.type).toBe('qr');
    expect((await qr.handler.getOrder(response.body.id))?.returnUrl).toBeUndefined();
    await qr.handler.close();
  });

  it('gives details for a total outside the method limits', async () => {
    const response = await h.request('POST', '/sessions', {
      body: h.sessionBody([{ sku: 'mug', quantity: 1 }], 'ksher.kplus'),
    });
    expect(response.body.error.details).toMatchObject({
      amount: 1000,
      minAmount: 2000,
      currency: 'THB',
    });
  });

  it('returns the same session for the same key and body, 409 for another body', async () => {
    const first = await h.request('POST', '/sessions', { body: h.sessionBody(), key: 'same' });
    const again = await h.request('POST', '/sessions', { body: h.sessionBody(), key: 'same' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(h.gateway.createdCount()).toBe(1);
    const other = await h.request('POST', '/sessions', {
      body: h.sessionBody([{ sku: 'tea', quantity: 3 }]),
      key: 'same',
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
  });

  it('serialises concurrent requests with one key into one gateway order', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => h.request('POST', '/sessions', { body: h.sessionBody(), key: 'race' })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(h.gateway.createdCount()).toBe(1);
  });

  it.each([
    ['a 5xx', { failNext: { status: 503 } }],
    ['a timeout', { timeoutNext: 1 }],
    ['a network error', { networkErrorNext: 1 }],
  ] as const)(
    'answers 503 on %s, marks the session failed and frees the key',
    async (_name, fault) => {
      h.gateway.faults(fault);
      const response = await h.request('POST', '/sessions', { body: h.sessionBody(), key: 'k' });
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('provider_unavailable');
      const [failed] = await h.handler.listOrders();
      expect(failed).toMatchObject({ status: 'failed', failureReason: 'provider_unavailable' });
      // The follow-up query found no order; a retry with the same key starts over.
      expect(h.gateway.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
      const retry = await h.request('POST', '/sessions', { body: h.sessionBody(), key: 'k' });
      expect(retry.status).toBe(201);
      expect(retry.body.id).not.toBe(failed?.id);
    },
  );

  it('adopts the gateway order when the create went through but its answer was lost', async () => {
    h.gateway.loseNextAnswer(502);
    const response = await h.request('POST', '/sessions', { body: h.sessionBody() });
    expect(response.status).toBe(201);
    expect(response.body.next.url).toBe(h.gateway.order(response.body.id)?.reference);
    expect(h.gateway.createdCount()).toBe(1);
  });

  it('answers 502 provider_error when the gateway refuses, with its message', async () => {
    h.gateway.faults({ failNext: { status: 400 } });
    const response = await h.request('POST', '/sessions', { body: h.sessionBody() });
    expect(response.status).toBe(502);
    expect(response.body.error).toMatchObject({ code: 'provider_error' });
    expect(response.body.error.message).toContain('Ksher rejected the request (HTTP 400');
    expect((await h.handler.listOrders())[0]).toMatchObject({
      status: 'failed',
      failureReason: 'provider_error',
    });
  });

  it('answers 500 internal_error without internals when the merchant hook breaks', async () => {
    const response = await h.request('POST', '/sessions', {
      body: h.sessionBody([{ sku: 'boom', quantity: 1 }]),
    });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on our side' },
    });
    expect(JSON.stringify(h.logs)).toContain('hunter2');
  });
});

describe('GET /sessions/:id', () => {
  it('answers 404 for an unknown session and route', async () => {
    expect((await h.request('GET', '/sessions/cs_nope')).status).toBe(404);
    const route = await h.request('GET', '/nothing/here');
    expect(route).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('syncs a pending session with the gateway (a lost webhook still resolves)', async () => {
    const session = await h.createSession();
    expect((await h.request('GET', `/sessions/${session.id}`)).body.status).toBe('pending');
    await h.gateway.pay(session.id);
    const paid = await h.request('GET', `/sessions/${session.id}`);
    expect(paid.body.status).toBe('succeeded');
    expect(paid.body.next).toBeUndefined();
    await h.request('GET', `/sessions/${session.id}`);
    expect(h.hooks).toEqual([session.id]);
  });

  it('queries at most once per sync interval', async () => {
    const throttled = createHarness({ syncIntervalMs: 3000 });
    const session = await throttled.createSession();
    const queries = () => throttled.gateway.requests.filter((r) => r.method === 'GET').length;
    await throttled.request('GET', `/sessions/${session.id}`);
    await throttled.request('GET', `/sessions/${session.id}`);
    expect(queries()).toBe(1);
    throttled.clock.now = new Date(throttled.clock.now.getTime() + 3001);
    await throttled.request('GET', `/sessions/${session.id}`);
    expect(queries()).toBe(2);
    await throttled.handler.close();
  });

  it('cancels an order past its expiry at the gateway and marks it expired', async () => {
    const session = await h.createSession();
    h.clock.now = new Date('2026-01-01T00:31:00.000Z');
    const { body } = await h.request('GET', `/sessions/${session.id}`);
    expect(body).toMatchObject({ status: 'expired', failureReason: 'expired' });
    expect(h.gateway.requests.at(-1)?.method).toBe('DELETE');
    expect(h.gateway.order(session.id)?.status).toBe('Closed');
  });

  it('keeps a session pending when the gateway amount does not match', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    h.gateway.faults({ overrideResponse: { fields: { amount: 1 } } });
    expect((await h.request('GET', `/sessions/${session.id}`)).body.status).toBe('pending');
    expect((await h.handler.listEvents(session.id)).map((e) => e.type)).toContain(
      'amount_mismatch',
    );
    expect(h.hooks).toEqual([]);
  });
});

describe('recovery of a create interrupted by a crash', () => {
  async function crashedSession(id: string) {
    await h.store.insertOrder({
      id,
      provider: 'ksher',
      methodId: 'ksher.promptpay',
      status: 'pending',
      amount: 15_050,
      currency: 'THB',
      lines: [{ sku: 'tea', name: 'Tea', quantity: 1, unitAmount: 15_050 }],
      merchantOrderId: id,
      returnUrl: `${SHOP}/order`,
      expiresAt: '2026-01-01T00:30:00.000Z',
      createdAt: h.clock.now.toISOString(),
    });
  }

  it('leaves a fresh session without a gateway order alone (its create may be in flight)', async () => {
    await crashedSession('cs_inflight');
    expect((await h.request('GET', '/sessions/cs_inflight')).body.status).toBe('pending');
    expect(h.gateway.requests).toHaveLength(0);
  });

  it('fails a stale one the gateway does not know', async () => {
    await crashedSession('cs_lost');
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const { body } = await h.request('GET', '/sessions/cs_lost');
    expect(body).toMatchObject({ status: 'failed', failureReason: 'provider_unavailable' });
  });

  it('adopts the gateway order of a stale one when it exists', async () => {
    await crashedSession('cs_half');
    const client = createKsherClient({
      baseUrl: h.gateway.baseUrl,
      token: h.gateway.token,
      fetch: h.gateway.fetch,
    });
    await client.createRedirectOrder({
      merchantOrderId: 'cs_half',
      amount: 15_050,
      redirectUrl: `${SHOP}/order`,
      redirectUrlFail: `${SHOP}/order`,
    });
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const { body } = await h.request('GET', '/sessions/cs_half');
    expect(body).toMatchObject({ status: 'pending', next: { type: 'redirect' } });
  });
});

describe('POST /sessions/:id/cancel', () => {
  it('cancels a pending session at the gateway; a second cancel is a no-op', async () => {
    const session = await h.createSession();
    const cancelled = await h.request('POST', `/sessions/${session.id}/cancel`);
    expect(cancelled).toMatchObject({
      status: 200,
      body: { status: 'cancelled', failureReason: 'cancelled' },
    });
    expect(h.gateway.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'DELETE']);
    const again = await h.request('POST', `/sessions/${session.id}/cancel`);
    expect(again).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(h.gateway.requests).toHaveLength(3);
  });

  it('refuses to cancel a session the gateway reports paid', async () => {
    const session = await h.createSession();
    await h.gateway.pay(session.id);
    const response = await h.request('POST', `/sessions/${session.id}/cancel`);
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'conflict',
      message: 'The session is already paid',
      details: { status: 'succeeded' },
    });
    expect(h.hooks).toEqual([session.id]);
  });

  it('answers 409 with the status for other final sessions and 404 for unknown ones', async () => {
    const session = await h.createSession();
    await h.gateway.decline(session.id);
    const response = await h.request('POST', `/sessions/${session.id}/cancel`);
    expect(response.status).toBe(409);
    expect(response.body.error.details).toEqual({ status: 'failed' });
    expect((await h.request('POST', '/sessions/cs_nope/cancel')).status).toBe(404);
  });

  it('answers 503 when the gateway cannot be asked, leaving the session pending', async () => {
    const session = await h.createSession();
    h.gateway.faults({ failNext: { status: 500 } });
    const response = await h.request('POST', `/sessions/${session.id}/cancel`);
    expect(response.status).toBe(503);
    expect(await h.handler.getOrder(session.id)).toMatchObject({
      status: 'pending',
      cancelRequested: false,
    });
  });

  it('never puts the token into responses or events', async () => {
    const session = await h.createSession();
    await h.request('POST', `/sessions/${session.id}/cancel`);
    expect(JSON.stringify(await h.handler.listEvents(session.id))).not.toContain(h.gateway.token);
    expect(JSON.stringify(await h.request('GET', '/methods'))).not.toContain(h.gateway.token);
    expect(SHOP).toBeTruthy();
  });
});
