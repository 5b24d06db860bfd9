import { type CurrencyCode, currencyExponent } from '@localpay/checkout-core';

/** Currencies KessPay takes (kesspay.md §3): USD with 2 decimals, KHR in whole riel. */
export const KESSPAY_CURRENCIES: readonly CurrencyCode[] = ['USD', 'KHR'];

/**
 * Minor units → the JSON number sent as `total_amount` (1650 USD → 16.5, 40000 KHR → 40000).
 * Rounded to the currency's decimals, so PHP prints exactly what we signed (§2.3: never a float
 * artefact such as 0.30000000000000004).
 */
export function kesspayWireAmount(amount: number, currency: CurrencyCode): number {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`Amount must be a non-negative integer, got ${amount}`);
  }
  const exponent = currencyExponent(currency);
  return Number((amount / 10 ** exponent).toFixed(exponent));
}

/**
 * A gateway amount (number `16.5` or string `"16.50"`) → minor units, or undefined when it is not
 * a non-negative decimal with at most the currency's decimals.
 */
export function kesspayMinorAmount(value: unknown, currency: CurrencyCode): number | undefined {
  let exponent: number;
  try {
    exponent = currencyExponent(currency);
  } catch {
    return undefined;
  }
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return undefined;
  const minor = Number(match[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : undefined;
}
