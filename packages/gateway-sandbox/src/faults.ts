/** Fault injection shared by every gateway emulator. It applies to gateway API calls only. */
export interface FaultSettings {
  /** Delay every gateway API response by this many milliseconds. */
  latencyMs?: number;
  /** The next `count` (default 1) API calls answer this HTTP status. */
  failNext?: { status: number; count?: number };
  /** The next N API calls never answer (until the caller aborts or the sandbox closes). */
  timeoutNext?: number;
  /** drop = webhooks are never sent; duplicate = each webhook is sent twice. */
  webhooks?: 'deliver' | 'drop' | 'duplicate';
  /** Delay before the first delivery attempt of each webhook. */
  webhookDelayMs?: number;
  /**
   * The next N API calls reject with a TypeError ("fetch failed"), like `fetch` on a refused
   * connection. Over HTTP (node-server) the connection is dropped without an answer.
   */
  networkErrorNext?: number;
  /** The next N signed order responses have one signed field changed after signing. */
  tamperResponseNext?: number;
  /** Merge `fields` into the next `count` (default 1) order responses, then sign them validly. */
  overrideResponse?: { fields: Record<string, unknown>; count?: number };
}

/** Thrown by `run` for a `networkErrorNext` fault; the Node server drops the connection for it. */
export class InjectedNetworkError extends TypeError {
  constructor() {
    super('fetch failed');
    this.name = 'TypeError';
  }
}

export interface FaultInjector {
  set(faults: FaultSettings): void;
  reset(): void;
  get(): FaultSettings;
  /**
   * Runs one API call under the current faults. Order: a pending `networkErrorNext` rejects with
   * an InjectedNetworkError; a pending `timeoutNext` hangs the call;
   * otherwise `latencyMs` elapses, then a pending `failNext` answers `failure(status)` instead of
   * calling `handler`. A caller abort rejects with the abort reason, as `fetch` does.
   */
  run(
    request: Request,
    handler: () => Promise<Response>,
    failure: (status: number) => Response,
  ): Promise<Response>;
  webhookMode(): 'deliver' | 'drop' | 'duplicate';
  webhookDelayMs(): number;
  /** Consumes one pending `tamperResponseNext`; true when this response must be tampered with. */
  takeTamper(): boolean;
  /** Consumes one pending `overrideResponse`; the fields to merge into this response, if any. */
  takeOverride(): Record<string, unknown> | undefined;
  /** Answers every hung call with `released()` and stops pending latency timers. */
  close(released: () => Response): void;
}

/** Checks a FaultSettings object received as JSON; returns the field that is wrong, if any. */
export function invalidFaultField(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'body';
  const faults = value as Record<string, unknown>;
  const known = [
    'latencyMs',
    'failNext',
    'timeoutNext',
    'webhooks',
    'webhookDelayMs',
    'networkErrorNext',
    'tamperResponseNext',
    'overrideResponse',
  ];
  for (const key of Object.keys(faults)) if (!known.includes(key)) return key;
  for (const key of [
    'latencyMs',
    'timeoutNext',
    'webhookDelayMs',
    'networkErrorNext',
    'tamperResponseNext',
  ]) {
    if (faults[key] !== undefined && !isNonNegativeInteger(faults[key])) return key;
  }
  if (faults.failNext !== undefined) {
    const failNext = faults.failNext as Record<string, unknown> | null;
    if (typeof failNext !== 'object' || failNext === null) return 'failNext';
    const status = failNext.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      return 'failNext.status';
    }
    if (failNext.count !== undefined && !isNonNegativeInteger(failNext.count)) {
      return 'failNext.count';
    }
  }
  if (faults.overrideResponse !== undefined) {
    const override = faults.overrideResponse as Record<string, unknown> | null;
    if (typeof override !== 'object' || override === null || Array.isArray(override)) {
      return 'overrideResponse';
    }
    const fields = override.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      return 'overrideResponse.fields';
    }
    if (override.count !== undefined && !isNonNegativeInteger(override.count)) {
      return 'overrideResponse.count';
    }
  }
  if (
    faults.webhooks !== undefined &&
    !['deliver', 'drop', 'duplicate'].includes(faults.webhooks as string)
  ) {
    return 'webhooks';
  }
  return undefined;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

interface Pending {
  settle(response: Response): void;
}

export function createFaultInjector(): FaultInjector {
  let settings: FaultSettings = {};
  // Remaining counts live apart from the settings so get() reports what is still armed.
  let failRemaining = 0;
  let timeoutRemaining = 0;
  let networkRemaining = 0;
  let tamperRemaining = 0;
  let overrideRemaining = 0;
  const pending = new Set<Pending>();

  function wait(
    request: Request,
    ms: number | undefined,
  ): Promise<{ released: Response } | undefined> {
    return new Promise((resolve, reject) => {
      const signal = request.signal;
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = ms === undefined ? undefined : setTimeout(() => done(undefined), ms);
      const entry: Pending = { settle: (released) => done({ released }) };
      const onAbort = () => {
        cleanup();
        reject(signal.reason);
      };
      function cleanup() {
        if (timer) clearTimeout(timer);
        pending.delete(entry);
        signal.removeEventListener('abort', onAbort);
      }
      function done(result: { released: Response } | undefined) {
        cleanup();
        resolve(result);
      }
      pending.add(entry);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    set(faults) {
      settings = { ...faults };
      failRemaining = faults.failNext ? (faults.failNext.count ?? 1) : 0;
      timeoutRemaining = faults.timeoutNext ?? 0;
      networkRemaining = faults.networkErrorNext ?? 0;
      tamperRemaining = faults.tamperResponseNext ?? 0;
      overrideRemaining = faults.overrideResponse ? (faults.overrideResponse.count ?? 1) : 0;
    },
    reset() {
      settings = {};
      failRemaining = 0;
      timeoutRemaining = 0;
      networkRemaining = 0;
      tamperRemaining = 0;
      overrideRemaining = 0;
    },
    get() {
      const current: FaultSettings = { ...settings };
      delete current.failNext;
      delete current.timeoutNext;
      delete current.networkErrorNext;
      delete current.tamperResponseNext;
      delete current.overrideResponse;
      if (failRemaining > 0 && settings.failNext) {
        current.failNext = { status: settings.failNext.status, count: failRemaining };
      }
      if (timeoutRemaining > 0) current.timeoutNext = timeoutRemaining;
      if (networkRemaining > 0) current.networkErrorNext = networkRemaining;
      if (tamperRemaining > 0) current.tamperResponseNext = tamperRemaining;
      if (overrideRemaining > 0 && settings.overrideResponse) {
        current.overrideResponse = {
          fields: { ...settings.overrideResponse.fields },
          count: overrideRemaining,
        };
      }
      return current;
    },
    async run(request, handler, failure) {
      if (networkRemaining > 0) {
        networkRemaining -= 1;
        throw new InjectedNetworkError();
      }
      if (timeoutRemaining > 0) {
        timeoutRemaining -= 1;
        const result = await wait(request, undefined);
        return (result as { released: Response }).released;
      }
      if (settings.latencyMs) {
        const released = await wait(request, settings.latencyMs);
        if (released) return released.released;
      }
      if (failRemaining > 0 && settings.failNext) {
        failRemaining -= 1;
        return failure(settings.failNext.status);
      }
      return handler();
    },
    webhookMode: () => settings.webhooks ?? 'deliver',
    webhookDelayMs: () => settings.webhookDelayMs ?? 0,
    takeTamper() {
      if (tamperRemaining === 0) return false;
      tamperRemaining -= 1;
      return true;
    },
    takeOverride() {
      if (overrideRemaining === 0 || !settings.overrideResponse) return undefined;
      overrideRemaining -= 1;
      return { ...settings.overrideResponse.fields };
    },
    close(released) {
      for (const entry of [...pending]) entry.settle(released());
    },
  };
}
