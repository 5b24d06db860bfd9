import {
  KSHER_SDK_EXAMPLE_PRIVATE_KEY,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';
import { describe, expect, it } from 'vitest';
import { signKsherPay } from './signature.ts';
import { verifyKsherPayNotify } from './webhook.ts';

const key = KSHERPAY_SANDBOX_CREDENTIALS.ksherPublicKey;
const data = {
  appid: 'mch35000',
  attach: '',
  mch_order_no: 'cs_1+2',
  ksher_order_no: '900123',
  result: 'SUCCESS',
  total_fee: 100,
};
const notify = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    code: 0,
    msg: '操作成功',
    data: fields,
    sign: signKsherPay(fields, KSHER_SDK_EXAMPLE_PRIVATE_KEY),
    message: '操作成功',
    ...extra,
  });

describe('verifyKsherPayNotify', () => {
  it('accepts a signed notification, reading the raw JSON (a + stays a +)', () => {
    const result = verifyKsherPayNotify(notify(data), key);
    expect(result).toMatchObject({
      valid: true,
      merchantOrderId: 'cs_1+2',
      hint: 'SUCCESS',
      dedupeKey: 'ksherpay:cs_1+2:SUCCESS:900123',
    });
    expect(result.params).toMatchObject({ total_fee: '100', attach: '' });
  });

  it('rejects a changed field, a wrong key, a non-zero code and junk', () => {
    const body = JSON.parse(notify(data));
    body.data.total_fee = 1;
    expect(verifyKsherPayNotify(JSON.stringify(body), key)).toMatchObject({
      valid: false,
      reason: 'invalid signature',
      merchantOrderId: 'cs_1+2',
    });
    const wrong = JSON.stringify({
      code: 0,
      data,
      sign: signKsherPay(data, KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey),
    });
    expect(verifyKsherPayNotify(wrong, key).valid).toBe(false);
    expect(verifyKsherPayNotify(notify(data, { code: 1 }), key)).toMatchObject({
      valid: false,
      reason: 'code 1',
    });
    expect(verifyKsherPayNotify('mch_order_no=1&sign=00', key).valid).toBe(false);
    const { mch_order_no: _id, ...withoutId } = data;
    expect(verifyKsherPayNotify(notify(withoutId), key)).toMatchObject({
      valid: false,
      reason: 'mch_order_no missing',
    });
  });
});
