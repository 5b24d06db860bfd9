import { describe, expect, it } from 'vitest';
import {
  CHECKOUT_LOCALES,
  checkoutCatalogs,
  checkoutMethodLabels,
  messagesForLocale,
  methodLabelsForLocale,
} from './catalogs.ts';
import { en } from './en.ts';
import { km } from './km.ts';
import { th } from './th.ts';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

const translated = CHECKOUT_LOCALES.filter((locale) => locale !== 'en');

describe('built-in catalogs', () => {
  it('has a catalog for every built-in locale and no other', () => {
    expect(Object.keys(checkoutCatalogs).sort()).toEqual([...CHECKOUT_LOCALES].sort());
    expect(Object.keys(checkoutMethodLabels).sort()).toEqual([...CHECKOUT_LOCALES].sort());
  });

  for (const locale of translated) {
    describe(locale, () => {
      const catalog = (checkoutCatalogs[locale] ?? {}) as Record<string, string>;

      it('has exactly the keys en has', () => {
        expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      });

      it('keeps every placeholder of en, and adds none', () => {
        for (const [key, text] of Object.entries(en)) {
          const value = catalog[key] ?? '';
          expect(placeholders(value), `${locale}.${key}`).toEqual(placeholders(text));
        }
      });

      it('translates: no empty string, and most strings differ from en', () => {
        const entries = Object.entries(catalog);
        for (const [key, value] of entries) expect(value.trim(), `${locale}.${key}`).not.toBe('');
        const same = entries.filter(([key, value]) => en[key as keyof typeof en] === value);
        // Only strings that are nothing but a brand or a code may equal the English ones.
        expect(same.map(([key]) => key)).toEqual([]);
      });

      it('names the same methods as the other locales', () => {
        expect(Object.keys(checkoutMethodLabels[locale] ?? {}).sort()).toEqual(
          Object.keys(checkoutMethodLabels.th ?? {}).sort(),
        );
      });
    });
  }

  it('writes Thai and Khmer in their own scripts, Kazakh and Russian in Cyrillic', () => {
    const scripts: Record<string, RegExp> = {
      th: /\p{Script=Thai}/u,
      km: /\p{Script=Khmer}/u,
      kk: /\p{Script=Cyrillic}/u,
      ru: /\p{Script=Cyrillic}/u,
    };
    for (const [locale, script] of Object.entries(scripts)) {
      for (const [key, value] of Object.entries(checkoutCatalogs[locale] ?? {})) {
        expect(value, `${locale}.${key}`).toMatch(script);
      }
    }
    // Kazakh Cyrillic has letters Russian lacks; a Russian text passed off as Kazakh has none.
    expect(Object.values(checkoutCatalogs.kk ?? {}).join('')).toMatch(/[әғқңөұүһі]/);
  });
});

describe('messagesForLocale', () => {
  it('finds a catalog by tag or language and falls back to English', () => {
    expect(messagesForLocale('th')).toBe(th);
    expect(messagesForLocale('th-TH')).toBe(th);
    expect(messagesForLocale('km-KH')).toBe(km);
    expect(messagesForLocale('KM')).toBe(km);
    expect(messagesForLocale('en-GB')).toBe(en);
    expect(messagesForLocale('xx')).toBe(en);
  });
});

describe('methodLabelsForLocale', () => {
  it('names methods by id in the language, nothing for English or unknown languages', () => {
    expect(methodLabelsForLocale('th-TH')['ksher.promptpay']).toBe('พร้อมเพย์');
    expect(methodLabelsForLocale('ru')['ksher.card']).toBe('Банковская карта');
    expect(methodLabelsForLocale('en')).toEqual({});
    expect(methodLabelsForLocale('vi')).toEqual({});
  });
});
