/**
 * Every framework adapter mounted on a real server (127.0.0.1 port 0) runs a Ksher checkout
 * against the sandbox: create a session, pay on the hosted page, the webhook arrives through the
 * adapter, GET shows succeeded, and the session's SSE stream flows through the adapter unbuffered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewaySandbox, type GatewaySandbox } from '@localpay/gateway-sandbox';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toExpressHandler } from '../src/adapters/express.ts';
import { toFastifyPlugin } from '../src/adapters/fastify.ts';
import type { FetchTarget } from '../src/adapters/fetch-target.ts';
import { toHonoHandler } from '../src/adapters/hono.ts';
import { toNextRouteHandlers } from '../src/adapters/next.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import { serveCheckout, toNodeHandler } from '../src/node.ts';
import { type Json, loadPageForm, readEventStream } from './checkout-servers.ts';
import { createHarness, resolveTestCart } from './handler-harness.ts';

const BASE = '/api/checkout';

interface MountedShop {
  url: string;
  close(): Promise<void>;
}

async function listenNode(server: Server): Promise<MountedShop> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A JSON echo next to the checkout: the app's own routes keep their body parsing. */
const echoBody = { hello: 'shop' };

const mounts: Record<string, (checkout: FetchTarget) => Promise<MountedShop>> = {
  'Node http': (checkout) => {
    const checkoutRoutes = toNodeHandler((request) => checkout.fetch(request));
    return listenNode(
      createServer((req, res) => {
        if (req.url?.startsWith(`${BASE}/`)) return checkoutRoutes(req, res);
        // The app's own route reads its body itself.
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          res.setHeader('content-type', 'application/json');
          res.end(body);
        });
      }),
    );
  },
  Express: (checkout) => {
    const app = express();
    app.use(BASE, toExpressHandler(checkout));
    app.post('/echo', express.json(), (req, res) => {
      res.json(req.body);
    });
    return listenNode(createServer(app));
  },
  Fastify: async (checkout) => {
    const app = Fastify();
    await app.register(toFastifyPlugin(checkout), { prefix: BASE });
    app.post('/echo', async (request) => request.body);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        app.server.closeAllConnections();
        await app.close();
      },
    };
  },
  Hono: (checkout) => {
    const app = new Hono();
    app.all(`${BASE}/*`, toHonoHandler(checkout));
    app.post('/echo', async (c) => c.json(await c.req.json()));
    return serveCheckout((request) => app.fetch(request), { port: 0 });
  },
  // No Next server: the test server calls the exported method handlers as Next's router does.
  'Next.js route handlers': (checkout) => {
    const routes = toNextRouteHandlers(() => checkout);
    return serveCheckout(
      async (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/echo') return Response.json(await request.json());
        if (!path.startsWith(`${BASE}/`)) return new Response(null, { status: 404 });
        const route = routes[request.method as keyof typeof routes];
        return route ? route(request) : new Response(null, { status: 405 });
      },
      { port: 0 },
    );
  },
};

describe.each(Object.keys(mounts))('%s adapter', (name) => {
  let dir: string;
  let sandbox: GatewaySandbox;
  let sandboxServer: MountedShop;
  let shop: MountedShop;
  let checkout: CheckoutHandler | undefined;
  const fulfilled: string[] = [];
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'checkout-adapter-'));
    let sandboxFetch = async (_request: Request) => new Response(null, { status: 503 });
    sandboxServer = await serveCheckout((request) => sandboxFetch(request), { port: 0 });
    // The handler needs the shop's URL (webhook URL) and the shop needs the handler: forward.
    shop = await (mounts[name] as (c: FetchTarget) => Promise<MountedShop>)({
      fetch: async (request) =>
        checkout ? checkout.fetch(request) : new Response(null, { status: 503 }),
      shutdown: () => checkout?.shutdown(),
    });
    const webhookUrl = `${shop.url}${BASE}/webhooks/ksher`;
    sandbox = createGatewaySandbox({
      publicUrl: `${sandboxServer.url}/sandbox`,
      ksher: { webhookUrl, webhookRetryDelayMs: 50 },
    });
    sandboxFetch = (request) => sandbox.fetch(request);
    checkout = createCheckoutHandler({
      basePath: BASE,
      databasePath: join(dir, 'checkout.sqlite'),
      defaultReturnUrl: `${shop.url}/order`,
      syncIntervalMs: 0,
      heartbeatMs: 1000,
      logger: { log: () => {} },
      resolveCart: resolveTestCart,
      onSessionSucceeded: (order) => {
        fulfilled.push(order.id);
      },
      ksher: { baseUrl: sandbox.ksher.baseUrl, token: sandbox.ksher.token, webhookUrl },
    });
  });

  afterAll(async () => {
    sandbox.close();
    await checkout?.close();
    await shop.close();
    await sandboxServer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a checkout: create, pay on the sandbox, webhook through the adapter, SSE, succeeded', async () => {
    const created = await fetch(`${shop.url}${BASE}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `adapter-${slug}-1` },
      body: JSON.stringify({
        methodId: 'ksher.card',
        cart: { items: [{ sku: 'tea', quantity: 1 }] },
      }),
    });
    expect(created.status).toBe(201);
    const session = (await created.json()) as Json;

    const stream = await fetch(`${shop.url}${BASE}/sessions/${session.id}/events`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = readEventStream(stream);
    // Arrives while the stream is still open: a buffering adapter would never deliver it.
    expect(await events.until(/"status":"pending"/)).toMatch(/event: status/);

    const form = await loadPageForm(session.next.url);
    const channel = /name="channel" value="([^"]+)"/.exec(form.html)?.[1];
    const paid = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams({ action: 'pay', ...(channel && { channel }) }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);

    expect(await events.until(/"status":"succeeded"/)).toMatch(
      /event: status\ndata: \{"id":"cs_[0-9a-f]+","status":"succeeded"/,
    );
    await sandbox.ksher.idle();
    const types = (await checkout?.listEvents(session.id))?.map((event) => event.type);
    // The webhook, not a status query, moved the order: it came in through the adapter.
    expect(types).toContain('webhook_applied');
    const read = await fetch(`${shop.url}${BASE}/sessions/${session.id}`);
    expect(((await read.json()) as Json).status).toBe('succeeded');
    expect(fulfilled).toEqual([session.id]);
  });

  it('answers the handler’s own 404 and 4xx inside the mount, and leaves other routes alone', async () => {
    const missing = await fetch(`${shop.url}${BASE}/no-such-route`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Json).error.code).toBe('not_found');

    const bad = await fetch(`${shop.url}${BASE}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `adapter-${slug}-bad` },
      body: '{"methodId":',
    });
    expect(bad.status).toBe(400);

    const echo = await fetch(`${shop.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(echoBody),
    });
    expect(await echo.json()).toEqual(echoBody);
  });
});

describe('toExpressHandler', () => {
  it('refuses a request whose body a parser mounted before it already read', async () => {
    const app = express();
    app.use(express.json());
    app.use(
      BASE,
      toExpressHandler({ fetch: async () => new Response('reached the handler', { status: 200 }) }),
    );
    app.use(
      (error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        res.status(500).send(error.message);
      },
    );
    const served = await listenNode(createServer(app));
    const response = await fetch(`${served.url}${BASE}/webhooks/ksher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('before express.json()');
    await served.close();
  });
});

describe('toFastifyPlugin', () => {
  it('ends open event streams with a retry hint when the app closes, so close() completes', async () => {
    const harness = createHarness();
    const session = await harness.createSession();
    const app = Fastify();
    await app.register(toFastifyPlugin(harness.handler), { prefix: BASE });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const stream = await fetch(`http://127.0.0.1:${port}${BASE}/sessions/${session.id}/events`);
    const events = readEventStream(stream);
    await events.until(/"status":"pending"/);
    // Without the preClose hook this waits for the open stream forever (the test times out).
    await app.close();
    expect(await events.rest()).toMatch(/retry: \d+\n: server shutting down/);
    await harness.handler.close();
  });
});

describe('toNextRouteHandlers', () => {
  it('creates the handler on the first request, once, and retries a factory that threw', async () => {
    let calls = 0;
    const routes = toNextRouteHandlers(() => {
      calls += 1;
      if (calls === 1) throw new Error('not configured yet');
      return { fetch: async (request) => new Response(request.method) };
    });
    expect(calls).toBe(0);
    await expect(routes.GET(new Request('http://127.0.0.1/api/checkout/methods'))).rejects.toThrow(
      'not configured yet',
    );
    const posted = await routes.POST(
      new Request('http://127.0.0.1/api/checkout/sessions', { method: 'POST' }),
    );
    expect(await posted.text()).toBe('POST');
    await routes.DELETE(new Request('http://127.0.0.1/api/checkout/x', { method: 'DELETE' }));
    expect(calls).toBe(2);
  });
});
