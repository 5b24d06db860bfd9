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

/**
 * Decimal text typed by a person → integer minor units (`"150.5"`, THB → `15050`). Exact string
 * arithmetic, no floats; more fraction digits than the currency has, signs, exponents or grouping
 * are rejected with a RangeError rather than rounded.
 */
export function decimalStringToMinor(text: string, currency: CurrencyCode): number {
  const exponent = currencyExponent(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not a plain decimal amount`);
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > exponent) {
    throw new RangeError(`${currency} amounts have at most ${exponent} decimal places`);
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${text}" is too large`);
  return minor;
}
