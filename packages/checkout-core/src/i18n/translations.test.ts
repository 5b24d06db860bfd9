import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { th } from './th.ts';
import { localeText } from './translations.ts';

describe('localeText', () => {
  it('is the built-in catalog without translations', () => {
    expect(localeText('th').messages).toEqual(th);
    expect(localeText('th').methodLabels['ksher.card']).toBe('บัตรเครดิต/เดบิต');
  });

  it('lays the language entry, then the exact tag entry, over the catalog', () => {
    const { messages } = localeText('th-TH', {
      th: { pay: 'จ่ายเลย', retry: 'ลองอีกที' },
      'th-TH': { pay: 'ชำระตอนนี้' },
      ru: { pay: 'Платить' },
    });
    expect(messages.pay).toBe('ชำระตอนนี้');
    expect(messages.retry).toBe('ลองอีกที');
    expect(messages.tryAgain).toBe(th.tryAgain);
  });

  it('overrides method names by id and keeps the rest', () => {
    const { methodLabels } = localeText('th', { th: { methods: { 'ksher.card': 'บัตร' } } });
    expect(methodLabels['ksher.card']).toBe('บัตร');
    expect(methodLabels['ksher.promptpay']).toBe('พร้อมเพย์');
  });

  it('overrides English for a locale without a built-in catalog', () => {
    const { messages } = localeText('vi', { vi: { pay: 'Thanh toán' } });
    expect(messages.pay).toBe('Thanh toán');
    expect(messages.retry).toBe(en.retry);
  });

  it('ignores unknown keys and undefined values, and never changes the built-in catalog', () => {
    const { messages } = localeText('en', {
      en: { pay: undefined, nonsense: 'x' } as unknown as Record<string, string>,
    });
    expect(messages.pay).toBe(en.pay);
    expect(Object.hasOwn(messages, 'nonsense')).toBe(false);
    localeText('en', { en: { pay: 'Buy' } });
    expect(en.pay).toBe('Pay');
  });
});
