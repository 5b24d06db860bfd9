import { describe, expect, it } from 'vitest';
import { en } from '../locales/en.ts';
import { th } from '../locales/th.ts';
import { localeText } from './translations.ts';

describe('localeText', () => {
  it('is the matching pack without translations', () => {
    const text = localeText('th', {}, [th]);
    expect(text.messages).toEqual(th.messages);
    expect(text.methodLabels['ksher.card']).toBe('บัตรเครดิต/เดบิต');
    expect(text.translated).toBe(true);
  });

  it('is English, marked untranslated, when the pack was not passed in', () => {
    const text = localeText('th-TH');
    expect(text.messages).toEqual(en.messages);
    expect(text.methodLabels).toEqual({});
    expect(text.translated).toBe(false);
  });

  it('lays the language entry, then the exact tag entry, over the pack', () => {
    const { messages } = localeText(
      'th-TH',
      {
        th: { pay: 'จ่ายเลย', retry: 'ลองอีกที' },
        'th-TH': { pay: 'ชำระตอนนี้' },
        ru: { pay: 'Платить' },
      },
      [th],
    );
    expect(messages.pay).toBe('ชำระตอนนี้');
    expect(messages.retry).toBe('ลองอีกที');
    expect(messages.tryAgain).toBe(th.messages.tryAgain);
  });

  it('overrides method names by id and keeps the rest', () => {
    const { methodLabels } = localeText('th', { th: { methods: { 'ksher.card': 'บัตร' } } }, [th]);
    expect(methodLabels['ksher.card']).toBe('บัตร');
    expect(methodLabels['ksher.promptpay']).toBe('พร้อมเพย์');
  });

  it('overrides English for a locale without a pack, which then counts as translated', () => {
    const text = localeText('vi', { vi: { pay: 'Thanh toán' } });
    expect(text.messages.pay).toBe('Thanh toán');
    expect(text.messages.retry).toBe(en.messages.retry);
    expect(text.translated).toBe(true);
  });

  it('ignores unknown keys and undefined values, and never changes a pack', () => {
    const { messages } = localeText('en', {
      en: { pay: undefined, nonsense: 'x' } as unknown as Record<string, string>,
    });
    expect(messages.pay).toBe(en.messages.pay);
    expect(Object.hasOwn(messages, 'nonsense')).toBe(false);
    localeText('th', { th: { pay: 'Buy' } }, [th]);
    expect(en.messages.pay).toBe('Pay');
    expect(th.messages.pay).toBe('ชำระเงิน');
  });
});
