import type { FetchTarget } from './fetch-target.ts';

export type { FetchTarget };

/** A Next.js App Router route handler; Next passes a NextRequest, which is a Request. */
export type NextRouteHandler = (request: Request) => Promise<Response>;

export interface NextRouteHandlers {
  GET: NextRouteHandler;
  HEAD: NextRouteHandler;
  POST: NextRouteHandler;
  PUT: NextRouteHandler;
  PATCH: NextRouteHandler;
  DELETE: NextRouteHandler;
  OPTIONS: NextRouteHandler;
}

/**
 * Route handlers for `app/api/checkout/[...path]/route.ts`:
 * `export const { GET, POST, … } = toNextRouteHandlers(() => createCheckoutHandler(…))` with the
 * handler's `basePath` '/api/checkout', the route folder: Next strips next.config's `basePath` from
 * `request.url` (public URLs such as webhook URLs still include it). A factory is called on the first request, not at import, so `next build` (which
 * imports route modules) opens no database and needs no credentials; a factory that throws is
 * tried again on the next request.
 */
export function toNextRouteHandlers(
  checkout: FetchTarget | (() => FetchTarget),
): NextRouteHandlers {
  let resolved: FetchTarget | undefined = typeof checkout === 'function' ? undefined : checkout;
  const handle: NextRouteHandler = async (request) => {
    resolved ??= (checkout as () => FetchTarget)();
    return resolved.fetch(request);
  };
  return {
    GET: handle,
    HEAD: handle,
    POST: handle,
    PUT: handle,
    PATCH: handle,
    DELETE: handle,
    OPTIONS: handle,
  };
}
