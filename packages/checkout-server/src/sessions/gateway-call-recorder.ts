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
 * Runs `work`, holding back the `gateway_call` rows of `merchantOrderId`'s calls so that they are
 * written in the statement of the state change that follows: a new session's gateway order, or a
 * status change (which takes them with `takeHeldGatewayCalls`); one round trip fewer. Returns the
 * rows nothing took, for the caller to write. If `work` throws, they are written at once, before
 * the error goes on, so a failed call is always in the log.
 */
export async function holdGatewayCalls<T>(
  store: OrderStore,
  merchantOrderId: string,
  work: () => Promise<T>,
): Promise<{ result: T; calls: NewOrderEvent[] }> {
  const holding: HeldCalls = { merchantOrderId, calls: [] };
  try {
    const result = await held.run(holding, work);
    return { result, calls: holding.calls.map((call) => call.event) };
  } catch (error) {
    for (const call of holding.calls) {
      await store.appendGatewayOrderEvent(call.provider, merchantOrderId, call.event, call.at);
    }
    throw error;
  }
}

/** Inside `holdGatewayCalls` for this order: the rows held so far, now the caller's to write. */
export function takeHeldGatewayCalls(merchantOrderId: string): NewOrderEvent[] {
  const holding = held.getStore();
  if (holding?.merchantOrderId !== merchantOrderId) return [];
  return holding.calls.splice(0).map((call) => call.event);
}
