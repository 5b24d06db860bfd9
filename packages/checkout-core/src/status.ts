import type { SessionStatus } from './contract.ts';

/** Statuses after which nothing the payer does changes the outcome. */
export const FINAL_STATUSES: readonly SessionStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'expired',
  'refunded',
  'partially_refunded',
];

export function isFinalStatus(status: SessionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

const allowed: Record<SessionStatus, readonly SessionStatus[]> = {
  pending: ['processing', 'succeeded', 'failed', 'cancelled', 'expired'],
  processing: ['succeeded', 'failed', 'cancelled', 'expired'],
  succeeded: ['partially_refunded', 'refunded'],
  partially_refunded: ['refunded'],
  failed: [],
  cancelled: [],
  expired: [],
  refunded: [],
};

/**
 * Whether a session may move from `from` to `to`. Transitions only go forward: a paid session
 * never returns to pending, a failed one never becomes paid through this path (a late payment on
 * a closed order is a reconciliation case, not a status flip).
 */
export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return allowed[from].includes(to);
}
