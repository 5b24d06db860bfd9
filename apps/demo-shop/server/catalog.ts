import type { CartItemInput, CurrencyCode } from '@localpay/checkout-core';
import { ApiError, type ResolvedCart, UnknownSkuError } from '@localpay/checkout-server';
import {
  DEFAULT_SHOP_CURRENCY,
  isShopCurrency,
  SHOP_CURRENCIES,
  type ShopCurrency,
} from '../src/shop-currencies.ts';

/** A product as the browser sees it: priced in one currency. */
export interface Product {
  sku: string;
  name: string;
  description: string;
  /** Minor units of the catalog's currency. The only prices that count live here, on the server. */
  unitAmount: number;
  /** A colour for the product tile, so the demo needs no image assets. */
  swatch: string;
}

interface CatalogEntry extends Omit<Product, 'unitAmount'> {
  /**
   * Local prices, not conversions: integer minor units (satang, cents, tiyn) and whole riel for
   * KHR (no minor unit in use), rounded the way shops there price.
   */
  prices: Record<ShopCurrency, number>;
}

const entries: readonly CatalogEntry[] = [
  {
    sku: 'silk-scarf',
    name: 'Thai silk scarf',
    description: 'Hand-woven mulberry silk from Surin, 180 × 50 cm.',
    prices: { THB: 89_000, USD: 2_490, KHR: 102_000, KZT: 1_249_000 },
    swatch: 'plum',
  },
  {
    sku: 'coffee-beans',
    name: 'Doi Chang coffee beans',
    description: 'Medium roast arabica from Chiang Rai, 250 g.',
    prices: { THB: 35_000, USD: 990, KHR: 40_000, KZT: 490_000 },
    swatch: 'umber',
  },
  {
    sku: 'celadon-cup',
    name: 'Celadon tea cup',
    description: 'Jade-glazed stoneware from Chiang Mai.',
    prices: { THB: 42_050, USD: 1_190, KHR: 48_500, KZT: 579_000 },
    swatch: 'jade',
  },
  {
    sku: 'mango-kit',
    name: 'Mango sticky rice kit',
    description: 'Glutinous rice, coconut cream and a recipe card. Mango not included.',
    prices: { THB: 19_900, USD: 550, KHR: 22_500, KZT: 269_000 },
    swatch: 'saffron',
  },
];

const bySku = new Map(entries.map((entry) => [entry.sku, entry]));

function unknownCurrency(currency: string): ApiError {
  const message = `must be one of ${SHOP_CURRENCIES.join(', ')}`;
  return new ApiError(400, 'invalid_request', `This shop does not sell in ${currency}`, {
    fields: [{ field: 'currency', message }],
  });
}

/**
 * The catalog priced in `currency` (default THB). An unknown currency is an ApiError 400 naming
 * `currency`, whether it comes from `GET /api/catalog` or from a checkout session.
 */
export function catalogIn(currency: CurrencyCode | undefined = DEFAULT_SHOP_CURRENCY): {
  currency: ShopCurrency;
  products: Product[];
} {
  if (!isShopCurrency(currency)) throw unknownCurrency(currency);
  return {
    currency,
    products: entries.map(({ prices, ...product }) => ({
      ...product,
      unitAmount: prices[currency],
    })),
  };
}

/**
 * The merchant's price hook: the browser sends SKUs, quantities and the shopper's currency; the
 * server decides the prices, in that currency (THB when the browser names none).
 */
export function resolveDemoCart(
  items: CartItemInput[],
  ctx: { currency?: CurrencyCode } = {},
): ResolvedCart {
  const currency = ctx.currency ?? DEFAULT_SHOP_CURRENCY;
  if (!isShopCurrency(currency)) throw unknownCurrency(currency);
  return {
    currency,
    lines: items.map((item) => {
      const entry = bySku.get(item.sku);
      if (!entry) throw new UnknownSkuError(item.sku);
      return {
        sku: entry.sku,
        name: entry.name,
        quantity: item.quantity,
        unitAmount: entry.prices[currency],
      };
    }),
  };
}
