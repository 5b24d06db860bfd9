import {
  KSHER_DEMO_MCH35000_PRIVATE_KEY,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';
import { describe, expect, it } from 'vitest';
import { resolveCheckoutConfig } from '../../config.ts';
import { ksherPayOptionsFromEnv, resolveKsherPayConfig } from './config.ts';
import { KSHERPAY_PUBLIC_KEY_V1, KSHERPAY_PUBLIC_KEY_V2 } from './signature.ts';

const base = {
  appid: 'mch35000',
  privateKey: KSHER_DEMO_MCH35000_PRIVATE_KEY,
  notifyUrl: 'https://shop.example/api/checkout/webhooks/ksherpay',
};

describe('resolveKsherPayConfig', () => {
  it('fills the production hosts, the V1 key and the default methods', () => {
    expect(resolveKsherPayConfig(base)).toMatchObject({
      apiBaseUrl: 'https://api.mch.ksher.net/KsherPay',
      gatewayBaseUrl: 'https://gateway.ksher.com/api',
      signVersion: 'V1',
      publicKey: KSHERPAY_PUBLIC_KEY_V1,
      channels: ['card'],
      qrChannels: ['promptpay'],
      qrTtlSeconds: 600,
      lang: 'en',
    });
    expect(resolveKsherPayConfig({ ...base, signVersion: 'V2' }).publicKey).toBe(
      KSHERPAY_PUBLIC_KEY_V2,
    );
  });

  it('names what is missing or malformed, never the value', () => {
    expect(() => resolveKsherPayConfig({ ...base, notifyUrl: '' })).toThrow(
      'KsherPay is partly configured: ksherpay.notifyUrl is missing',
    );
    expect(() => resolveKsherPayConfig({ ...base, appid: '35000' })).toThrow('ksherpay.appid');
    expect(() => resolveKsherPayConfig({ ...base, privateKey: 'secret-ish text' })).toThrow(
      /ksherpay.privateKey must be the RSA private key PEM/,
    );
    expect(() => resolveKsherPayConfig({ ...base, publicKey: 'nope' })).toThrow(
      'ksherpay.publicKey',
    );
    expect(() => resolveKsherPayConfig({ ...base, channels: ['bitcoin'] })).toThrow(
      /ksherpay.channels has an unknown channel "bitcoin"/,
    );
    expect(() =>
      resolveKsherPayConfig({ ...base, channels: ['promptpay'], qrChannels: ['promptpay'] }),
    ).toThrow(/both list "promptpay"/);
  });

  it('reads KSHERPAY_* variables, with \\n escapes in PEM values', () => {
    const options = ksherPayOptionsFromEnv({
      KSHERPAY_APPID: 'mch35000',
      KSHERPAY_PRIVATE_KEY: KSHER_DEMO_MCH35000_PRIVATE_KEY.replaceAll('\n', '\\n'),
      KSHERPAY_NOTIFY_URL: base.notifyUrl,
      KSHERPAY_PUBLIC_KEY: KSHERPAY_SANDBOX_CREDENTIALS.ksherPublicKey,
      KSHERPAY_QR_CHANNELS: 'promptpay, alipay',
      KSHERPAY_SIGN_VERSION: 'v1',
      KSHERPAY_TIMEOUT_MS: '5000',
    });
    expect(options).toMatchObject({
      appid: 'mch35000',
      privateKey: KSHER_DEMO_MCH35000_PRIVATE_KEY,
      qrChannels: ['promptpay', 'alipay'],
      signVersion: 'V1',
      timeoutMs: 5000,
    });
    expect(ksherPayOptionsFromEnv({})).toBeUndefined();
    expect(() => ksherPayOptionsFromEnv({ KSHERPAY_APPID: 'mch1' })).toThrow(
      'KSHERPAY_PRIVATE_KEY, KSHERPAY_NOTIFY_URL are missing',
    );
  });
});

describe('both Ksher adapters', () => {
  const ksher = {
    baseUrl: 'https://s1.vip.ksher.net',
    token: '0123456789abcdef0123',
    webhookUrl: 'https://shop.example/webhooks/ksher',
  };
  const resolveCart = () => ({ currency: 'THB', lines: [] });

  it('is a config error when they share a method id', () => {
    expect(() => resolveCheckoutConfig({ resolveCart, ksher, ksherpay: base })).toThrow(
      /ksher and ksherpay are both configured for ksher.card, ksher.promptpay/,
    );
  });

  it('runs both when their channels differ', () => {
    const config = resolveCheckoutConfig({
      resolveCart,
      ksher: { ...ksher, channels: ['card'], qrChannels: [] },
      ksherpay: { ...base, channels: ['atome'], qrChannels: ['promptpay'] },
    });
    expect(config.ksherpay?.channels).toEqual(['atome']);
  });
});
