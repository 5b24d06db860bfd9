import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayReturnUrls, hashCreateRequest } from './checkout-request.ts';

describe('gatewayReturnUrls', () => {
  it('adds the session (and the fail marker) to the return URL, keeping its own query', () => {
    expect(gatewayReturnUrls('https://shop.example.com/order?lang=th#top', 'cs_1')).toEqual({
      successUrl: 'https://shop.example.com/order?lang=th&checkout_session=cs_1#top',
      failUrl:
        'https://shop.example.com/order?lang=th&checkout_session=cs_1&checkout_result=fail#top',
    });
  });

  it('overrides a checkout_session the browser tried to smuggle in', () => {
    const { successUrl } = gatewayReturnUrls(
      'https://shop.example.com/o?checkout_session=cs_x',
      'cs_1',
    );
    expect(new URL(successUrl).searchParams.getAll('checkout_session')).toEqual(['cs_1']);
  });
});

describe('hashCreateRequest', () => {
  const base = { methodId: 'ksher.card', cart: { items: [{ sku: 'a', quantity: 1 }] } };

  it('is the same for the same request and differs when anything that matters changes', () => {
    expect(hashCreateRequest(base)).toBe(hashCreateRequest(structuredClone(base)));
    expect(hashCreateRequest({ ...base, locale: 'th' })).not.toBe(hashCreateRequest(base));
    expect(hashCreateRequest({ ...base, currency: 'USD' })).not.toBe(hashCreateRequest(base));
    // Without a currency the hash is the one stored before the field existed.
    expect(hashCreateRequest(base)).toBe(
      createHash('sha256')
        .update(JSON.stringify(['ksher.card', [['a', 1]], null, null]))
        .digest('hex'),
    );
    expect(hashCreateRequest({ ...base, currency: 'USD' })).not.toBe(
      hashCreateRequest({ ...base, currency: 'KHR' }),
    );
    expect(hashCreateRequest({ ...base, cart: { items: [{ sku: 'a', quantity: 2 }] } })).not.toBe(
      hashCreateRequest(base),
    );
  });
});
