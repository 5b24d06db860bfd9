import type { FaultInjector } from '../../faults.ts';
import type { KtpaySandboxPayment } from './payments.ts';

/** §8: retried after 15 s, 60 s, 3 min, 10 min, 30 min and 60 min (read as gaps between attempts). */
export const KTPAY_CALLBACK_RETRY_DELAYS_MS: readonly number[] = [
  15_000, 60_000, 180_000, 600_000, 1_800_000, 3_600_000,
];

export interface KtpayCallbackDelivery {
  transactionHash: string;
  orderId: string;
  /** The status the callback announced. */
  paymentStatus: string;
  url: string;
  /** 1-based attempt number within one delivery (a duplicated callback has two deliveries). */
  attempt: number;
  status: number | 'error' | 'dropped';
  /** Whether the merchant answered `{"status":"ok"}`. */
  acknowledged: boolean;
  at: string;
}

/** Kazakhstan time (+06:00), the offset of the §8 example. */
export function ktpayTimestamp(iso: string | null): string | null {
  if (!iso) return null;
  const shifted = new Date(Date.parse(iso) + 6 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+06:00`;
}

/** The §8 callback body. */
export function ktpayCallbackBody(payment: KtpaySandboxPayment, merchantId: number): string {
  return JSON.stringify({
    merchant_id: merchantId,
    order_id: payment.orderId,
    description: payment.description,
    amount: payment.wireAmount,
    transaction_hash: payment.transactionHash,
    created_at: ktpayTimestamp(payment.createdAt),
    updated_at: ktpayTimestamp(payment.updatedAt),
    status: {
      status: payment.status,
      created_at: ktpayTimestamp(payment.statusAt),
      updated_at: null,
      error: payment.error
        ? { error_type: payment.error.type, error_message: payment.error.message }
        : null,
    },
  });
}

export function createKtpayCallbackDispatcher(options: {
  merchantId: number;
  retryDelaysMs: readonly number[];
  faults: FaultInjector;
  fetch: typeof fetch;
  log: (line: string) => void;
  attemptTimeoutMs?: number;
}) {
  const log: KtpayCallbackDelivery[] = [];
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

  async function attemptOnce(
    url: string,
    body: string,
  ): Promise<{ status: number | 'error'; acknowledged: boolean }> {
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.any([
          closing.signal,
          AbortSignal.timeout(options.attemptTimeoutMs ?? 15_000),
        ]),
      });
      const text = await response.text();
      let acknowledged = false;
      try {
        const json = JSON.parse(text) as { status?: unknown } | null;
        acknowledged = response.status === 200 && json?.status === 'ok';
      } catch {
        acknowledged = false;
      }
      return { status: response.status, acknowledged };
    } catch {
      return { status: 'error', acknowledged: false };
    }
  }

  function finish() {
    active -= 1;
    settleIfIdle();
  }

  // Only `{"status":"ok"}` ends a delivery (§8: "in cases where the reply is different" it retries).
  function deliver(
    entry: Omit<KtpayCallbackDelivery, 'attempt' | 'status' | 'acknowledged' | 'at'>,
    body: string,
    attempt: number,
  ) {
    if (closing.signal.aborted) return;
    void attemptOnce(entry.url, body).then(({ status, acknowledged }) => {
      if (closing.signal.aborted) return;
      log.push({ ...entry, attempt, status, acknowledged, at: new Date().toISOString() });
      const label = `ktpay callback ${entry.paymentStatus} for ${entry.orderId}`;
      if (acknowledged) {
        options.log(`${label} acknowledged (attempt ${attempt})`);
        return finish();
      }
      const delay = options.retryDelaysMs[attempt - 1];
      if (delay === undefined) {
        options.log(`${label} not acknowledged (${status}); gave up after ${attempt} attempts`);
        return finish();
      }
      options.log(`${label} not acknowledged (${status}); retrying in ${delay} ms`);
      later(delay, () => deliver(entry, body, attempt + 1));
    });
  }

  return {
    send(payment: KtpaySandboxPayment) {
      if (closing.signal.aborted) return;
      if (!payment.callbackPostUrl) {
        options.log(`ktpay callback for ${payment.orderId} not sent: no callback_post_url`);
        return;
      }
      const body = ktpayCallbackBody(payment, options.merchantId);
      const entry = {
        transactionHash: payment.transactionHash,
        orderId: payment.orderId,
        paymentStatus: payment.status,
        url: payment.callbackPostUrl,
      };
      const mode = options.faults.webhookMode();
      if (mode === 'drop') {
        log.push({
          ...entry,
          attempt: 1,
          status: 'dropped',
          acknowledged: false,
          at: new Date().toISOString(),
        });
        options.log(`ktpay callback ${payment.status} for ${payment.orderId} dropped (fault)`);
        return;
      }
      const copies = mode === 'duplicate' ? 2 : 1;
      const delay = options.faults.webhookDelayMs();
      for (let copy = 0; copy < copies; copy += 1) {
        active += 1;
        // Always asynchronous: the page answer that caused the change goes out first.
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
