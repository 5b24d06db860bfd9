import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { isKtpayTransactionHash } from './client.ts';
import { KTPAY_STATUSES, type KtpayStatus } from './status.ts';

/**
 * Ktpay callbacks are unsigned plain JSON (ktpay.md §8). What protects them here: a per-session
 * capability in `callback_post_url` (sent only inside the sealed request), strict matching of
 * `order_id`, `amount` and `transaction_hash` against the session, and an optional IP allow-list.
 */

/** Callbacks are small; anything larger is not Ktpay. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The capability of one session: `<merchantOrderId>.<HMAC-SHA256(secret, merchantOrderId)>`, the
 * MAC in base64url (43 characters, 256 bits). Derived rather than stored, so it exists before the
 * gateway is called and a retried create sends the same URL.
 */
export function ktpayCallbackCapability(secret: string, merchantOrderId: string): string {
  return `${merchantOrderId}.${capabilityMac(secret, merchantOrderId)}`;
}

function capabilityMac(secret: string, merchantOrderId: string): string {
  return createHmac('sha256', secret)
    .update(`ktpay-callback|${merchantOrderId}`)
    .digest('base64url');
}

/** The session's merchantOrderId when `capability` is genuine (constant-time compare), else undefined. */
export function verifyKtpayCallbackCapability(
  secret: string,
  capability: string,
): string | undefined {
  const dot = capability.lastIndexOf('.');
  if (dot <= 0 || capability.length > 200) return undefined;
  const merchantOrderId = capability.slice(0, dot);
  const given = Buffer.from(capability.slice(dot + 1), 'utf8');
  const expected = Buffer.from(capabilityMac(secret, merchantOrderId), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? merchantOrderId
    : undefined;
}

export interface KtpayCallback {
  orderId: string;
  /** As sent: a number in tenge (or its text). */
  amount: unknown;
  transactionHash: string;
  status: KtpayStatus;
  /** `status.error` for `error` / `denied`. */
  errorType?: string;
  errorMessage?: string;
}

/** Checks the callback body's shape (§8); the reason names the field that is wrong. */
export function parseKtpayCallback(
  json: unknown,
): { ok: true; callback: KtpayCallback } | { ok: false; reason: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'body is not a JSON object' };
  }
  const body = json as Record<string, unknown>;
  const orderId = typeof body.order_id === 'number' ? String(body.order_id) : body.order_id;
  if (typeof orderId !== 'string' || orderId === '') {
    return { ok: false, reason: 'order_id missing' };
  }
  if (typeof body.amount !== 'number' && typeof body.amount !== 'string') {
    return { ok: false, reason: 'amount missing' };
  }
  if (!isKtpayTransactionHash(body.transaction_hash)) {
    return { ok: false, reason: 'transaction_hash missing or malformed' };
  }
  const status = body.status as Record<string, unknown> | null | undefined;
  const value = typeof status === 'object' && status !== null ? status.status : undefined;
  if (typeof value !== 'string' || !(KTPAY_STATUSES as readonly string[]).includes(value)) {
    return { ok: false, reason: 'status.status missing or unknown' };
  }
  const callback: KtpayCallback = {
    orderId,
    amount: body.amount,
    transactionHash: body.transaction_hash,
    status: value as KtpayStatus,
  };
  const error = (status as Record<string, unknown>).error as Record<string, unknown> | null;
  if (typeof error === 'object' && error !== null) {
    if (typeof error.error_type === 'string') callback.errorType = error.error_type;
    if (typeof error.error_message === 'string') callback.errorMessage = error.error_message;
  }
  return { ok: true, callback };
}

/** Reads the JSON body whatever the Content-Type says; at most 16 KiB. */
export async function readKtpayCallbackBody(
  request: Request,
): Promise<{ ok: true; json: unknown } | { ok: false; reason: string }> {
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > MAX_BODY_BYTES) return { ok: false, reason: 'body too large' };
  try {
    return { ok: true, json: JSON.parse(new TextDecoder().decode(buffer)) as unknown };
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
}

/**
 * The caller's IP from `header` as set by the merchant's reverse proxy: for a comma-separated list
 * (`X-Forwarded-For`) the last entry, the one the nearest proxy appended; earlier entries are
 * whatever the client claimed. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is unwrapped.
 */
export function ktpayCallerIp(request: Request, header: string): string | undefined {
  const raw = request.headers.get(header);
  const last = raw?.split(',').at(-1)?.trim();
  if (!last) return undefined;
  const ip =
    last.toLowerCase().startsWith('::ffff:') && isIP(last.slice(7)) === 4 ? last.slice(7) : last;
  return isIP(ip) === 0 ? undefined : ip;
}
