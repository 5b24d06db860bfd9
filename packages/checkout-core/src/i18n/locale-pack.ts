import { en } from '../locales/en.ts';
import type { CheckoutMessages } from './messages.ts';

/**
 * One language's text: every message and the names of payment methods. English is built in; the
 * others are opt-in (`@localpay/checkout-react/locales/th`, …) so a shop ships only what it shows.
 */
export interface CheckoutLocalePack {
  /** BCP 47 tag or bare language the pack is for (`th`, or `th-TH` for a regional variant). */
  readonly locale: string;
  readonly messages: CheckoutMessages;
  /** Method id → name in this language; a method not listed keeps the server's label. */
  readonly methodLabels: Readonly<Record<string, string>>;
}

/** The packs this library ships: English, Thai, Khmer, Kazakh (Cyrillic) and Russian. */
export const CHECKOUT_LOCALES = ['en', 'th', 'km', 'kk', 'ru'] as const;
export type CheckoutLocale = (typeof CHECKOUT_LOCALES)[number];

/** The language subtag of a BCP 47 tag, lower-cased (`th-TH` → `th`). */
export function localeLanguage(locale: string): string {
  return locale.toLowerCase().split('-')[0] ?? '';
}

/**
 * The pack for a BCP 47 tag among `packs`: the exact tag (any case), then its language
 * (`th-TH` → `th`), then English; `matched` is false when English only stands in for the tag.
 */
export function localePackFor(
  locale: string,
  packs: readonly CheckoutLocalePack[] = [],
): { pack: CheckoutLocalePack; matched: boolean } {
  const tag = locale.toLowerCase();
  const language = localeLanguage(locale);
  const exact = packs.find((pack) => pack.locale.toLowerCase() === tag);
  const byLanguage = exact ?? packs.find((pack) => pack.locale.toLowerCase() === language);
  if (byLanguage) return { pack: byLanguage, matched: true };
  return { pack: en, matched: language === 'en' };
}
