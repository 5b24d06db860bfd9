import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, getRequestListener } from '@hono/node-server';

type FetchHandler = (request: Request) => Promise<Response> | Response;

/** A checkout handler, or anything with `fetch` and an optional `shutdown` hook. */
export interface ServeTarget {
  fetch: FetchHandler;
  /** Called when close() begins, e.g. CheckoutHandler.shutdown (readiness 503, SSE retry hint). */
  shutdown?(): void;
}

export interface ServeCheckoutOptions {
  port: number;
  hostname?: string;
  /** How long close() lets in-flight requests finish before cutting connections; default 10000. */
  shutdownTimeoutMs?: number;
}

export interface ServedCheckout {
  url: string;
  /**
   * Graceful stop: no new connections, `shutdown()` on the target (event streams end with a
   * `retry:` hint), in-flight requests finish (up to shutdownTimeoutMs), then the port is free.
   */
  close(): Promise<void>;
}

/**
 * Starts a Node http server for a fetch handler. `port: 0` picks a free port; the returned `url`
 * has the real one. On SIGTERM call close(), then the handler's close().
 */
export async function serveCheckout(
  target: FetchHandler | ServeTarget,
  options: ServeCheckoutOptions,
): Promise<ServedCheckout> {
  const hostname = options.hostname ?? '127.0.0.1';
  const fetchHandler = typeof target === 'function' ? target : target.fetch;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
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
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const http = server as Server;
        // A keep-alive connection becomes idle once its in-flight request is answered.
        const idleSweep = setInterval(() => http.closeIdleConnections(), 20);
        const deadline = setTimeout(() => http.closeAllConnections(), shutdownTimeoutMs);
        // Stops listening at once; the callback runs when the last connection has ended.
        server.close((error) => {
          clearInterval(idleSweep);
          clearTimeout(deadline);
          if (error) reject(error);
          else resolve();
        });
        if (typeof target !== 'function') target.shutdown?.();
        http.closeIdleConnections();
      });
      return closing;
    },
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
