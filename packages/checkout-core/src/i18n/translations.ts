import { localeLanguage, messagesForLocale, methodLabelsForLocale } from './catalogs.ts';
import type { CheckoutMessages } from './messages.ts';

/** Overrides for one locale: any messages, and method names by method id under `methods`. */
export interface CheckoutTranslation extends Partial<CheckoutMessages> {
  methods?: Readonly<Record<string, string>>;
}

/**
 * Overrides keyed by BCP 47 tag or language (`th`, `th-TH`). For `th-TH` the `th` entry applies,
 * then the `th-TH` entry on top; a tag without a built-in catalog overrides English.
 */
export type CheckoutTranslations = Readonly<Record<string, CheckoutTranslation | undefined>>;

export interface LocaleText {
  messages: CheckoutMessages;
  /** Method id → name; a method not listed keeps the server's label. */
  methodLabels: Readonly<Record<string, string>>;
}

/** The built-in catalog for `locale` with the matching `translations` laid over it. */
export function localeText(locale: string, translations: CheckoutTranslations = {}): LocaleText {
  const messages: CheckoutMessages = { ...messagesForLocale(locale) };
  const methodLabels: Record<string, string> = { ...methodLabelsForLocale(locale) };
  const language = localeLanguage(locale);
  const layers = language === locale ? [locale] : [language, locale];
  for (const tag of layers) {
    const { methods, ...overrides } = translations[tag] ?? {};
    for (const [key, value] of Object.entries(overrides)) {
      // Only known keys with text: a stray key or an `undefined` must not blank a message.
      if (Object.hasOwn(messages, key) && typeof value === 'string') {
        messages[key as keyof CheckoutMessages] = value;
      }
    }
    Object.assign(methodLabels, methods);
  }
  return { messages, methodLabels };
}
