import { useQuery } from '@tanstack/react-query';
import type { Product } from '../server/catalog.ts';
import type { SandboxInfo } from '../server/gateways.ts';
import { useShopCurrency } from './currency-store.ts';
import type { ShopCurrency } from './shop-currencies.ts';

export type { Product };

export interface Catalog {
  currency: ShopCurrency;
  products: Product[];
  sandbox?: SandboxInfo;
}

/** The catalog priced in the shopper's chosen currency. */
export function useCatalog() {
  const currency = useShopCurrency((state) => state.currency);
  return useQuery({
    queryKey: ['catalog', currency],
    queryFn: async ({ signal }): Promise<Catalog> => {
      const response = await fetch(`/api/catalog?currency=${encodeURIComponent(currency)}`, {
        signal,
      });
      if (!response.ok) throw new Error(`Catalog failed: HTTP ${response.status}`);
      return response.json();
    },
    staleTime: 60_000,
  });
}
