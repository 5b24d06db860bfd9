import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/handler-harness.ts';
import { ksherWalletParams } from './back-office.ts';

describe('ksherWalletParams', () => {
  const wechat = {
    reference: 'wx20260101080000abcdef01234567890000',
    reserved1: '1767225600',
    reserved2: 'False',
    reserved3: '',
    reserved4: 'ABC',
  };

  it('maps a WeChat answer to requestPayment fields and leaves unset ("False", "") ones out', () => {
    expect(ksherWalletParams('wechat', 'wx1', wechat)).toEqual({
      appId: 'wx1',
      prepayId: wechat.reference,
      package: `prepay_id=${wechat.reference}`,
      timeStamp: '1767225600',
      paySign: 'ABC',
    });
  });

  it('gives Alipay its orderStr and other wallets the reference', () => {
    expect(ksherWalletParams('alipay', 'a', { reference: 'partner=1&sign=x' })).toEqual({
      orderStr: 'partner=1&sign=x',
    });
    expect(ksherWalletParams('linepay', 'a', { reference: 'https://pay.example/x' })).toEqual({
      reference: 'https://pay.example/x',
    });
  });
});

describe('Ksher back office without a merchant id', () => {
  let h: Harness;
  afterEach(async () => {
    await h.handler.close();
    await h.store.close();
  });

  it('refuses finance reports with a ConfigError naming ksher.mid, before calling Ksher', async () => {
    h = createHarness();
    await expect(h.handler.ksher?.finance.channels()).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringContaining('KSHER_MID'),
    });
    expect(h.gateway.requests).toHaveLength(0);
  });
});
