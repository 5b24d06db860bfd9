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

describe('serveCheckout graceful close', () => {
  it('stops accepting, lets an in-flight request finish, then frees the port', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const shutdowns: string[] = [];
    const served = await serveCheckout(
      {
        fetch: async (request) => {
          if (new URL(request.url).pathname === '/slow') {
            started();
            await gate;
          }
          return new Response('done');
        },
        shutdown: () => shutdowns.push('shutdown'),
      },
      { port: 0 },
    );
    const slow = fetch(`${served.url}/slow`);
    await inFlight;
    let closed = false;
    const closing = served.close().then(() => {
      closed = true;
    });
    expect(shutdowns).toEqual(['shutdown']);
    await expect(fetch(`${served.url}/fast`)).rejects.toThrow();
    expect(closed).toBe(false);
    release();
    const response = await slow;
    expect(await response.text()).toBe('done');
    await closing;
    expect(closed).toBe(true);
  });

  it('cuts what is still open after shutdownTimeoutMs', async () => {
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const served = await serveCheckout(
      () => {
        started();
        return new Promise<Response>(() => {});
      },
      { port: 0, shutdownTimeoutMs: 1 },
    );
    const hanging = fetch(`${served.url}/never`).catch((error: unknown) => error);
    await inFlight;
    await served.close();
    expect(await hanging).toBeInstanceOf(Error);
  });
});
