import type { CartItemInput } from '@localpay/checkout-core';
import type { CheckoutOptions, ResolvedCart } from '../src/config.ts';
import { UnknownSkuError } from '../src/errors.ts';
import { signKsher } from '../src/gateways/ksher/signature.ts';
import { createCheckoutHandler } from '../src/handler.ts';
import { createInProcessSessionEvents } from '../src/session-events.ts';
import { createSqliteOrderStore } from '../src/store/sqlite-order-store.ts';
import { createSandboxGateway } from './sandbox-gateway.ts';

export const SHOP = 'https://shop.example.com';
export const BASE = '/api/checkout';
export const WEBHOOK_URL = `${SHOP}${BASE}/webhooks/ksher`;

/** A product of a test catalog; without `currency` it is in the catalog's default currency. */
export interface CatalogProduct {
  name: string;
  unitAmount: number;
  currency?: string;
}

/**
 * A merchant price hook over a test catalog: `productOf` looks a sku up (it may throw, like a
 * broken back end), an unknown sku is UnknownSkuError, and the cart's currency is its products'.
 */
export function catalogCart(
  productOf: (sku: string) => CatalogProduct | undefined,
  defaultCurrency: string,
): (items: CartItemInput[]) => ResolvedCart {
  return (items) => {
    let currency = defaultCurrency;
    const lines = items.map((item) => {
      const product = productOf(item.sku);
      if (!product) throw new UnknownSkuError(item.sku);
      if (product.currency) currency = product.currency;
      return {
        sku: item.sku,
        name: product.name,
        quantity: item.quantity,
        unitAmount: product.unitAmount,
      };
    });
    return { currency, lines };
  };
}

const prices: Record<string, CatalogProduct> = {
  tea: { name: 'Thai tea (Chá)', unitAmount: 15_050 },
  mug: { name: 'Mug & lid 50% off', unitAmount: 1_000 },
  free: { name: 'Sticker', unitAmount: 0 },
  dollar: { name: 'Import', unitAmount: 500, currency: 'USD' },
};

/** A merchant price hook over a tiny catalog; `boom` simulates a broken back end. */
export const resolveTestCart = catalogCart((sku) => {
  if (sku === 'boom') throw new Error('database password hunter2 rejected');
  return prices[sku];
}, 'THB');

export function createHarness(overrides: Partial<CheckoutOptions> = {}) {
  const gateway = createSandboxGateway();
  const clock = { now: new Date('2026-01-01T00:00:00.000Z') };
  const hooks: string[] = [];
  const logs: Array<{ level: string; message: string; fields?: unknown }> = [];
  const sessionEvents = createInProcessSessionEvents();
  const store = createSqliteOrderStore({ path: ':memory:' });
  const ksherOptions = {
    baseUrl: gateway.baseUrl,
    token: gateway.token,
    webhookUrl: WEBHOOK_URL,
    channels: ['promptpay', 'card', 'kplus'],
    qrChannels: [],
    timeoutMs: 50,
  };
  const handler = createCheckoutHandler({
    basePath: BASE,
    store,
    resolveCart: resolveTestCart,
    ksher: ksherOptions,
    fetch: gateway.fetch,
    now: () => clock.now,
    syncIntervalMs: 0,
    heartbeatMs: 20,
    allowedReturnOrigins: [SHOP],
    sessionEvents,
    logger: { log: (level, message, fields) => logs.push({ level, message, fields }) },
    onSessionSucceeded: (order) => {
      hooks.push(order.id);
    },
    ...overrides,
  });

  async function request(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; key?: string | null; url?: string } = {},
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key !== null && method === 'POST' && path === '/sessions')
      headers['idempotency-key'] = options.key ?? 'key-1';
    const init: RequestInit = { method, headers };
    if (options.rawBody !== undefined) init.body = options.rawBody;
    else if (options.body !== undefined) init.body = JSON.stringify(options.body);
    const response = await handler.fetch(new Request(options.url ?? `${SHOP}${BASE}${path}`, init));
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
      headers: response.headers,
    };
  }

  const sessionBody = (
    items: CartItemInput[] = [{ sku: 'tea', quantity: 2 }],
    methodId = 'ksher.promptpay',
  ) => ({
    methodId,
    cart: { items },
    returnUrl: `${SHOP}/order?from=checkout`,
  });

  async function createSession(key = `key-${Math.random()}`, items?: CartItemInput[]) {
    const response = await request('POST', '/sessions', { body: sessionBody(items), key });
    if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; status: string; next: { url: string } };
  }

  function webhookUrl(
    instance: string,
    message: string,
    options: { token?: string; signedUrl?: string; at?: string } = {},
  ) {
    const params = { code: 'StatusChange', instance, message, type: 'Order' };
    const signature = signKsher(
      options.signedUrl ?? WEBHOOK_URL,
      params,
      options.token ?? gateway.token,
    );
    return `${options.at ?? WEBHOOK_URL}?${new URLSearchParams({ ...params, signature })}`;
  }

  async function webhook(
    instance: string,
    message: string,
    options: Parameters<typeof webhookUrl>[2] = {},
  ) {
    const url = webhookUrl(instance, message, options);
    return request('GET', '', { url });
  }

  return {
    gateway,
    clock,
    hooks,
    logs,
    sessionEvents,
    store,
    handler,
    request,
    sessionBody,
    createSession,
    ksherOptions,
    webhook,
    webhookUrl,
  };
}

export type Harness = ReturnType<typeof createHarness>;
