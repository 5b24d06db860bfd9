import type { FaultInjector } from './faults.ts';

/** One attempt at calling the merchant back, as the delivery log records it. */
export type DeliveryAttempt<Entry> = Entry & {
  /** 1-based attempt number within one delivery (a duplicated callback has two deliveries). */
  attempt: number;
  status: number | 'error' | 'dropped';
  /** Whether the merchant's answer counted as delivered (the gateway's own rule). */
  delivered: boolean;
  at: string;
};

export interface CallbackDelivery<Entry extends { url: string }> {
  /**
   * Sends one callback (asynchronously, after the fault's delay) and retries it on the gateway's
   * schedule until it is delivered or the schedule ends. Honours the drop / duplicate faults.
   */
  send(
    entry: Entry,
    request: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  ): void;
  deliveries(): DeliveryAttempt<Entry>[];
  /** Resolves when no delivery is pending or scheduled. */
  idle(): Promise<void>;
  /** Stops every retry and releases idle() waiters. */
  close(): void;
}

/**
 * The retrying callback sender every emulator uses (Ksher's GET webhook, KessPay's form notify, ...):
 * gateways differ in the request they send and in what counts as delivered, not in how they retry.
 */
export function createCallbackDelivery<Entry extends { url: string }>(options: {
  /** How log lines name a callback, e.g. `ksher webhook Order Paid for cs_1`. */
  describe(entry: Entry): string;
  /** The gateway's rule for "the merchant got it": a status, or (Ktpay) a reply body. */
  isDelivered(status: number, body: string): boolean;
  /** Wait before the next attempt after failed attempt number `attempt`; undefined gives up. */
  retryDelayAfter(attempt: number): number | undefined;
  /** A merchant that does not answer within this counts as a failed attempt. */
  attemptTimeoutMs: number;
  faults: FaultInjector;
  fetch: typeof fetch;
  log: (line: string) => void;
}): CallbackDelivery<Entry> {
  const log: DeliveryAttempt<Entry>[] = [];
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

  function finish() {
    active -= 1;
    settleIfIdle();
  }

  async function attemptOnce(
    url: string,
    init: RequestInit,
  ): Promise<{ status: number | 'error'; delivered: boolean }> {
    try {
      const signal = AbortSignal.any([
        closing.signal,
        AbortSignal.timeout(options.attemptTimeoutMs),
      ]);
      const response = await options.fetch(url, { ...init, signal });
      const body = await response.text();
      return { status: response.status, delivered: options.isDelivered(response.status, body) };
    } catch {
      return { status: 'error', delivered: false };
    }
  }

  function deliver(entry: Entry, init: RequestInit, attempt: number) {
    // After close() the counters are already reset: just stop.
    if (closing.signal.aborted) return;
    void attemptOnce(entry.url, init).then(({ status, delivered }) => {
      if (closing.signal.aborted) return;
      log.push({ ...entry, attempt, status, delivered, at: new Date().toISOString() });
      const label = options.describe(entry);
      if (delivered) {
        options.log(`${label} delivered (attempt ${attempt})`);
        return finish();
      }
      const delay = options.retryDelayAfter(attempt);
      if (delay === undefined) {
        options.log(`${label} failed (${status}); gave up after ${attempt} attempts`);
        return finish();
      }
      options.log(`${label} failed (${status}); retrying in ${delay} ms`);
      later(delay, () => deliver(entry, init, attempt + 1));
    });
  }

  return {
    send(entry, request) {
      if (closing.signal.aborted) return;
      const mode = options.faults.webhookMode();
      if (mode === 'drop') {
        log.push({
          ...entry,
          attempt: 1,
          status: 'dropped',
          delivered: false,
          at: new Date().toISOString(),
        });
        options.log(`${options.describe(entry)} dropped (fault)`);
        return;
      }
      const init: RequestInit = { method: request.method };
      if (request.headers) init.headers = request.headers;
      if (request.body !== undefined) init.body = request.body;
      const copies = mode === 'duplicate' ? 2 : 1;
      const delay = options.faults.webhookDelayMs();
      for (let copy = 0; copy < copies; copy += 1) {
        active += 1;
        // Always asynchronous: the API answer that caused the change goes out first.
        later(delay, () => deliver(entry, init, 1));
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

/** Ksher's and KessPay's schedule: the same wait between attempts, `maxAttempts` attempts in all. */
export function fixedRetrySchedule(delayMs: number, maxAttempts: number) {
  return (attempt: number): number | undefined => (attempt < maxAttempts ? delayMs : undefined);
}
