import { randomBytes } from 'node:crypto';
import {
  type CreateSessionRequest,
  isFinalStatus,
  type PaymentMethod,
  parseCreateSessionRequest,
  type SessionStatus,
} from '@localpay/checkout-core';
import type { CheckoutOptions, ResolvedConfig } from '../config.ts';
import { ApiError, GatewayError, invalidRequest } from '../errors.ts';
import type { GatewayAdapter } from '../gateways/gateway.ts';
import type { Logger } from '../logger.ts';
import type { Redactor } from '../redact.ts';
import type { SessionEvents } from '../session-events.ts';
import type { OrderRecord, OrderStore } from '../store/order-store.ts';
import { isBackOfficeOrderId } from './back-office-id.ts';
import {
  checkMethodAccepts,
  checkMethodCurrency,
  gatewayReturnUrls,
  hashCreateRequest,
  priceCart,
  resolveReturnUrl,
} from './checkout-request.ts';
import { createEventBuilder, createEventRecorder } from './event-recorder.ts';
import { gatewayCall } from './gateway-call.ts';
import { holdGatewayCalls } from './gateway-call-recorder.ts';
import { createKeyedLock } from './keyed-lock.ts';
import { createStatusSync } from './status-sync.ts';

export interface SessionServiceDeps {
  config: ResolvedConfig;
  store: OrderStore;
  adapters: GatewayAdapter[];
  resolveCart: CheckoutOptions['resolveCart'];
  onSessionSucceeded?: CheckoutOptions['onSessionSucceeded'];
  events: SessionEvents;
  logger: Logger;
  redact: Redactor;
  now: () => Date;
}

export interface CreateSessionResult {
  status: 201;
  order: OrderRecord;
  replayed: boolean;
}

export interface WebhookOutcome {
  status: number;
  body: unknown;
}

export type SessionService = ReturnType<typeof createSessionService>;

export function createSessionService(deps: SessionServiceDeps) {
  const { config, store, events, logger, now } = deps;
  const adapters = new Map(deps.adapters.map((adapter) => [adapter.provider, adapter]));
  const inflightCreates = new Map<string, Promise<CreateSessionResult>>();
  const withSessionLock = createKeyedLock();
  const record = createEventRecorder(store, deps.redact, now);
  const event = createEventBuilder(deps.redact);
  const { adapterFor, attachGatewayOrder, transition, applyState, syncOrder } = createStatusSync({
    config,
    store,
    adapters,
    events,
    logger,
    record,
    event,
    now,
    ...(deps.onSessionSucceeded && { onSessionSucceeded: deps.onSessionSucceeded }),
  });

  function listMethods(currency?: string): PaymentMethod[] {
    const all = [...adapters.values()].flatMap((adapter) => adapter.listMethods());
    return currency === undefined
      ? all
      : all.filter((method) => method.currencies.includes(currency));
  }

  function findMethod(
    methodId: string,
  ): { method: PaymentMethod; adapter: GatewayAdapter } | undefined {
    for (const adapter of adapters.values()) {
      const method = adapter.listMethods().find((candidate) => candidate.id === methodId);
      if (method) return { method, adapter };
    }
    return undefined;
  }

  async function createSession(
    body: unknown,
    idempotencyKey: string,
  ): Promise<CreateSessionResult> {
    const parsed = parseCreateSessionRequest(body);
    if (!parsed.ok) throw invalidRequest(parsed.errors);
    const request = parsed.value;
    const requestHash = hashCreateRequest(request);

    // Chained synchronously, so concurrent requests with one key run one after another here.
    const previous = inflightCreates.get(idempotencyKey);
    const work = (async () => {
      if (previous) await previous.catch(() => undefined);
      return createNew(request, idempotencyKey, requestHash);
    })();
    inflightCreates.set(idempotencyKey, work);
    try {
      return await work;
    } finally {
      if (inflightCreates.get(idempotencyKey) === work) inflightCreates.delete(idempotencyKey);
    }
  }

  async function replay(
    sessionId: string,
    storedHash: string,
    requestHash: string,
  ): Promise<CreateSessionResult> {
    if (storedHash !== requestHash) {
      throw new ApiError(
        409,
        'conflict',
        'This Idempotency-Key was already used with a different request; use a new key',
      );
    }
    const order = await store.getOrder(sessionId);
    if (!order) throw new Error(`Idempotency key points at missing session ${sessionId}`);
    if (order.status === 'pending' && !order.next) {
      throw new ApiError(
        409,
        'conflict',
        'A request with this Idempotency-Key is still in progress',
        {
          retryable: true,
        },
      );
    }
    return { status: 201, order, replayed: true };
  }

  /** Validates the request against the configuration and prices its cart with resolveCart. */
  async function priceSession(request: CreateSessionRequest) {
    const found = findMethod(request.methodId);
    if (!found) {
      throw invalidRequest([{ field: 'methodId', message: 'is not an available payment method' }]);
    }
    const { method, adapter } = found;
    const returnUrl = resolveReturnUrl(config, request.returnUrl, {
      required: method.flow === 'redirect',
    });
    // Fail fast, before the merchant's hook runs, when the shopper's currency cannot work.
    if (request.currency !== undefined) checkMethodCurrency(method, request.currency);
    const cart = await priceCart(deps.resolveCart, request, method);
    checkMethodAccepts(method, cart.currency, cart.amount);
    return { method, adapter, returnUrl, cart };
  }

  /**
   * A new key is the common case, so the key is not looked up first: the insert finds a used key
   * (and answers with its session). A retry whose cart no longer prices (a SKU gone, a method
   * switched off) must still get the session its first attempt made, so a refusal looks the key up
   * before it is thrown.
   */
  async function createNew(
    request: CreateSessionRequest,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<CreateSessionResult> {
    let priced: Awaited<ReturnType<typeof priceSession>>;
    try {
      priced = await priceSession(request);
    } catch (error) {
      const existing = await store.getIdempotencyKey(idempotencyKey);
      if (existing) return replay(existing.sessionId, existing.requestHash, requestHash);
      throw error;
    }
    const { method, adapter, returnUrl, cart } = priced;
    const { amount } = cart;

    const createdAt = now();
    const id = `cs_${randomBytes(12).toString('hex')}`;
    const settings = adapter.sessionSettings?.(method) ?? {};
    const ttlSeconds = settings.ttlSeconds ?? config.sessionTtlSeconds;
    const inserted = await store.insertOrder(
      {
        id,
        provider: adapter.provider,
        methodId: method.id,
        status: 'pending',
        amount,
        currency: cart.currency,
        lines: cart.lines,
        // Deterministic from the session: a retried create reuses it and cannot charge twice.
        merchantOrderId: id,
        ...(returnUrl !== undefined && { returnUrl }),
        ...(request.locale !== undefined && { locale: request.locale }),
        ...(settings.gatewayApi !== undefined && { gatewayApi: settings.gatewayApi }),
        expiresAt: new Date(createdAt.getTime() + ttlSeconds * 1000).toISOString(),
        createdAt: createdAt.toISOString(),
      },
      { key: idempotencyKey, requestHash },
      [event('session_created', { amount, currency: cart.currency, methodId: method.id })],
    );
    if (!inserted.inserted) {
      return replay(inserted.existing.sessionId, inserted.existing.requestHash, requestHash);
    }
    const order = inserted.order;

    const urls = returnUrl === undefined ? undefined : gatewayReturnUrls(returnUrl, id);
    try {
      // The create's gateway_call row is written with the gateway order: 2 statements, not 3.
      const attached = await holdGatewayCalls(store, order.merchantOrderId, async () =>
        attachGatewayOrder(order, await adapter.createPayment(order, urls)),
      );
      return { status: 201, order: attached, replayed: false };
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'unavailable') {
        // The create may have reached the gateway before the failure: look before giving up.
        const adopted = await adoptExisting(order, adapter);
        if (adopted) return { status: 201, order: adopted, replayed: false };
        await failCreate(order, idempotencyKey, 'provider_unavailable', error);
        throw new ApiError(
          503,
          'provider_unavailable',
          'The payment provider is unavailable; try again',
          {
            retryable: true,
          },
        );
      }
      if (error instanceof GatewayError) {
        await failCreate(order, idempotencyKey, 'provider_error', error);
        throw new ApiError(502, 'provider_error', deps.redact(error.message));
      }
      await failCreate(order, idempotencyKey, 'internal_error', error);
      throw error;
    }
  }

  async function adoptExisting(
    order: OrderRecord,
    adapter: GatewayAdapter,
  ): Promise<OrderRecord | undefined> {
    try {
      const state = await adapter.queryPayment(order);
      if (state.exists && state.next && state.amount === order.amount) {
        await record(order.id, 'gateway_order_adopted', { raw: state.raw });
        return attachGatewayOrder(order, {
          next: state.next,
          ...(state.gatewayReference !== undefined && { gatewayReference: state.gatewayReference }),
          ...(state.gatewayOrderId !== undefined && { gatewayOrderId: state.gatewayOrderId }),
        });
      }
    } catch (error) {
      logger.log('warn', 'gateway query after a failed create also failed', {
        sessionId: order.id,
        error,
      });
    }
    return undefined;
  }

  async function failCreate(
    order: OrderRecord,
    idempotencyKey: string,
    reason: string,
    error: unknown,
  ) {
    logger.log('error', 'creating the gateway order failed', {
      sessionId: order.id,
      reason,
      error,
    });
    await transition(order, 'failed', { failureReason: reason }, 'create');
    // The failed session stays for the record; the key is freed so the client can retry.
    await store.releaseIdempotencyKey(idempotencyKey);
  }

  /** A checkout session by id; back-office orders are never visible through the browser API. */
  async function findSession(id: string): Promise<OrderRecord | undefined> {
    const order = await store.getOrder(id);
    return order && !isBackOfficeOrderId(order.id) ? order : undefined;
  }

  async function getSession(id: string): Promise<OrderRecord> {
    const order = await findSession(id);
    if (!order) throw new ApiError(404, 'not_found', 'No such checkout session');
    return syncOrder(order);
  }

  async function cancelSession(id: string): Promise<OrderRecord> {
    return withSessionLock(id, async () => {
      let order = await findSession(id);
      if (!order) throw new ApiError(404, 'not_found', 'No such checkout session');
      if (order.status === 'cancelled') return order;
      if (!isFinalStatus(order.status) && order.next) {
        order = await gatewayCall(() =>
          syncOrder(order as OrderRecord, { force: true, throwGatewayErrors: true }),
        );
      }
      if (!isFinalStatus(order.status) && !order.next) {
        throw new ApiError(409, 'conflict', 'The session is still being created; try again', {
          retryable: true,
        });
      }
      if (!isFinalStatus(order.status)) {
        const adapter = adapterFor(order.provider);
        order = (await store.updateOrder(id, { cancelRequested: true }, now())) ?? order;
        let cancelled: boolean;
        try {
          cancelled = await gatewayCall(() => adapter.cancelPayment(order as OrderRecord));
        } catch (error) {
          await store.updateOrder(id, { cancelRequested: false }, now());
          throw error;
        }
        if (cancelled) {
          order = await transition(order, 'cancelled', { failureReason: 'cancelled' }, 'cancel');
        } else {
          await store.updateOrder(id, { cancelRequested: false }, now());
          const fresh = (await store.getOrder(id)) ?? order;
          order = await gatewayCall(async () =>
            applyState(fresh, await adapter.queryPayment(fresh), 'cancel'),
          );
        }
      }
      if (order.status === 'cancelled') return order;
      const paid = order.status === 'succeeded' || order.status.endsWith('refunded');
      throw new ApiError(
        409,
        'conflict',
        paid ? 'The session is already paid' : `The session is already ${order.status}`,
        { status: order.status },
      );
    });
  }

  async function handleWebhook(adapter: GatewayAdapter, request: Request): Promise<WebhookOutcome> {
    const result = await adapter.webhook.verify(request);
    if (!result.valid) {
      const rejected = event('webhook_rejected', {
        provider: adapter.provider,
        reason: result.reason,
        params: result.params,
      });
      // Logged on the order it names, when there is one.
      if (result.merchantOrderId) {
        await store.appendGatewayOrderEvent(
          adapter.provider,
          result.merchantOrderId,
          rejected,
          now(),
        );
      } else {
        await store.appendEvent(null, rejected.type, rejected.payload, now());
      }
      logger.log('warn', 'rejected a webhook', {
        provider: adapter.provider,
        reason: result.reason,
      });
      return {
        status: 401,
        body: new ApiError(401, 'invalid_request', 'Invalid webhook signature').toBody(),
      };
    }
    // Finds the order, logs webhook_received and checks for a duplicate in one round trip.
    const received = await store.appendWebhookEvent(
      adapter.provider,
      result.merchantOrderId,
      event('webhook_received', { params: result.params }),
      now(),
      { type: 'webhook_applied', dedupeKey: result.dedupeKey },
    );
    if (!received) {
      await record(null, 'webhook_unknown_order', {
        provider: adapter.provider,
        params: result.params,
      });
      return { status: 404, body: new ApiError(404, 'not_found', 'Unknown order').toBody() };
    }
    if (received.alreadyApplied) return { status: 200, body: adapter.webhook.successBody };
    const { order } = received;
    let synced: OrderRecord;
    try {
      // The confirmation query's gateway_call row rides in the status change's statement.
      synced = await holdGatewayCalls(store, order.merchantOrderId, () =>
        syncOrder(order, {
          force: true,
          throwGatewayErrors: true,
          ...(result.hint !== undefined && { hint: result.hint }),
        }),
      );
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      await record(order.id, 'webhook_confirmation_failed', { error: error.message });
      // Not 200: the gateway retries the notification later.
      return {
        status: 503,
        body: new ApiError(
          503,
          'provider_unavailable',
          'Could not confirm with the gateway',
        ).toBody(),
      };
    }
    // Still pending (the query disagrees, or the amount did not match): answered 200 all the same,
    // since a retry would learn nothing new; the session keeps being checked on reads.
    if (synced.status !== 'pending' && synced.status !== 'processing') {
      // Traffic log, not state: a lost mark only means a repeat of this webhook is synced again.
      await store.appendGatewayOrderEvent(
        adapter.provider,
        result.merchantOrderId,
        event('webhook_applied', { status: synced.status }, result.dedupeKey),
        now(),
      );
    }
    return { status: 200, body: adapter.webhook.successBody };
  }

  async function refund(id: string, options: { amount?: number } = {}): Promise<OrderRecord> {
    return withSessionLock(id, async () => {
      const order = await store.getOrder(id);
      if (!order) throw new ApiError(404, 'not_found', 'No such checkout session');
      if (order.status !== 'succeeded' && order.status !== 'partially_refunded') {
        throw new ApiError(
          409,
          'conflict',
          `Only a paid session can be refunded; this one is ${order.status}`,
          {
            status: order.status,
          },
        );
      }
      const remaining = order.amount - order.refundedAmount;
      const amount = options.amount ?? remaining;
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > remaining) {
        throw invalidRequest([
          { field: 'amount', message: `must be an integer from 1 to ${remaining}` },
        ]);
      }
      const previous = (await store.listEvents(id)).filter(
        (event) => event.type === 'refund_requested',
      );
      const refundId = `${order.merchantOrderId}-r${previous.length + 1}`;
      await record(id, 'refund_requested', { refundId, amount });
      const adapter = adapterFor(order.provider);
      const outcome = await gatewayCall(() => adapter.refundPayment(order, { refundId, amount }));
      if (!outcome.refunded) {
        await record(id, 'refund_failed', { refundId, message: outcome.message });
        throw new ApiError(
          502,
          'provider_error',
          `The gateway refused the refund: ${outcome.message}`,
        );
      }
      const refundedAmount = order.refundedAmount + amount;
      await record(id, 'refund_completed', { refundId, amount, refundedAmount });
      const target: SessionStatus =
        refundedAmount >= order.amount ? 'refunded' : 'partially_refunded';
      if (target === order.status) {
        return (await store.updateOrder(id, { refundedAmount }, now())) ?? order;
      }
      return transition(order, target, { refundedAmount }, 'refund');
    });
  }

  return {
    listMethods,
    createSession,
    getSession,
    cancelSession,
    handleWebhook,
    refund,
    syncOrder,
    adapters: () => [...adapters.values()],
    // For server-only order APIs (back office) that share the lifecycle rules.
    transition,
    applyState,
    attachGatewayOrder,
    record,
    withSessionLock,
  };
}
