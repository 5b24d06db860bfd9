import type { CurrencyCode } from './contract.ts';

/** ISO 4217 minor-unit exponents for the currencies the gateways use. */
const exponents: Record<string, number> = { THB: 2, USD: 2, KHR: 0, KZT: 2, MYR: 2 };

export function currencyExponent(currency: CurrencyCode): number {
  const exponent = exponents[currency];
  if (exponent === undefined) throw new RangeError(`Unknown currency ${currency}`);
  return exponent;
}

/** Integer minor units → decimal string with the currency's exponent (`15050`, THB → `150.50`). */
export function minorToDecimalString(amount: number, currency: CurrencyCode): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`Amount must be an integer, got ${amount}`);
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Locale-aware display of an amount in minor units. */
export function formatMoney(amount: number, currency: CurrencyCode, locale = 'en'): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amount / 10 ** exponent);
}
