import { describe, expect, it } from 'vitest';
import { kesspayMinorAmount, kesspayWireAmount } from './money.ts';
import { renderKesspayValue } from './signature.ts';

describe('KessPay money', () => {
  it.each([
    [1650, 'USD', 16.5, '16.5'],
    [2000, 'USD', 20, '20'],
    [1999, 'USD', 19.99, '19.99'],
    [30, 'USD', 0.3, '0.3'],
    [1, 'USD', 0.01, '0.01'],
    [40000, 'KHR', 40000, '40000'],
  ])('%i %s → %s on the wire, signed as %s', (minor, currency, wire, signed) => {
    const amount = kesspayWireAmount(minor, currency);
    expect(amount).toBe(wire);
    // What PHP reads back from our JSON body is what we signed.
    expect(renderKesspayValue(JSON.parse(JSON.stringify(amount)))).toBe(signed);
    expect(kesspayMinorAmount(amount, currency)).toBe(minor);
  });

  it('reads gateway amounts as numbers or strings', () => {
    expect(kesspayMinorAmount('16.50', 'USD')).toBe(1650);
    expect(kesspayMinorAmount('16.5', 'USD')).toBe(1650);
    expect(kesspayMinorAmount(0.1 + 0.2, 'USD')).toBeUndefined();
    expect(kesspayMinorAmount('16.505', 'USD')).toBeUndefined();
    expect(kesspayMinorAmount('40000.00', 'KHR')).toBe(40000);
    expect(kesspayMinorAmount('40000.5', 'KHR')).toBeUndefined();
    expect(kesspayMinorAmount('-1', 'USD')).toBeUndefined();
    expect(kesspayMinorAmount('1', 'XXX')).toBeUndefined();
  });

  it('refuses fractional minor units', () => {
    expect(() => kesspayWireAmount(1.5, 'USD')).toThrow(RangeError);
  });
});
