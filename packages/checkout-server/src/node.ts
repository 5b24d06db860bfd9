import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, getRequestListener } from '@hono/node-server';

type FetchHandler = (request: Request) => Promise<Response> | Response;

/**
 * Starts a Node http server for a fetch handler. `port: 0` picks a free port; the returned `url`
 * has the real one. close() also drops open keep-alive and SSE connections.
 */
export async function serveCheckout(
  fetchHandler: FetchHandler,
  options: { port: number; hostname?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: fetchHandler, hostname });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/**
 * A `(req, res)` listener for Express or plain `http.createServer`. Express strips its mount path
 * from `req.url`; the full `req.originalUrl` is used instead, so the handler's `basePath` must be
 * the full mount path (`app.use('/api/checkout', toNodeHandler(h))` with basePath '/api/checkout').
 */
export function toNodeHandler(
  fetchHandler: FetchHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = getRequestListener(fetchHandler);
  return (req, res) => {
    const originalUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
    if (typeof originalUrl === 'string') req.url = originalUrl;
    void listener(req, res);
  };
}
