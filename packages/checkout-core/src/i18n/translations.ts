import { type CheckoutLocalePack, localeLanguage, localePackFor } from './locale-pack.ts';
import type { CheckoutMessages } from './messages.ts';

/** Overrides for one locale: any messages, and method names by method id under `methods`. */
export interface CheckoutTranslation extends Partial<CheckoutMessages> {
  methods?: Readonly<Record<string, string>>;
}

/**
 * Overrides keyed by BCP 47 tag or language (`th`, `th-TH`). For `th-TH` the `th` entry applies,
 * then the `th-TH` entry on top; a tag without a pack overrides English.
 */
export type CheckoutTranslations = Readonly<Record<string, CheckoutTranslation | undefined>>;

export interface LocaleText {
  messages: CheckoutMessages;
  /** Method id → name; a method not listed keeps the server's label. */
  methodLabels: Readonly<Record<string, string>>;
  /** False when no pack fits the tag and no translation names it: the text is plain English. */
  translated: boolean;
}

/** The pack for `locale` among `packs` (English if none fits) with the matching `translations` laid over it. */
export function localeText(
  locale: string,
  translations: CheckoutTranslations = {},
  packs: readonly CheckoutLocalePack[] = [],
): LocaleText {
  const { pack, matched } = localePackFor(locale, packs);
  const messages: CheckoutMessages = { ...pack.messages };
  const methodLabels: Record<string, string> = { ...pack.methodLabels };
  const language = localeLanguage(locale);
  const layers = language === locale ? [locale] : [language, locale];
  let translated = matched;
  for (const tag of layers) {
    const translation = translations[tag];
    if (translation === undefined) continue;
    translated = true;
    const { methods, ...overrides } = translation;
    for (const [key, value] of Object.entries(overrides)) {
      // Only known keys with text: a stray key or an `undefined` must not blank a message.
      if (Object.hasOwn(messages, key) && typeof value === 'string') {
        messages[key as keyof CheckoutMessages] = value;
      }
    }
    Object.assign(methodLabels, methods);
  }
  return { messages, methodLabels, translated };
}
