import { describe, expect, it } from 'vitest';
import { en as english } from '../locales/en.ts';

const en = english.messages;

import { formatMessage } from './format-message.ts';

describe('formatMessage', () => {
  it('fills placeholders', () => {
    expect(formatMessage(en, 'redirectingHeading', { method: 'PromptPay' })).toBe(
      'Redirecting to PromptPay',
    );
    expect(formatMessage(en, 'methodLimitRange', { min: '฿1.00', max: 2 })).toBe(
      'For amounts from ฿1.00 to 2',
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(formatMessage(en, 'payAmount')).toBe('Pay {amount}');
  });

  it('uses the given catalog', () => {
    expect(formatMessage({ ...en, pay: 'ชำระเงิน' }, 'pay')).toBe('ชำระเงิน');
  });

  it('en has a non-empty string for every key', () => {
    for (const [key, value] of Object.entries(en)) {
      expect(value.trim(), key).not.toBe('');
    }
  });
});
