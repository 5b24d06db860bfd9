import { join } from 'node:path';
import {
  type CheckoutHandler,
  type CheckoutOptions,
  checkoutOptionsFromEnv,
  createCheckoutHandler,
} from '@localpay/checkout-server';
import { createGatewaySandbox, type GatewaySandbox } from '@localpay/gateway-sandbox';
import { resolveCart } from './catalog.ts';

export const CHECKOUT_BASE = '/api/checkout';
export const SANDBOX_BASE = '/sandbox';

interface ExampleServer {
  checkout: CheckoutHandler;
  /** Present when no gateway credentials are set. */
  sandbox: GatewaySandbox | undefined;
}

// Next bundles each route separately and reloads modules in development: one instance per process
// lives on globalThis, so both routes share it and a reload does not open a second database.
const INSTANCE = Symbol.for('localpay.next-example.server');
type WithInstance = typeof globalThis & { [INSTANCE]?: ExampleServer };

/**
 * The checkout server of this app, created on first use (never at import: `next build` imports
 * route modules). With gateway credentials in the environment (KSHER_*, KESSPAY_*, KTPAY_*) it
 * uses them; with none it runs Ksher against the built-in sandbox mounted at /sandbox.
 */
export function exampleServer(
  env: Record<string, string | undefined> = process.env,
): ExampleServer {
  const holder = globalThis as WithInstance;
  if (holder[INSTANCE]) return holder[INSTANCE];
  const origin = (env.NEXT_EXAMPLE_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  const fromEnv = checkoutOptionsFromEnv(env);
  const options: CheckoutOptions = {
    ...fromEnv,
    basePath: CHECKOUT_BASE,
    databasePath: fromEnv.databasePath ?? join(process.cwd(), '.data', 'checkout.sqlite'),
    allowedReturnOrigins: [origin],
    resolveCart,
    onSessionSucceeded: (order) => {
      console.log(`[shop] order ${order.id} paid: ${order.amount} ${order.currency}`);
    },
  };
  let sandbox: GatewaySandbox | undefined;
  // Never a mix: with real credentials set, no emulator that "pays" without money is mounted.
  if (!fromEnv.ksher && !fromEnv.kesspay && !fromEnv.ktpay) {
    const webhookUrl = `${origin}${CHECKOUT_BASE}/webhooks/ksher`;
    sandbox = createGatewaySandbox({
      publicUrl: `${origin}${SANDBOX_BASE}`,
      ksher: { webhookUrl, merchantName: 'Next.js example shop' },
      log: (line) => console.log(`[sandbox] ${line}`),
    });
    options.ksher = { baseUrl: sandbox.ksher.baseUrl, token: sandbox.ksher.token, webhookUrl };
  }
  const server = { checkout: createCheckoutHandler(options), sandbox };
  holder[INSTANCE] = server;
  return server;
}
