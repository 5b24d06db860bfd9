import type { FaultInjector } from './faults.ts';

/** One attempt at calling the merchant back, as the delivery log records it. */
export type DeliveryAttempt<Entry> = Entry & {
  /** 1-based attempt number within one delivery (a duplicated callback has two deliveries). */
  attempt: number;
  status: number | 'error' | 'dropped';
  at: string;
};

export interface CallbackDelivery<Entry extends { url: string }> {
  /**
   * Sends one callback (asynchronously, after the fault's delay) and retries it every
   * `retryDelayMs` until it is delivered or `maxAttempts` attempts were made. Honours the
   * drop / duplicate webhook faults.
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
  isDelivered(status: number): boolean;
  retryDelayMs: number;
  maxAttempts: number;
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

  async function attemptOnce(url: string, init: RequestInit): Promise<number | 'error'> {
    try {
      const signal = AbortSignal.any([
        closing.signal,
        AbortSignal.timeout(options.attemptTimeoutMs),
      ]);
      const response = await options.fetch(url, { ...init, signal });
      await response.body?.cancel();
      return response.status;
    } catch {
      return 'error';
    }
  }

  function deliver(entry: Entry, init: RequestInit, attempt: number) {
    // After close() the counters are already reset: just stop.
    if (closing.signal.aborted) return;
    void attemptOnce(entry.url, init).then((status) => {
      if (closing.signal.aborted) return;
      log.push({ ...entry, attempt, status, at: new Date().toISOString() });
      const label = options.describe(entry);
      if (typeof status === 'number' && options.isDelivered(status)) {
        options.log(`${label} delivered (attempt ${attempt})`);
        return finish();
      }
      if (attempt >= options.maxAttempts) {
        options.log(`${label} failed (${status}); gave up after ${attempt} attempts`);
        return finish();
      }
      options.log(`${label} failed (${status}); retrying in ${options.retryDelayMs} ms`);
      later(options.retryDelayMs, () => deliver(entry, init, attempt + 1));
    });
  }

  return {
    send(entry, request) {
      if (closing.signal.aborted) return;
      const mode = options.faults.webhookMode();
      if (mode === 'drop') {
        log.push({ ...entry, attempt: 1, status: 'dropped', at: new Date().toISOString() });
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
