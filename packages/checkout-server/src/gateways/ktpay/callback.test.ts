import { describe, expect, it } from 'vitest';
import {
  ktpayCallbackCapability,
  ktpayCallerIp,
  parseKtpayCallback,
  verifyKtpayCallbackCapability,
} from './callback.ts';

const SECRET = 'x'.repeat(32);
const HASH = 'af7ed500aa9f2132fae4b63e936af641bcc4ebaf';

describe('callback capability', () => {
  it('is per session, unguessable and verified', () => {
    const one = ktpayCallbackCapability(SECRET, 'cs_1');
    const two = ktpayCallbackCapability(SECRET, 'cs_2');
    expect(one).toMatch(/^cs_1\.[A-Za-z0-9_-]{43}$/);
    expect(one.split('.')[1]).not.toBe(two.split('.')[1]);
    expect(verifyKtpayCallbackCapability(SECRET, one)).toBe('cs_1');
    expect(verifyKtpayCallbackCapability('y'.repeat(32), one)).toBeUndefined();
    expect(verifyKtpayCallbackCapability(SECRET, `cs_2.${one.split('.')[1]}`)).toBeUndefined();
    expect(verifyKtpayCallbackCapability(SECRET, 'cs_1')).toBeUndefined();
    expect(verifyKtpayCallbackCapability(SECRET, `${one}x`)).toBeUndefined();
  });
});

describe('parseKtpayCallback (§8)', () => {
  const doc = {
    merchant_id: 1,
    order_id: '1',
    description: 'Description of transactions',
    amount: 1000,
    transaction_hash: HASH,
    created_at: '2019-02-05T14:22:53+06:00',
    updated_at: null,
    status: {
      status: 'completed',
      created_at: '2019-02-05T14:23:09+06:00',
      updated_at: null,
      error: null,
    },
  };

  it('reads the documented example', () => {
    expect(parseKtpayCallback(doc)).toEqual({
      ok: true,
      callback: { orderId: '1', amount: 1000, transactionHash: HASH, status: 'completed' },
    });
  });

  it('reads the error variant', () => {
    const result = parseKtpayCallback({
      ...doc,
      status: {
        status: 'error',
        error: { error_type: 'ERROR_PAYMENT', error_message: 'KKB rejected payment' },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      callback: {
        status: 'error',
        errorType: 'ERROR_PAYMENT',
        errorMessage: 'KKB rejected payment',
      },
    });
  });

  it('names what is wrong', () => {
    expect(parseKtpayCallback([])).toEqual({ ok: false, reason: 'body is not a JSON object' });
    expect(parseKtpayCallback({ ...doc, order_id: '' })).toMatchObject({
      reason: 'order_id missing',
    });
    expect(parseKtpayCallback({ ...doc, amount: null })).toMatchObject({
      reason: 'amount missing',
    });
    expect(parseKtpayCallback({ ...doc, transaction_hash: 'abc' })).toMatchObject({
      reason: 'transaction_hash missing or malformed',
    });
    expect(parseKtpayCallback({ ...doc, status: { status: 'refunded' } })).toMatchObject({
      reason: 'status.status missing or unknown',
    });
  });
});

describe('ktpayCallerIp', () => {
  const request = (value?: string) =>
    new Request('http://x.test/', value ? { headers: { 'x-forwarded-for': value } } : {});

  it('takes the last X-Forwarded-For entry (the one the proxy appended)', () => {
    expect(ktpayCallerIp(request('1.1.1.1, 203.0.113.7'), 'x-forwarded-for')).toBe('203.0.113.7');
    expect(ktpayCallerIp(request('::ffff:203.0.113.7'), 'x-forwarded-for')).toBe('203.0.113.7');
    expect(ktpayCallerIp(request('not-an-ip'), 'x-forwarded-for')).toBeUndefined();
    expect(ktpayCallerIp(request(), 'x-forwarded-for')).toBeUndefined();
  });
});
