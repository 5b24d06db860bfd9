import { describe, expect, it } from 'vitest';
import { mapKtpayStatus } from './status.ts';

describe('mapKtpayStatus (ktpay.md §7)', () => {
  it('maps completed to succeeded and error/denied to failed', () => {
    expect(mapKtpayStatus('completed')).toEqual({ status: 'succeeded' });
    expect(mapKtpayStatus('denied')).toEqual({ status: 'failed', failureReason: 'declined' });
    expect(mapKtpayStatus('error')).toEqual({ status: 'failed', failureReason: 'error' });
  });

  it('keeps held money processing and leaves unknown values alone', () => {
    expect(mapKtpayStatus('authorized')).toEqual({ status: 'processing' });
    expect(mapKtpayStatus('success')).toEqual({ status: 'processing' });
    expect(mapKtpayStatus('pending')).toEqual({ status: 'pending' });
    expect(mapKtpayStatus('refunded')).toBeUndefined();
    expect(mapKtpayStatus(undefined)).toBeUndefined();
  });
});
