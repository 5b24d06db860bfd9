import { createHash } from 'node:crypto';
import { IDEMPOTENCY_HEADER } from '@localpay/checkout-core';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RateLimitStore } from './rate-limit-store.ts';
import type { ResolvedSecurityConfig } from './security-config.ts';

export interface SecurityMiddlewareDeps {
  config: ResolvedSecurityConfig;
  rateLimits: RateLimitStore;
  logger: Logger;
  now: () => Date;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = `Content-Type, ${IDEMPOTENCY_HEADER}, Last-Event-ID`;
const EXPOSED_HEADERS = 'Idempotent-Replayed, Retry-After';

/**
 * Body limit, CORS and the Origin check on every route, and rate limits on session creation.
 * Registered before the routes, so each check runs before any route reads the body.
 */
export function registerSecurityMiddleware(app: Hono, deps: SecurityMiddlewareDeps): void {
  const { config } = deps;

  app.use(
    '*',
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: () => {
        throw new ApiError(
          413,
          'invalid_request',
          `The body must be at most ${config.maxBodyBytes} bytes`,
        );
      },
    }),
  );

  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && config.allowedOrigins.includes(origin);
    // Caches must not hand one origin's CORS answer to another.
    if (config.allowedOrigins.length > 0) c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (!allowed) {
        throw forbidden('Origin', 'is not an allowed origin for cross-origin requests');
      }
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    await next();
  });

  // State-changing browser calls: a page on another site must not create or cancel sessions.
  app.on('POST', ['/sessions', '/sessions/:id/cancel'], async (c, next) => {
    checkOrigin(c, config.allowedOrigins);
    await next();
  });

  const { windowMs, perIp, perCart } = config.rateLimit;
  app.on('POST', '/sessions', async (c, next) => {
    const nowMs = deps.now().getTime();
    const ip =
      config.trustedProxyHeader === undefined
        ? undefined
        : clientIp(c.req.header(config.trustedProxyHeader));
    if (perIp > 0 && ip !== undefined) {
      await limit(c, deps, 'ip', `ip:${ip}`, { nowMs, windowMs, limit: perIp });
    }
    if (perCart > 0) {
      const key = cartKey(await c.req.text());
      // A body without a cart is refused by the route, naming the field. With a known client
      // address the cart is that client's, so shoppers buying the same thing never share a window.
      if (key !== undefined) {
        const scoped = ip === undefined ? `cart:${key}` : `cart:${ip}:${key}`;
        await limit(c, deps, 'cart', scoped, { nowMs, windowMs, limit: perCart });
      }
    }
    await next();
  });
}

async function limit(
  c: Context,
  deps: SecurityMiddlewareDeps,
  scope: 'ip' | 'cart',
  key: string,
  window: { nowMs: number; windowMs: number; limit: number },
): Promise<void> {
  const decision = await deps.rateLimits.hit(key, window);
  if (decision.allowed) return;
  const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  // The scope only: an IP address is personal data, and a cart key says nothing to an operator.
  deps.logger.log('warn', 'rate limited a session creation', { scope });
  c.header('Retry-After', String(retryAfter));
  throw new ApiError(
    429,
    'rate_limited',
    scope === 'ip'
      ? `Too many checkout sessions from this address; retry in ${retryAfter} s`
      : `Too many checkout sessions for this cart; retry in ${retryAfter} s`,
    { scope, retryAfterSeconds: retryAfter },
  );
}

/**
 * The client address from the proxy's header. In a list (`X-Forwarded-For: client, proxy1`) the
 * last entry is the one the trusted proxy appended; earlier ones are whatever the client sent.
 * Without the header every such request shares one bucket: it did not come through the proxy.
 */
export function clientIp(header: string | undefined): string {
  const last = header?.split(',').at(-1)?.trim();
  return last ? last.slice(0, 64).toLowerCase() : 'unknown';
}

/** The same items and quantities in any order are the same cart; undefined without a cart. */
export function cartKey(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const items = (parsed as { cart?: { items?: unknown } } | null)?.cart?.items;
  if (!Array.isArray(items)) return undefined;
  const lines = items
    .map((item) => {
      const { sku, quantity } = (item ?? {}) as { sku?: unknown; quantity?: unknown };
      return JSON.stringify([String(sku), String(quantity)]);
    })
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * Browsers send Origin on every cross-origin POST (and same-origin ones too), so a request from
 * another site's page always carries it. Without Origin, Sec-Fetch-Site still tells a
 * cross-site browser request apart; a request with neither is not from a browser.
 */
function checkOrigin(c: Context, allowedOrigins: string[]): void {
  const origin = c.req.header('origin');
  if (origin === undefined) {
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      throw forbidden('Sec-Fetch-Site', 'says cross-site, and the request has no Origin');
    }
    return;
  }
  if (allowedOrigins.includes(origin) || isOwnOrigin(origin, c.req.url)) return;
  throw forbidden('Origin', 'is neither this server nor an allowed origin');
}

/**
 * The server's own origin. Behind a TLS-terminating proxy the request URL is http:// while the
 * page is https:// on the same host, so https on the same host counts as own too.
 */
function isOwnOrigin(origin: string, requestUrl: string): boolean {
  const own = new URL(requestUrl);
  if (origin === own.origin) return true;
  if (!URL.canParse(origin)) return false;
  const claimed = new URL(origin);
  return claimed.protocol === 'https:' && claimed.host === own.host;
}

function forbidden(field: string, message: string): ApiError {
  return new ApiError(403, 'invalid_request', `Forbidden: ${field} ${message}`, {
    fields: [{ field, message }],
  });
}
