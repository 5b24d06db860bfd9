import { describe, expect, it } from 'vitest';
import { checkoutOptionsFromEnv, resolveCheckoutConfig } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import { kesspayOptionsFromEnv, resolveKesspayConfig } from './config.ts';

const env = {
  KESSPAY_BASE_URL: 'https://devwebpayment.kesspay.io/',
  KESSPAY_CLIENT_ID: '3f0c7a52-0000-4000-8000-000000000001',
  KESSPAY_CLIENT_SECRET: 'client<secret>{^$&|!~}',
  KESSPAY_USERNAME: 'merchant@example.com',
  KESSPAY_PASSWORD: 'p&ss=word',
  KESSPAY_API_SECRET_KEY: 'api&secret=key<{^$',
  KESSPAY_SELLER_CODE: 'CU2211-27962254758514976',
  KESSPAY_NOTIFY_URL: 'https://shop.example/api/checkout/webhooks/kesspay',
};

describe('KessPay configuration', () => {
  it('reads KESSPAY_* variables and fills defaults', () => {
    const options = kesspayOptionsFromEnv({
      ...env,
      KESSPAY_QR_SERVICE_CODES: 'KHQR, ABAAKHPP',
      KESSPAY_TIMEOUT_MS: '5000',
      KESSPAY_SIGN_TYPE: 'hmac-sha256',
    });
    expect(options).toMatchObject({ apiSecretKey: env.KESSPAY_API_SECRET_KEY, timeoutMs: 5000 });
    const resolved = resolveKesspayConfig(options as NonNullable<typeof options>);
    expect(resolved).toMatchObject({
      baseUrl: 'https://devwebpayment.kesspay.io',
      authMode: 'oauth',
      signType: 'HMAC-SHA256',
      qrServiceCodes: ['KHQR', 'ABAAKHPP'],
    });
    expect(kesspayOptionsFromEnv({})).toBeUndefined();
    expect(resolveKesspayConfig(options as NonNullable<typeof options>).timeoutMs).toBe(5000);
  });

  it('basic mode needs no OAuth client', () => {
    const { KESSPAY_CLIENT_ID: _id, KESSPAY_CLIENT_SECRET: _secret, ...rest } = env;
    expect(kesspayOptionsFromEnv({ ...rest, KESSPAY_AUTH_MODE: 'basic' })?.authMode).toBe('basic');
    expect(() => kesspayOptionsFromEnv(rest)).toThrow(
      /KESSPAY_CLIENT_ID, KESSPAY_CLIENT_SECRET are missing/,
    );
  });

  it.each([
    [{ KESSPAY_AUTH_MODE: 'token' }, 'KESSPAY_AUTH_MODE'],
    [{ KESSPAY_NOTIFY_URL: 'shop/notify' }, 'KESSPAY_NOTIFY_URL'],
    [{ KESSPAY_BASE_URL: 'https://kess.test?x=1' }, 'KESSPAY_BASE_URL'],
    [{ KESSPAY_API_SECRET_KEY: 'short' }, 'KESSPAY_API_SECRET_KEY'],
    [{ KESSPAY_SIGN_TYPE: 'SHA1' }, 'KESSPAY_SIGN_TYPE'],
    [{ KESSPAY_QR_SERVICE_CODES: 'khqr' }, 'KESSPAY_QR_SERVICE_CODES'],
    [{ KESSPAY_TIMEOUT_MS: '1s' }, 'KESSPAY_TIMEOUT_MS'],
    [{ KESSPAY_TIMEOUT_MS: '0' }, 'KESSPAY_TIMEOUT_MS'],
  ])('%j → ConfigError naming %s, never a value', (change, name) => {
    let error: unknown;
    try {
      kesspayOptionsFromEnv({ ...env, ...change });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    for (const secret of [
      env.KESSPAY_API_SECRET_KEY,
      env.KESSPAY_CLIENT_SECRET,
      env.KESSPAY_PASSWORD,
    ]) {
      expect(message).not.toContain(secret);
    }
  });

  it('option names in messages for programmatic options', () => {
    expect(() =>
      resolveKesspayConfig({
        baseUrl: 'https://kess.test',
        username: 'u',
        password: 'p',
        apiSecretKey: 'api-secret-key',
        sellerCode: 'CU',
        notifyUrl: 'https://shop.test/n',
      }),
    ).toThrow(/kesspay\.clientId, kesspay\.clientSecret are missing/);
  });

  it('checkoutOptionsFromEnv picks KessPay up, and KessPay alone is a configured gateway', () => {
    const options = checkoutOptionsFromEnv(env);
    expect(options.kesspay?.sellerCode).toBe(env.KESSPAY_SELLER_CODE);
    expect(options.ksher).toBeUndefined();
    const config = resolveCheckoutConfig({
      ...options,
      resolveCart: () => ({ currency: 'USD', lines: [] }),
    });
    expect(config.kesspay?.authMode).toBe('oauth');
    expect(() =>
      resolveCheckoutConfig({ resolveCart: () => ({ currency: 'USD', lines: [] }) }),
    ).toThrow(/KESSPAY_/);
  });
});
