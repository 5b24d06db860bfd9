import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Ksher's V1 response/notification key (512-bit, ksherpay.md §2.5), as published in every SDK.
 * Public data: it only verifies what Ksher signs.
 */
export const KSHERPAY_PUBLIC_KEY_V1 = `-----BEGIN RSA PUBLIC KEY-----
MEgCQQC+/eeTgrjeCPHmDS/5osWViFyIAryFRIr5canaYhz3Di3UNkT0sf6TkabF
LvxPcM9JmEtj2O4TXNpgYATkE/sFAgMBAAE=
-----END RSA PUBLIC KEY-----
`;

/** Ksher's V2 key (2048-bit), used for responses when `ksher-sign-version: V2` is sent (§2.5). */
export const KSHERPAY_PUBLIC_KEY_V2 = `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA3WvHCgE/NVHjWG+IzjB2OeWFwjQJFPEi/O1AFaiLdsyXgQ8sROIM
pp7iyhbubKf+aNFdJx4+hwbVSd3BAUUdKQJyovdqjF0DLLrk0QLUZAnEX7lylugt
VL+eCKRhI8UzXxEFMt8vrhw1p9oaxBK/0mXcqUGvtM7hNAZo9jdfB/l+gAf6X3jR
1gj7lsz190A+FfDwzIhCWK8FcdroW7A00KAcCdAadzNdn16UNj4G0kGXhAMf+175
gTFuVuiZx1oSaInrOgnl05qqixTbrdm/BqwbFWGGYX1B6yKM0/Vus3DqkwgXr1q+
bWPtM3sDOQuQmkbo/jQbkMv+Ab8ij2f1gwIDAQAB
-----END RSA PUBLIC KEY-----
`;

/** Nested values: compact JSON with every object's keys sorted (the only form that verifies, §2.2). */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    const entries = Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson(object[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * One value as the gateway signs it: strings as they are, numbers as decimal digits, arrays and
 * objects as sorted compact JSON. `null` is signed as empty text and booleans as `true`/`false`:
 * how the server renders those is unknown (§11 Q2); Ksher's own samples never carry them.
 */
export function renderKsherPayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '';
  return sortedJson(value);
}

/**
 * The exact signed text (§2.1, §2.2): `k=v` for every field except `sign` (empty values kept,
 * undefined ones left out), the pair strings sorted by code unit (as Ksher's Python server and
 * the Python/Go/Node SDKs do, §10 C6), joined with no separator.
 */
export function ksherPaySigningString(params: Record<string, unknown>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== undefined)
    .map((key) => `${key}=${renderKsherPayValue(params[key])}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join('');
}

/**
 * Signs a KsherPay request: RSA PKCS#1 v1.5 with MD5 over the UTF-8 signing string, with the
 * merchant's key (PKCS#1 `BEGIN RSA PRIVATE KEY` as downloaded, or PKCS#8), as lowercase hex.
 */
export function signKsherPay(params: Record<string, unknown>, privateKeyPem: string): string {
  return sign(
    'RSA-MD5',
    Buffer.from(ksherPaySigningString(params), 'utf8'),
    privateKeyPem,
  ).toString('hex');
}

/**
 * `merchant_info` and `get_settlement_info` answers sign fixed subsets of `data` (§2.2, V6/V7).
 * Only applied when the caller names that API: a subset check on anything else would let fields
 * outside the subset (an order number, a result) ride on a published signature.
 */
export const KSHERPAY_SIGNED_SUBSETS: Readonly<Record<string, readonly string[]>> = {
  merchant_info: ['account_type', 'business_mode', 'mch_id', 'mobile', 'nonce_str'],
  get_settlement_info: ['begin_date', 'end_date', 'nonce_str'],
};

const keyCache = new Map<string, KeyObject>();

function publicKey(pem: string): KeyObject {
  let key = keyCache.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (keyCache.size > 16) keyCache.clear();
    keyCache.set(pem, key);
  }
  return key;
}

/**
 * Verifies the `sign` of a KsherPay response or notification over its `data` object (only `data`
 * is signed, §2.2) with Ksher's public key (PKCS#1 or SPKI PEM). Hex of either case is accepted.
 * `api` names the call whose answer this is, for the two that sign a fixed subset of `data`.
 * Never throws for bad input: a malformed signature or key simply does not verify.
 */
export function verifyKsherPay(
  data: Record<string, unknown>,
  signHex: string,
  publicKeyPem: string,
  api?: string,
): boolean {
  if (typeof signHex !== 'string' || !/^(?:[0-9a-fA-F]{2})+$/.test(signHex)) return false;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  let key: KeyObject;
  try {
    key = publicKey(publicKeyPem);
  } catch {
    return false;
  }
  const signature = Buffer.from(signHex, 'hex');
  const check = (fields: Record<string, unknown>) => {
    try {
      return verify('RSA-MD5', Buffer.from(ksherPaySigningString(fields), 'utf8'), key, signature);
    } catch {
      return false;
    }
  };
  const subset =
    api !== undefined && Object.hasOwn(KSHERPAY_SIGNED_SUBSETS, api)
      ? KSHERPAY_SIGNED_SUBSETS[api]
      : undefined;
  if (subset) return check(Object.fromEntries(subset.map((field) => [field, data[field]])));
  return check(data);
}
