import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoShop, startDemoShop } from './demo-shop.ts';

let shop: DemoShop;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'demo-shop-'));
  shop = await startDemoShop({ port: 0, env: {}, dataDir, log: () => {} });
});

afterAll(async () => {
  await shop.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createSession(items: Array<{ sku: string; quantity: number }>, key: string) {
  return fetch(`${shop.url}/api/checkout/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      methodId: 'ksher.card',
      cart: { items },
      returnUrl: `${shop.url}/order`,
    }),
  });
}

describe('demo shop server', () => {
  it('uses the built-in sandbox when no Ksher credentials are set', () => {
    expect(shop.sandbox).toBeDefined();
  });

  it('serves the catalog with server-side prices', async () => {
    const response = await fetch(`${shop.url}/api/catalog`);
    const body = (await response.json()) as {
      currency: string;
      products: Array<{ sku: string; unitAmount: number }>;
    };
    expect(body.currency).toBe('THB');
    expect(body.products.find((p) => p.sku === 'silk-scarf')?.unitAmount).toBe(89_000);
  });

  it('prices the catalog in the requested currency and names an unknown one', async () => {
    const priceOf = async (currency: string) => {
      const response = await fetch(`${shop.url}/api/catalog?currency=${currency}`);
      const body = (await response.json()) as {
        currency: string;
        currencies: string[];
        products: Array<{ sku: string; unitAmount: number }>;
      };
      expect(body.currency).toBe(currency);
      expect(body.currencies).toEqual(['THB', 'USD', 'KHR', 'KZT']);
      return body.products.find((p) => p.sku === 'silk-scarf')?.unitAmount;
    };
    expect(await priceOf('USD')).toBe(2_490);
    expect(await priceOf('KHR')).toBe(102_000);
    expect(await priceOf('KZT')).toBe(1_249_000);
    const unknown = await fetch(`${shop.url}/api/catalog?currency=EUR`);
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { error: { details: { fields: unknown } } };
    expect(body.error.details.fields).toEqual([
      { field: 'currency', message: 'must be one of THB, USD, KHR, KZT' },
    ]);
  });

  it('offers KessPay in the sandbox for USD and KHR, and Ksher for THB', async () => {
    const methodIds = async (currency: string) => {
      const response = await fetch(`${shop.url}/api/checkout/methods?currency=${currency}`);
      const body = (await response.json()) as { methods: Array<{ id: string }> };
      return body.methods.map((method) => method.id);
    };
    const usd = await methodIds('USD');
    expect(usd).toEqual(expect.arrayContaining(['kesspay.webpay', 'kesspay.khqr']));
    expect(usd.every((id) => id.startsWith('kesspay.'))).toBe(true);
    expect(await methodIds('KHR')).toEqual(usd);
    expect((await methodIds('THB')).every((id) => id.startsWith('ksher.'))).toBe(true);
  });

  it('prices a KessPay session in the shopper currency and posts notifies to the shop', async () => {
    const response = await fetch(`${shop.url}/api/checkout/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'khr-test-1' },
      body: JSON.stringify({
        methodId: 'kesspay.khqr',
        cart: { items: [{ sku: 'coffee-beans', quantity: 2 }] },
        currency: 'KHR',
      }),
    });
    const session = (await response.json()) as { id: string; amount: number; currency: string };
    expect(response.status, JSON.stringify(session)).toBe(201);
    expect(session).toMatchObject({ amount: 80_000, currency: 'KHR' });
    const [order] = shop.sandbox?.kesspay.listOrders().slice(-1) ?? [];
    expect(order?.notifyUrl).toBe(`${shop.url}/api/checkout/webhooks/kesspay`);
  });

  it('refuses a session in a currency the shop does not sell in, naming the field', async () => {
    const response = await fetch(`${shop.url}/api/checkout/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'thb-on-kesspay' },
      body: JSON.stringify({
        methodId: 'kesspay.webpay',
        cart: { items: [{ sku: 'coffee-beans', quantity: 1 }] },
        returnUrl: `${shop.url}/order`,
        currency: 'THB',
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { fields: unknown } } };
    expect(body.error.details.fields).toEqual([
      { field: 'currency', message: 'THB is not accepted by kesspay.webpay' },
    ]);
  });

  it('prices the cart on the server, whatever the browser sends', async () => {
    const response = await fetch(`${shop.url}/api/checkout/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'price-test-1' },
      body: JSON.stringify({
        methodId: 'ksher.card',
        cart: { items: [{ sku: 'celadon-cup', quantity: 2, unitAmount: 1 }] },
        returnUrl: `${shop.url}/order`,
        amount: 1,
      }),
    });
    expect(response.status).toBe(201);
    const session = (await response.json()) as {
      id: string;
      amount: number;
      next: { url: string };
    };
    expect(session.amount).toBe(84_100);
    expect(session.next.url).toContain('/sandbox/ksher/ua?order_uuid=');
  });

  it('answers a PromptPay session with a server-rendered QR and its expiry', async () => {
    const response = await fetch(`${shop.url}/api/checkout/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'qr-test-1' },
      body: JSON.stringify({
        methodId: 'ksher.promptpay',
        cart: { items: [{ sku: 'mango-kit', quantity: 1 }] },
      }),
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    const session = body as {
      expiresAt: string;
      next: { type: string; svg: string; payload: string; expiresAt: string };
    };
    expect(session.next.type).toBe('qr');
    expect(session.next.svg.startsWith('<svg')).toBe(true);
    expect(session.next.payload).toMatch(/^000201.*5802TH.*6304[0-9A-F]{4}$/);
    expect(session.next.expiresAt).toBe(session.expiresAt);
    const ttl = Date.parse(session.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(500_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });

  it('rejects an unknown SKU naming the field', async () => {
    const response = await createSession([{ sku: 'no-such-thing', quantity: 1 }], 'unknown-sku-1');
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; details?: unknown };
    };
    expect(body.error.code).toBe('invalid_request');
    expect(JSON.stringify(body.error)).toContain('cart.items[0].sku');
  });

  it('shows an order without gateway internals', async () => {
    const created = (await (
      await createSession([{ sku: 'mango-kit', quantity: 3 }], 'order-view-1')
    ).json()) as {
      id: string;
    };
    const response = await fetch(`${shop.url}/api/orders/${created.id}`);
    const order = (await response.json()) as Record<string, unknown>;
    expect(order).toMatchObject({
      id: created.id,
      status: 'pending',
      amount: 59_700,
      currency: 'THB',
    });
    expect(order.lines).toEqual([
      { sku: 'mango-kit', name: 'Mango sticky rice kit', quantity: 3, unitAmount: 19_900 },
    ]);
    expect(Object.keys(order).sort()).toEqual([
      'amount',
      'createdAt',
      'currency',
      'id',
      'lines',
      'status',
    ]);
    expect((await fetch(`${shop.url}/api/orders/nope`)).status).toBe(404);
  });

  it('sends a strict Content-Security-Policy on every page', async () => {
    for (const path of ['/', '/api/catalog', '/order?checkout_session=x']) {
      const csp = (await fetch(`${shop.url}${path}`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
  });

  it('never exposes the gateway token to the browser', async () => {
    const token = shop.sandbox?.ksher.token as string;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const pages = await Promise.all(
      ['/', '/api/catalog', '/api/checkout/methods?currency=THB'].map(async (path) =>
        (await fetch(`${shop.url}${path}`)).text(),
      ),
    );
    for (const page of pages) expect(page).not.toContain(token);
  });
});
