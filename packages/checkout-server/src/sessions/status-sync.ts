import { isFinalStatus, type SessionStatus } from '@localpay/checkout-core';
import type { CheckoutOptions, ResolvedConfig } from '../config.ts';
import { GatewayError } from '../errors.ts';
import type { GatewayAdapter, GatewayPaymentState } from '../gateways/gateway.ts';
import type { Logger } from '../logger.ts';
import type { SessionEvents } from '../session-events.ts';
import type { OrderPatch, OrderRecord, OrderStore } from '../store/order-store.ts';
import type { EventBuilder, EventRecorder } from './event-recorder.ts';
import { takeHeldGatewayCalls } from './gateway-call-recorder.ts';

export interface StatusSyncDeps {
  config: ResolvedConfig;
  store: OrderStore;
  adapters: Map<string, GatewayAdapter>;
  onSessionSucceeded?: CheckoutOptions['onSessionSucceeded'];
  events: SessionEvents;
  logger: Logger;
  record: EventRecorder;
  /** For events written in the same store call as the change they belong to. */
  event: EventBuilder;
  now: () => Date;
}

export interface SyncOptions {
  /** Ignore the syncIntervalMs throttle. */
  force?: boolean;
  /** The webhook's own text, when a webhook triggered the sync. */
  hint?: string;
  /** Rethrow GatewayError instead of keeping the stored status. */
  throwGatewayErrors?: boolean;
}

export type StatusSync = ReturnType<typeof createStatusSync>;

/**
 * The gateway's answer to the create was stored: a checkout session has `next`; a back-office
 * order (B scan C, app, mini-program) has no `next` but the gateway's order id or reference.
 */
function hasGatewayOrder(order: OrderRecord): boolean {
  return (
    order.next !== undefined ||
    order.gatewayOrderId !== undefined ||
    order.gatewayReference !== undefined
  );
}

/**
 * Everything that changes a session's status: the monotonic transition, the success hook, and
 * bringing a session up to date with its gateway (query, expiry, crash recovery).
 */
export function createStatusSync(deps: StatusSyncDeps) {
  const { config, store, adapters, events, logger, record, event, now } = deps;
  const lastSync = new Map<string, number>();
  // Longer than any create attempt can take (the call, then the follow-up query).
  // KessPay: token + call, again after a 401, then the duplicate check (token + query).
  const staleCreateMs =
    Math.max(
      (config.ksher?.timeoutMs ?? 15_000) * 2,
      (config.kesspay?.timeoutMs ?? 0) * 6,
      // Ktpay: the create, then acquirer-options for the payment_page flow.
      (config.ktpay?.timeoutMs ?? 0) * 2,
    ) + 5_000;

  function adapterFor(provider: string): GatewayAdapter {
    const adapter = adapters.get(provider);
    if (!adapter) throw new Error(`No gateway adapter for provider ${provider}`);
    return adapter;
  }

  async function attachGatewayOrder(
    order: OrderRecord,
    created: { next: OrderRecord['next']; gatewayReference?: string; gatewayOrderId?: string },
  ): Promise<OrderRecord> {
    const patch: OrderPatch = { next: created.next };
    if (created.gatewayReference !== undefined) patch.gatewayReference = created.gatewayReference;
    if (created.gatewayOrderId !== undefined) patch.gatewayOrderId = created.gatewayOrderId;
    const updated = await store.updateOrder(order.id, patch, now(), [
      // The create's call, when a create led here.
      ...takeHeldGatewayCalls(order.merchantOrderId),
      event('gateway_order_created', {
        ...(created.gatewayOrderId !== undefined && { gatewayOrderId: created.gatewayOrderId }),
      }),
    ]);
    return updated ?? order;
  }

  /**
   * The one place statuses change: compare-and-set in the store, with its `status_changed` event
   * (the store adds `from`) and the success-hook claim in the same step, then fan-out.
   */
  async function transition(
    order: OrderRecord,
    to: SessionStatus,
    patch: OrderPatch,
    source: string,
  ): Promise<OrderRecord> {
    const result = await store.transition(order.id, to, patch, now(), {
      // The webhook's confirmation query, when a webhook led here.
      events: takeHeldGatewayCalls(order.merchantOrderId),
      statusEvent: event('status_changed', { to, source }),
      claimSuccessHook: true,
    });
    if (!result) return order;
    if (!result.applied) {
      if (result.previous !== to) {
        await record(order.id, 'transition_ignored', { from: result.previous, to, source });
        logger.log('warn', 'ignored a backwards or invalid status change', {
          sessionId: order.id,
          from: result.previous,
          to,
          source,
        });
      }
      return result.order;
    }
    const changed = { id: order.id, status: to, updatedAt: result.order.updatedAt };
    if (result.notifiedChannel !== undefined && events.publishNotified) {
      events.publishNotified(changed, result.notifiedChannel);
    } else {
      events.publish(changed);
    }
    if (to === 'succeeded') await runSuccessHook(result.order, result.successHookClaimed);
    return result.order;
  }

  /** `claimed`: the caller already holds the claim (taken with the transition). */
  async function runSuccessHook(order: OrderRecord, claimed = false): Promise<void> {
    if (!claimed && !(await store.claimSuccessHook(order.id, now(), config.successHookLeaseMs))) {
      return;
    }
    try {
      await deps.onSessionSucceeded?.(order);
      await store.completeSuccessHook(order.id, now(), [event('success_hook_completed', {})]);
    } catch (error) {
      // Released, so the next sync of this session tries again.
      await store.releaseSuccessHook(order.id, now());
      await record(order.id, 'success_hook_failed', {
        error: error instanceof Error ? error.message : 'non-error thrown',
      });
      logger.log('error', 'onSessionSucceeded failed; it will be retried', {
        sessionId: order.id,
        error,
      });
    }
  }

  /** Applies what the gateway said. Success needs the amount and currency to match. */
  async function applyState(
    order: OrderRecord,
    state: GatewayPaymentState,
    source: string,
  ): Promise<OrderRecord> {
    const target = state.status;
    if (!state.exists || target === undefined || target === 'pending') return order;
    if (order.status === 'expired' || order.status === 'cancelled' || order.status === 'failed') {
      // Money taken for a session that already ended (a Ktpay page paid after expiry: Ktpay has no
      // cancel). A final status stays final, so the merchant must refund or fulfil it by hand.
      if (target === 'succeeded') {
        await record(order.id, 'payment_after_end', {
          status: order.status,
          gateway: { amount: state.amount ?? null, currency: state.currency ?? null },
          source,
        });
        logger.log('error', 'the gateway reports a payment for a session that had ended', {
          sessionId: order.id,
          status: order.status,
        });
      }
      return order;
    }
    // "Paid" stays "Paid" after a partial refund: nothing to apply to a paid or refunded session.
    if (target === 'succeeded' && order.status !== 'pending' && order.status !== 'processing') {
      return order;
    }
    if (target === 'succeeded' || (target === 'refunded' && !isFinalStatus(order.status))) {
      if (state.amount !== order.amount || state.currency !== order.currency) {
        await record(order.id, 'amount_mismatch', {
          expected: { amount: order.amount, currency: order.currency },
          gateway: { amount: state.amount ?? null, currency: state.currency ?? null },
          source,
        });
        logger.log('error', 'gateway amount or currency does not match the session; left pending', {
          sessionId: order.id,
        });
        return order;
      }
    }
    let current = order;
    if (target === 'refunded' && !isFinalStatus(order.status)) {
      current = await transition(current, 'succeeded', {}, source);
    }
    const patch: OrderPatch = {};
    if (
      state.failureReason !== undefined &&
      (target === 'failed' || target === 'cancelled' || target === 'expired')
    ) {
      patch.failureReason = state.failureReason;
    }
    if (target === 'refunded') patch.refundedAmount = order.amount;
    return transition(current, target, patch, source);
  }

  /** Brings a pending session up to date with the gateway, at most once per syncIntervalMs. */
  async function syncOrder(order: OrderRecord, options: SyncOptions = {}): Promise<OrderRecord> {
    // 'running' too: a claim left by a crashed process is taken over once its lease is over.
    if (
      order.status === 'succeeded' &&
      (order.successHook === 'pending' || order.successHook === 'running')
    ) {
      await runSuccessHook(order);
      return (await store.getOrder(order.id)) ?? order;
    }
    const open = order.status === 'pending' || order.status === 'processing';
    // A webhook about a paid session can only be a refund made elsewhere (e.g. the Ksher portal);
    // about a session that ended unpaid, a late payment (see applyState). Reads do not ask.
    if (!open && options.hint === undefined) return order;
    const at = now().getTime();
    // No gateway order yet: the create is in flight, or its process died mid-way (see below).
    const created = hasGatewayOrder(order);
    if (open && !created && at - Date.parse(order.createdAt) <= staleCreateMs) return order;
    if (
      !options.force &&
      at - (lastSync.get(order.id) ?? Number.NEGATIVE_INFINITY) < config.syncIntervalMs
    ) {
      return order;
    }
    lastSync.set(order.id, at);
    const adapter = adapterFor(order.provider);
    let synced: OrderRecord | undefined;
    try {
      synced = await syncWithGateway(order, adapter, open && !created, at, options.hint);
      return synced;
    } catch (error) {
      if (options.throwGatewayErrors || !(error instanceof GatewayError)) throw error;
      logger.log('warn', 'gateway status check failed; keeping the stored status', {
        sessionId: order.id,
        error,
      });
      return order;
    } finally {
      // A final status stays final: only a session still open here needs a fresh read.
      const status =
        synced && isFinalStatus(synced.status)
          ? synced.status
          : (await store.getOrder(order.id))?.status;
      if (isFinalStatus(status ?? 'pending')) lastSync.delete(order.id);
    }
  }

  async function syncWithGateway(
    order: OrderRecord,
    adapter: GatewayAdapter,
    staleCreate: boolean,
    at: number,
    hint: string | undefined,
  ): Promise<OrderRecord> {
    if (staleCreate) return recoverStaleCreate(order, adapter);
    const open = order.status === 'pending' || order.status === 'processing';
    const state = await adapter.queryPayment(order, hint);
    if (!state.exists) {
      await record(order.id, 'gateway_order_missing', { raw: state.raw });
      return order;
    }
    if (open && state.status === 'pending' && at > Date.parse(order.expiresAt)) {
      return expire(order, adapter);
    }
    return applyState(order, state, hint ? 'webhook' : 'sync');
  }

  /**
   * A pending session without a gateway order long after every create attempt must have ended:
   * the process stopped between persisting it and storing the gateway's answer. Adopt the
   * gateway order if it exists, otherwise fail the session so nothing stays half-written.
   */
  async function recoverStaleCreate(
    order: OrderRecord,
    adapter: GatewayAdapter,
  ): Promise<OrderRecord> {
    const state = await adapter.queryPayment(order);
    if (state.exists && state.next && state.amount === order.amount) {
      await record(order.id, 'gateway_order_adopted', { raw: state.raw, source: 'recovery' });
      return attachGatewayOrder(order, {
        next: state.next,
        ...(state.gatewayReference !== undefined && { gatewayReference: state.gatewayReference }),
        ...(state.gatewayOrderId !== undefined && { gatewayOrderId: state.gatewayOrderId }),
      });
    }
    if (state.exists) return applyState(order, state, 'recovery');
    return transition(order, 'failed', { failureReason: 'provider_unavailable' }, 'recovery');
  }

  /** Ksher orders carry no expiry of their own (ksher.md §4.1): our TTL is enforced by DELETE. */
  async function expire(order: OrderRecord, adapter: GatewayAdapter): Promise<OrderRecord> {
    if (await adapter.cancelPayment(order)) {
      return transition(order, 'expired', { failureReason: 'expired' }, 'expiry');
    }
    // Refused: it changed meanwhile (paid at the last second?). Take the gateway's word.
    return applyState(order, await adapter.queryPayment(order), 'expiry');
  }

  return { adapterFor, attachGatewayOrder, transition, applyState, syncOrder };
}
