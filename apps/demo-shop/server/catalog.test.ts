import { ApiError, UnknownSkuError } from '@localpay/checkout-server';
import { describe, expect, it } from 'vitest';
import { SHOP_CURRENCIES } from '../src/shop-currencies.ts';
import { catalogIn, resolveDemoCart } from './catalog.ts';

const items = [
  { sku: 'silk-scarf', quantity: 1 },
  { sku: 'mango-kit', quantity: 2 },
];

describe('resolveDemoCart', () => {
  it('prices in the shopper currency, THB when none is named', () => {
    expect(resolveDemoCart(items, { currency: 'USD' })).toEqual({
      currency: 'USD',
      lines: [
        { sku: 'silk-scarf', name: 'Thai silk scarf', quantity: 1, unitAmount: 2_490 },
        { sku: 'mango-kit', name: 'Mango sticky rice kit', quantity: 2, unitAmount: 550 },
      ],
    });
    expect(resolveDemoCart(items).currency).toBe('THB');
    expect(resolveDemoCart(items, {}).lines[0]?.unitAmount).toBe(89_000);
  });

  it('answers an unknown currency with a 400 naming currency', () => {
    let thrown: unknown;
    try {
      resolveDemoCart(items, { currency: 'EUR' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).status).toBe(400);
    expect((thrown as ApiError).details).toEqual({
      fields: [{ field: 'currency', message: 'must be one of THB, USD, KHR, KZT' }],
    });
  });

  it('throws UnknownSkuError for a product the shop does not sell', () => {
    expect(() => resolveDemoCart([{ sku: 'nope', quantity: 1 }], { currency: 'KHR' })).toThrow(
      UnknownSkuError,
    );
  });
});

describe('catalogIn', () => {
  it('has a positive integer price for every product in every currency, whole riel for KHR', () => {
    for (const currency of SHOP_CURRENCIES) {
      const { products } = catalogIn(currency);
      expect(products).toHaveLength(4);
      for (const product of products) {
        expect(Number.isSafeInteger(product.unitAmount) && product.unitAmount > 0).toBe(true);
        // KHR is priced in hundreds of riel: no coin below 100 riel is in use.
        if (currency === 'KHR') expect(product.unitAmount % 100).toBe(0);
      }
    }
  });

  it('never sends the other currencies prices', () => {
    const { products } = catalogIn('KZT');
    expect(Object.keys(products[0] ?? {}).sort()).toEqual([
      'description',
      'name',
      'sku',
      'swatch',
      'unitAmount',
    ]);
  });
});
