import { signKsher } from '@localpay/checkout-server/ksher';
import type { KsherOrderType, KsherSandboxRefund, KsherStoredOrder } from './orders.ts';

/**
 * `api_name` per order type (ksher.md §5). App orders read "miniAPP" too: the only App example
 * (S9 app-query) answers `api_name: "miniAPP"`.
 */
export const ksherApiNames: Record<KsherOrderType, string> = {
  redirect: 'Redirect',
  cscanb: 'CscanB',
  bscanc: 'BscanC',
  miniapp: 'miniAPP',
  app: 'miniAPP',
};

/** Unset text fields are the literal string "False" on the wire (the gateway is Odoo; ksher.md §5). */
const unset = (value: string | undefined) =>
  value === undefined || value === '' ? 'False' : value;

export interface KsherOutcome {
  errorCode: string;
  errorMessage: string;
}

/** What a query reports for an order in its current state (ksher.md §4.1, §6). */
export function queryOutcome(order: KsherStoredOrder): KsherOutcome {
  switch (order.status) {
    case 'Available':
      // The Python SDK test expects the bare "PENDING" message for an unpaid C scan B order (§4.2).
      return {
        errorCode: 'PENDING',
        errorMessage:
          order.type === 'cscanb' ? 'PENDING' : 'Order is pending on further processing',
      };
    case 'Paid':
      return { errorCode: 'SUCCESS', errorMessage: 'Successful' };
    case 'Refunded':
      // Query of a fully refunded order: not documented; reuse the refund record's wording.
      return { errorCode: 'REFUNDED', errorMessage: 'The order is refunded.' };
    case 'Closed':
      return { errorCode: 'FAIL', errorMessage: closedMessage(order) };
  }
}

export function closedMessage(order: KsherStoredOrder): string {
  if (order.closeReason === 'expired') return 'Order Timeout';
  if (order.closeReason === 'cancelled') return 'Order Closed';
  return 'Fail';
}

/** The §5 order record without `signature`/`log_entry_url`. */
export function orderRecord(
  order: KsherStoredOrder,
  outcome: KsherOutcome,
  timestamp: string,
): Record<string, unknown> {
  return {
    merchant_order_id: order.merchantOrderId,
    gateway_order_id: order.gatewayOrderId,
    id: order.id,
    acquirer: 'Ksher',
    acquirer_order_id: order.acquirerOrderId,
    channel_order_id: order.channelOrderId,
    channel: order.channel,
    amount: order.amount,
    currency: order.currency,
    status: order.status,
    error_code: outcome.errorCode,
    error_message: outcome.errorMessage,
    order_type: 'Sale',
    api_name: ksherApiNames[order.type],
    reference: unset(order.reference),
    order_date: order.orderDate,
    reserved1: order.reserved1,
    reserved2: order.reserved2,
    reserved3: order.reserved3,
    reserved4: order.reserved4,
    note: unset(order.note),
    mid: unset(order.mid),
    locked: false,
    cleared: false,
    force_clear: false,
    timestamp,
  };
}

/**
 * The refund order record of ksher.md §4.1. Like the S9 refund examples it has no
 * note/order_date/reserved* fields; the signature covers whatever is present.
 */
export function refundRecord(
  order: KsherStoredOrder,
  refund: KsherSandboxRefund,
  timestamp: string,
): Record<string, unknown> {
  return {
    merchant_order_id: refund.refundOrderId,
    gateway_order_id: order.gatewayOrderId.replace(/\d+$/, refund.id),
    id: refund.id,
    acquirer: 'Ksher',
    acquirer_order_id: order.acquirerOrderId,
    channel_order_id: order.channelOrderId,
    channel: order.channel,
    amount: -refund.amount,
    currency: order.currency,
    status: 'Refunded',
    error_code: 'REFUNDED',
    error_message: 'The order is refunded.',
    order_type: 'Refund',
    api_name: 'general',
    reference: order.merchantOrderId,
    locked: false,
    cleared: false,
    force_clear: false,
    timestamp,
  };
}

/**
 * Answer for an id the gateway does not know: HTTP 200, `FAIL`, "Order does not exist" (inferred).
 * The field set is unknown. ksher.md §6 hints that such orders may read `status: "Closed"`, but that
 * would look like a declined payment; without `status` a client cannot mistake "never created" for
 * "failed" (checkout-server's Ksher adapter reads a missing `status` as "no such order").
 */
export function unknownOrderRecord(merchantOrderId: string, timestamp: string) {
  return {
    merchant_order_id: merchantOrderId,
    error_code: 'FAIL',
    error_message: 'Order does not exist',
    timestamp,
  };
}

/** Adds the response signature (same prefix as the request) and the unsigned `log_entry_url`. */
export function signResponse(
  prefix: string,
  fields: Record<string, unknown>,
  token: string,
  logEntryUrl: string,
): Record<string, unknown> {
  return { ...fields, signature: signKsher(prefix, fields, token), log_entry_url: logEntryUrl };
}

const statusNames: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The gateway's non-200 body (ksher.md §2, only the 400 shape is documented). */
export function errorBody(status: number, description: string, logEntryUrl: string) {
  return {
    code: status,
    name: statusNames[status] ?? 'Error',
    description: `<p>${escapeHtml(description)}</p>`,
    log_entry_url: logEntryUrl,
  };
}

/** Marshmallow-style message: `BadRequest {'redirect_url': ['Not a valid URL.']}`. */
export function badRequestDescription(errors: Record<string, string[]>): string {
  const entries = Object.keys(errors)
    .sort()
    .map((field) => `'${field}': [${(errors[field] ?? []).map((m) => `'${m}'`).join(', ')}]`);
  return `BadRequest {${entries.join(', ')}}`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The `tamperResponseNext` fault: changes one signed field after signing, the way a man in the
 * middle would. `status` flips to "Paid" (or from "Paid" to "Available"); a record without `status`
 * gets its `error_code` flipped between "SUCCESS" and "FAIL".
 */
export function tamperSignedField(body: Record<string, unknown>): Record<string, unknown> {
  if (typeof body.status === 'string') {
    return { ...body, status: body.status === 'Paid' ? 'Available' : 'Paid' };
  }
  return { ...body, error_code: body.error_code === 'SUCCESS' ? 'FAIL' : 'SUCCESS' };
}
