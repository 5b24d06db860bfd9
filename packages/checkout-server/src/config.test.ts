import { describe, expect, it } from 'vitest';
import { checkoutOptionsFromEnv, resolveCheckoutConfig } from './config.ts';
import { ConfigError } from './errors.ts';

const token = 'f'.repeat(64);
const validEnv = {
  KSHER_BASE_URL: 'https://s12345.vip.ksher.net',
  KSHER_API_TOKEN: token,
  KSHER_WEBHOOK_URL: 'https://shop.example.com/api/checkout/webhooks/ksher',
};
const resolveCart = () => ({ currency: 'THB', lines: [] });

function envError(env: Record<string, string>): ConfigError {
  try {
    checkoutOptionsFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('checkoutOptionsFromEnv', () => {
  it('returns nothing for an empty environment (no gateway, no store settings)', () => {
    expect(checkoutOptionsFromEnv({})).toEqual({});
  });

  it('reads every variable', () => {
    const options = checkoutOptionsFromEnv({
      ...validEnv,
      KSHER_CHANNELS: 'promptpay, card',
      KSHER_QR_CHANNELS: 'truemoney,wechat',
      KSHER_QR_TTL_SECONDS: '300',
      KSHER_MID: 'mch35618',
      KSHER_PROVIDER: 'Ksher',
      KSHER_TIMEOUT_MS: '5000',
      CHECKOUT_DATABASE_PATH: '/var/lib/shop/checkout.sqlite',
      CHECKOUT_SESSION_TTL_SECONDS: '900',
      CHECKOUT_ALLOWED_RETURN_ORIGINS: 'https://shop.example.com,https://m.shop.example.com',
    });
    expect(options).toEqual({
      ksher: {
        baseUrl: validEnv.KSHER_BASE_URL,
        token,
        webhookUrl: validEnv.KSHER_WEBHOOK_URL,
        channels: ['promptpay', 'card'],
        qrChannels: ['truemoney', 'wechat'],
        qrTtlSeconds: 300,
        mid: 'mch35618',
        provider: 'Ksher',
        timeoutMs: 5000,
      },
      databasePath: '/var/lib/shop/checkout.sqlite',
      sessionTtlSeconds: 900,
      allowedReturnOrigins: ['https://shop.example.com', 'https://m.shop.example.com'],
    });
  });

  it.each([
    ['KSHER_BASE_URL', { KSHER_BASE_URL: 'not a url' }],
    ['KSHER_BASE_URL', { KSHER_BASE_URL: 'ftp://s1.vip.ksher.net' }],
    ['KSHER_WEBHOOK_URL', { KSHER_WEBHOOK_URL: '/webhooks/ksher' }],
    ['KSHER_WEBHOOK_URL', { KSHER_WEBHOOK_URL: 'https://shop.example.com/hook?x=1' }],
    ['KSHER_API_TOKEN', { KSHER_API_TOKEN: 'short' }],
    ['KSHER_CHANNELS', { KSHER_CHANNELS: 'promptpay,bitcoin' }],
    ['KSHER_QR_CHANNELS', { KSHER_QR_CHANNELS: 'card' }],
    ['KSHER_QR_TTL_SECONDS', { KSHER_QR_TTL_SECONDS: '10' }],
    ['KSHER_QR_TTL_SECONDS', { KSHER_QR_TTL_SECONDS: '10m' }],
    ['KSHER_MID', { KSHER_MID: 'mch 1' }],
    ['KSHER_PROVIDER', { KSHER_PROVIDER: 'a b' }],
    ['KSHER_TIMEOUT_MS', { KSHER_TIMEOUT_MS: '15s' }],
    ['KSHER_TIMEOUT_MS', { KSHER_TIMEOUT_MS: '0' }],
    ['CHECKOUT_SESSION_TTL_SECONDS', { CHECKOUT_SESSION_TTL_SECONDS: 'ten' }],
    ['CHECKOUT_SESSION_TTL_SECONDS', { CHECKOUT_SESSION_TTL_SECONDS: '5' }],
    [
      'CHECKOUT_ALLOWED_RETURN_ORIGINS',
      { CHECKOUT_ALLOWED_RETURN_ORIGINS: 'https://shop.example.com/path' },
    ],
  ])('names %s when it is malformed', (name, override) => {
    const error = envError({ ...validEnv, ...override });
    expect(error.message).toContain(name);
  });

  it.each(['KSHER_BASE_URL', 'KSHER_API_TOKEN', 'KSHER_WEBHOOK_URL'])(
    'names %s when Ksher is only partly configured',
    (missing) => {
      const env: Record<string, string> = { ...validEnv };
      delete env[missing];
      expect(envError(env).message).toContain(missing);
    },
  );

  it('never prints the token, even when the token is what is wrong', () => {
    const badToken = 'secret with spaces inside';
    const error = envError({ ...validEnv, KSHER_API_TOKEN: badToken });
    expect(error.message).toContain('KSHER_API_TOKEN');
    expect(error.message).not.toContain(badToken);
    const other = envError({ ...validEnv, KSHER_BASE_URL: 'nope' });
    expect(other.message).not.toContain(token);
  });
});

describe('resolveCheckoutConfig', () => {
  const ksher = { baseUrl: validEnv.KSHER_BASE_URL, token, webhookUrl: validEnv.KSHER_WEBHOOK_URL };

  it('fills defaults', () => {
    const config = resolveCheckoutConfig({ resolveCart, ksher });
    expect(config).toMatchObject({
      basePath: '',
      databasePath: '.data/checkout.sqlite',
      sessionTtlSeconds: 1800,
      heartbeatMs: 15_000,
      ksher: {
        channels: ['card'],
        qrChannels: ['promptpay', 'truemoney', 'airpay', 'alipay', 'wechat'],
        qrTtlSeconds: 600,
        timeoutMs: 15_000,
      },
    });
  });

  it('refuses a channel that is both a redirect and a QR channel, naming both lists', () => {
    expect(() =>
      resolveCheckoutConfig({ resolveCart, ksher: { ...ksher, channels: ['promptpay'] } }),
    ).toThrow('"promptpay" is in both ksher.channels and ksher.qrChannels; keep it in one');
    expect(() =>
      checkoutOptionsFromEnv({
        ...validEnv,
        KSHER_CHANNELS: 'card,alipay',
        KSHER_QR_CHANNELS: 'alipay',
      }),
    ).toThrow('"alipay" is in both KSHER_CHANNELS and KSHER_QR_CHANNELS');
    expect(
      resolveCheckoutConfig({
        resolveCart,
        ksher: { ...ksher, channels: ['promptpay'], qrChannels: ['wechat'] },
      }).ksher,
    ).toMatchObject({ channels: ['promptpay'], qrChannels: ['wechat'] });
  });

  it.each([
    ['resolveCart', { resolveCart: undefined }],
    ['ksher.webhookUrl', { ksher: { ...ksher, webhookUrl: 'webhooks/ksher' } }],
    ['ksher.baseUrl', { ksher: { ...ksher, baseUrl: 'nope' } }],
    ['ksher.token', { ksher: { ...ksher, token: '' } }],
    ['ksher.channels', { ksher: { ...ksher, channels: [] } }],
    ['ksher.timeoutMs', { ksher: { ...ksher, timeoutMs: -1 } }],
    ['ksher.qrChannels', { ksher: { ...ksher, qrChannels: ['linepay'] } }],
    ['ksher.qrTtlSeconds', { ksher: { ...ksher, qrTtlSeconds: 59 } }],
    ['sessionTtlSeconds', { sessionTtlSeconds: 1.5 }],
    ['basePath', { basePath: 'api/checkout' }],
    ['allowedReturnOrigins', { allowedReturnOrigins: ['shop.example.com'] }],
    ['defaultReturnUrl', { defaultReturnUrl: 'javascript:alert(1)' }],
    ['KSHER_BASE_URL', { ksher: undefined }],
  ])('names %s when it is wrong', (name, override) => {
    expect(() => resolveCheckoutConfig({ resolveCart, ksher, ...override } as never)).toThrow(
      expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining(name) }),
    );
  });
});

describe('database, fan-out and reconcile settings', () => {
  const ksher = checkoutOptionsFromEnv(validEnv).ksher;

  it('reads DATABASE_URL, the schema and the reconcile interval from the environment', () => {
    expect(
      checkoutOptionsFromEnv({
        DATABASE_URL: 'postgres://shop:pw@db:5432/shop',
        CHECKOUT_DATABASE_SCHEMA: 'checkout',
        CHECKOUT_RECONCILE_INTERVAL_MS: '60000',
      }),
    ).toEqual({
      databaseUrl: 'postgres://shop:pw@db:5432/shop',
      databaseSchema: 'checkout',
      reconcileIntervalMs: 60_000,
    });
    expect(envError({ CHECKOUT_RECONCILE_INTERVAL_MS: 'often' }).message).toContain(
      'CHECKOUT_RECONCILE_INTERVAL_MS',
    );
  });

  it('defaults to SQLite, no schedule and 10 minutes', () => {
    const config = resolveCheckoutConfig({ resolveCart, ksher });
    expect(config).toMatchObject({
      databaseSchema: 'public',
      reconcileIntervalMs: 0,
      reconcileOlderThanMinutes: 10,
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it.each([
    ['databaseUrl', { databaseUrl: 'mysql://root:hunter2@db/shop' }],
    ['databaseSchema', { databaseSchema: 'public; DROP TABLE sessions' }],
    ['reconcileIntervalMs', { reconcileIntervalMs: -1 }],
    ['reconcileOlderThanMinutes', { reconcileOlderThanMinutes: 1.5 }],
  ])('names %s when it is wrong, without quoting it', (name, override) => {
    let message = '';
    try {
      resolveCheckoutConfig({ resolveCart, ksher, ...override } as never);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(name);
    expect(message).not.toContain('hunter2');
  });
});
