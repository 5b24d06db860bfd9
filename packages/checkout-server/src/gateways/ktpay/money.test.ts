import { describe, expect, it } from 'vitest';
import { ktpayMinorAmount, ktpayWireAmount } from './money.ts';

describe('KZT amounts (ktpay.md §9)', () => {
  it('writes tenge with at most 2 decimals', () => {
    expect(ktpayWireAmount(100_000)).toBe(1000);
    expect(ktpayWireAmount(150_050)).toBe(1500.5);
    expect(ktpayWireAmount(1)).toBe(0.01);
    expect(ktpayWireAmount(30)).toBe(0.3);
    expect(() => ktpayWireAmount(1.5)).toThrow(RangeError);
  });

  it('reads numbers and decimal text, refusing more than 2 places', () => {
    expect(ktpayMinorAmount(1000)).toBe(100_000);
    expect(ktpayMinorAmount(1500.5)).toBe(150_050);
    expect(ktpayMinorAmount('200.00')).toBe(20_000);
    expect(ktpayMinorAmount('200.0')).toBe(20_000);
    expect(ktpayMinorAmount(0.3)).toBe(30);
    expect(ktpayMinorAmount(1.005)).toBeUndefined();
    expect(ktpayMinorAmount(-1)).toBeUndefined();
    expect(ktpayMinorAmount('1e3')).toBeUndefined();
    expect(ktpayMinorAmount(null)).toBeUndefined();
  });
});
