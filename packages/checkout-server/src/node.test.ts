import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serveCheckout, toNodeHandler } from './node.ts';

const echo = async (request: Request) =>
  Response.json({
    method: request.method,
    path: new URL(request.url).pathname,
    body: await request.text(),
  });

describe('serveCheckout', () => {
  it('serves a fetch handler on a free port and frees it on close', async () => {
    const served = await serveCheckout(echo, { port: 0 });
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${served.url}/api/checkout/methods`, {
      method: 'POST',
      body: 'hi',
    });
    expect(await response.json()).toEqual({
      method: 'POST',
      path: '/api/checkout/methods',
      body: 'hi',
    });
    await served.close();
    await expect(fetch(`${served.url}/`)).rejects.toThrow();
  });
});

describe('toNodeHandler', () => {
  it('uses the full original URL when a framework (Express) stripped its mount path', async () => {
    const listener = toNodeHandler(echo);
    const server = createServer((req, res) => {
      // What Express does for app.use('/api/checkout', …): url is relative, originalUrl is full.
      Object.assign(req, { originalUrl: req.url });
      req.url = (req.url ?? '/').replace(/^\/api\/checkout/, '') || '/';
      listener(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/api/checkout/sessions/x?y=1`);
    expect(await response.json()).toMatchObject({
      method: 'GET',
      path: '/api/checkout/sessions/x',
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
