import type { CheckoutSession, SessionStatusEvent } from './contract.ts';
import { canTransition, isFinalStatus } from './status.ts';

/** What the server tells the browser about a session: a full read or an SSE status event. */
export type SessionUpdate = CheckoutSession | SessionStatusEvent;

export function isFullSession(update: SessionUpdate): update is CheckoutSession {
  return 'amount' in update && 'methodId' in update;
}

/**
 * Applies an update to a known session, only ever forward: an update for another session, or one
 * that `canTransition` rejects (a late `pending` after `succeeded`), returns `current` unchanged.
 * A full read with the same status refreshes the details; an event with the same status is a no-op.
 */
export function applySessionUpdate(
  current: CheckoutSession,
  update: SessionUpdate,
): CheckoutSession {
  if (update.id !== current.id) return current;
  if (update.status === current.status) {
    return isFullSession(update) ? update : current;
  }
  if (!canTransition(current.status, update.status)) return current;
  if (isFullSession(update)) return update;
  const next: CheckoutSession = { ...current, status: update.status, updatedAt: update.updatedAt };
  // Nothing is left for the payer to do once the outcome is settled.
  if (isFinalStatus(update.status)) delete next.next;
  return next;
}
