import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import { ktpayOptionsFromEnv, resolveKtpayConfig } from './config.ts';

const env = {
  KTPAY_API_URL: 'https://fintech.test.nplus.tech/api/v1/merchant-widget/',
  KTPAY_WIDGET_URL: 'https://widget.test.nplus.tech',
  KTPAY_APP_ID: 'e2d3d70d53c67bcd377266f74e98587c',
  KTPAY_APP_KEY: 'h09acJ8QSLPw40XZxdNfLbq4hXzWInC5zXL319RdXUI=',
  KTPAY_CALLBACK_URL: 'https://shop.test/api/checkout/webhooks/ktpay',
  KTPAY_CALLBACK_SECRET: 'a-very-long-random-callback-secret-0123',
};

describe('ktpayOptionsFromEnv / resolveKtpayConfig', () => {
  it('is undefined when nothing is set and resolves a full set with defaults', () => {
    expect(ktpayOptionsFromEnv({})).toBeUndefined();
    const options = ktpayOptionsFromEnv({
      ...env,
      KTPAY_PAYER_FLOW: 'IFRAME',
      KTPAY_CALLBACK_IPS: '203.0.113.7, 2001:db8::1',
    });
    const config = resolveKtpayConfig(options as never);
    expect(config).toMatchObject({
      apiUrl: 'https://fintech.test.nplus.tech/api/v1/merchant-widget',
      widgetOrigin: 'https://widget.test.nplus.tech',
      payerFlow: 'iframe',
      callbackIps: ['203.0.113.7', '2001:db8::1'],
      clientIpHeader: 'x-forwarded-for',
      timeoutMs: 15_000,
    });
  });

  it('names the missing variables and never prints a value', () => {
    const { KTPAY_APP_KEY: _key, KTPAY_CALLBACK_SECRET: _secret, ...partial } = env;
    expect(() => ktpayOptionsFromEnv(partial)).toThrow(
      new ConfigError(
        'Ktpay is partly configured: KTPAY_APP_KEY, KTPAY_CALLBACK_SECRET are missing',
      ),
    );
    const short = () => ktpayOptionsFromEnv({ ...env, KTPAY_CALLBACK_SECRET: 'short-secret' });
    expect(short).toThrow(/KTPAY_CALLBACK_SECRET must be at least 32/);
    expect(short).not.toThrow(/short-secret/);
  });

  it('refuses a URL-safe or wrong-length app_key, a bad flow, IPs and URLs', () => {
    expect(() =>
      ktpayOptionsFromEnv({
        ...env,
        KTPAY_APP_KEY: 'gBvdrvZhiMg12sICet9l82Mtn1XNVn_ekdJhx61U-VA=',
      }),
    ).toThrow(/KTPAY_APP_KEY uses the URL-safe base64 alphabet/);
    expect(() => ktpayOptionsFromEnv({ ...env, KTPAY_APP_KEY: 'AAAA' })).toThrow(/32 bytes/);
    expect(() => ktpayOptionsFromEnv({ ...env, KTPAY_PAYER_FLOW: 'popup' })).toThrow(
      /KTPAY_PAYER_FLOW must be widget, payment_page or iframe/,
    );
    expect(() => ktpayOptionsFromEnv({ ...env, KTPAY_CALLBACK_IPS: 'example.com' })).toThrow(
      /KTPAY_CALLBACK_IPS must list IP addresses/,
    );
    expect(() => ktpayOptionsFromEnv({ ...env, KTPAY_WIDGET_URL: 'widget.nplus.tech' })).toThrow(
      /KTPAY_WIDGET_URL must be an absolute http\(s\) URL/,
    );
    expect(() => ktpayOptionsFromEnv({ ...env, KTPAY_TIMEOUT_MS: 'soon' })).toThrow(
      /KTPAY_TIMEOUT_MS/,
    );
  });
});
