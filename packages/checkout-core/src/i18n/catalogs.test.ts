import { describe, expect, it } from 'vitest';
import { checkoutCatalogs, messagesForLocale } from './catalogs.ts';
import { en } from './en.ts';

describe('messagesForLocale', () => {
  it('finds a catalog by tag or language and falls back to English', () => {
    const th = { ...en, pay: 'ชำระเงิน' };
    (checkoutCatalogs as Record<string, typeof en>).th = th;
    try {
      expect(messagesForLocale('th')).toBe(th);
      expect(messagesForLocale('th-TH')).toBe(th);
      expect(messagesForLocale('en-GB')).toBe(en);
      expect(messagesForLocale('xx')).toBe(en);
    } finally {
      delete (checkoutCatalogs as Record<string, typeof en>).th;
    }
  });
});
