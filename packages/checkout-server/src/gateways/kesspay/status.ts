import type { SessionStatus } from '@localpay/checkout-core';

export interface KesspayStatusInput {
  /** OrderInfo `status` (kesspay.md §4). */
  status: string | undefined;
  /** We asked the gateway to close this order. */
  cancelRequested: boolean;
  /** The session's expiresAt has passed. */
  pastExpiry: boolean;
}

export interface KesspayMappedStatus {
  status: SessionStatus;
  failureReason?: string;
}

/**
 * KessPay order status → unified session status. The documented values are WAITING, SUCCESS and
 * CLOSED; FAILED, EXPIRED, REFUNDED, PARTIAL_REFUNDED, VOID and REVERSAL come from a secondary
 * source (§4, §12.4). CLOSED covers our closeorder and any other close, so context decides.
 * PARTIAL_REFUNDED, VOID, REVERSAL and unknown values return undefined (left unchanged): refund
 * amounts are our own bookkeeping, and a void/reversal after payment needs a human.
 */
export function mapKesspayStatus(input: KesspayStatusInput): KesspayMappedStatus | undefined {
  switch (input.status?.toUpperCase()) {
    case 'WAITING':
      return { status: 'pending' };
    case 'SUCCESS':
      return { status: 'succeeded' };
    case 'REFUNDED':
      return { status: 'refunded' };
    case 'FAILED':
      return { status: 'failed', failureReason: 'declined' };
    case 'EXPIRED':
      return { status: 'expired', failureReason: 'expired' };
    case 'CLOSED':
      if (input.cancelRequested) return { status: 'cancelled', failureReason: 'cancelled' };
      if (input.pastExpiry) return { status: 'expired', failureReason: 'expired' };
      return { status: 'failed', failureReason: 'closed' };
    default:
      return undefined;
  }
}
