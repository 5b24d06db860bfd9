import type { Context } from 'hono';
import type { FetchTarget } from './fetch-target.ts';

export type { FetchTarget };

/**
 * A Hono route handler for the checkout handler: `app.all('/api/checkout/*', toHonoHandler(h))`
 * with the handler's `basePath` '/api/checkout'. The original request (path, headers, unread body)
 * is passed on as is, so mount it where no earlier middleware reads the body.
 */
export function toHonoHandler(checkout: FetchTarget): (c: Context) => Promise<Response> {
  return (c) => checkout.fetch(c.req.raw);
}
