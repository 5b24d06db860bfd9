import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type CheckoutOptions, resolveCheckoutConfig } from './config.ts';
import { ApiError } from './errors.ts';
import type { GatewayAdapter } from './gateways/gateway.ts';
import { createKesspayAdapter, KESSPAY_PROVIDER } from './gateways/kesspay/adapter.ts';
import { createKsherAdapter, KSHER_PROVIDER, type KsherAdapter } from './gateways/ksher/adapter.ts';
import { createKsherBackOffice, type KsherBackOffice } from './gateways/ksher/back-office.ts';
import { createKsherPayAdapter, KSHERPAY_PROVIDER } from './gateways/ksherpay/adapter.ts';
import {
  createKsherPayBackOffice,
  type KsherPayBackOffice,
} from './gateways/ksherpay/back-office.ts';
import { createKtpayAdapter, KTPAY_PROVIDER } from './gateways/ktpay/adapter.ts';
import { registerHealthRoutes } from './health.ts';
import { createJsonLogger, createRedactingLogger } from './logger.ts';
import {
  createReconciler,
  type ReconcileOptions,
  type ReconcileReport,
} from './reconcile/reconcile.ts';
import { createRedactor } from './redact.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerMethodRoutes } from './routes/methods.ts';
import { registerReceiptRoutes } from './routes/receipt.ts';
import { registerSessionRoutes } from './routes/sessions.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { createMemoryRateLimitStore } from './security/rate-limit-store.ts';
import { registerSecurityMiddleware } from './security/security-middleware.ts';
import { createInProcessSessionEvents } from './session-events.ts';
import { createPostgresSessionEvents } from './session-events-postgres.ts';
import { createGatewayCallRecorder } from './sessions/gateway-call-recorder.ts';
import { createSessionService } from './sessions/session-service.ts';
import type {
  ListOrdersOptions,
  OrderEvent,
  OrderRecord,
  OrderStore,
} from './store/order-store.ts';
import { createPostgresOrderStore } from './store/postgres-order-store.ts';
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
  /** Server-only KsherPay APIs (B scan C, app, mini-program, JSAPI, WAP orders); undefined without KsherPay. */
  ksherpay: KsherPayBackOffice | undefined;
  /** Gateway calls, webhooks and status changes, oldest first. */
  listEvents(sessionId: string): Promise<OrderEvent[]>;
  /** Server-only (back office): refunds `amount` (default: what is left) at the gateway. */
  refund(sessionId: string, options?: { amount?: number }): Promise<OrderRecord>;
  /**
   * Queries the gateway for every open session older than `olderThanMinutes` (default 10),
   * expires those past `expiresAt` and recovers interrupted creates; never moves a status back.
   */
  reconcile(options?: ReconcileOptions): Promise<ReconcileReport>;
  /**
   * Start of a graceful shutdown: `/readyz` answers 503, the reconcile schedule stops and open
   * event streams end with a `retry:` hint so browsers reconnect (to another instance). Requests
   * are still served; serveCheckout's close() calls this.
   */
  shutdown(): void;
  /** Ends open event streams and closes the store (and PostgreSQL fan-out) the handler opened. */
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
    config.ksherpay?.privateKey,
    databasePassword(config.databaseUrl),
  ]);
  const logger = options.logger
    ? createRedactingLogger(options.logger, redact)
    : createJsonLogger({ redact });
  const now = options.now ?? (() => new Date());
  const ownsStore = options.store === undefined;
  const ownsEvents = options.sessionEvents === undefined;
  // One channel per schema: instances sharing the tables share the fan-out.
  const eventsChannel = `checkout_events_${config.databaseSchema}`.slice(0, 63);
  const store =
    options.store ??
    (config.databaseUrl
      ? createPostgresOrderStore({
          connectionString: config.databaseUrl,
          schema: config.databaseSchema,
          // No statusChannel: PostgreSQL serialises every commit that NOTIFYs (one database-wide
          // lock held through the commit's WAL flush), so a NOTIFY inside the status change
          // queues each webhook behind the others' disk flushes (docs/performance.md). The
          // fan-out NOTIFYs right after the commit instead, off the request's path.
        })
      : createSqliteOrderStore({ path: config.databasePath }));
  const events =
    options.sessionEvents ??
    (config.databaseUrl
      ? createPostgresSessionEvents({
          connectionString: config.databaseUrl,
          channel: eventsChannel,
          logger,
        })
      : createInProcessSessionEvents());

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
  const ksherPayAdapter = config.ksherpay
    ? createKsherPayAdapter({
        config: config.ksherpay,
        now,
        ...(options.fetch && { fetch: options.fetch }),
        onCall: createGatewayCallRecorder(store, redact, now, KSHERPAY_PROVIDER),
      })
    : undefined;
  if (ksherPayAdapter) adapters.push(ksherPayAdapter);
  const ksherPayBackOffice =
    ksherPayAdapter && config.ksherpay
      ? createKsherPayBackOffice({
          client: ksherPayAdapter.client,
          notifyUrl: config.ksherpay.notifyUrl,
        })
      : undefined;

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
  if (config.ksherpay) {
    const expected = `${config.basePath}/webhooks/ksherpay`;
    if (!new URL(config.ksherpay.notifyUrl).pathname.endsWith(expected)) {
      logger.log(
        'warn',
        `ksherpay.notifyUrl does not end in ${expected}; check the mount path`,
        {},
      );
    }
  }

  const openStreams = new Set<() => void>();
  const app = config.basePath ? new Hono().basePath(config.basePath) : new Hono();
  // Before the routes: body limit, CORS, Origin check and rate limits run first.
  registerSecurityMiddleware(app, {
    config: config.security,
    rateLimits: options.security?.rateLimit?.store ?? createMemoryRateLimitStore(),
    logger,
    now,
  });
  let shuttingDown = false;
  registerHealthRoutes(app, { store, isShuttingDown: () => shuttingDown });
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

  const reconciler = createReconciler({ store, service, logger, now });
  const stopSchedule =
    config.reconcileIntervalMs > 0
      ? reconciler.schedule(config.reconcileIntervalMs, {
          olderThanMinutes: config.reconcileOlderThanMinutes,
        })
      : async () => {};
  let scheduleStopped: Promise<void> | undefined;
  const shutdown = () => {
    shuttingDown = true;
    scheduleStopped ??= stopSchedule();
    for (const end of [...openStreams]) end();
  };

  let closed = false;
  return {
    fetch: async (request) => app.fetch(request),
    app,
    store,
    getOrder: (sessionId) => store.getOrder(sessionId),
    listOrders: (listOptions) => store.listOrders(listOptions),
    ksher: ksherBackOffice,
    ksherpay: ksherPayBackOffice,
    listEvents: (sessionId) => store.listEvents(sessionId),
    refund: (sessionId, refundOptions) => service.refund(sessionId, refundOptions),
    reconcile: (reconcileOptions) => reconciler.reconcile(reconcileOptions),
    shutdown,
    async close() {
      if (closed) return;
      closed = true;
      shutdown();
      // The reconcile lease is handed back before the store it lives in closes.
      await scheduleStopped;
      if (ownsEvents) await events.close?.();
      if (ownsStore) await store.close();
    },
  };
}

/** The password inside a database URL, so the redactor keeps it out of logs. */
function databasePassword(databaseUrl: string | undefined): string | undefined {
  if (databaseUrl === undefined) return undefined;
  try {
    const password = new URL(databaseUrl).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}
