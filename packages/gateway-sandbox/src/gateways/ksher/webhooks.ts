import { signKsher } from '@localpay/checkout-server/ksher';
import { createCallbackDelivery, fixedRetrySchedule } from '../../callback-delivery.ts';
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
  delivered: boolean;
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
  // §7: only HTTP 200 counts as delivered; anything else is repeated.
  const delivery = createCallbackDelivery<
    Omit<KsherWebhookDelivery, 'attempt' | 'status' | 'delivered' | 'at'>
  >({
    describe: (entry) => `ksher webhook ${entry.message} for ${entry.merchantOrderId}`,
    isDelivered: (status) => status === 200,
    retryDelayAfter: fixedRetrySchedule(options.retryDelayMs, options.maxAttempts),
    attemptTimeoutMs: options.attemptTimeoutMs ?? 10_000,
    faults: options.faults,
    fetch: options.fetch,
    log: options.log,
  });

  return {
    notify(merchantOrderId, message) {
      const webhookUrl = options.webhookUrl();
      if (!webhookUrl) {
        options.log(`ksher webhook ${message} for ${merchantOrderId} not sent: no webhook URL set`);
        return;
      }
      // Signed against the URL configured at the time of the status change; retries reuse it.
      const url = ksherWebhookUrl(webhookUrl, merchantOrderId, message, options.token);
      delivery.send({ merchantOrderId, message, url }, { method: 'GET' });
    },
    deliveries: delivery.deliveries,
    idle: delivery.idle,
    close: delivery.close,
  };
}
