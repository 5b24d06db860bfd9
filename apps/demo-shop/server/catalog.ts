import type { CartItemInput } from '@localpay/checkout-core';
import { type ResolvedCart, UnknownSkuError } from '@localpay/checkout-server';

export interface Product {
  sku: string;
  name: string;
  description: string;
  /** THB, satang. The only prices that count live here, on the server. */
  unitAmount: number;
  /** A colour for the product tile, so the demo needs no image assets. */
  swatch: string;
}

export const catalog: readonly Product[] = [
  {
    sku: 'silk-scarf',
    name: 'Thai silk scarf',
    description: 'Hand-woven mulberry silk from Surin, 180 × 50 cm.',
    unitAmount: 89_000,
    swatch: 'plum',
  },
  {
    sku: 'coffee-beans',
    name: 'Doi Chang coffee beans',
    description: 'Medium roast arabica from Chiang Rai, 250 g.',
    unitAmount: 35_000,
    swatch: 'umber',
  },
  {
    sku: 'celadon-cup',
    name: 'Celadon tea cup',
    description: 'Jade-glazed stoneware from Chiang Mai.',
    unitAmount: 42_050,
    swatch: 'jade',
  },
  {
    sku: 'mango-kit',
    name: 'Mango sticky rice kit',
    description: 'Glutinous rice, coconut cream and a recipe card. Mango not included.',
    unitAmount: 19_900,
    swatch: 'saffron',
  },
];

const bySku = new Map(catalog.map((product) => [product.sku, product]));

/** The merchant's price hook: the browser sends SKUs and quantities, the server decides prices. */
export function resolveDemoCart(items: CartItemInput[]): ResolvedCart {
  return {
    currency: 'THB',
    lines: items.map((item) => {
      const product = bySku.get(item.sku);
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
