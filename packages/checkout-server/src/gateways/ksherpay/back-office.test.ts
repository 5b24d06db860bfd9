import { createGatewaySandbox, KSHERPAY_SANDBOX_CREDENTIALS } from '@localpay/gateway-sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { createKsherPayBackOffice } from './back-office.ts';
import { createKsherPayClient } from './client.ts';

const notifies: string[] = [];
const sandbox = createGatewaySandbox({
  publicUrl: 'http://gateway.test/sandbox',
  fetch: async (input) => {
    notifies.push(String(input));
    return new Response('{"result":"SUCCESS","msg":"OK"}');
  },
});
afterAll(() => sandbox.close());

const office = createKsherPayBackOffice({
  client: createKsherPayClient({
    appid: sandbox.ksherpay.appid,
    privateKey: KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
    publicKey: sandbox.ksherpay.publicKey,
    apiBaseUrl: sandbox.ksherpay.apiBaseUrl,
    gatewayBaseUrl: sandbox.ksherpay.gatewayBaseUrl,
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
  }),
  notifyUrl: 'https://shop.test/webhooks/ksherpay',
});

describe('KsherPay back office', () => {
  it('checks its input before calling the gateway', async () => {
    await expect(
      office.chargeWalletCode({ mchOrderNo: 'P-1', amount: 1.5, authCode: '281' }),
    ).rejects.toThrow('amount must be a positive integer');
    await expect(
      office.chargeWalletCode({ mchOrderNo: '', amount: 100, authCode: '281' }),
    ).rejects.toThrow('mchOrderNo is required');
    await expect(office.queryOrder({})).rejects.toThrow('one of mch_order_no');
    expect(sandbox.ksherpay.listOrders()).toHaveLength(0);
  });

  it('B scan C: a declined code is FAIL; a paid one is refunded by its ksher_order_no', async () => {
    expect(
      await office.chargeWalletCode({ mchOrderNo: 'P-2', amount: 500, authCode: '280' }),
    ).toMatchObject({ result: 'FAIL' });
    const paid = await office.chargeWalletCode({
      mchOrderNo: 'P-3',
      amount: 500,
      authCode: '283',
      channel: 'truemoney',
    });
    expect(paid).toMatchObject({ result: 'SUCCESS', channel: 'truemoney' });
    const refund = await office.refund(
      { ksher_order_no: paid.ksher_order_no as string },
      { totalAmount: 500, refundAmount: 200, refundNo: 'P-3-r1' },
    );
    expect(refund).toMatchObject({ result: 'SUCCESS', refund_fee: 200 });
    expect(
      await office.queryRefund({ mch_order_no: 'P-3', mch_refund_no: 'P-3-r1' }),
    ).toMatchObject({ refund_count: '1' });
  });

  it('creates app, mini-program, JSAPI and WAP orders', async () => {
    const base = { amount: 100, channel: 'alipay' };
    expect(await office.createAppOrder({ ...base, mchOrderNo: 'A-1' })).toMatchObject({
      result: 'SUCCESS',
      trade_type: 'APP_PAY',
    });
    expect(await office.createMiniProgramOrder({ ...base, mchOrderNo: 'M-1' })).toMatchObject({
      result: 'SUCCESS',
    });
    expect(await office.createJsapiOrder({ ...base, mchOrderNo: 'J-1' })).toMatchObject({
      result: 'SUCCESS',
    });
    const wap = await office.createWapOrder({
      ...base,
      mchOrderNo: 'W-1',
      referUrl: 'https://shop.test',
    });
    expect(wap.pay_url).toBe(sandbox.ksherpay.phoneUrl('W-1'));
    expect(sandbox.ksherpay.getOrder('A-1')?.notifyUrl).toBe('https://shop.test/webhooks/ksherpay');
  });
});
