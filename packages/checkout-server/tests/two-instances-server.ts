// One checkout instance for tests/two-instances.test.ts, as its own process: configured from the
// environment (DATABASE_URL, CHECKOUT_DATABASE_SCHEMA, KSHER_*) like a deployment. Prints
// `{"url":…}` once listening and `{"hook":id}` per success hook; SIGTERM closes it gracefully.
import { checkoutOptionsFromEnv } from '../src/config.ts';
import { createCheckoutHandler } from '../src/handler.ts';
import { serveCheckout } from '../src/node.ts';

const handler = createCheckoutHandler({
  ...checkoutOptionsFromEnv(),
  basePath: '/api/checkout',
  resolveCart: (items) => ({
    currency: 'THB',
    lines: items.map((item) => ({
      sku: item.sku,
      name: item.sku,
      quantity: item.quantity,
      unitAmount: 15_050,
    })),
  }),
  onSessionSucceeded: (order) => {
    process.stdout.write(`${JSON.stringify({ hook: order.id })}\n`);
  },
  defaultReturnUrl: 'http://127.0.0.1/return',
  syncIntervalMs: 0,
  // Long: an SSE stream must learn changes from LISTEN/NOTIFY, not from its own gateway polls.
  heartbeatMs: 600_000,
  logger: { log: () => {} },
});
const served = await serveCheckout(handler, { port: 0 });
process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);

process.once('SIGTERM', async () => {
  await served.close();
  await handler.close();
  process.exit(0);
});
