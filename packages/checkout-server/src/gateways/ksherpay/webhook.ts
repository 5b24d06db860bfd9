import type { GatewayWebhookResult } from '../gateway.ts';
import { parseJsonObject } from '../gateway-message.ts';
import { verifyKsherPay } from './signature.ts';

/** What Ksher expects back, exactly (ksherpay.md §5); anything else is retried. */
export const KSHERPAY_NOTIFY_REPLY = { result: 'SUCCESS', msg: 'OK' } as const;

/** Notification bodies are small JSON; a larger one is not Ksher's. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads and verifies a KsherPay notification (§5): a POST whose body is JSON sent as text/plain,
 * `{ code, msg, data, sign, ... }`, with `sign` over `data` (§2.2). The raw text is parsed as JSON
 * (never URL-decoded, which would corrupt `+`). Only a verified `code` 0 notification with an
 * order number is valid; the caller still confirms the payment with a query.
 */
export function verifyKsherPayNotify(text: string, publicKeyPem: string): GatewayWebhookResult {
  const body =
    Buffer.byteLength(text, 'utf8') <= MAX_BODY_BYTES ? parseJsonObject(text) : undefined;
  const data =
    body && typeof body.data === 'object' && body.data !== null && !Array.isArray(body.data)
      ? (body.data as Record<string, unknown>)
      : undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    params[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const merchantOrderId =
    typeof data?.mch_order_no === 'string' && data.mch_order_no !== ''
      ? data.mch_order_no
      : undefined;
  const invalid = (reason: string): GatewayWebhookResult => ({
    valid: false,
    reason,
    ...(merchantOrderId !== undefined && { merchantOrderId }),
    params,
  });
  if (!body || !data) return invalid('body is not a KsherPay notification');
  if (typeof body.sign !== 'string' || !verifyKsherPay(data, body.sign, publicKeyPem)) {
    return invalid('invalid signature');
  }
  if (body.code !== 0) return invalid(`code ${String(body.code)}`);
  if (merchantOrderId === undefined) return invalid('mch_order_no missing');
  const result = typeof data.result === 'string' ? data.result : '';
  const ksherOrderNo = typeof data.ksher_order_no === 'string' ? data.ksher_order_no : '';
  return {
    valid: true,
    merchantOrderId,
    // The same notification comes up to 13 times (§5): one key per order, result and payment.
    dedupeKey: `ksherpay:${merchantOrderId}:${result}:${ksherOrderNo}`,
    hint: result,
    params,
  };
}
