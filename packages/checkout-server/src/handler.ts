import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type CheckoutOptions, resolveCheckoutConfig } from './config.ts';
import { ApiError } from './errors.ts';
import type { GatewayAdapter } from './gateways/gateway.ts';
import { createKesspayAdapter, KESSPAY_PROVIDER } from './gateways/kesspay/adapter.ts';
import { createKsherAdapter, KSHER_PROVIDER, type KsherAdapter } from './gateways/ksher/adapter.ts';
import { createKsherBackOffice, type KsherBackOffice } from './gateways/ksher/back-office.ts';
import { createKtpayAdapter, KTPAY_PROVIDER } from './gateways/ktpay/adapter.ts';
import { createJsonLogger, createRedactingLogger } from './logger.ts';
import { createRedactor } from './redact.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerMethodRoutes } from './routes/methods.ts';
import { registerReceiptRoutes } from './routes/receipt.ts';
import { registerSessionRoutes } from './routes/sessions.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { createInProcessSessionEvents } from './session-events.ts';
import { createGatewayCallRecorder } from './sessions/gateway-call-recorder.ts';
import { createSessionService } from './sessions/session-service.ts';
import type {
  ListOrdersOptions,
  OrderEvent,
  OrderRecord,
  OrderStore,
} from './store/order-store.ts';
import { createSqliteOrderStore } from './store/sqlite-order-store.ts';

export interface CheckoutHandler {
  fetch(request: Request): Promise<Response>;
  app: Hono;
  store: OrderStore;
  /** Full record: lines, status, merchantOrderId, gateway references, timestamps. */
  getOrder(sessionId: string): Promise<OrderRecord | undefined>;
  /** Newest first; filter by `status` and/or `provider`. */
  listOrders(options?: ListOrdersOptions): Promise<OrderRecord[]>;
  /** Server-only Ksher APIs (B scan C, app and mini-program orders, finance); undefined without Ksher. */
  ksher: KsherBackOffice | undefined;
  /** Gateway calls, webhooks and status changes, oldest first. */
  listEvents(sessionId: string): Promise<OrderEvent[]>;
  /** Server-only (back office): refunds `amount` (default: what is left) at the gateway. */
  refund(sessionId: string, options?: { amount?: number }): Promise<OrderRecord>;
  /** Ends open event streams and closes the store when the handler opened it. */
  close(): Promise<void>;
}

/**
 * The checkout server: the browser API and gateway webhooks as one web-standard fetch handler.
 * Throws ConfigError for missing or malformed options.
 */
export function createCheckoutHandler(options: CheckoutOptions): CheckoutHandler {
  const config = resolveCheckoutConfig(options);
  const redact = createRedactor([
    config.ksher?.token,
    config.kesspay?.clientSecret,
    config.kesspay?.password,
    config.kesspay?.apiSecretKey,
    config.ktpay?.callbackSecret,
  ]);
  const logger = options.logger
    ? createRedactingLogger(options.logger, redact)
    : createJsonLogger({ redact });
  const now = options.now ?? (() => new Date());
  const ownsStore = options.store === undefined;
  const store = options.store ?? createSqliteOrderStore({ path: config.databasePath });
  const events = options.sessionEvents ?? createInProcessSessionEvents();

  const adapters: GatewayAdapter[] = [];
  if (config.ksher) {
    adapters.push(
      createKsherAdapter({
        config: config.ksher,
        now,
        ...(options.fetch && { fetch: options.fetch }),
        onCall: createGatewayCallRecorder(store, redact, now, KSHER_PROVIDER),
      }),
    );
  }
  const kesspayAdapter = config.kesspay
    ? createKesspayAdapter({
        config: config.kesspay,
        now,
        logger,
        ...(options.fetch && { fetch: options.fetch }),
        onCall: createGatewayCallRecorder(store, redact, now, KESSPAY_PROVIDER),
      })
    : undefined;
  if (kesspayAdapter) adapters.push(kesspayAdapter);
  const ktpayAdapter = config.ktpay
    ? createKtpayAdapter({
        config: config.ktpay,
        now,
        ...(options.fetch && { fetch: options.fetch }),
        onCall: createGatewayCallRecorder(store, redact, now, KTPAY_PROVIDER),
        findOrder: (merchantOrderId) =>
          store.findByMerchantOrderId(KTPAY_PROVIDER, merchantOrderId),
      })
    : undefined;
  if (ktpayAdapter) adapters.push(ktpayAdapter);

  const service = createSessionService({
    config,
    store,
    adapters,
    resolveCart: options.resolveCart,
    ...(options.onSessionSucceeded && { onSessionSucceeded: options.onSessionSucceeded }),
    events,
    logger,
    redact,
    now,
  });

  const ksherAdapter = adapters.find(
    (adapter): adapter is KsherAdapter => adapter.provider === KSHER_PROVIDER,
  );
  const ksherBackOffice =
    ksherAdapter && config.ksher
      ? createKsherBackOffice({
          adapter: ksherAdapter,
          service,
          store,
          ttlSeconds: config.sessionTtlSeconds,
          now,
        })
      : undefined;

  if (config.ksher) {
    const expected = `${config.basePath}/webhooks/ksher`;
    if (!new URL(config.ksher.webhookUrl).pathname.endsWith(expected)) {
      // Not an error: a proxy may rewrite paths. Usually it is a typo that makes every webhook 404.
      logger.log('warn', `ksher.webhookUrl does not end in ${expected}; check the mount path`, {});
    }
  }
  if (config.kesspay) {
    const expected = `${config.basePath}/webhooks/kesspay`;
    if (!new URL(config.kesspay.notifyUrl).pathname.endsWith(expected)) {
      logger.log('warn', `kesspay.notifyUrl does not end in ${expected}; check the mount path`, {});
    }
  }
  if (config.ktpay) {
    const expected = `${config.basePath}/webhooks/ktpay`;
    if (!new URL(config.ktpay.callbackUrl).pathname.endsWith(expected)) {
      logger.log('warn', `ktpay.callbackUrl does not end in ${expected}; check the mount path`, {});
    }
  }

  const openStreams = new Set<() => void>();
  const app = config.basePath ? new Hono().basePath(config.basePath) : new Hono();
  registerMethodRoutes(app, service);
  registerSessionRoutes(app, service);
  registerReceiptRoutes(app, service, ktpayAdapter);
  registerEventRoutes(app, {
    service,
    events,
    logger,
    heartbeatMs: config.heartbeatMs,
    openStreams,
  });
  registerWebhookRoutes(app, service);
  app.notFound((c) => c.json(new ApiError(404, 'not_found', 'No such route').toBody(), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      // Messages may quote the gateway; nothing secret may ride along.
      const body = JSON.parse(redact(JSON.stringify(error.toBody()))) as unknown;
      return c.json(body, error.status as ContentfulStatusCode);
    }
    logger.log('error', 'unexpected error', {
      method: c.req.method,
      // A Ktpay callback path holds the session's capability: never logged.
      path: c.req.path.replace(/(\/webhooks\/ktpay\/)[^/]+/, '$1[capability]'),
      error,
    });
    return c.json(
      new ApiError(500, 'internal_error', 'Something went wrong on our side').toBody(),
      500,
    );
  });

  let closed = false;
  return {
    fetch: async (request) => app.fetch(request),
    app,
    store,
    getOrder: (sessionId) => store.getOrder(sessionId),
    listOrders: (listOptions) => store.listOrders(listOptions),
    ksher: ksherBackOffice,
    listEvents: (sessionId) => store.listEvents(sessionId),
    refund: (sessionId, refundOptions) => service.refund(sessionId, refundOptions),
    async close() {
      if (closed) return;
      closed = true;
      for (const end of [...openStreams]) end();
      if (ownsStore) await store.close();
    },
  };
}
