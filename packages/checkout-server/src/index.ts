export {
  type CheckoutOptions,
  checkoutOptionsFromEnv,
  type KsherOptions,
  type ResolveCartContext,
  type ResolvedCart,
  type ResolvedCartLine,
} from './config.ts';
export {
  ApiError,
  ConfigError,
  GatewayError,
  type GatewayErrorKind,
  UnknownSkuError,
} from './errors.ts';
export type {
  GatewayAdapter,
  GatewayCreateResult,
  GatewayPaymentState,
  GatewayWebhookResult,
} from './gateways/gateway.ts';
export type { KesspayOptions } from './gateways/kesspay/config.ts';
export type {
  ChargeWalletCodeInput,
  CreateAppOrderInput,
  CreateMiniProgramOrderInput,
  KsherBackOffice,
  KsherSettlementSummary,
  KsherTransaction,
  KsherWalletOrder,
} from './gateways/ksher/back-office.ts';
export type { KsherPayBackOffice, KsherPayData } from './gateways/ksherpay/back-office.ts';
export type { KsherPayOptions } from './gateways/ksherpay/config.ts';
export type { KtpayOptions, KtpayPayerFlow } from './gateways/ktpay/config.ts';
export { type CheckoutHandler, createCheckoutHandler } from './handler.ts';
export { createJsonLogger, type JsonLoggerOptions, type Logger, type LogLevel } from './logger.ts';
export type { ReconcileOptions, ReconcileReport } from './reconcile/reconcile.ts';
export { createRedactor, REDACTED, type Redactor } from './redact.ts';
export {
  createMemoryRateLimitStore,
  type MemoryRateLimitStoreOptions,
  type RateLimitDecision,
  type RateLimitStore,
} from './security/rate-limit-store.ts';
export type { RateLimitOptions, SecurityOptions } from './security/security-config.ts';
export {
  createInProcessSessionEvents,
  type SessionEventListener,
  type SessionEvents,
} from './session-events.ts';
export {
  createPostgresSessionEvents,
  type PostgresSessionEvents,
  type PostgresSessionEventsOptions,
} from './session-events-postgres.ts';
export type {
  IdempotencyRecord,
  InsertResult,
  ListOrdersOptions,
  NewOrder,
  NewOrderEvent,
  OrderEvent,
  OrderLine,
  OrderPatch,
  OrderRecord,
  OrderStore,
  SuccessHookState,
  TransitionOptions,
  TransitionResult,
} from './store/order-store.ts';
export {
  createPostgresOrderStore,
  migratePostgres,
  POSTGRES_SCHEMA_VERSION,
  type PostgresOrderStoreOptions,
} from './store/postgres-order-store.ts';
export {
  createSqliteOrderStore,
  type SqliteOrderStoreOptions,
} from './store/sqlite-order-store.ts';
