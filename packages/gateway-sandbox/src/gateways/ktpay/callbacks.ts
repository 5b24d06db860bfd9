import { createCallbackDelivery } from '../../callback-delivery.ts';
import type { FaultInjector } from '../../faults.ts';
import type { KtpaySandboxPayment } from './payments.ts';

/** §8: retried after 15 s, 60 s, 3 min, 10 min, 30 min and 60 min (read as gaps between attempts). */
export const KTPAY_CALLBACK_RETRY_DELAYS_MS: readonly number[] = [
  15_000, 60_000, 180_000, 600_000, 1_800_000, 3_600_000,
];

export interface KtpayCallbackDelivery {
  transactionHash: string;
  orderId: string;
  /** The status the callback announced. */
  paymentStatus: string;
  url: string;
  /** 1-based attempt number within one delivery (a duplicated callback has two deliveries). */
  attempt: number;
  status: number | 'error' | 'dropped';
  delivered: boolean;
  /** Whether the merchant answered `{"status":"ok"}` (the same as `delivered`). */
  acknowledged: boolean;
  at: string;
}

/** Kazakhstan time (+06:00), the offset of the §8 example. */
export function ktpayTimestamp(iso: string | null): string | null {
  if (!iso) return null;
  const shifted = new Date(Date.parse(iso) + 6 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+06:00`;
}

/** The §8 callback body. */
export function ktpayCallbackBody(payment: KtpaySandboxPayment, merchantId: number): string {
  return JSON.stringify({
    merchant_id: merchantId,
    order_id: payment.orderId,
    description: payment.description,
    amount: payment.wireAmount,
    transaction_hash: payment.transactionHash,
    created_at: ktpayTimestamp(payment.createdAt),
    updated_at: ktpayTimestamp(payment.updatedAt),
    status: {
      status: payment.status,
      created_at: ktpayTimestamp(payment.statusAt),
      updated_at: null,
      error: payment.error
        ? { error_type: payment.error.type, error_message: payment.error.message }
        : null,
    },
  });
}

export function createKtpayCallbackDispatcher(options: {
  merchantId: number;
  retryDelaysMs: readonly number[];
  faults: FaultInjector;
  fetch: typeof fetch;
  log: (line: string) => void;
  attemptTimeoutMs?: number;
}) {
  // Only `{"status":"ok"}` ends a delivery (§8: "in cases where the reply is different" it retries).
  const delivery = createCallbackDelivery<
    Omit<KtpayCallbackDelivery, 'attempt' | 'status' | 'delivered' | 'acknowledged' | 'at'>
  >({
    describe: (entry) => `ktpay callback ${entry.paymentStatus} for ${entry.orderId}`,
    isDelivered: (status, body) => status === 200 && isOkReply(body),
    retryDelayAfter: (attempt) => options.retryDelaysMs[attempt - 1],
    attemptTimeoutMs: options.attemptTimeoutMs ?? 15_000,
    faults: options.faults,
    fetch: options.fetch,
    log: options.log,
  });

  return {
    send(payment: KtpaySandboxPayment) {
      if (!payment.callbackPostUrl) {
        options.log(`ktpay callback for ${payment.orderId} not sent: no callback_post_url`);
        return;
      }
      delivery.send(
        {
          transactionHash: payment.transactionHash,
          orderId: payment.orderId,
          paymentStatus: payment.status,
          url: payment.callbackPostUrl,
        },
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: ktpayCallbackBody(payment, options.merchantId),
        },
      );
    },
    // "Acknowledged" is Ktpay's word for delivered: the merchant answered {"status":"ok"}.
    deliveries: (): KtpayCallbackDelivery[] =>
      delivery.deliveries().map((entry) => ({ ...entry, acknowledged: entry.delivered })),
    idle: delivery.idle,
    close: delivery.close,
  };
}

function isOkReply(body: string): boolean {
  try {
    return (JSON.parse(body) as { status?: unknown } | null)?.status === 'ok';
  } catch {
    return false;
  }
}
