import { signKsher } from '@localpay/checkout-server/ksher';
import type { FaultInjector } from '../../faults.ts';

export type KsherWebhookMessage =
  | 'Order Paid'
  | 'Order Closed'
  | 'Order Timeout'
  | 'Order Refunded';

export interface KsherWebhookDelivery {
  merchantOrderId: string;
  message: string;
  url: string;
  /** 1-based attempt number within one delivery (a duplicated webhook has two deliveries). */
  attempt: number;
  status: number | 'error' | 'dropped';
  at: string;
}

export interface KsherWebhookDispatcher {
  notify(merchantOrderId: string, message: KsherWebhookMessage): void;
  deliveries(): KsherWebhookDelivery[];
  /** Resolves when no delivery is pending or scheduled. */
  idle(): Promise<void>;
  close(): void;
}

/**
 * The notification URL of ksher.md §7: GET with `code`, `instance`, `message`, `type` and a signature
 * whose prefix is the configured webhook URL itself. Parameters are in alphabetical order like
 * Ksher's example; values are percent-encoded (`Order%20Paid`), which every query parser decodes.
 */
export function ksherWebhookUrl(
  webhookUrl: string,
  merchantOrderId: string,
  message: string,
  token: string,
): string {
  const params = { code: 'StatusChange', instance: merchantOrderId, message, type: 'Order' };
  const signature = signKsher(webhookUrl, params, token);
  const query = Object.entries({ ...params, signature })
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}${query}`;
}

export function createKsherWebhookDispatcher(options: {
  webhookUrl: () => string | undefined;
  token: string;
  retryDelayMs: number;
  maxAttempts: number;
  faults: FaultInjector;
  fetch: typeof fetch;
  log: (line: string) => void;
  /** Per-attempt timeout; a merchant that does not answer counts as a failed attempt. */
  attemptTimeoutMs?: number;
}): KsherWebhookDispatcher {
  const log: KsherWebhookDelivery[] = [];
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

  function record(entry: Omit<KsherWebhookDelivery, 'at'>) {
    log.push({ ...entry, at: new Date().toISOString() });
  }

  async function attemptOnce(url: string): Promise<number | 'error'> {
    try {
      const signal = AbortSignal.any([
        closing.signal,
        AbortSignal.timeout(options.attemptTimeoutMs ?? 10_000),
      ]);
      const response = await options.fetch(url, { method: 'GET', signal });
      await response.body?.cancel();
      return response.status;
    } catch {
      return 'error';
    }
  }

  // One delivery: the same URL is retried every retryDelayMs, at most maxAttempts times in total.
  function deliver(merchantOrderId: string, message: string, url: string, attempt: number) {
    // After close() the counters are already reset: just stop.
    if (closing.signal.aborted) return;
    void attemptOnce(url).then((status) => {
      if (closing.signal.aborted) return;
      record({ merchantOrderId, message, url, attempt, status });
      if (status === 200) {
        options.log(
          `ksher webhook ${message} for ${merchantOrderId} delivered (attempt ${attempt})`,
        );
        return finish();
      }
      if (attempt >= options.maxAttempts) {
        options.log(
          `ksher webhook ${message} for ${merchantOrderId} failed (${status}); gave up after ${attempt} attempts`,
        );
        return finish();
      }
      options.log(
        `ksher webhook ${message} for ${merchantOrderId} failed (${status}); retrying in ${options.retryDelayMs} ms`,
      );
      later(options.retryDelayMs, () => deliver(merchantOrderId, message, url, attempt + 1));
    });
  }

  function finish() {
    active -= 1;
    settleIfIdle();
  }

  return {
    notify(merchantOrderId, message) {
      if (closing.signal.aborted) return;
      const webhookUrl = options.webhookUrl();
      if (!webhookUrl) {
        options.log(`ksher webhook ${message} for ${merchantOrderId} not sent: no webhook URL set`);
        return;
      }
      // Signed against the URL configured at the time of the status change; retries reuse it.
      const url = ksherWebhookUrl(webhookUrl, merchantOrderId, message, options.token);
      const mode = options.faults.webhookMode();
      if (mode === 'drop') {
        record({ merchantOrderId, message, url, attempt: 1, status: 'dropped' });
        options.log(`ksher webhook ${message} for ${merchantOrderId} dropped (fault)`);
        return;
      }
      const copies = mode === 'duplicate' ? 2 : 1;
      const delay = options.faults.webhookDelayMs();
      for (let copy = 0; copy < copies; copy += 1) {
        active += 1;
        // Always asynchronous: the API answer that caused the change goes out first.
        later(delay, () => deliver(merchantOrderId, message, url, 1));
      }
    },
    deliveries: () => log.map((entry) => ({ ...entry })),
    idle() {
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
