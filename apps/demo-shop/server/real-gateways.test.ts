/**
 * The demo with "real" KessPay settings from the environment: the gateway is a sandbox on its own
 * port, reached only through KESSPAY_* variables, as a real KessPay account would be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveCheckout } from '@localpay/checkout-server/node';
import { createGatewaySandbox, type GatewaySandbox } from '@localpay/gateway-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoShop, startDemoShop } from './demo-shop.ts';

let gatewayServer: Awaited<ReturnType<typeof serveCheckout>>;
let gateway: GatewaySandbox;
let shop: DemoShop;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'demo-shop-real-'));
  let gatewayFetch = async (_request: Request) => new Response(null, { status: 503 });
  gatewayServer = await serveCheckout((request) => gatewayFetch(request), { port: 0 });
  gateway = createGatewaySandbox({ publicUrl: `${gatewayServer.url}/gw` });
  gatewayFetch = (request) => gateway.fetch(request);
  const { credentials } = gateway.kesspay;
  shop = await startDemoShop({
    port: 0,
    dataDir,
    log: () => {},
    env: {
      KESSPAY_BASE_URL: gateway.kesspay.baseUrl,
      KESSPAY_CLIENT_ID: credentials.clientId,
      KESSPAY_CLIENT_SECRET: credentials.clientSecret,
      KESSPAY_USERNAME: credentials.username,
      KESSPAY_PASSWORD: credentials.password,
      KESSPAY_API_SECRET_KEY: credentials.apiSecretKey,
      KESSPAY_SELLER_CODE: credentials.sellerCode,
      DEMO_ADMIN_PASSWORD: 'correct horse',
    },
  });
});

afterAll(async () => {
  await shop?.close();
  gateway?.close();
  await gatewayServer?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo shop with real KessPay settings', () => {
  it('runs no sandbox and offers only the configured gateway', async () => {
    expect(shop.sandbox).toBeUndefined();
    const token = await fetch(`${shop.url}/sandbox/kesspay/oauth/token`, { method: 'POST' });
    expect(token.status).toBe(404);
    const catalog = (await (await fetch(`${shop.url}/api/catalog`)).json()) as object;
    expect(catalog).not.toHaveProperty('sandbox');
    const methods = async (currency: string) =>
      (
        (await (await fetch(`${shop.url}/api/checkout/methods?currency=${currency}`)).json()) as {
          methods: unknown[];
        }
      ).methods.length;
    expect(await methods('THB')).toBe(0);
    expect(await methods('USD')).toBeGreaterThan(0);
  });

  it('sends KessPay the shop notify URL by default', async () => {
    const response = await fetch(`${shop.url}/api/checkout/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'real-usd-1' },
      body: JSON.stringify({
        methodId: 'kesspay.webpay',
        cart: { items: [{ sku: 'celadon-cup', quantity: 1 }] },
        returnUrl: `${shop.url}/order`,
        currency: 'USD',
      }),
    });
    const session = (await response.json()) as { id: string; amount: number };
    expect(response.status, JSON.stringify(session)).toBe(201);
    expect(session.amount).toBe(1_190);
    const [order] = gateway.kesspay.listOrders();
    expect(order?.notifyUrl).toBe(`${shop.url}/api/checkout/webhooks/kesspay`);
    expect(order?.amount).toBe(1_190);
    expect(order?.currency).toBe('USD');
  });
});
