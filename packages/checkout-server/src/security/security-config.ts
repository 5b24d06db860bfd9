import {
  checkIntegerRange,
  envReader,
  parseEnvInteger,
  requireOriginList,
  splitEnvList,
} from '../config-fields.ts';
import { ConfigError } from '../errors.ts';
import type { RateLimitStore } from './rate-limit-store.ts';

export interface RateLimitOptions {
  /** Length of the sliding window; default 60. */
  windowSeconds?: number;
  /**
   * Session creations per client IP per window; default 30, 0 turns it off. Only counted with
   * `trustedProxyHeader`: a fetch handler cannot see the socket, and any other header is forgeable.
   */
  perIp?: number;
  /** Session creations per cart (the same items and quantities) per window; default 20, 0 = off. */
  perCart?: number;
  /** Where the windows live; default in this process's memory. */
  store?: RateLimitStore;
}

export interface SecurityOptions {
  /**
   * Browser origins other than the server's own that may call the API: they get CORS headers and
   * pass the Origin check on POST /sessions and cancel. Default none (same origin only).
   */
  allowedOrigins?: string[];
  /**
   * The header your reverse proxy sets to the client's address, e.g. `x-forwarded-for` (its last
   * entry, the one the proxy appended, is used) or `cf-connecting-ip`. Set it only behind a proxy
   * that overwrites or appends it: clients can send any header.
   */
  trustedProxyHeader?: string;
  /** Largest request body accepted, in bytes; default 65536. */
  maxBodyBytes?: number;
  rateLimit?: RateLimitOptions;
}

export interface ResolvedSecurityConfig {
  allowedOrigins: string[];
  trustedProxyHeader?: string;
  maxBodyBytes: number;
  rateLimit: { windowMs: number; perIp: number; perCart: number };
}

type Env = Record<string, string | undefined>;

/** Fills defaults and checks every field; the ConfigError names the option. */
export function resolveSecurityConfig(options: SecurityOptions = {}): ResolvedSecurityConfig {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('security must be an object');
  }
  const rateLimit = options.rateLimit ?? {};
  if (typeof rateLimit !== 'object' || rateLimit === null) {
    throw new ConfigError('security.rateLimit must be an object');
  }
  if (rateLimit.store !== undefined && typeof rateLimit.store?.hit !== 'function') {
    throw new ConfigError('security.rateLimit.store must have a hit(key, options) method');
  }
  const resolved: ResolvedSecurityConfig = {
    allowedOrigins: requireOriginList(options.allowedOrigins ?? [], 'security.allowedOrigins'),
    maxBodyBytes: checkIntegerRange(
      options.maxBodyBytes ?? 64 * 1024,
      'security.maxBodyBytes',
      1024,
      10 * 1024 * 1024,
    ),
    rateLimit: {
      windowMs:
        checkIntegerRange(
          rateLimit.windowSeconds ?? 60,
          'security.rateLimit.windowSeconds',
          1,
          86_400,
        ) * 1000,
      perIp: checkIntegerRange(rateLimit.perIp ?? 30, 'security.rateLimit.perIp', 0, 1_000_000),
      perCart: checkIntegerRange(
        rateLimit.perCart ?? 20,
        'security.rateLimit.perCart',
        0,
        1_000_000,
      ),
    },
  };
  if (options.trustedProxyHeader !== undefined) {
    resolved.trustedProxyHeader = checkHeaderName(
      options.trustedProxyHeader,
      'security.trustedProxyHeader',
    );
  }
  return resolved;
}

/**
 * CHECKOUT_ALLOWED_ORIGINS, CHECKOUT_TRUSTED_PROXY_HEADER, CHECKOUT_MAX_BODY_BYTES and
 * CHECKOUT_RATE_LIMIT_{WINDOW_SECONDS,PER_IP,PER_CART}; undefined when none is set.
 */
export function securityOptionsFromEnv(env: Env): SecurityOptions | undefined {
  const value = envReader(env);
  const security: SecurityOptions = {};
  const rateLimit: RateLimitOptions = {};
  const origins = value('CHECKOUT_ALLOWED_ORIGINS');
  if (origins !== undefined) {
    security.allowedOrigins = requireOriginList(splitEnvList(origins), 'CHECKOUT_ALLOWED_ORIGINS');
  }
  const header = value('CHECKOUT_TRUSTED_PROXY_HEADER');
  if (header !== undefined) {
    security.trustedProxyHeader = checkHeaderName(header, 'CHECKOUT_TRUSTED_PROXY_HEADER');
  }
  const maxBody = value('CHECKOUT_MAX_BODY_BYTES');
  if (maxBody !== undefined) {
    security.maxBodyBytes = parseEnvInteger(maxBody, 'CHECKOUT_MAX_BODY_BYTES', 1024, 10_485_760);
  }
  const windowSeconds = value('CHECKOUT_RATE_LIMIT_WINDOW_SECONDS');
  if (windowSeconds !== undefined) {
    rateLimit.windowSeconds = parseEnvInteger(
      windowSeconds,
      'CHECKOUT_RATE_LIMIT_WINDOW_SECONDS',
      1,
      86_400,
    );
  }
  const perIp = value('CHECKOUT_RATE_LIMIT_PER_IP');
  if (perIp !== undefined) {
    rateLimit.perIp = parseEnvInteger(perIp, 'CHECKOUT_RATE_LIMIT_PER_IP', 0, 1_000_000);
  }
  const perCart = value('CHECKOUT_RATE_LIMIT_PER_CART');
  if (perCart !== undefined) {
    rateLimit.perCart = parseEnvInteger(perCart, 'CHECKOUT_RATE_LIMIT_PER_CART', 0, 1_000_000);
  }
  if (Object.keys(rateLimit).length > 0) security.rateLimit = rateLimit;
  return Object.keys(security).length > 0 ? security : undefined;
}

function checkHeaderName(header: unknown, name: string): string {
  if (typeof header !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(header)) {
    throw new ConfigError(`${name} must be a header name such as x-forwarded-for`);
  }
  return header.toLowerCase();
}
