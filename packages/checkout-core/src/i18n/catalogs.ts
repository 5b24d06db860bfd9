import { en } from './en.ts';
import type { CheckoutMessages } from './messages.ts';

/** Built-in catalogs by language tag. The "locales" issue adds th, km, kk and ru here, one file each. */
export const checkoutCatalogs: Readonly<Record<string, CheckoutMessages>> = { en };

/** The catalog for a BCP 47 tag: exact match, then its language (`th-TH` → `th`), then English. */
export function messagesForLocale(locale: string): CheckoutMessages {
  const exact = checkoutCatalogs[locale];
  if (exact) return exact;
  const language = locale.toLowerCase().split('-')[0] ?? '';
  return checkoutCatalogs[language] ?? en;
}
