import { describe, expect, it } from 'vitest';
import { parseCreateSessionRequest } from './validate.ts';

const base = { methodId: 'kesspay.webpay', cart: { items: [{ sku: 'tea', quantity: 2 }] } };

function fieldsOf(body: unknown): string[] {
  const result = parseCreateSessionRequest(body);
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe('parseCreateSessionRequest', () => {
  it('keeps the validated fields, the shopper currency among them', () => {
    const result = parseCreateSessionRequest({
      ...base,
      returnUrl: 'https://shop.example/order',
      locale: 'km',
      currency: 'KHR',
      amount: 1,
    });
    expect(result).toEqual({
      ok: true,
      value: { ...base, returnUrl: 'https://shop.example/order', locale: 'km', currency: 'KHR' },
    });
  });

  it('leaves currency out when the browser sent none', () => {
    const result = parseCreateSessionRequest(base);
    expect(result.ok && 'currency' in result.value).toBe(false);
  });

  it.each([['usd'], ['US'], ['USDT'], [''], [840], [null], [['USD']]])(
    'rejects currency %j naming the field',
    (currency) => {
      expect(fieldsOf({ ...base, currency })).toEqual(['currency']);
    },
  );

  it('reports every problem at once', () => {
    expect(
      fieldsOf({ methodId: '', cart: { items: [] }, locale: 'EN!', currency: 'baht' }),
    ).toEqual(['methodId', 'cart.items', 'locale', 'currency']);
  });
});
