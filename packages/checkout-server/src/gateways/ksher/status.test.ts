import { describe, expect, it } from 'vitest';
import { mapKsherStatus } from './status.ts';

const base = { cancelRequested: false, pastExpiry: false };

describe('mapKsherStatus', () => {
  it('maps the open and paid states', () => {
    expect(mapKsherStatus({ ...base, status: 'Available' })).toEqual({ status: 'pending' });
    expect(mapKsherStatus({ ...base, status: 'Paid', errorMessage: 'Successful' })).toEqual({
      status: 'succeeded',
    });
    expect(mapKsherStatus({ ...base, status: 'Refunded' })).toEqual({ status: 'refunded' });
  });

  it('Closed after our own cancel is cancelled, whatever the message', () => {
    expect(
      mapKsherStatus({
        ...base,
        status: 'Closed',
        errorMessage: 'Order Closed',
        cancelRequested: true,
      }),
    ).toEqual({ status: 'cancelled', failureReason: 'cancelled' });
  });

  it('Closed with a timeout hint, or past expiry, is expired', () => {
    const expired = { status: 'expired', failureReason: 'expired' };
    expect(mapKsherStatus({ ...base, status: 'Closed', errorMessage: 'Order Timeout' })).toEqual(
      expired,
    );
    expect(mapKsherStatus({ ...base, status: 'Closed', webhookMessage: 'Order Timeout' })).toEqual(
      expired,
    );
    expect(
      mapKsherStatus({ ...base, status: 'Closed', errorMessage: 'Fail', pastExpiry: true }),
    ).toEqual(expired);
  });

  it('any other Closed is a failure (declined)', () => {
    expect(mapKsherStatus({ ...base, status: 'Closed', errorMessage: 'Fail' })).toEqual({
      status: 'failed',
      failureReason: 'declined',
    });
  });

  it('an unknown status maps to nothing', () => {
    expect(mapKsherStatus({ ...base, status: 'Weird' })).toBeUndefined();
    expect(mapKsherStatus({ ...base, status: undefined })).toBeUndefined();
  });
});
