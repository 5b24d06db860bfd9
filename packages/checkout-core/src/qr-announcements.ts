const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * How often the remaining time of a QR is announced to screen readers at `remainingMs`: every
 * 3 minutes while more than 5 minutes remain, every minute from 5 down to 1, every 30 s in the
 * last minute.
 */
export function qrAnnouncementIntervalMs(remainingMs: number): number {
  if (remainingMs > 5 * MINUTE) return 3 * MINUTE;
  if (remainingMs > MINUTE) return MINUTE;
  return 30 * SECOND;
}

/**
 * The announcement marks are the remaining times that are a multiple of their own interval
 * (… 12:00, 9:00, 6:00, 5:00, 4:00, 3:00, 2:00, 1:00, 0:30). This is the first mark at or above
 * `remainingMs`, i.e. the mark the countdown crossed last.
 */
export function qrAnnouncementMark(remainingMs: number): number {
  const interval = qrAnnouncementIntervalMs(remainingMs);
  return Math.ceil(remainingMs / interval) * interval;
}

/**
 * Whether to announce the remaining time now, given the remaining time at the last announcement
 * (`null`: nothing announced yet, so the first value is announced when the QR appears).
 * Due when the countdown crossed a mark since then, unless the previous announcement was less
 * than half an interval ago (a QR shown at 5:01 is not announced again at 5:00). Never due at or
 * after expiry: the expired state is announced as a state. Pure: call it on every tick.
 */
export function qrAnnouncementDue(remainingMs: number, lastAnnouncedMs: number | null): boolean {
  if (!(remainingMs > 0)) return false;
  if (lastAnnouncedMs === null) return true;
  const mark = qrAnnouncementMark(remainingMs);
  if (mark >= lastAnnouncedMs) return false;
  // Measured to the mark, not to now: a skipped mark stays skipped until the next one.
  return lastAnnouncedMs - mark >= qrAnnouncementIntervalMs(remainingMs) / 2;
}
