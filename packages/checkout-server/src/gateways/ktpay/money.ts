import { currencyExponent } from '@localpay/checkout-core';

/** Ktpay takes KZT only; there is no currency field on the wire (ktpay.md §9). */
export const KTPAY_CURRENCY = 'KZT';

/**
 * Minor units (tiyn) → the JSON number sent as `order.amount`: tenge with at most 2 decimals
 * (§5 "an integer or a float with 2 decimals"; 150050 → 1500.5, 100000 → 1000).
 */
export function ktpayWireAmount(amount: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`Amount must be a non-negative integer, got ${amount}`);
  }
  const exponent = currencyExponent(KTPAY_CURRENCY);
  return Number((amount / 10 ** exponent).toFixed(exponent));
}

/**
 * A Ktpay amount (number `1500.5` or text `"1500.50"`) → tiyn, or undefined when it is not a
 * non-negative decimal with at most 2 places (§9: more places are refused, not rounded).
 */
export function ktpayMinorAmount(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return undefined;
  const minor = Number(match[1]) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}
