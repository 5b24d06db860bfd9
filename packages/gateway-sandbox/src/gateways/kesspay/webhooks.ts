import { kesspayWireAmount, signKesspay } from '@localpay/checkout-server/kesspay';
import { createCallbackDelivery, fixedRetrySchedule } from '../../callback-delivery.ts';
import type { FaultInjector } from '../../faults.ts';
import type { KesspaySandboxOrder } from './orders.ts';
import { timestampOrNull } from './wire.ts';

export interface KesspayNotifyDelivery {
  outTradeNo: string;
  /** The order status the notify announced. */
  orderStatus: string;
  url: string;
  /** 1-based attempt number within one delivery (a duplicated notify has two deliveries). */
  attempt: number;
  status: number | 'error' | 'dropped';
  delivered: boolean;
  at: string;
}

/**
 * The notify body of kesspay.md §5: the flat OrderInfo fields plus `trx_id`, nested `seller` in PHP
 * bracket syntax (`seller[code]`), form-encoded, signed like requests over the flat fields with
 * the order's sign_type. Amounts are strings with the currency's decimals (`16.50`), as in §9 V10.
 */
export function kesspayNotifyBody(
  order: KesspaySandboxOrder,
  context: { apiSecretKey: string; sellerCode: string; merchantName: string },
): string {
  const amount = kesspayWireAmount(order.amount, order.currency);
  const flat: Record<string, string> = {
    token: order.token,
    out_trade_no: order.outTradeNo,
    body: order.body,
    total_amount: order.currency === 'USD' ? amount.toFixed(2) : String(amount),
    currency: order.currency,
    status: order.status,
    created_at: timestampOrNull(order.createdAt) as string,
    expired_at: timestampOrNull(order.expiredAt) as string,
    sign_type: order.signType,
  };
  if (order.transactionId) {
    flat.transaction_id = order.transactionId;
    flat.trx_id = order.transactionId;
  }
  if (order.paidAt) flat.paid_at = timestampOrNull(order.paidAt) as string;
  const sign = signKesspay(flat, context.apiSecretKey);
  const form = new URLSearchParams(flat);
  form.append('seller[code]', context.sellerCode);
  form.append('seller[display_name]', context.merchantName);
  if (order.paymentMethodBic)
    form.append('payment_detail[payment_method_bic]', order.paymentMethodBic);
  form.append('sign', sign);
  return form.toString();
}

export function createKesspayNotifyDispatcher(options: {
  apiSecretKey: string;
  sellerCode: string;
  merchantName: string;
  retryDelayMs: number;
  maxAttempts: number;
  faults: FaultInjector;
  fetch: typeof fetch;
  log: (line: string) => void;
  attemptTimeoutMs?: number;
}) {
  // Any 2xx ends a delivery (§5); otherwise it is re-pushed. The gateway waits about 25 s.
  const delivery = createCallbackDelivery<
    Omit<KesspayNotifyDelivery, 'attempt' | 'status' | 'delivered' | 'at'>
  >({
    describe: (entry) => `kesspay notify ${entry.orderStatus} for ${entry.outTradeNo}`,
    isDelivered: (status) => status >= 200 && status < 300,
    retryDelayAfter: fixedRetrySchedule(options.retryDelayMs, options.maxAttempts),
    attemptTimeoutMs: options.attemptTimeoutMs ?? 25_000,
    faults: options.faults,
    fetch: options.fetch,
    log: options.log,
  });

  return {
    notify(order: KesspaySandboxOrder) {
      if (!order.notifyUrl) {
        options.log(`kesspay notify for ${order.outTradeNo} not sent: the order has no notify_url`);
        return;
      }
      delivery.send(
        { outTradeNo: order.outTradeNo, orderStatus: order.status, url: order.notifyUrl },
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: kesspayNotifyBody(order, options),
        },
      );
    },
    deliveries: delivery.deliveries,
    idle: delivery.idle,
    close: delivery.close,
  };
}
