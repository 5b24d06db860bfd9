import type { Redactor } from '../redact.ts';
import type { NewOrderEvent, OrderStore } from '../store/order-store.ts';

export type EventRecorder = (
  sessionId: string | null,
  type: string,
  payload: Record<string, unknown>,
  dedupeKey?: string,
) => Promise<void>;

/** An event row for the store to write together with another change (same step, no extra trip). */
export type EventBuilder = (
  type: string,
  payload: Record<string, unknown>,
  dedupeKey?: string,
) => NewOrderEvent;

/** Events are shown in back offices, so their payloads are redacted too. */
function redactPayload(redact: Redactor, payload: Record<string, unknown>) {
  return JSON.parse(redact(JSON.stringify(payload))) as Record<string, unknown>;
}

export function createEventBuilder(redact: Redactor): EventBuilder {
  return (type, payload, dedupeKey) => ({
    type,
    payload: redactPayload(redact, payload),
    ...(dedupeKey !== undefined && { dedupeKey }),
  });
}

/** Appends to the order's event log, redacted. */
export function createEventRecorder(
  store: OrderStore,
  redact: Redactor,
  now: () => Date,
): EventRecorder {
  return async (sessionId, type, payload, dedupeKey) => {
    await store.appendEvent(sessionId, type, redactPayload(redact, payload), now(), dedupeKey);
  };
}
