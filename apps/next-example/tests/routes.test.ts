/**
 * The example's route modules, called the way Next's router calls them (the method's export with a
 * Request), behind a plain server on 127.0.0.1 port 0: a Ksher checkout against the sandbox mounted
 * at /sandbox, with the webhook coming back through the checkout route.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveCheckout } from '@localpay/checkout-server/node';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as checkoutRoute from '../app/api/checkout/[...path]/route.ts';
import * as sandboxRoute from '../app/sandbox/[...path]/route.ts';
import { exampleServer } from '../lib/checkout.ts';

type RouteModule = Record<string, unknown>;

let dir: string;
let served: { url: string; close(): Promise<void> };

function dispatch(routes: RouteModule, request: Request): Promise<Response> | Response {
  const handler = routes[request.method];
  // Next answers 405 for a method the route module does not export.
  if (typeof handler !== 'function') return new Response(null, { status: 405 });
  return (handler as (request: Request) => Promise<Response>)(request);
}

beforeAll(async () => {
  // The example logs paid orders and sandbox activity to the console.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  dir = mkdtempSync(join(tmpdir(), 'next-example-'));
  served = await serveCheckout(
    (request) => {
      const path = new URL(request.url).pathname;
      if (path.startsWith('/api/checkout/')) return dispatch(checkoutRoute, request);
      if (path.startsWith('/sandbox/')) return dispatch(sandboxRoute, request);
      return new Response(null, { status: 404 });
    },
    { port: 0 },
  );
  // Read on the first request, as in `next start`; no gateway credentials → sandbox mode.
  for (const name of Object.keys(process.env)) {
    if (/^(KSHER|KESSPAY|KTPAY)_/.test(name)) vi.stubEnv(name, undefined);
  }
  vi.stubEnv('NEXT_EXAMPLE_PUBLIC_URL', served.url);
  vi.stubEnv('CHECKOUT_DATABASE_PATH', join(dir, 'checkout.sqlite'));
});

afterAll(async () => {
  const { checkout, sandbox } = exampleServer();
  sandbox?.close();
  await checkout.close();
  await served.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

it('runs a sandbox checkout through the route handlers: pay, webhook, SSE, succeeded', async () => {
  const api = `${served.url}/api/checkout`;
  const created = await fetch(`${api}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'next-example-1' },
    body: JSON.stringify({
      methodId: 'ksher.card',
      cart: { items: [{ sku: 'tea', quantity: 2 }] },
      returnUrl: `${served.url}/order`,
    }),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as { id: string; amount: number; next: { url: string } };
  // Priced by the example's catalog on the server: 2 × 120.00 THB.
  expect(session.amount).toBe(24_000);
  expect(session.next.url.startsWith(`${served.url}/sandbox/ksher/`)).toBe(true);

  const stream = await fetch(`${api}/sessions/${session.id}/events`);
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text;
  };
  expect(await readUntil(/"status":"pending"/)).toContain('event: status');

  const page = await (await fetch(session.next.url)).text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
  const channel = /name="channel" value="([^"]+)"/.exec(page)?.[1] ?? '';
  expect(action).toBeDefined();
  const paid = await fetch(new URL(action as string, session.next.url), {
    method: 'POST',
    body: new URLSearchParams({ action: 'pay', channel }),
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  expect(paid.headers.get('location')).toBe(`${served.url}/order?checkout_session=${session.id}`);

  expect(await readUntil(/"status":"succeeded"/)).toMatch(/"status":"succeeded"/);
  await reader.cancel();
  const { checkout, sandbox } = exampleServer();
  await sandbox?.ksher.idle();
  const events = (await checkout.listEvents(session.id)).map((event) => event.type);
  expect(events).toContain('webhook_applied');
  const read = (await (await fetch(`${api}/sessions/${session.id}`)).json()) as { status: string };
  expect(read.status).toBe('succeeded');
});

it('exports only the methods Next routes, each a function of a Request', () => {
  expect(Object.keys(checkoutRoute).sort()).toEqual(
    ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'runtime'].sort(),
  );
  expect(checkoutRoute.runtime).toBe('nodejs');
  expect(Object.keys(sandboxRoute).sort()).toEqual(['GET', 'POST', 'runtime']);
});
