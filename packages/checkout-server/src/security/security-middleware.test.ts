import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '../../tests/checkout-servers.ts';
import { BASE, createHarness, type Harness, SHOP } from '../../tests/handler-harness.ts';
import type { CheckoutOptions } from '../config.ts';
import { cartKey, clientIp } from './security-middleware.ts';

let h: Harness;
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

const OTHER = 'https://widget.partner.example';

function start(overrides: Partial<CheckoutOptions> = {}) {
  h = createHarness(overrides);
  return h;
}

let keys = 0;
async function post(
  path: string,
  headers: Record<string, string> = {},
  body: unknown = h.sessionBody(),
) {
  const response = await h.handler.fetch(
    new Request(`${SHOP}${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `k-${++keys}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Json,
  };
}

describe('Origin check on state-changing calls', () => {
  it('lets the own origin, an allowed origin and non-browser clients create sessions', async () => {
    start({ security: { allowedOrigins: [OTHER] } });
    expect((await post('/sessions', { origin: SHOP })).status).toBe(201);
    expect((await post('/sessions', { origin: OTHER })).status).toBe(201);
    expect((await post('/sessions')).status).toBe(201);
    // A TLS-terminating proxy: the server sees http://, the page is https:// on the same host.
    const behindProxy = await h.handler.fetch(
      new Request(`http://shop.example.com${BASE}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'proxy', origin: SHOP },
        body: JSON.stringify(h.sessionBody()),
      }),
    );
    expect(behindProxy.status).toBe(201);
  });

  it('refuses a foreign or null Origin, and cross-site without Origin, with 403 naming it', async () => {
    start();
    for (const origin of ['https://evil.example', 'null', 'http://shop.example.com']) {
      const refused = await post('/sessions', { origin });
      expect(refused.status).toBe(403);
      expect(refused.body.error.details.fields[0].field).toBe('Origin');
    }
    const crossSite = await post('/sessions', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.details.fields[0].field).toBe('Sec-Fetch-Site');
    expect(h.gateway.requests).toHaveLength(0);
    expect(await h.handler.listOrders()).toHaveLength(0);
  });

  it('guards cancel too, leaving the session pending', async () => {
    start();
    const session = await h.createSession();
    const refused = await post(`/sessions/${session.id}/cancel`, {
      origin: 'https://evil.example',
    });
    expect(refused.status).toBe(403);
    expect((await h.handler.getOrder(session.id))?.status).toBe('pending');
    expect((await post(`/sessions/${session.id}/cancel`, { origin: SHOP })).status).toBe(200);
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin and adds headers to its responses', async () => {
    start({ security: { allowedOrigins: [OTHER] } });
    const preflight = await h.handler.fetch(
      new Request(`${SHOP}${BASE}/sessions`, {
        method: 'OPTIONS',
        headers: {
          origin: OTHER,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, idempotency-key',
        },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(OTHER);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(preflight.headers.get('vary')).toContain('Origin');

    const created = await post('/sessions', { origin: OTHER });
    expect(created.headers.get('access-control-allow-origin')).toBe(OTHER);
    expect(created.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const read = await h.handler.fetch(
      new Request(`${SHOP}${BASE}/sessions/${created.body.id}`, { headers: { origin: OTHER } }),
    );
    expect(read.headers.get('access-control-allow-origin')).toBe(OTHER);
  });

  it('refuses a preflight from any other origin and sends no CORS headers to it', async () => {
    start({ security: { allowedOrigins: [OTHER] } });
    const preflight = await h.handler.fetch(
      new Request(`${SHOP}${BASE}/sessions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await h.handler.fetch(
      new Request(`${SHOP}${BASE}/methods`, { headers: { origin: 'https://evil.example' } }),
    );
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('body limit', () => {
  it('refuses a body over security.maxBodyBytes with 413, declared or streamed', async () => {
    start({ security: { maxBodyBytes: 2048 } });
    const padded = { ...h.sessionBody(), padding: 'x'.repeat(3000) };
    const declared = await post('/sessions', {}, padded);
    expect(declared.status).toBe(413);
    expect(declared.body.error.message).toContain('2048 bytes');
    // Chunked: no Content-Length to trust, so the stream itself is counted.
    const bytes = new TextEncoder().encode(JSON.stringify(padded));
    const streamed = await h.handler.fetch(
      new Request(`${SHOP}${BASE}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'chunked' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(bytes.slice(0, 1500));
            controller.enqueue(bytes.slice(1500));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    // Every route is covered, not only session creation.
    const cancel = await h.handler.fetch(
      new Request(`${SHOP}${BASE}/sessions/cs_1/cancel`, {
        method: 'POST',
        body: 'x'.repeat(4096),
      }),
    );
    expect(cancel.status).toBe(413);
    // Just under the limit still works.
    expect(
      (await post('/sessions', {}, { ...h.sessionBody(), padding: 'x'.repeat(1500) })).status,
    ).toBe(201);
  });
});

describe('rate limits on session creation', () => {
  it('limits per client IP from the trusted proxy header only, with 429 and Retry-After', async () => {
    start({
      security: {
        trustedProxyHeader: 'x-forwarded-for',
        rateLimit: { windowSeconds: 60, perIp: 2, perCart: 0 },
      },
    });
    const from = (ip: string) => ({ 'x-forwarded-for': `6.6.6.6, ${ip}` });
    expect((await post('/sessions', from('1.1.1.1'))).status).toBe(201);
    h.clock.now = new Date(h.clock.now.getTime() + 20_000);
    expect((await post('/sessions', from('1.1.1.1'))).status).toBe(201);
    const limited = await post('/sessions', from('1.1.1.1'));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.body.error.details).toEqual({ scope: 'ip', retryAfterSeconds: 40 });
    expect(limited.headers.get('retry-after')).toBe('40');
    // The spoofable first entry does not matter; the proxy-appended last one does.
    expect((await post('/sessions', from('2.2.2.2'))).status).toBe(201);
    expect(h.logs.some((l) => l.message === 'rate limited a session creation')).toBe(true);
    // The window slides: once the first creation is a minute old, one more is allowed.
    h.clock.now = new Date(h.clock.now.getTime() + 40_000);
    expect((await post('/sessions', from('1.1.1.1'))).status).toBe(201);
    expect((await post('/sessions', from('1.1.1.1'))).status).toBe(429);
  });

  it('does not limit by IP without a trusted proxy header', async () => {
    start({ security: { rateLimit: { perIp: 1, perCart: 0 } } });
    for (let i = 0; i < 3; i++) {
      expect((await post('/sessions', { 'x-forwarded-for': '1.1.1.1' })).status).toBe(201);
    }
  });

  it('limits per cart whatever the item order or address', async () => {
    start({ security: { rateLimit: { perCart: 2 } } });
    const cart = (items: Array<{ sku: string; quantity: number }>) => ({
      ...h.sessionBody(items),
    });
    expect(
      (
        await post(
          '/sessions',
          {},
          cart([
            { sku: 'tea', quantity: 1 },
            { sku: 'mug', quantity: 2 },
          ]),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await post(
          '/sessions',
          {},
          cart([
            { sku: 'mug', quantity: 2 },
            { sku: 'tea', quantity: 1 },
          ]),
        )
      ).status,
    ).toBe(201);
    const limited = await post(
      '/sessions',
      {},
      cart([
        { sku: 'tea', quantity: 1 },
        { sku: 'mug', quantity: 2 },
      ]),
    );
    expect(limited.status).toBe(429);
    expect(limited.body.error.details.scope).toBe('cart');
    expect(limited.headers.get('retry-after')).toBe('60');
    // Another cart is not affected.
    expect((await post('/sessions', {}, cart([{ sku: 'tea', quantity: 3 }]))).status).toBe(201);
  });

  it("with a trusted proxy header, a cart's window is per client address", async () => {
    start({ security: { trustedProxyHeader: 'x-real-ip', rateLimit: { perCart: 1 } } });
    expect((await post('/sessions', { 'x-real-ip': '1.1.1.1' })).status).toBe(201);
    expect((await post('/sessions', { 'x-real-ip': '2.2.2.2' })).status).toBe(201);
    const limited = await post('/sessions', { 'x-real-ip': '1.1.1.1' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.details.scope).toBe('cart');
  });

  it('uses the configured store', async () => {
    const seen: string[] = [];
    start({
      security: {
        rateLimit: {
          store: {
            hit: (key) => {
              seen.push(key);
              return { allowed: false, retryAfterMs: 1500 };
            },
          },
        },
      },
    });
    const limited = await post('/sessions');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(seen).toEqual([expect.stringMatching(/^cart:[0-9a-f]{64}$/)]);
  });
});

describe('clientIp and cartKey', () => {
  it('takes the last list entry, and "unknown" without one', () => {
    expect(clientIp('203.0.113.9, 10.0.0.1')).toBe('10.0.0.1');
    expect(clientIp(' 2001:DB8::1 ')).toBe('2001:db8::1');
    expect(clientIp(undefined)).toBe('unknown');
    expect(clientIp(' , ')).toBe('unknown');
  });

  it('is undefined without a cart and order-independent with one', () => {
    expect(cartKey('{')).toBeUndefined();
    expect(cartKey('null')).toBeUndefined();
    expect(cartKey('{"cart":{"items":"x"}}')).toBeUndefined();
    const a = cartKey('{"cart":{"items":[{"sku":"a","quantity":1},{"sku":"b","quantity":2}]}}');
    const b = cartKey('{"cart":{"items":[{"sku":"b","quantity":2},{"sku":"a","quantity":1}]}}');
    expect(a).toBe(b);
    expect(cartKey('{"cart":{"items":[{"sku":"a","quantity":2}]}}')).not.toBe(a);
  });
});
