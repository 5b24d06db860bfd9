import { describe, expect, it } from 'vitest';
import { CHECKOUT_LOCALES } from '../i18n/locale-pack.ts';
import { allCheckoutLocales } from './all.ts';
import { en } from './en.ts';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

const translated = allCheckoutLocales.filter((pack) => pack.locale !== 'en');
const thai = allCheckoutLocales.find((pack) => pack.locale === 'th');

describe('built-in locale packs', () => {
  it('ships one pack per built-in locale, each tagged with its own file name', async () => {
    expect(allCheckoutLocales.map((pack) => pack.locale)).toEqual([...CHECKOUT_LOCALES]);
    for (const locale of CHECKOUT_LOCALES) {
      // The subpath `locales/<tag>` must export the pack under the tag's own name.
      const module = (await import(`./${locale}.ts`)) as Record<string, unknown>;
      expect(module[locale], locale).toBe(allCheckoutLocales.find((p) => p.locale === locale));
    }
  });

  for (const pack of translated) {
    describe(pack.locale, () => {
      const messages = pack.messages as unknown as Record<string, string>;

      it('has exactly the keys en has', () => {
        expect(Object.keys(messages).sort()).toEqual(Object.keys(en.messages).sort());
      });

      it('keeps every placeholder of en, and adds none', () => {
        for (const [key, text] of Object.entries(en.messages)) {
          const value = messages[key] ?? '';
          expect(placeholders(value), `${pack.locale}.${key}`).toEqual(placeholders(text));
        }
      });

      it('translates: no empty string, and no string equals en', () => {
        const entries = Object.entries(messages);
        for (const [key, value] of entries)
          expect(value.trim(), `${pack.locale}.${key}`).not.toBe('');
        const same = entries.filter(
          ([key, value]) => en.messages[key as keyof typeof en.messages] === value,
        );
        expect(same.map(([key]) => key)).toEqual([]);
      });

      it('names the same methods as the Thai pack', () => {
        expect(Object.keys(pack.methodLabels).sort()).toEqual(
          Object.keys(thai?.methodLabels ?? {}).sort(),
        );
      });
    });
  }

  it('English names no methods: the server labels are English already', () => {
    expect(en.methodLabels).toEqual({});
    expect(Object.keys(thai?.methodLabels ?? {})).toContain('ksher.promptpay');
  });

  it('writes Thai and Khmer in their own scripts, Kazakh and Russian in Cyrillic', () => {
    const scripts: Record<string, RegExp> = {
      th: /\p{Script=Thai}/u,
      km: /\p{Script=Khmer}/u,
      kk: /\p{Script=Cyrillic}/u,
      ru: /\p{Script=Cyrillic}/u,
    };
    for (const pack of translated) {
      const script = scripts[pack.locale];
      expect(script, pack.locale).toBeDefined();
      for (const [key, value] of Object.entries(pack.messages)) {
        expect(value, `${pack.locale}.${key}`).toMatch(script ?? /^$/);
      }
    }
    // Kazakh Cyrillic has letters Russian lacks; a Russian text passed off as Kazakh has none.
    const kazakh = allCheckoutLocales.find((pack) => pack.locale === 'kk');
    expect(Object.values(kazakh?.messages ?? {}).join('')).toMatch(/[әғқңөұүһі]/);
  });
});
