import type { Redactor } from '../redact.ts';
import type { OrderStore } from '../store/order-store.ts';

export type EventRecorder = (
  sessionId: string | null,
  type: string,
  payload: Record<string, unknown>,
  dedupeKey?: string,
) => Promise<void>;

/** Appends to the order's event log. Events are shown in back offices, so they are redacted too. */
export function createEventRecorder(
  store: OrderStore,
  redact: Redactor,
  now: () => Date,
): EventRecorder {
  return async (sessionId, type, payload, dedupeKey) => {
    const safe = JSON.parse(redact(JSON.stringify(payload))) as Record<string, unknown>;
    await store.appendEvent(sessionId, type, safe, now(), dedupeKey);
  };
}
