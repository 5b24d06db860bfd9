import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Renders a value the way the gateway does: it is written in Python and signs `f"{key}{value}"`,
 * so booleans are `True`/`False`, null is `None`, and objects use Python's repr (ksher.md §3.2).
 */
export function renderKsherValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return renderPythonNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(renderPythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${renderPythonRepr(k)}: ${renderPythonRepr(v)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

function renderPythonRepr(value: unknown): string {
  if (typeof value === 'string')
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return renderKsherValue(value);
}

function renderPythonNumber(value: number): string {
  // JSON numbers reach us as JS numbers: an integral value is a Python int. Amounts must be
  // integers (§3.2: `100.0` renders differently in Python and cannot be reproduced after JSON.parse).
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(0);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value)
    .replace(/e\+?(-?)(\d)$/, 'e$1+0$2')
    .replace('e+-', 'e-');
}

/** The exact string that is HMAC'ed: prefix, then `key + value` for every sorted key, no separators. */
export function ksherSigningString(prefix: string, params: Record<string, unknown>): string {
  const keys = Object.keys(params)
    .filter((key) => key !== 'signature' && params[key] !== undefined)
    .sort();
  let message = prefix;
  for (const key of keys) message += key + renderKsherValue(params[key]);
  return message;
}

/**
 * Signs a Ksher request, response or webhook: uppercase hex HMAC-SHA256 keyed with the API token
 * (used as UTF-8 text). `prefix` is the request path (`/api/v1/redirect/orders/<id>`) for API
 * calls and the full configured webhook URL for webhooks. `signature` in `params` is ignored.
 */
export function signKsher(prefix: string, params: Record<string, unknown>, token: string): string {
  // A string key is its UTF-8 bytes, as Buffer.from(token) would give, but Node 24 sets it up
  // about 6x faster (a Buffer key goes through slow KeyObject/CryptoKey checks): 3 per webhook.
  return createHmac('sha256', token)
    .update(ksherSigningString(prefix, params), 'utf8')
    .digest('hex')
    .toUpperCase();
}

/**
 * Verifies `params.signature` in constant time. Hex case is ignored (the PHP SDK sends lowercase).
 * `log_entry_url` is never signed by the gateway and is left out (§3.3).
 */
export function verifyKsher(
  prefix: string,
  params: Record<string, unknown>,
  token: string,
): boolean {
  const given = params.signature;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const { log_entry_url: _unsigned, ...signed } = params;
  const expected = Buffer.from(signKsher(prefix, signed, token), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
