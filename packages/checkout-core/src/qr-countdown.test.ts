import { describe, expect, it } from 'vitest';
import {
  describeRemainingTime,
  formatCountdown,
  msUntilNextSecond,
  QR_POLL_TIMING,
  qrExpiryMs,
  qrPollSchedule,
  qrRemainingMs,
} from './qr-countdown.ts';

describe('qrExpiryMs / qrRemainingMs', () => {
  it('moves the server expiry onto the local clock by the server-minus-local offset', () => {
    const serverExpiry = Date.parse('2026-01-01T00:10:00.000Z');
    expect(qrExpiryMs('2026-01-01T00:10:00.000Z')).toBe(serverExpiry);
    // The server is 90 s ahead of this device: expiry comes 90 s earlier on the local clock.
    expect(qrExpiryMs('2026-01-01T00:10:00.000Z', 90_000)).toBe(serverExpiry - 90_000);
    expect(qrExpiryMs('2026-01-01T00:10:00.000Z', -5_000)).toBe(serverExpiry + 5_000);
  });

  it('treats an unreadable expiry as already expired', () => {
    expect(qrRemainingMs(qrExpiryMs('soon'), Date.parse('2026-01-01T00:00:00Z'))).toBe(0);
  });

  it('never goes below zero', () => {
    expect(qrRemainingMs(10_000, 4_000)).toBe(6_000);
    expect(qrRemainingMs(10_000, 12_000)).toBe(0);
  });
});

describe('formatCountdown', () => {
  it('shows m:ss, rounding partial seconds up', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(599_001)).toBe('10:00');
    expect(formatCountdown(599_000)).toBe('9:59');
    expect(formatCountdown(61_000)).toBe('1:01');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-20)).toBe('0:00');
    expect(formatCountdown(75 * 60_000)).toBe('75:00');
  });

  it('wakes exactly when the shown second changes', () => {
    expect(msUntilNextSecond(600_000)).toBe(1000);
    expect(msUntilNextSecond(599_250)).toBe(250);
    expect(formatCountdown(599_250)).not.toBe(
      formatCountdown(599_250 - msUntilNextSecond(599_250)),
    );
  });
});

describe('describeRemainingTime', () => {
  it('says minutes and seconds in words, pluralised', () => {
    expect(describeRemainingTime(300_000, 'en')).toBe('5 minutes');
    expect(describeRemainingTime(270_000, 'en')).toBe('4 minutes, 30 seconds');
    expect(describeRemainingTime(61_000, 'en')).toBe('1 minute, 1 second');
    expect(describeRemainingTime(29_001, 'en')).toBe('30 seconds');
    expect(describeRemainingTime(0, 'en')).toBe('0 seconds');
  });

  it('falls back to English for an invalid locale tag', () => {
    expect(describeRemainingTime(60_000, 'not a locale!')).toBe('1 minute');
  });
});

describe('qrPollSchedule', () => {
  it('polls every 2 s, every 10 s after the first minute, and stops at expiry', () => {
    let now = 1_000_000;
    const expiry = now + 5 * 60_000;
    const schedule = qrPollSchedule(expiry, () => now);
    expect(QR_POLL_TIMING).toEqual({
      intervalMs: 2000,
      slowAfterMs: 60_000,
      slowIntervalMs: 10_000,
    });
    expect(schedule(0)).toBe(2000);
    now += 59_999;
    expect(schedule(59_999)).toBe(2000);
    now += 1;
    expect(schedule(60_000)).toBe(10_000);
    now = expiry - 4_000;
    expect(schedule(now - 1_000_000)).toBe(4_000);
    now = expiry;
    expect(schedule(now - 1_000_000)).toBeNull();
  });

  it('counts expiry from the clock when polling starts late (after SSE failed)', () => {
    let now = 0;
    const expiry = 100_000;
    const schedule = qrPollSchedule(expiry, () => now);
    // Polling began at 95 s; 1 s in, only 4 s of the QR's life remain.
    now = 96_000;
    expect(schedule(1_000)).toBe(2000);
    now = 99_000;
    expect(schedule(4_000)).toBe(1000);
    now = 100_000;
    expect(schedule(5_000)).toBeNull();
  });
});
