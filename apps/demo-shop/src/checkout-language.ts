import type { CheckoutLocalePack } from '@localpay/checkout-react';
import { en } from '@localpay/checkout-react/locales/en';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The languages the demo's checkout offers, each named in itself. */
export const CHECKOUT_LANGUAGES = {
  en: 'English',
  th: 'ไทย',
  km: 'ខ្មែរ',
  kk: 'Қазақша',
  ru: 'Русский',
} as const;
export type CheckoutLanguage = keyof typeof CHECKOUT_LANGUAGES;

export function isCheckoutLanguage(value: unknown): value is CheckoutLanguage {
  return typeof value === 'string' && Object.hasOwn(CHECKOUT_LANGUAGES, value);
}

// One dynamic import per pack: Vite splits each into its own chunk, so a shopper downloads only
// the language they pick (English is built into the drop-in).
const packLoaders: Record<CheckoutLanguage, () => Promise<CheckoutLocalePack>> = {
  en: async () => en,
  th: () => import('@localpay/checkout-react/locales/th').then((module) => module.th),
  km: () => import('@localpay/checkout-react/locales/km').then((module) => module.km),
  kk: () => import('@localpay/checkout-react/locales/kk').then((module) => module.kk),
  ru: () => import('@localpay/checkout-react/locales/ru').then((module) => module.ru),
};

interface LanguageState {
  language: CheckoutLanguage;
  setLanguage(language: CheckoutLanguage): void;
}

/** The shopper's checkout language, remembered in localStorage. */
export const useCheckoutLanguage = create<LanguageState>()(
  persist((set) => ({ language: 'en', setLanguage: (language) => set({ language }) }), {
    name: 'demo-shop-checkout-language',
    storage: createJSONStorage(() => localStorage),
    partialize: (state) => ({ language: state.language }),
    merge: (persisted, current) => {
      const stored = (persisted as { language?: unknown } | undefined)?.language;
      return { ...current, language: isCheckoutLanguage(stored) ? stored : 'en' };
    },
  }),
);

/**
 * The pack of the chosen language once its chunk has loaded. Until then the previous pack stays,
 * so the checkout never flashes English between two other languages.
 */
export function useCheckoutLocalePack(): CheckoutLocalePack {
  const language = useCheckoutLanguage((state) => state.language);
  const pack = useQuery({
    queryKey: ['checkout-locale-pack', language],
    queryFn: packLoaders[language],
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
  return pack.data ?? en;
}
