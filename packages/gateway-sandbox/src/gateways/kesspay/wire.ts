import { kesspayWireAmount, signKesspay } from '@localpay/checkout-server/kesspay';
import type { KesspaySandboxOrder, KesspaySandboxRefund } from './orders.ts';
import { kesspayTimestamp } from './orders.ts';

type Params = Record<string, unknown>;

/**
 * What Laravel hands the controller (kesspay.md §2.2, INFERRED): TrimStrings then
 * ConvertEmptyStringsToNull on every string. The signature is checked over these values.
 */
export function laravelInput(params: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') {
      const trimmed = value.trim();
      out[key] = trimmed === '' ? null : trimmed;
    } else out[key] = value;
  }
  return out;
}

export function timestampOrNull(iso: string | null): string | null {
  return iso ? kesspayTimestamp(new Date(iso)) : null;
}

export function refundedAmount(order: KesspaySandboxOrder): number {
  return order.refunds.reduce((sum, refund) => sum + refund.amount, 0);
}

/** OrderInfo (§4). `total_amount` is a number, like S3's types. */
export function orderInfo(
  order: KesspaySandboxOrder,
  context: { paymentLink: string; sellerCode: string; merchantName: string },
) {
  return {
    token: order.token,
    out_trade_no: order.outTradeNo,
    transaction_id: order.transactionId,
    body: order.body,
    total_amount: kesspayWireAmount(order.amount, order.currency),
    currency: order.currency,
    status: order.status,
    paid_at: timestampOrNull(order.paidAt),
    settled_at: null,
    settlement_date: null,
    expired_at: timestampOrNull(order.expiredAt),
    created_at: timestampOrNull(order.createdAt),
    detail: Array.isArray(order.detail) ? order.detail : [],
    seller: { code: context.sellerCode, display_name: context.merchantName },
    payment_detail: order.paymentMethodBic
      ? { payment_method_bic: order.paymentMethodBic, payment_method: order.paymentMethodBic }
      : null,
    refund_histories: order.refunds.map((refund) => refundHistory(order, refund)),
    payment_link: order.kind === 'webpay' ? context.paymentLink : null,
  };
}

/** RefundHistory (§3 v2Refund). The refund `status` text is undocumented: `SUCCESS` here. */
export function refundHistory(order: KesspaySandboxOrder, refund: KesspaySandboxRefund) {
  return {
    amount: kesspayWireAmount(refund.amount, order.currency),
    currency: order.currency,
    status: 'SUCCESS',
    reason: refund.reason,
    transaction_id: refund.transactionId,
    rejected_reason: null,
    out_trade_no: order.outTradeNo,
    merchant_reference: refund.merchantReference,
  };
}

/**
 * The success envelope `{success, data, sign, sign_type}` (§4). How the real response sign is
 * computed is unknown (§12.1): here it is the request algorithm over `data`'s flat scalars.
 */
export function envelope(data: unknown, signType: 'MD5' | 'HMAC-SHA256', apiSecretKey: string) {
  const flat: Params =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? { ...(data as Params) }
      : {};
  flat.sign_type = signType;
  return { success: true, data, sign: signKesspay(flat, apiSecretKey), sign_type: signType };
}

const CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'DUPLICATED',
  419: 'EXPIRED',
  422: 'PROCESS_FAILED',
  500: 'SYSTEM_ERROR',
  503: 'FEATURE_UNDER_MAINTENANCE',
  504: 'GATEWAY_TIMEOUT',
};

/**
 * Error answers. The real body shape is undocumented (§6): `{success:false, code, message}` is
 * what S3's clients read. A bad bearer token gets Laravel's own `{"message":"Unauthenticated."}`.
 */
export function errorResponse(status: number, message: string): Response {
  if (status === 401) return Response.json({ message: 'Unauthenticated.' }, { status });
  return Response.json(
    { success: false, code: CODES[status] ?? 'SYSTEM_ERROR', message },
    { status },
  );
}
