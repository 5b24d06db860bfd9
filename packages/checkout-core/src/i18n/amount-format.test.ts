import { describe, expect, it } from 'vitest';
import { formatMoney } from '../money.ts';
import { CHECKOUT_LOCALES } from './locale-pack.ts';

// Intl puts no-break spaces (U+00A0) between digit groups and between amount and currency code.
const expected: Record<string, Record<string, string>> = {
  en: {
    THB: 'THB\u00a01,234.50',
    USD: '$1,234.50',
    KHR: 'KHR\u00a040,000',
    KZT: 'KZT\u00a01,234.50',
  },
  th: { THB: '฿1,234.50', USD: 'US$1,234.50', KHR: 'KHR\u00a040,000', KZT: 'KZT\u00a01,234.50' },
  km: { THB: '1,234.50฿', USD: '1,234.50$', KHR: '40,000៛', KZT: '1,234.50\u00a0KZT' },
  kk: {
    THB: '1\u00a0234,50\u00a0฿',
    USD: '1\u00a0234,50\u00a0$',
    KHR: '40\u00a0000\u00a0KHR',
    KZT: '1\u00a0234,50\u00a0₸',
  },
  ru: {
    THB: '1\u00a0234,50\u00a0฿',
    USD: '1\u00a0234,50\u00a0$',
    KHR: '40\u00a0000\u00a0KHR',
    KZT: '1\u00a0234,50\u00a0KZT',
  },
};

// 1 234.50 in the two-decimal currencies, 40 000 riel (KHR has no minor unit).
const minor: Record<string, number> = { THB: 123_450, USD: 123_450, KHR: 40_000, KZT: 123_450 };

describe('formatMoney in every built-in locale', () => {
  for (const locale of CHECKOUT_LOCALES) {
    for (const [currency, amount] of Object.entries(minor)) {
      it(`${locale} ${currency}`, () => {
        expect(formatMoney(amount, currency, locale)).toBe(expected[locale]?.[currency]);
      });
    }
  }
});
