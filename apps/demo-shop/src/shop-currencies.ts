/**
 * The currencies the demo shop prices in, shared by the server catalog and the browser's currency
 * switcher. Adding one here makes the type checker ask for its price on every product.
 */
export const SHOP_CURRENCIES = ['THB', 'USD', 'KHR', 'KZT'] as const;

export type ShopCurrency = (typeof SHOP_CURRENCIES)[number];

export const DEFAULT_SHOP_CURRENCY: ShopCurrency = 'THB';

/** Names for the switcher; the code is shown next to each. */
export const SHOP_CURRENCY_NAMES: Record<ShopCurrency, string> = {
  THB: 'Thai baht',
  USD: 'US dollar',
  KHR: 'Cambodian riel',
  KZT: 'Kazakhstani tenge',
};

export function isShopCurrency(value: unknown): value is ShopCurrency {
  return typeof value === 'string' && (SHOP_CURRENCIES as readonly string[]).includes(value);
}
