import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import {
  type CheckoutHandler,
  type CheckoutOptions,
  checkoutOptionsFromEnv,
  createCheckoutHandler,
} from '@localpay/checkout-server';
import { createGatewaySandbox, type GatewaySandbox } from '@localpay/gateway-sandbox';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { createBackOffice } from './back-office/back-office.ts';
import { catalog, resolveDemoCart } from './catalog.ts';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface DemoShopOptions {
  port?: number;
  hostname?: string;
  /** Environment to read gateway settings from. Without Ksher credentials the built-in sandbox is used. */
  env?: Record<string, string | undefined>;
  /** Folder for the SQLite file. */
  dataDir?: string;
  /** Built browser assets (vite build output). */
  staticDir?: string;
  /** Sandbox webhook retry delay; tests shorten it. */
  sandboxWebhookRetryDelayMs?: number;
  log?: (line: string) => void;
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

  const fromEnv = checkoutOptionsFromEnv(env);
  const useSandbox = !fromEnv.ksher;
  let sandbox: GatewaySandbox | undefined;
  let ksher = fromEnv.ksher;
  if (useSandbox) {
    const webhookUrl = `${origin}${CHECKOUT_BASE}/webhooks/ksher`;
    sandbox = createGatewaySandbox({
      publicUrl: `${origin}${SANDBOX_BASE}`,
      ksher: {
        webhookUrl,
        merchantName: 'Siam Crafts (demo)',
        ...(options.sandboxWebhookRetryDelayMs !== undefined && {
          webhookRetryDelayMs: options.sandboxWebhookRetryDelayMs,
        }),
      },
      log: (line) => log(`[sandbox] ${line}`),
    });
    ksher = {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl,
      mid: sandbox.ksher.mid,
    };
  }

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
    ...(ksher && { ksher }),
  };
  const checkout = createCheckoutHandler(checkoutOptions);

  const shop = new Hono();
  shop.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  // In sandbox mode the storefront links to the emulator's "payer's phone" so QR codes can be paid.
  const sandboxInfo = sandbox ? { phoneUrl: `${SANDBOX_BASE}/ksher/phone` } : undefined;
  shop.get('/api/catalog', (c) =>
    c.json({ currency: 'THB', products: catalog, ...(sandboxInfo && { sandbox: sandboxInfo }) }),
  );
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
