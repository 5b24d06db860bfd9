import { describe, expect, it } from 'vitest';
import { configureDemoGateways } from './gateways.ts';

const base = {
  origin: 'http://127.0.0.1:5180',
  checkoutBase: '/api/checkout',
  sandboxBase: '/sandbox',
  merchantName: 'Shop',
  log: () => {},
};

describe('configureDemoGateways', () => {
  it('runs Ksher and KessPay in the sandbox when no gateway is configured', () => {
    const gateways = configureDemoGateways({ ...base, fromEnv: {} });
    try {
      expect(gateways.sandbox).toBeDefined();
      expect(gateways.options.ksher?.baseUrl).toBe('http://127.0.0.1:5180/sandbox/ksher');
      expect(gateways.options.kesspay).toMatchObject({
        baseUrl: 'http://127.0.0.1:5180/sandbox/kesspay',
        notifyUrl: 'http://127.0.0.1:5180/api/checkout/webhooks/kesspay',
        apiSecretKey: gateways.sandbox?.kesspay.credentials.apiSecretKey,
      });
      expect(gateways.sandboxInfo).toEqual({ phoneUrl: '/sandbox/ksher/phone' });
    } finally {
      gateways.sandbox?.close();
    }
  });

  it('serves the ksher.* methods through the KsherPay sandbox with ksherApi ksherpay', () => {
    const gateways = configureDemoGateways({ ...base, fromEnv: {}, ksherApi: 'ksherpay' });
    try {
      expect(gateways.options.ksher).toBeUndefined();
      expect(gateways.options.ksherpay).toMatchObject({
        appid: 'mch35000',
        apiBaseUrl: 'http://127.0.0.1:5180/sandbox/ksherpay/KsherPay',
        gatewayBaseUrl: 'http://127.0.0.1:5180/sandbox/ksherpay/api',
        notifyUrl: 'http://127.0.0.1:5180/api/checkout/webhooks/ksherpay',
        publicKey: gateways.sandbox?.ksherpay.publicKey,
      });
      expect(gateways.sandboxInfo).toEqual({ phoneUrl: '/sandbox/ksherpay/phone' });
    } finally {
      gateways.sandbox?.close();
    }
  });

  it('uses only the real gateways once one is configured: no emulator next to real money', () => {
    const kesspay = {
      baseUrl: 'https://devwebpayment.kesspay.io',
      username: 'u',
      password: 'p',
      apiSecretKey: 'k',
      sellerCode: 'CU1',
      notifyUrl: 'https://shop.example/api/checkout/webhooks/kesspay',
    };
    const gateways = configureDemoGateways({ ...base, fromEnv: { kesspay } });
    expect(gateways).toEqual({ options: { kesspay }, sandbox: undefined, sandboxInfo: undefined });
  });
});
