import { describe, expect, it } from 'vitest';
import { mapKsherPayResult } from './status.ts';

const map = (result: string | undefined, cancelRequested = false, pastExpiry = false) =>
  mapKsherPayResult({ result, cancelRequested, pastExpiry })?.status;

describe('mapKsherPayResult', () => {
  it('maps the final results', () => {
    expect(map('SUCCESS')).toBe('succeeded');
    expect(map('REFUND')).toBe('refunded');
    expect(map('PAYERROR')).toBe('failed');
  });

  it('never makes NOTSURE, NOTPAY, PENDING or USERPAYING final', () => {
    expect(map('NOTSURE')).toBe('pending');
    expect(map('NOTPAY')).toBe('pending');
    expect(map('PENDING')).toBe('pending');
    expect(map('USERPAYING')).toBe('processing');
  });

  it('reads CLOSED from the context', () => {
    expect(map('CLOSED', true)).toBe('cancelled');
    expect(map('CLOSED', false, true)).toBe('expired');
    expect(map('CLOSED')).toBe('failed');
  });

  it('maps FAIL (the query failed) and unknown values to nothing', () => {
    expect(map('FAIL')).toBeUndefined();
    expect(map('SOMETHING')).toBeUndefined();
    expect(map(undefined)).toBeUndefined();
  });
});
