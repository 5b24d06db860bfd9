import { describe, expect, it } from 'vitest';
import { checkoutOptionsFromEnv } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { resolveSecurityConfig, securityOptionsFromEnv } from './security-config.ts';

describe('resolveSecurityConfig', () => {
  it('fills safe defaults: same origin only, 64 KiB, 30 per IP and 20 per cart a minute', () => {
    expect(resolveSecurityConfig()).toEqual({
      allowedOrigins: [],
      maxBodyBytes: 65_536,
      rateLimit: { windowMs: 60_000, perIp: 30, perCart: 20 },
    });
  });

  it('normalises origins and the proxy header name', () => {
    const resolved = resolveSecurityConfig({
      allowedOrigins: ['https://shop.example.com/', 'http://localhost:5173'],
      trustedProxyHeader: 'X-Forwarded-For',
      rateLimit: { windowSeconds: 10, perIp: 0, perCart: 5 },
    });
    expect(resolved.allowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:5173']);
    expect(resolved.trustedProxyHeader).toBe('x-forwarded-for');
    expect(resolved.rateLimit).toEqual({ windowMs: 10_000, perIp: 0, perCart: 5 });
  });

  it.each([
    [{ allowedOrigins: ['https://shop.example.com/path'] }, 'security.allowedOrigins'],
    [{ allowedOrigins: ['*'] }, 'security.allowedOrigins'],
    [{ allowedOrigins: 'https://shop.example.com' }, 'security.allowedOrigins'],
    [{ trustedProxyHeader: 'x forwarded' }, 'security.trustedProxyHeader'],
    [{ maxBodyBytes: 10 }, 'security.maxBodyBytes'],
    [{ rateLimit: { windowSeconds: 0 } }, 'security.rateLimit.windowSeconds'],
    [{ rateLimit: { perIp: -1 } }, 'security.rateLimit.perIp'],
    [{ rateLimit: { perCart: 1.5 } }, 'security.rateLimit.perCart'],
    [{ rateLimit: { store: {} } }, 'security.rateLimit.store'],
  ])('refuses %j naming %s', (options, name) => {
    expect(() => resolveSecurityConfig(options as never)).toThrow(ConfigError);
    expect(() => resolveSecurityConfig(options as never)).toThrow(name);
  });
});

describe('securityOptionsFromEnv', () => {
  it('is undefined when nothing is set, and reads every variable', () => {
    expect(securityOptionsFromEnv({})).toBeUndefined();
    expect(checkoutOptionsFromEnv({}).security).toBeUndefined();
    const env = {
      CHECKOUT_ALLOWED_ORIGINS: 'https://shop.example.com, https://m.shop.example.com',
      CHECKOUT_TRUSTED_PROXY_HEADER: 'CF-Connecting-IP',
      CHECKOUT_MAX_BODY_BYTES: '32768',
      CHECKOUT_RATE_LIMIT_WINDOW_SECONDS: '120',
      CHECKOUT_RATE_LIMIT_PER_IP: '10',
      CHECKOUT_RATE_LIMIT_PER_CART: '0',
    };
    const expected = {
      allowedOrigins: ['https://shop.example.com', 'https://m.shop.example.com'],
      trustedProxyHeader: 'cf-connecting-ip',
      maxBodyBytes: 32_768,
      rateLimit: { windowSeconds: 120, perIp: 10, perCart: 0 },
    };
    expect(securityOptionsFromEnv(env)).toEqual(expected);
    expect(checkoutOptionsFromEnv(env).security).toEqual(expected);
  });

  it.each([
    ['CHECKOUT_ALLOWED_ORIGINS', 'https://shop.example.com/checkout'],
    ['CHECKOUT_TRUSTED_PROXY_HEADER', 'x-forwarded-for: 1.2.3.4'],
    ['CHECKOUT_MAX_BODY_BYTES', '64k'],
    ['CHECKOUT_RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['CHECKOUT_RATE_LIMIT_PER_IP', '-1'],
    ['CHECKOUT_RATE_LIMIT_PER_CART', '1e3'],
  ])('refuses a malformed %s naming it', (name, value) => {
    expect(() => securityOptionsFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => securityOptionsFromEnv({ [name]: value })).toThrow(name);
  });
});
