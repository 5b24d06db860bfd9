import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { DEFAULT_SHOP_CURRENCY, isShopCurrency, type ShopCurrency } from './shop-currencies.ts';

interface CurrencyState {
  currency: ShopCurrency;
  setCurrency(currency: ShopCurrency): void;
}

/** The shopper's currency, remembered in localStorage; prices still come from the server. */
export const useShopCurrency = create<CurrencyState>()(
  persist(
    (set) => ({
      currency: DEFAULT_SHOP_CURRENCY,
      setCurrency: (currency) => set({ currency }),
    }),
    {
      name: 'demo-shop-currency',
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ currency: state.currency }),
      // A stored value from an older build (or edited by hand) falls back to the default.
      merge: (persisted, current) => {
        const stored = (persisted as { currency?: unknown } | undefined)?.currency;
        return { ...current, currency: isShopCurrency(stored) ? stored : DEFAULT_SHOP_CURRENCY };
      },
    },
  ),
);
