import { describe, expect, it } from 'vitest';
import { decimalStringToMinor, formatMoney, minorToDecimalString } from './money.ts';

describe('money', () => {
  it('renders minor units as decimal strings per currency exponent', () => {
    expect(minorToDecimalString(15050, 'THB')).toBe('150.50');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(-1999, 'USD')).toBe('-19.99');
    expect(minorToDecimalString(4000, 'KHR')).toBe('4000');
    expect(() => minorToDecimalString(1.5, 'THB')).toThrow(RangeError);
  });

  it('parses typed decimals exactly', () => {
    expect(decimalStringToMinor('150.5', 'THB')).toBe(15050);
    expect(decimalStringToMinor(' 0.07 ', 'USD')).toBe(7);
    expect(decimalStringToMinor('1.10', 'KZT')).toBe(110);
    expect(decimalStringToMinor('4000', 'KHR')).toBe(4000);
    expect(decimalStringToMinor('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
  });

  it('rejects what it would have to guess', () => {
    for (const bad of ['', '1,000', '-1', '1e3', '.5', '1.', 'abc']) {
      expect(() => decimalStringToMinor(bad, 'THB')).toThrow(RangeError);
    }
    expect(() => decimalStringToMinor('1.005', 'THB')).toThrow('at most 2 decimal places');
    expect(() => decimalStringToMinor('1.5', 'KHR')).toThrow('at most 0 decimal places');
    expect(() => decimalStringToMinor('1', 'XXX')).toThrow('Unknown currency');
  });

  it('formats for display with the currency exponent', () => {
    expect(formatMoney(89_000, 'THB', 'en')).toMatch(/^THB\s890\.00$/); // Intl puts a no-break space here
    expect(formatMoney(4000, 'KHR', 'en')).toMatch(/4,000/);
  });
});
