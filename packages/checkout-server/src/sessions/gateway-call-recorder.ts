import type { Redactor } from '../redact.ts';
import type { OrderStore } from '../store/order-store.ts';
import { createEventBuilder } from './event-recorder.ts';

/**
 * The `onCall` hook every gateway client gets: appends the call to its order's event log as
 * `gateway_call` (or to no order, for calls such as token or method-list requests), redacted.
 */
export function createGatewayCallRecorder(
  store: OrderStore,
  redact: Redactor,
  now: () => Date,
  provider: string,
): (call: { merchantOrderId: string }) => Promise<void> {
  const event = createEventBuilder(redact);
  return async (call) => {
    const { merchantOrderId, ...fields } = call;
    const logged = event('gateway_call', { provider, ...fields });
    // The order is looked up in the insert itself: one round trip per call.
    if (merchantOrderId)
      await store.appendGatewayOrderEvent(provider, merchantOrderId, logged, now());
    else await store.appendEvent(null, logged.type, logged.payload, now());
  };
}
