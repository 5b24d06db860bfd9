import { describe, expect, it } from 'vitest';
import {
  qrAnnouncementDue,
  qrAnnouncementIntervalMs,
  qrAnnouncementMark,
} from './qr-announcements.ts';

const s = (seconds: number) => seconds * 1000;
const m = (minutes: number) => minutes * 60_000;

/** Ticks once per second from `fromMs` down to 0 and returns the remaining times announced. */
function announcedDuring(fromMs: number, firstLast: number | null = null): number[] {
  const announced: number[] = [];
  let last = firstLast;
  for (let remaining = fromMs; remaining >= 0; remaining -= 1000) {
    if (qrAnnouncementDue(remaining, last)) {
      announced.push(remaining);
      last = remaining;
    }
  }
  return announced;
}

describe('qrAnnouncementIntervalMs', () => {
  it('is 3 min above 5 min, 60 s from 5 min down to 1 min, 30 s in the last minute', () => {
    expect(qrAnnouncementIntervalMs(m(15))).toBe(m(3));
    expect(qrAnnouncementIntervalMs(m(5) + 1)).toBe(m(3));
    expect(qrAnnouncementIntervalMs(m(5))).toBe(m(1));
    expect(qrAnnouncementIntervalMs(m(1) + 1)).toBe(m(1));
    expect(qrAnnouncementIntervalMs(m(1))).toBe(s(30));
    expect(qrAnnouncementIntervalMs(1)).toBe(s(30));
  });
});

describe('qrAnnouncementMark', () => {
  it('rounds up to the grid of the current interval', () => {
    expect(qrAnnouncementMark(m(14) + s(59))).toBe(m(15));
    expect(qrAnnouncementMark(m(5) + 1)).toBe(m(6));
    expect(qrAnnouncementMark(m(5))).toBe(m(5));
    expect(qrAnnouncementMark(m(4) + 1)).toBe(m(5));
    expect(qrAnnouncementMark(s(31))).toBe(m(1));
    expect(qrAnnouncementMark(s(30))).toBe(s(30));
    expect(qrAnnouncementMark(1)).toBe(s(30));
  });
});

describe('qrAnnouncementDue', () => {
  it('announces the first value at once, never at or after expiry', () => {
    expect(qrAnnouncementDue(m(10), null)).toBe(true);
    expect(qrAnnouncementDue(1, null)).toBe(true);
    expect(qrAnnouncementDue(0, null)).toBe(false);
    expect(qrAnnouncementDue(-5, m(1))).toBe(false);
    expect(qrAnnouncementDue(Number.NaN, null)).toBe(false);
  });

  it('follows the schedule over a 15-minute QR', () => {
    expect(announcedDuring(m(15))).toEqual([
      m(15),
      m(12),
      m(9),
      m(6),
      m(5),
      m(4),
      m(3),
      m(2),
      m(1),
      s(30),
    ]);
  });

  it('over a 10-minute QR: marks on the grid, 9:00 too close to the first announcement', () => {
    expect(announcedDuring(m(10))).toEqual([m(10), m(6), m(5), m(4), m(3), m(2), m(1), s(30)]);
  });

  it('skips a mark that comes less than half an interval after the previous announcement', () => {
    expect(announcedDuring(m(5) + s(1))).toEqual([m(5) + s(1), m(4), m(3), m(2), m(1), s(30)]);
    expect(announcedDuring(m(6) + s(80))).toEqual([
      m(6) + s(80),
      m(5),
      m(4),
      m(3),
      m(2),
      m(1),
      s(30),
    ]);
    expect(announcedDuring(s(40))).toEqual([s(40)]);
    expect(announcedDuring(s(50))).toEqual([s(50), s(30)]);
  });

  it('is not due again between marks', () => {
    expect(qrAnnouncementDue(m(4) - 1, m(4))).toBe(false);
    expect(qrAnnouncementDue(m(3) + 1, m(4))).toBe(false);
    expect(qrAnnouncementDue(m(3), m(4))).toBe(true);
    expect(qrAnnouncementDue(s(30), m(1))).toBe(true);
    expect(qrAnnouncementDue(s(31), m(1))).toBe(false);
  });

  it('announces once after a long pause (a throttled background tab), not once per missed mark', () => {
    expect(qrAnnouncementDue(m(2) + s(10), m(9))).toBe(true);
    expect(qrAnnouncementDue(m(2) + s(9), m(2) + s(10))).toBe(false);
    expect(qrAnnouncementDue(m(2), m(2) + s(10))).toBe(false);
    expect(qrAnnouncementDue(m(1), m(2) + s(10))).toBe(true);
  });
});
