import { type PollSchedule, steppedPollSchedule } from './poll-schedule.ts';

/** How a QR session is polled when SSE is unavailable: every 2 s, every 10 s after a minute. */
export const QR_POLL_TIMING = {
  intervalMs: 2000,
  slowAfterMs: 60_000,
  slowIntervalMs: 10_000,
} as const;

/**
 * The server's `expiresAt` on this device's clock, in epoch ms. `clockOffsetMs` is server time
 * minus local time (`CheckoutClient.clockOffsetMs()`), so a device whose clock is wrong still
 * hides the QR when the server considers it expired. An unreadable timestamp counts as expired:
 * a QR whose lifetime is unknown must not be offered.
 */
export function qrExpiryMs(expiresAt: string, clockOffsetMs = 0): number {
  const serverMs = Date.parse(expiresAt);
  return Number.isFinite(serverMs) ? serverMs - clockOffsetMs : Number.NEGATIVE_INFINITY;
}

/** Milliseconds left until `expiryMs` (local clock), never negative. */
export function qrRemainingMs(expiryMs: number, nowMs: number): number {
  return Math.max(0, expiryMs - nowMs);
}

/** `m:ss`, counting whole seconds up (`0:01` until the last second is gone, then `0:00`). */
export function formatCountdown(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Delay until the displayed whole second changes, so a ticking countdown wakes once per second. */
export function msUntilNextSecond(remainingMs: number): number {
  const rest = remainingMs % 1000;
  return rest > 0 ? rest : 1000;
}

/**
 * Remaining time in words for screen readers, localised and pluralised by Intl:
 * `4 minutes, 30 seconds`, `5 minutes`, `30 seconds` (whole seconds, rounded up like the countdown).
 */
export function describeRemainingTime(remainingMs: number, locale: string): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const format = (value: number, unit: 'minute' | 'second', tag: string) =>
    new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  const describe = (tag: string) => {
    const parts: string[] = [];
    if (minutes > 0) parts.push(format(minutes, 'minute', tag));
    if (rest > 0 || minutes === 0) parts.push(format(rest, 'second', tag));
    return new Intl.ListFormat(tag, { type: 'unit', style: 'long' }).format(parts);
  };
  try {
    return describe(locale);
  } catch {
    // An invalid locale tag must not break the countdown.
    return describe('en');
  }
}

/**
 * The QR poll schedule (`QR_POLL_TIMING`) ending at the QR's expiry. Built on steppedPollSchedule;
 * the stop point is recomputed from the clock on every call because polling may start late (after
 * SSE failed), when less of the QR's lifetime is left than at first.
 */
export function qrPollSchedule(expiryMs: number, now: () => number = Date.now): PollSchedule {
  return (elapsedMs) => {
    const pollingStartedAt = now() - elapsedMs;
    return steppedPollSchedule({ ...QR_POLL_TIMING, stopAfterMs: expiryMs - pollingStartedAt })(
      elapsedMs,
    );
  };
}
