import { join } from 'node:path';
import type { CheckoutOptions } from '../src/config.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import type { OrderRecord } from '../src/store/order-store.ts';
import { type Json, readEventStream, startSandboxAndShop } from './checkout-servers.ts';
import { resolveTestCart } from './handler-harness.ts';

/**
 * The Ksher sandbox and a checkout handler, each on 127.0.0.1 port 0: the handler calls the
 * sandbox over HTTP and the sandbox delivers signed webhooks to the handler over HTTP.
 * `clock.offsetMs` moves the handler's clock (not the sandbox's) to reach expiry times.
 */
export async function startKsherServers(overrides: Partial<CheckoutOptions> = {}) {
  const clock = { offsetMs: 0 };
  const paid: OrderRecord[] = [];
  const gatewayUrls: string[] = [];
  const lostAnswers: number[] = [];
  let webhookUrl = '';
  const servers = await startSandboxAndShop({
    tmpPrefix: 'checkout-ksher-',
    keyPrefix: 'key',
    sandbox: (shopUrl) => {
      webhookUrl = `${shopUrl}/api/checkout/webhooks/ksher`;
      return { ksher: { webhookUrl, webhookRetryDelayMs: 50, merchantName: 'Test shop' } };
    },
  });
  const { sandbox, api } = servers;
  const handler: CheckoutHandler = createCheckoutHandler({
    basePath: '/api/checkout',
    databasePath: join(servers.dir, 'checkout.sqlite'),
    resolveCart: resolveTestCart,
    ksher: {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl,
      mid: sandbox.ksher.mid,
      timeoutMs: 300,
    },
    defaultReturnUrl: `${servers.shopUrl}/order`,
    syncIntervalMs: 0,
    heartbeatMs: 30,
    logger: { log: () => {} },
    now: () => new Date(Date.now() + clock.offsetMs),
    // A spy on the real fetch, so tests can count gateway calls (e.g. report pages).
    fetch: async (input, init) => {
      gatewayUrls.push(String(input));
      const response = await globalThis.fetch(input, init);
      const lost = lostAnswers.shift();
      if (lost === undefined) return response;
      await response.body?.cancel();
      return Response.json({ code: lost }, { status: lost });
    },
    onSessionSucceeded: (order) => {
      paid.push(order);
    },
    ...overrides,
  });
  servers.route = (request) => handler.fetch(request);

  return {
    sandbox,
    handler,
    clock,
    paid,
    gatewayUrls,
    api,
    /** The next gateway call is made, but the handler gets HTTP `status` instead of its answer. */
    loseNextAnswer(status: number) {
      lostAnswers.push(status);
    },
    async createSession(methodId: string, items = [{ sku: 'tea', quantity: 1 }]) {
      const response = await servers.postSession(methodId, items);
      return { status: response.status, body: (await response.json()) as Json };
    },
    async getSession(id: string) {
      const response = await fetch(`${api}/sessions/${id}`);
      return { status: response.status, body: (await response.json()) as Json };
    },
    /** Reads the session's event stream until it ends (a final status) and returns the text. */
    async streamUntilFinal(id: string, whileOpen?: () => Promise<unknown>) {
      const events = readEventStream(await fetch(`${api}/sessions/${id}/events`));
      if (/"status":"pending"/.test(await events.until(/"status":"pending"/))) await whileOpen?.();
      return events.rest();
    },
    async close() {
      sandbox.ksher.faults.reset();
      await sandbox.ksher.idle();
      await servers.close(handler);
    },
  };
}

export type KsherServers = Awaited<ReturnType<typeof startKsherServers>>;
