import { verifyKsher } from '@localpay/checkout-server/ksher';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKsherTestClient,
  createWebhookRecorder,
  typedOrderCalls,
} from '../../../tests/ksher-client.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';

let sandbox: GatewaySandbox;
let recorder: ReturnType<typeof createWebhookRecorder>;

afterEach(() => sandbox?.close());

function setup() {
  recorder = createWebhookRecorder();
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksher: { webhookUrl: 'https://shop.example/webhooks/ksher' },
    fetch: recorder.fetch,
  });
  const client = createKsherTestClient(sandbox);
  return { miniapp: typedOrderCalls(client, 'miniapp'), app: typedOrderCalls(client, 'app') };
}

describe('Ksher mini-program API', () => {
  it('answers an Alipay orderStr in reference', async () => {
    const { miniapp } = setup();
    const { status, body } = await miniapp.create({
      merchant_order_id: 'mini-1',
      amount: 15_050,
      channel: 'alipay',
      miniapp_openid: '2088102122524333',
      miniapp_appid: '2021000000000001',
      product_name: 'Tea set',
    });
    expect(status).toBe(200);
    expect(verifyKsher('/api/v1/miniapp/orders', body, sandbox.ksher.token)).toBe(true);
    expect(body).toMatchObject({
      status: 'Available',
      error_code: 'SUCCESS',
      api_name: 'miniAPP',
      channel: 'alipay',
    });
    const orderStr = new URLSearchParams(body.reference as string);
    expect(orderStr.get('app_id')).toBe('2021000000000001');
    expect(orderStr.get('total_fee')).toBe('150.50');
    expect(orderStr.get('currency')).toBe('THB');
    expect(orderStr.get('subject')).toBe('Tea set');
    expect(orderStr.get('sign')).toMatch(/^[0-9A-F]{64}$/);
  });

  it('answers a WeChat prepay_id with the payment parameters in reserved1..4', async () => {
    const { miniapp } = setup();
    const { body } = await miniapp.create({
      merchant_order_id: 'mini-2',
      amount: 100,
      channel: 'wechat',
      miniapp_openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      miniapp_appid: 'wx0000000000000001',
    });
    expect(body.reference).toMatch(/^wx\d{14}[0-9a-f]{16}0000$/);
    expect(body.reserved1).toMatch(/^\d{10}$/);
    expect(body.reserved2).toMatch(/^[0-9a-f]{32}$/);
    expect(body.reserved3).toBe('HMAC-SHA256');
    expect(body.reserved4).toMatch(/^[0-9A-F]{64}$/);
  });

  it('requires miniapp_openid and miniapp_appid and a mini-program channel', async () => {
    const { miniapp } = setup();
    const { status, body } = await miniapp.create({
      merchant_order_id: 'mini-3',
      amount: 100,
      channel: 'linepay',
    });
    expect(status).toBe(400);
    for (const field of ['channel', 'miniapp_openid', 'miniapp_appid']) {
      expect(body.description).toContain(`'${field}'`);
    }
  });

  it('is paid through the control API, then queried, refunded and not cancellable', async () => {
    const { miniapp } = setup();
    await miniapp.create({
      merchant_order_id: 'mini-4',
      amount: 5_000,
      channel: 'wechat',
      miniapp_openid: 'o1',
      miniapp_appid: 'wx1',
    });
    expect((await miniapp.query('mini-4')).body).toMatchObject({
      error_code: 'PENDING',
      error_message: 'Order is pending on further processing',
    });
    await sandbox.ksher.pay('mini-4');
    expect((await miniapp.query('mini-4')).body).toMatchObject({ status: 'Paid' });
    expect((await miniapp.refund('mini-4', 'rf-1', 5_000)).body.error_code).toBe('REFUNDED');
    expect((await miniapp.cancel('mini-4')).body.error_code).toBe('FAIL');
    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual([
      'Order Paid',
      'Order Refunded',
    ]);
  });
});

describe('Ksher App API', () => {
  it('answers api_name miniAPP with an orderStr (alipay) or the phone page (linepay)', async () => {
    const { app } = setup();
    const alipay = await app.create({
      merchant_order_id: 'app-1',
      amount: 2_000,
      channel: 'alipay',
      app_appid: '2021000000000002',
    });
    expect(verifyKsher('/api/v1/app/orders', alipay.body, sandbox.ksher.token)).toBe(true);
    expect(alipay.body.api_name).toBe('miniAPP');
    expect(new URLSearchParams(alipay.body.reference as string).get('service')).toBe(
      'mobile.securitypay.pay',
    );
    const linepay = await app.create({
      merchant_order_id: 'app-2',
      amount: 2_000,
      channel: 'linepay',
      app_appid: 'line-app',
    });
    expect(linepay.body.reference).toBe('http://127.0.0.1:4010/sandbox/ksher/phone/app-2');
    const page = await sandbox.fetch(new Request(linepay.body.reference as string));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Rabbit LINE Pay');
  });

  it('requires app_appid, rejects truemoney, cancels an open order', async () => {
    const { app } = setup();
    const missing = await app.create({ merchant_order_id: 'app-3', amount: 1, channel: 'airpay' });
    expect(missing.status).toBe(400);
    expect(missing.body.description).toContain("'app_appid'");
    const channel = await app.create({
      merchant_order_id: 'app-3',
      amount: 1,
      channel: 'truemoney',
      app_appid: 'x',
    });
    expect(channel.body.description).toContain("'channel'");
    await app.create({ merchant_order_id: 'app-4', amount: 1, channel: 'airpay', app_appid: 'x' });
    expect((await app.cancel('app-4')).body).toMatchObject({
      error_code: 'SUCCESS',
      status: 'Closed',
    });
    expect((await app.query('app-404')).body.error_message).toBe('Order does not exist');
  });
});
