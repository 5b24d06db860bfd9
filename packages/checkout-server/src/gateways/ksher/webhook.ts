import { verifyKsher } from './signature.ts';

export type KsherWebhookResult =
  | {
      valid: true;
      merchantOrderId: string;
      message: string;
      /** Identifies "the same notification" for deduplication. */
      dedupeKey: string;
      params: Record<string, string>;
    }
  | { valid: false; reason: string; merchantOrderId?: string; params: Record<string, string> };

const EXPECTED = ['code', 'instance', 'message', 'type'];

/**
 * Verifies a Ksher webhook (ksher.md §7): a GET whose query parameters, minus `signature` (and
 * `log_entry_url`), are signed with the configured webhook URL as prefix. The prefix comes from
 * configuration, never from the request's Host header (§10.8), and the compare is constant time.
 */
export function verifyKsherWebhook(
  query: URLSearchParams,
  webhookUrl: string,
  token: string,
): KsherWebhookResult {
  const params: Record<string, string> = {};
  for (const [key, value] of query) {
    if (key in params) return { valid: false, reason: `parameter ${key} repeated`, params };
    params[key] = value;
  }
  const { signature: _signature, ...unsigned } = params;
  const instance = params.instance;
  const base = instance ? { merchantOrderId: instance } : {};
  for (const key of EXPECTED) {
    if (!params[key])
      return { valid: false, reason: `parameter ${key} missing`, params: unsigned, ...base };
  }
  if (!verifyKsher(webhookUrl, params, token)) {
    return { valid: false, reason: 'signature mismatch', params: unsigned, ...base };
  }
  const message = params.message as string;
  return {
    valid: true,
    merchantOrderId: instance as string,
    message,
    dedupeKey: `${params.code}|${message}|${params.type}`,
    params: unsigned,
  };
}
