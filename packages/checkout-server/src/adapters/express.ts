import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '../node.ts';
import type { FetchTarget } from './fetch-target.ts';

export type { FetchTarget };

/** What Express hands to middleware, reduced to what the adapter reads (no runtime import of express). */
export type ExpressMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Express middleware for the checkout handler: `app.use('/api/checkout', toExpressHandler(h))`
 * with the handler's `basePath` '/api/checkout' (the full `originalUrl` is routed, not Express's
 * stripped `url`). Mount it before any body parser: webhook signatures are checked over the raw
 * body, and a parser that already read it (without keeping a `rawBody` Buffer) is an error.
 * Responses are written straight to the socket, so SSE is not buffered.
 */
export function toExpressHandler(checkout: FetchTarget): ExpressMiddleware {
  const listener = toNodeHandler((request) => checkout.fetch(request));
  return (req, res, next) => {
    const rawBody = (req as IncomingMessage & { rawBody?: unknown }).rawBody;
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      req.readableEnded &&
      !(rawBody instanceof Buffer)
    ) {
      next(
        new Error(
          'checkout-server: the request body was already read by another middleware; mount toExpressHandler before express.json() and other body parsers',
        ),
      );
      return;
    }
    listener(req, res);
  };
}
