import type { SessionStatus } from '@localpay/checkout-core';

export interface KsherPayStatusInput {
  /** `data.result` of `gateway_order_query` / `order_query` (ksherpay.md §3). */
  result: string | undefined;
  /** We asked the gateway to cancel / close this order. */
  cancelRequested: boolean;
  /** The session's expiresAt has passed. */
  pastExpiry: boolean;
}

export interface KsherPayMappedStatus {
  status: SessionStatus;
  failureReason?: string;
}

/**
 * Query `result` → unified status (§3). `NOTSURE`, `NOTPAY`, `PENDING` and `USERPAYING` are never
 * final: a created-but-unpaid gateway order queries as NOTSURE, and a B-scan-C payment waiting
 * for the payer's PIN as USERPAYING (→ processing). `CLOSED` is our cancel when we asked for one,
 * a timeout once the session expired, else a failure. `FAIL` means the query itself failed (e.g.
 * unknown order), not the payment: it maps to nothing, like any value this code does not know.
 */
export function mapKsherPayResult(input: KsherPayStatusInput): KsherPayMappedStatus | undefined {
  switch (input.result) {
    case 'SUCCESS':
      return { status: 'succeeded' };
    case 'REFUND':
      // The query does not say how much was refunded: our own refund records decide partial.
      return { status: 'refunded' };
    case 'NOTSURE':
    case 'NOTPAY':
    case 'PENDING':
      return { status: 'pending' };
    case 'USERPAYING':
      return { status: 'processing' };
    case 'PAYERROR':
      return { status: 'failed', failureReason: 'declined' };
    case 'CLOSED':
      if (input.cancelRequested) return { status: 'cancelled', failureReason: 'cancelled' };
      if (input.pastExpiry) return { status: 'expired', failureReason: 'expired' };
      return { status: 'failed', failureReason: 'closed' };
    default:
      return undefined;
  }
}
