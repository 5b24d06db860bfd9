/**
 * When to poll next: given the milliseconds since polling began, the delay before the next read,
 * or `null` to stop. Pure, so schedules can grow (QR: fast first, slower later, stop at expiry)
 * without touching the watcher.
 */
export type PollSchedule = (elapsedMs: number) => number | null;

export function fixedPollSchedule(intervalMs: number): PollSchedule {
  if (!(intervalMs > 0)) throw new RangeError('intervalMs must be a positive number');
  return () => intervalMs;
}

export interface SteppedPollScheduleOptions {
  /** Delay while `elapsed < slowAfterMs`. */
  intervalMs: number;
  slowAfterMs: number;
  slowIntervalMs: number;
  /** Stop polling once this much time has passed (e.g. until the QR expires). */
  stopAfterMs?: number;
}

/** Polls every `intervalMs`, then every `slowIntervalMs` after `slowAfterMs`, stopping at `stopAfterMs`. */
export function steppedPollSchedule(options: SteppedPollScheduleOptions): PollSchedule {
  const { intervalMs, slowAfterMs, slowIntervalMs, stopAfterMs } = options;
  return (elapsedMs) => {
    if (stopAfterMs !== undefined && elapsedMs >= stopAfterMs) return null;
    const delay = elapsedMs < slowAfterMs ? intervalMs : slowIntervalMs;
    return stopAfterMs === undefined ? delay : Math.min(delay, stopAfterMs - elapsedMs);
  };
}
