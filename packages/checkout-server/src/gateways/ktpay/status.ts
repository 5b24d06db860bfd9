import type { SessionStatus } from '@localpay/checkout-core';

/** `status.status` values (ktpay.md §7). */
export const KTPAY_STATUSES = [
  'pending',
  'authorized',
  'success',
  'error',
  'denied',
  'completed',
] as const;

export type KtpayStatus = (typeof KTPAY_STATUSES)[number];

export interface KtpayMappedStatus {
  status: SessionStatus;
  failureReason?: string;
}

/**
 * Ktpay status → unified status. Only the final statuses reach us (callbacks are sent for
 * `completed`, `error` and `denied` only, §8): `completed` (cleared) is paid; `error` and
 * `denied` are failed. `authorized` and `success` (held, clearing not done) are `processing`:
 * money is not final until clearing. Unknown values return undefined (left unchanged).
 */
export function mapKtpayStatus(status: string | undefined): KtpayMappedStatus | undefined {
  switch (status) {
    case 'pending':
      return { status: 'pending' };
    case 'authorized':
    case 'success':
      return { status: 'processing' };
    case 'completed':
      return { status: 'succeeded' };
    case 'denied':
      return { status: 'failed', failureReason: 'declined' };
    case 'error':
      return { status: 'failed', failureReason: 'error' };
    default:
      return undefined;
  }
}
