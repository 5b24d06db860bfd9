import type { CartItemInput } from '@localpay/checkout-core';
import { type ResolvedCart, UnknownSkuError } from '@localpay/checkout-server';

export interface Product {
  sku: string;
  name: string;
  /** Minor units (satang). */
  unitAmount: number;
}

/** The shop's prices. The browser sends SKUs and quantities only; the server prices the cart. */
export const PRODUCTS: Product[] = [
  { sku: 'tea', name: 'Thai tea', unitAmount: 12_000 },
  { sku: 'mug', name: 'Celadon mug', unitAmount: 45_000 },
];

export const CURRENCY = 'THB';

/** The example's fixed cart (a real shop keeps one per visitor). */
export const CART: CartItemInput[] = [
  { sku: 'tea', quantity: 2 },
  { sku: 'mug', quantity: 1 },
];

export function cartTotal(items: CartItemInput[]): number {
  return items.reduce((sum, item) => {
    const product = PRODUCTS.find((p) => p.sku === item.sku);
    return product ? sum + product.unitAmount * item.quantity : sum;
  }, 0);
}

/** checkout-server's `resolveCart`: the only source of the amount charged. */
export function resolveCart(items: CartItemInput[]): ResolvedCart {
  return {
    currency: CURRENCY,
    lines: items.map((item) => {
      const product = PRODUCTS.find((p) => p.sku === item.sku);
      if (!product) throw new UnknownSkuError(item.sku);
      return {
        sku: product.sku,
        name: product.name,
        quantity: item.quantity,
        unitAmount: product.unitAmount,
      };
    }),
  };
}
