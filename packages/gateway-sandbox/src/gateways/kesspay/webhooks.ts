import { kesspayWireAmount, signKesspay } from '@localpay/checkout-server/kesspay';
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
  const log: KesspayNotifyDelivery[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const closing = new AbortController();
  let active = 0;
  let waiters: Array<() => void> = [];

  function settleIfIdle() {
    if (active > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  }

  function later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  async function attemptOnce(url: string, body: string): Promise<number | 'error'> {
    try {
      const signal = AbortSignal.any([
        closing.signal,
        // §5: the gateway waits about 25 s.
        AbortSignal.timeout(options.attemptTimeoutMs ?? 25_000),
      ]);
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal,
      });
      await response.body?.cancel();
      return response.status;
    } catch {
      return 'error';
    }
  }

  function finish() {
    active -= 1;
    settleIfIdle();
  }

  // Any 2xx ends a delivery (§5); otherwise it is re-pushed after retryDelayMs, maxAttempts in all.
  function deliver(
    entry: Omit<KesspayNotifyDelivery, 'attempt' | 'status' | 'at'>,
    body: string,
    attempt: number,
  ) {
    if (closing.signal.aborted) return;
    void attemptOnce(entry.url, body).then((status) => {
      if (closing.signal.aborted) return;
      log.push({ ...entry, attempt, status, at: new Date().toISOString() });
      const label = `kesspay notify ${entry.orderStatus} for ${entry.outTradeNo}`;
      if (typeof status === 'number' && status >= 200 && status < 300) {
        options.log(`${label} delivered (attempt ${attempt})`);
        return finish();
      }
      if (attempt >= options.maxAttempts) {
        options.log(`${label} failed (${status}); gave up after ${attempt} attempts`);
        return finish();
      }
      options.log(`${label} failed (${status}); retrying in ${options.retryDelayMs} ms`);
      later(options.retryDelayMs, () => deliver(entry, body, attempt + 1));
    });
  }

  return {
    notify(order: KesspaySandboxOrder) {
      if (closing.signal.aborted) return;
      if (!order.notifyUrl) {
        options.log(`kesspay notify for ${order.outTradeNo} not sent: the order has no notify_url`);
        return;
      }
      const body = kesspayNotifyBody(order, options);
      const entry = {
        outTradeNo: order.outTradeNo,
        orderStatus: order.status,
        url: order.notifyUrl,
      };
      const mode = options.faults.webhookMode();
      if (mode === 'drop') {
        log.push({ ...entry, attempt: 1, status: 'dropped', at: new Date().toISOString() });
        options.log(`kesspay notify ${order.status} for ${order.outTradeNo} dropped (fault)`);
        return;
      }
      const copies = mode === 'duplicate' ? 2 : 1;
      const delay = options.faults.webhookDelayMs();
      for (let copy = 0; copy < copies; copy += 1) {
        active += 1;
        // Always asynchronous: the API answer that caused the change goes out first.
        later(delay, () => deliver(entry, body, 1));
      }
    },
    deliveries: () => log.map((entry) => ({ ...entry })),
    idle(): Promise<void> {
      if (active === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      active = 0;
      settleIfIdle();
    },
  };
}
