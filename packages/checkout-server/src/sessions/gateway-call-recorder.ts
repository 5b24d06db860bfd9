import { AsyncLocalStorage } from 'node:async_hooks';
import type { Redactor } from '../redact.ts';
import type { NewOrderEvent, OrderStore } from '../store/order-store.ts';
import { createEventBuilder } from './event-recorder.ts';

interface HeldCalls {
  merchantOrderId: string;
  /** The rows held back, with what writing one alone needs. */
  calls: Array<{ provider: string; event: NewOrderEvent; at: Date }>;
}

const held = new AsyncLocalStorage<HeldCalls>();

/**
 * The `onCall` hook every gateway client gets: appends the call to its order's event log as
 * `gateway_call` (or to no order, for calls such as token or method-list requests), redacted.
 * Inside `holdGatewayCalls` for the same order the row is handed to the caller instead.
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
    const holding = held.getStore();
    if (merchantOrderId && holding?.merchantOrderId === merchantOrderId) {
      holding.calls.push({ provider, event: logged, at: now() });
      return;
    }
    // The order is looked up in the insert itself: one round trip per call.
    if (merchantOrderId)
      await store.appendGatewayOrderEvent(provider, merchantOrderId, logged, now());
    else await store.appendEvent(null, logged.type, logged.payload, now());
  };
}

/**
 * Runs `work`, holding back the `gateway_call` rows of `merchantOrderId`'s calls so that the state
 * change that follows (a new session's gateway order, a status change) takes them with
 * `takeHeldGatewayCalls` and writes them in its own statement: one round trip fewer. Whatever
 * nothing took is written when `work` ends, before its result or error goes on, so every call is
 * in the log.
 */
export async function holdGatewayCalls<T>(
  store: OrderStore,
  merchantOrderId: string,
  work: () => Promise<T>,
): Promise<T> {
  const holding: HeldCalls = { merchantOrderId, calls: [] };
  try {
    return await held.run(holding, work);
  } finally {
    for (const call of holding.calls.splice(0)) {
      await store.appendGatewayOrderEvent(call.provider, merchantOrderId, call.event, call.at);
    }
  }
}

/** Inside `holdGatewayCalls` for this order: the rows held so far, now the caller's to write. */
export function takeHeldGatewayCalls(merchantOrderId: string): NewOrderEvent[] {
  const holding = held.getStore();
  if (holding?.merchantOrderId !== merchantOrderId) return [];
  return holding.calls.splice(0).map((call) => call.event);
}
