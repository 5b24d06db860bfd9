import type { SessionStatus } from '@localpay/checkout-core';

export interface KsherStatusInput {
  /** `status` of the queried order record: Available | Paid | Closed | Refunded. */
  status: string | undefined;
  /** `error_message` of the queried order record. */
  errorMessage?: string | undefined;
  /** `message` of the webhook that triggered the query, if any (e.g. "Order Timeout"). */
  webhookMessage?: string | undefined;
  /** We asked the gateway to cancel this order. */
  cancelRequested: boolean;
  /** The session's expiresAt has passed. */
  pastExpiry: boolean;
}

export interface MappedStatus {
  status: SessionStatus;
  failureReason?: string;
}

const TIMEOUT_MESSAGE = 'Order Timeout';

/**
 * Ksher order status → unified session status (ksher.md §6). `Closed` covers declines, timeouts
 * and merchant cancels alike, so the context decides: our own cancel wins, then any timeout hint
 * (the spelling of a timed-out order's status is unknown, §13.5), else it is a failure.
 * Returns undefined for a status this code does not know (left unchanged by the caller).
 */
export function mapKsherStatus(input: KsherStatusInput): MappedStatus | undefined {
  switch (input.status) {
    case 'Available':
      return { status: 'pending' };
    case 'Paid':
      return { status: 'succeeded' };
    case 'Refunded':
      return { status: 'refunded' };
    case 'Closed': {
      if (input.cancelRequested) return { status: 'cancelled', failureReason: 'cancelled' };
      if (
        input.errorMessage === TIMEOUT_MESSAGE ||
        input.webhookMessage === TIMEOUT_MESSAGE ||
        input.pastExpiry
      ) {
        return { status: 'expired', failureReason: 'expired' };
      }
      return { status: 'failed', failureReason: 'declined' };
    }
    default:
      return undefined;
  }
}
