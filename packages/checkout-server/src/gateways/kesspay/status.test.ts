import { describe, expect, it } from 'vitest';
import { mapKesspayStatus } from './status.ts';

const base = { cancelRequested: false, pastExpiry: false };

describe('mapKesspayStatus', () => {
  it.each([
    ['WAITING', 'pending'],
    ['SUCCESS', 'succeeded'],
    ['success', 'succeeded'],
    ['REFUNDED', 'refunded'],
    ['FAILED', 'failed'],
    ['EXPIRED', 'expired'],
    ['CLOSED', 'failed'],
  ])('%s → %s', (status, expected) => {
    expect(mapKesspayStatus({ ...base, status })?.status).toBe(expected);
  });

  it('CLOSED after our cancel is cancelled, past expiry is expired', () => {
    expect(mapKesspayStatus({ status: 'CLOSED', cancelRequested: true, pastExpiry: true })).toEqual(
      {
        status: 'cancelled',
        failureReason: 'cancelled',
      },
    );
    expect(
      mapKesspayStatus({ status: 'CLOSED', cancelRequested: false, pastExpiry: true })?.status,
    ).toBe('expired');
  });

  it('leaves PARTIAL_REFUNDED, VOID, REVERSAL and unknown values alone', () => {
    for (const status of ['PARTIAL_REFUNDED', 'VOID', 'REVERSAL', 'Paid', undefined]) {
      expect(mapKesspayStatus({ ...base, status })).toBeUndefined();
    }
  });
});
