import { describe, expect, it } from 'vitest';
import { fixedPollSchedule, steppedPollSchedule } from './poll-schedule.ts';

describe('poll schedules', () => {
  it('fixed: the same delay forever, positive only', () => {
    const schedule = fixedPollSchedule(2000);
    expect(schedule(0)).toBe(2000);
    expect(schedule(3_600_000)).toBe(2000);
    expect(() => fixedPollSchedule(0)).toThrow(RangeError);
  });

  it('stepped: fast, then slow, then stop at the end', () => {
    const schedule = steppedPollSchedule({
      intervalMs: 2000,
      slowAfterMs: 60_000,
      slowIntervalMs: 10_000,
      stopAfterMs: 300_000,
    });
    expect(schedule(0)).toBe(2000);
    expect(schedule(59_999)).toBe(2000);
    expect(schedule(60_000)).toBe(10_000);
    expect(schedule(295_000)).toBe(5000);
    expect(schedule(300_000)).toBeNull();
  });
});
