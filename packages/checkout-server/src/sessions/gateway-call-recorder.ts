import type { Redactor } from '../redact.ts';
import type { OrderStore } from '../store/order-store.ts';

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
  return async (call) => {
    const order = call.merchantOrderId
      ? await store.findByMerchantOrderId(provider, call.merchantOrderId)
      : undefined;
    const { merchantOrderId: _id, ...payload } = call;
    const safe = JSON.parse(redact(JSON.stringify(payload))) as Record<string, unknown>;
    await store.appendEvent(order?.id ?? null, 'gateway_call', { provider, ...safe }, now());
  };
}
