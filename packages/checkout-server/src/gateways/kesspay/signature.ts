import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type KesspaySignType = 'MD5' | 'HMAC-SHA256';

/**
 * Renders a top-level value the way the gateway (PHP 8, kesspay.md §2.3) turns it into text for the
 * signing string, or undefined when PHP drops it (`$v != ""` is false, or it is an array/object).
 */
export function renderKesspayValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === false || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (value === true) return '1';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return renderPhpNumber(value);
  return undefined;
}

/**
 * A JS number as PHP prints what json_decode made of `JSON.stringify(number)`: integral values up
 * to int64 are PHP ints (decimal digits), everything else is a float printed with `%.14G`, trailing
 * zeros stripped (`0.30000000000000004` → `0.3`, `1e21` → `1.0E+21`).
 */
function renderPhpNumber(value: number): string {
  if (Number.isNaN(value)) return 'NAN';
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
  if (Number.isInteger(value) && Math.abs(value) < 1e21 && Math.abs(value) < 2 ** 63) {
    return BigInt(value).toString();
  }
  const [mantissa, exponentText] = value.toExponential(13).split('e') as [string, string];
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 14) {
    const significant = digits.replace(/0+$/, '');
    const fraction = significant.length > 1 ? significant.slice(1) : '0';
    return `${sign}${digits[0]}.${fraction}E${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  let whole: string;
  let fraction: string;
  if (exponent >= 0) {
    whole = digits.slice(0, exponent + 1);
    fraction = digits.slice(exponent + 1);
  } else {
    whole = '0';
    fraction = '0'.repeat(-exponent - 1) + digits;
  }
  fraction = fraction.replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The exact signed text (kesspay.md §2.1): every top-level parameter except `sign` that PHP keeps,
 * sorted by key (byte order), `k=v` joined with `&`, no URL-encoding, then `&key=<api_secret_key>`
 * appended raw even when the key holds `&` or `=`.
 */
export function kesspaySigningString(
  params: Record<string, unknown>,
  apiSecretKey: string,
): string {
  const pairs: string[] = [];
  for (const key of Object.keys(params).sort(compareBytes)) {
    if (key === 'sign') continue;
    const rendered = renderKesspayValue(params[key]);
    if (rendered !== undefined) pairs.push(`${key}=${rendered}`);
  }
  pairs.push(`key=${apiSecretKey}`);
  return pairs.join('&');
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The algorithm named by `sign_type` (case-insensitive), or undefined for anything else. */
export function kesspaySignType(value: unknown): KesspaySignType | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return upper === 'MD5' || upper === 'HMAC-SHA256' ? upper : undefined;
}

/**
 * Signs a KessPay request or notify with the merchant's `api_secret_key` (not client_secret), using
 * the algorithm in `params.sign_type`: MD5 of the signing string, or HMAC-SHA256 keyed with the
 * secret over the same string (which itself ends in `&key=<secret>`). Lowercase hex.
 * Throws RangeError when `sign_type` is neither MD5 nor HMAC-SHA256.
 */
export function signKesspay(params: Record<string, unknown>, apiSecretKey: string): string {
  const signType = kesspaySignType(params.sign_type);
  if (!signType) throw new RangeError('sign_type must be MD5 or HMAC-SHA256');
  const text = kesspaySigningString(params, apiSecretKey);
  if (signType === 'MD5') return createHash('md5').update(text, 'utf8').digest('hex');
  // A string key is its UTF-8 bytes; Node sets it up faster than a Buffer (see signKsher).
  return createHmac('sha256', apiSecretKey).update(text, 'utf8').digest('hex');
}

/**
 * Verifies `params.sign` in constant time. Hex case is ignored: whether the gateway accepts
 * uppercase is unknown (kesspay.md §12.5), so we accept both and always emit lowercase.
 */
export function verifyKesspay(params: Record<string, unknown>, apiSecretKey: string): boolean {
  const given = params.sign;
  const signType = kesspaySignType(params.sign_type);
  if (!signType || typeof given !== 'string') return false;
  const length = signType === 'MD5' ? 32 : 64;
  if (given.length !== length || !/^[0-9a-fA-F]+$/.test(given)) return false;
  const expected = Buffer.from(signKesspay(params, apiSecretKey), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
