import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import {
  ApiError,
  type CheckoutHandler,
  type CheckoutOptions,
  checkoutOptionsFromEnv,
  createCheckoutHandler,
  createJsonLogger,
} from '@localpay/checkout-server';
import type { GatewaySandbox } from '@localpay/gateway-sandbox';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { SHOP_CURRENCIES } from '../src/shop-currencies.ts';
import { createBackOffice } from './back-office/back-office.ts';
import { catalogIn, resolveDemoCart } from './catalog.ts';
import { configureDemoGateways, defaultKesspayNotifyUrl } from './gateways.ts';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface DemoShopOptions {
  port?: number;
  hostname?: string;
  /** Environment to read gateway settings from. Without any gateway credentials (KSHER_*, KESSPAY_*) the built-in sandbox is used. */
  env?: Record<string, string | undefined>;
  /** Folder for the SQLite file. */
  dataDir?: string;
  /** Built browser assets (vite build output). */
  staticDir?: string;
  /** Sandbox webhook retry delay; tests shorten it. */
  sandboxWebhookRetryDelayMs?: number;
  /**
   * Sandbox Ktpay: `widget` redirects to the card widget (default), `iframe` embeds it in the
   * checkout. Also read from DEMO_KTPAY_PAYER_FLOW.
   */
  ktpayPayerFlow?: 'widget' | 'iframe';
  log?: (line: string) => void;
  /** Where checkout-server's JSON log lines go; default stderr. The e2e tests collect them. */
  checkoutLog?: (line: string) => void;
}

export interface DemoShop {
  url: string;
  checkout: CheckoutHandler;
  /** Present in sandbox mode. */
  sandbox: GatewaySandbox | undefined;
  /** Basic-auth credentials of /admin; undefined when the back office is off. */
  backOffice: { username: string; password: string } | undefined;
  /** Session ids whose success hook ran, in order (the demo's "fulfilment"). */
  fulfilled: string[];
  close(): Promise<void>;
}

const CHECKOUT_BASE = '/api/checkout';
const SANDBOX_BASE = '/sandbox';

/**
 * Starts the storefront: the browser app, checkout-server at /api/checkout and, when no real
 * gateway credentials are configured, the gateway sandbox at /sandbox. The public URL is only known
 * once the port is bound, and the gateway settings depend on it, so the app is built after listen().
 */
export async function startDemoShop(options: DemoShopOptions = {}): Promise<DemoShop> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const staticDir = options.staticDir ?? join(appRoot, 'dist');
  let app: Hono | undefined;

  const server = createAdaptorServer({
    fetch: (request) => (app ? app.fetch(request) : new Response('Starting', { status: 503 })),
    hostname: options.hostname ?? '127.0.0.1',
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.hostname ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl =
    options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : '127.0.0.1';
  const origin = env.DEMO_PUBLIC_URL?.replace(/\/$/, '') ?? `http://${hostForUrl}:${port}`;

  // KessPay takes its notify URL with every order, so it can default to this shop's endpoint.
  const usesKesspay = Object.keys(env).some(
    (name) => name.startsWith('KESSPAY_') && Boolean(env[name]?.trim()),
  );
  const fromEnv = checkoutOptionsFromEnv(
    usesKesspay && !env.KESSPAY_NOTIFY_URL
      ? { ...env, KESSPAY_NOTIFY_URL: defaultKesspayNotifyUrl(origin, CHECKOUT_BASE) }
      : env,
  );
  // Real gateways where configured; with none configured, every gateway runs in the sandbox.
  const gateways = configureDemoGateways({
    fromEnv,
    origin,
    checkoutBase: CHECKOUT_BASE,
    sandboxBase: SANDBOX_BASE,
    merchantName: 'Siam Crafts (demo)',
    ...(options.sandboxWebhookRetryDelayMs !== undefined && {
      webhookRetryDelayMs: options.sandboxWebhookRetryDelayMs,
    }),
    ktpayPayerFlow:
      options.ktpayPayerFlow ?? (env.DEMO_KTPAY_PAYER_FLOW === 'iframe' ? 'iframe' : 'widget'),
    ksherApi: env.DEMO_KSHER_API === 'ksherpay' ? 'ksherpay' : 'ksher',
    log,
  });
  const { sandbox, sandboxInfo } = gateways;
  const useSandbox = sandbox !== undefined;

  const fulfilled: string[] = [];
  const checkoutOptions: CheckoutOptions = {
    ...fromEnv,
    basePath: CHECKOUT_BASE,
    databasePath:
      fromEnv.databasePath ?? join(options.dataDir ?? join(appRoot, '.data'), 'checkout.sqlite'),
    allowedReturnOrigins: [origin],
    resolveCart: resolveDemoCart,
    onSessionSucceeded: (order) => {
      fulfilled.push(order.id);
      log(`[shop] order ${order.id} paid: ${order.amount} ${order.currency}, shipping it`);
    },
    ...gateways.options,
    ...(options.checkoutLog && { logger: createJsonLogger({ write: options.checkoutLog }) }),
  };
  const checkout = createCheckoutHandler(checkoutOptions);

  const shop = new Hono();
  // The sandbox's Ktpay card widget is framed by the checkout page in iframe mode: its pages may be
  // framed by this origin only. Registered first, so it runs after secureHeaders has set headers.
  shop.use(`${SANDBOX_BASE}/ktpay/widget/*`, async (c, next) => {
    await next();
    const csp = c.res.headers.get('content-security-policy');
    if (csp)
      c.res.headers.set(
        'content-security-policy',
        csp.replace(/frame-ancestors [^;]+/, "frame-ancestors 'self'"),
      );
    c.res.headers.set('x-frame-options', 'SAMEORIGIN');
  });
  shop.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Ktpay's card widget in iframe mode: the sandbox's (same origin) or Ktpay's widget host.
        frameSrc: [
          "'self'",
          ...(checkoutOptions.ktpay ? [new URL(checkoutOptions.ktpay.widgetUrl).origin] : []),
        ],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  // Prices in the shopper's currency (THB by default; an unknown one is a 400 naming `currency`).
  // In sandbox mode the storefront also links to the emulator's "payer's phone" for QR codes.
  shop.get('/api/catalog', (c) => {
    let priced: ReturnType<typeof catalogIn>;
    try {
      priced = catalogIn(c.req.query('currency'));
    } catch (error) {
      if (error instanceof ApiError) return c.json(error.toBody(), 400);
      throw error;
    }
    return c.json({
      ...priced,
      currencies: SHOP_CURRENCIES,
      ...(sandboxInfo && { sandbox: sandboxInfo }),
    });
  });
  shop.get('/api/orders/:id', async (c) => {
    const order = await checkout.getOrder(c.req.param('id'));
    if (!order) return c.json({ error: { code: 'not_found', message: 'No such order' } }, 404);
    // Only what the order page shows: never gateway references or events.
    return c.json({
      id: order.id,
      status: order.status,
      amount: order.amount,
      currency: order.currency,
      lines: order.lines,
      createdAt: order.createdAt,
    });
  });
  shop.all(`${CHECKOUT_BASE}/*`, (c) => checkout.fetch(c.req.raw));
  // With real gateway credentials the back office needs a password of its own; the sandbox gets a
  // well-known one so the demo works out of the box.
  const adminPassword = env.DEMO_ADMIN_PASSWORD || (useSandbox ? 'sandbox' : undefined);
  const backOffice = adminPassword ? { username: 'admin', password: adminPassword } : undefined;
  if (backOffice) {
    shop.get('/admin/', (c) => c.redirect('/admin', 301));
    shop.route('/admin', createBackOffice({ checkout, ...backOffice }));
  } else {
    log('[shop] back office disabled: set DEMO_ADMIN_PASSWORD to enable /admin');
  }
  if (sandbox) {
    const active = sandbox;
    shop.all(`${SANDBOX_BASE}/*`, (c) => active.fetch(c.req.raw));
  }
  if (existsSync(staticDir)) {
    shop.use('/assets/*', serveStatic({ root: staticDir }));
    shop.get('*', serveStatic({ root: staticDir, path: 'index.html' }));
  } else {
    shop.get('*', (c) =>
      c.text('The storefront is not built: run `pnpm --filter @localpay/demo-shop build`.', 503),
    );
  }
  app = shop;

  return {
    url: origin,
    checkout,
    sandbox,
    backOffice,
    fulfilled,
    async close() {
      sandbox?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await checkout.close();
    },
  };
}
