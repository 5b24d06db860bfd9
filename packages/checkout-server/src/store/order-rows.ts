import type { SessionStatus } from '@localpay/checkout-core';
import type {
  IdempotencyRecord,
  NewOrder,
  NewOrderEvent,
  OrderEvent,
  OrderRecord,
  SuccessHookState,
} from './order-store.ts';

export type OrderRow = Record<string, unknown>;

/**
 * How a database hands back the column types that differ between the stores: SQLite returns JSON
 * columns as text and booleans as 0/1, PostgreSQL returns parsed jsonb and real booleans.
 */
export interface RowDecoding {
  json(value: unknown): unknown;
  flag(value: unknown): boolean;
}

export const sqliteRowDecoding: RowDecoding = {
  json: (value) => JSON.parse(String(value)),
  flag: (value) => Number(value) === 1,
};

export const postgresRowDecoding: RowDecoding = {
  json: (value) => value,
  flag: (value) => value === true,
};

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A `sessions` row as an OrderRecord; both stores use it so they return identical records. */
export function orderFromRow(row: OrderRow, decode: RowDecoding): OrderRecord {
  const order: OrderRecord = {
    id: String(row.id),
    provider: String(row.provider),
    methodId: String(row.method_id),
    status: String(row.status) as SessionStatus,
    amount: Number(row.amount),
    currency: String(row.currency),
    lines: decode.json(row.lines) as OrderRecord['lines'],
    merchantOrderId: String(row.merchant_order_id),
    expiresAt: String(row.expires_at),
    refundedAmount: Number(row.refunded_amount),
    cancelRequested: decode.flag(row.cancel_requested),
    successHook: String(row.success_hook) as SuccessHookState,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
  const gatewayOrderId = optionalString(row.gateway_order_id);
  if (gatewayOrderId !== undefined) order.gatewayOrderId = gatewayOrderId;
  const gatewayReference = optionalString(row.gateway_reference);
  if (gatewayReference !== undefined) order.gatewayReference = gatewayReference;
  if (row.next_action !== null && row.next_action !== undefined) {
    order.next = decode.json(row.next_action) as OrderRecord['next'];
  }
  const returnUrl = optionalString(row.return_url);
  if (returnUrl !== undefined) order.returnUrl = returnUrl;
  const locale = optionalString(row.locale);
  if (locale !== undefined) order.locale = locale;
  const gatewayApi = optionalString(row.gateway_api);
  if (gatewayApi !== undefined) order.gatewayApi = gatewayApi;
  const failureReason = optionalString(row.failure_reason);
  if (failureReason !== undefined) order.failureReason = failureReason;
  return order;
}

export function idempotencyFromRow(row: OrderRow): IdempotencyRecord {
  return {
    key: String(row.key),
    requestHash: String(row.request_hash),
    sessionId: String(row.session_id),
    createdAt: String(row.created_at),
  };
}

export function eventFromRow(row: OrderRow, decode: RowDecoding): OrderEvent {
  const event: OrderEvent = {
    id: Number(row.id),
    sessionId: optionalString(row.session_id) ?? null,
    type: String(row.type),
    payload: decode.json(row.payload) as Record<string, unknown>,
    createdAt: String(row.created_at),
  };
  const dedupeKey = optionalString(row.dedupe_key);
  if (dedupeKey !== undefined) event.dedupeKey = dedupeKey;
  return event;
}

/**
 * A new session's column values, in this order: id, provider, method_id, status, amount,
 * currency, lines, merchant_order_id, gateway_order_id, gateway_reference, next_action,
 * return_url, locale, expires_at, failure_reason, created_at, gateway_api.
 */
export function newOrderValues(order: NewOrder): unknown[] {
  return [
    order.id,
    order.provider,
    order.methodId,
    order.status,
    order.amount,
    order.currency,
    JSON.stringify(order.lines),
    order.merchantOrderId,
    order.gatewayOrderId ?? null,
    order.gatewayReference ?? null,
    order.next ? JSON.stringify(order.next) : null,
    order.returnUrl ?? null,
    order.locale ?? null,
    order.expiresAt,
    order.failureReason ?? null,
    order.createdAt,
    order.gatewayApi ?? null,
  ];
}

/** An event on the order a gateway knows as `merchantOrderId`: the lookup's values, then the row's. */
export function gatewayOrderEventValues(
  provider: string,
  merchantOrderId: string,
  event: NewOrderEvent,
  at: Date,
): [string, string, string, string, string | null, string] {
  return [
    provider,
    merchantOrderId,
    event.type,
    JSON.stringify(event.payload),
    event.dedupeKey ?? null,
    at.toISOString(),
  ];
}
