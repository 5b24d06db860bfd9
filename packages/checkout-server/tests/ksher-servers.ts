import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewaySandbox, type GatewaySandbox } from '@localpay/gateway-sandbox';
import type { CheckoutOptions } from '../src/config.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import { serveCheckout } from '../src/node.ts';
import type { OrderRecord } from '../src/store/order-store.ts';
import { resolveTestCart } from './handler-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export type Json = Record<string, any>;

/**
 * The Ksher sandbox and a checkout handler, each on 127.0.0.1 port 0: the handler calls the
 * sandbox over HTTP and the sandbox delivers signed webhooks to the handler over HTTP.
 * `clock.offsetMs` moves the handler's clock (not the sandbox's) to reach expiry times.
 */
export async function startKsherServers(overrides: Partial<CheckoutOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-ksher-'));
  const clock = { offsetMs: 0 };
  const paid: OrderRecord[] = [];
  const gatewayUrls: string[] = [];
  const lostAnswers: number[] = [];
  let sandboxFetch: (request: Request) => Promise<Response> = async () =>
    new Response(null, { status: 503 });
  let route: (request: Request) => Promise<Response> = async () =>
    new Response(null, { status: 503 });
  const sandboxServer = await serveCheckout((request) => sandboxFetch(request), { port: 0 });
  const shopServer = await serveCheckout((request) => route(request), { port: 0 });
  const webhookUrl = `${shopServer.url}/api/checkout/webhooks/ksher`;
  const sandbox: GatewaySandbox = createGatewaySandbox({
    publicUrl: `${sandboxServer.url}/sandbox`,
    ksher: { webhookUrl, webhookRetryDelayMs: 50, merchantName: 'Test shop' },
  });
  sandboxFetch = (request) => sandbox.fetch(request);
  const handler: CheckoutHandler = createCheckoutHandler({
    basePath: '/api/checkout',
    databasePath: join(dir, 'checkout.sqlite'),
    resolveCart: resolveTestCart,
    ksher: {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl,
      mid: sandbox.ksher.mid,
      timeoutMs: 300,
    },
    defaultReturnUrl: `${shopServer.url}/order`,
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
  route = (request) => handler.fetch(request);

  const api = `${shopServer.url}/api/checkout`;
  let keys = 0;

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
      const response = await fetch(`${api}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `key-${++keys}` },
        body: JSON.stringify({ methodId, cart: { items } }),
      });
      return { status: response.status, body: (await response.json()) as Json };
    },
    async getSession(id: string) {
      const response = await fetch(`${api}/sessions/${id}`);
      return { status: response.status, body: (await response.json()) as Json };
    },
    /** Reads the session's event stream until it ends (a final status) and returns the text. */
    async streamUntilFinal(id: string, whileOpen?: () => Promise<unknown>) {
      const response = await fetch(`${api}/sessions/${id}/events`);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      let started = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += decoder.decode(value, { stream: true });
        if (!started && text.includes('"status":"pending"')) {
          started = true;
          await whileOpen?.();
        }
      }
    },
    async close() {
      sandbox.ksher.faults.reset();
      await sandbox.ksher.idle();
      sandbox.close();
      await handler.close();
      await shopServer.close();
      await sandboxServer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type KsherServers = Awaited<ReturnType<typeof startKsherServers>>;
