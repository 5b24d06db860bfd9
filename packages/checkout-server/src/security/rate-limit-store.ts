/** The answer to one counted attempt. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Where rate-limit windows live. The in-memory store serves one process; an implementation over
 * PostgreSQL or Redis lets several instances share their counts.
 */
export interface RateLimitStore {
  /**
   * Counts an attempt for `key` at `nowMs` if fewer than `limit` attempts were counted in the
   * `windowMs` before it (a sliding window); otherwise refuses and says when a slot frees up.
   * Refused attempts are not counted, so a client that waits is let in again.
   */
  hit(
    key: string,
    options: { nowMs: number; windowMs: number; limit: number },
  ): Promise<RateLimitDecision> | RateLimitDecision;
}

export interface MemoryRateLimitStoreOptions {
  /** Keys kept at most; past it the least recently used are forgotten. Default 100000. */
  maxKeys?: number;
}

/** A sliding-window log per key, in this process's memory. */
export function createMemoryRateLimitStore(
  options: MemoryRateLimitStoreOptions = {},
): RateLimitStore {
  const maxKeys = options.maxKeys ?? 100_000;
  // Map order is insertion order: re-inserting on every hit keeps the least recent key first.
  const windows = new Map<string, number[]>();
  return {
    hit(key, { nowMs, windowMs, limit }) {
      const since = nowMs - windowMs;
      const times = (windows.get(key) ?? []).filter((time) => time > since);
      windows.delete(key);
      if (times.length >= limit) {
        windows.set(key, times);
        const oldest = times[times.length - limit] as number;
        return { allowed: false, retryAfterMs: Math.max(1, oldest + windowMs - nowMs) };
      }
      times.push(nowMs);
      windows.set(key, times);
      // Bounded memory: clients rotating keys (carts) must not grow the map without end.
      while (windows.size > maxKeys) {
        const first = windows.keys().next().value as string;
        windows.delete(first);
      }
      return { allowed: true };
    },
  };
}
