import { en } from './en.ts';
import { kk, kkMethodLabels } from './kk.ts';
import { km, kmMethodLabels } from './km.ts';
import type { CheckoutMessages } from './messages.ts';
import { ru, ruMethodLabels } from './ru.ts';
import { th, thMethodLabels } from './th.ts';

/** The built-in locales: English, Thai, Khmer, Kazakh (Cyrillic) and Russian. */
export const CHECKOUT_LOCALES = ['en', 'th', 'km', 'kk', 'ru'] as const;
export type CheckoutLocale = (typeof CHECKOUT_LOCALES)[number];

/** Built-in catalogs by language tag, one file each. */
export const checkoutCatalogs: Readonly<Record<string, CheckoutMessages>> = { en, th, km, kk, ru };

/**
 * Names of payment methods by method id, per language. English has none: the server's labels
 * are English already, and a method missing here keeps the server's label in every language.
 */
export const checkoutMethodLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {},
  th: thMethodLabels,
  km: kmMethodLabels,
  kk: kkMethodLabels,
  ru: ruMethodLabels,
};

/** The language subtag of a BCP 47 tag, lower-cased (`th-TH` → `th`). */
export function localeLanguage(locale: string): string {
  return locale.toLowerCase().split('-')[0] ?? '';
}

/** The catalog for a BCP 47 tag: exact match, then its language (`th-TH` → `th`), then English. */
export function messagesForLocale(locale: string): CheckoutMessages {
  return checkoutCatalogs[locale] ?? checkoutCatalogs[localeLanguage(locale)] ?? en;
}

/** Method names for a BCP 47 tag, matched like `messagesForLocale`; empty when none are known. */
export function methodLabelsForLocale(locale: string): Readonly<Record<string, string>> {
  return checkoutMethodLabels[locale] ?? checkoutMethodLabels[localeLanguage(locale)] ?? {};
}
