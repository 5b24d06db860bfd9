import { verifyKsher } from '@localpay/checkout-server/ksher';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKsherTestClient,
  createWebhookRecorder,
  typedOrderCalls,
} from '../../../tests/ksher-client.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import {
  isAcceptedAuthCode,
  KSHER_DECLINED_AUTH_CODE,
  ksherBscancChannels,
  ksherTestAuthCodes,
} from './auth-codes.ts';

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
  return typedOrderCalls(createKsherTestClient(sandbox), 'bscanc');
}

const sale = (overrides: Record<string, unknown> = {}) => ({
  merchant_order_id: 'pos-1',
  amount: 4_200,
  channel: 'wechat',
  auth_code: ksherTestAuthCodes.wechat?.example,
  device_id: 'till-3',
  operator_id: 'cashier-7',
  ...overrides,
});

describe('isAcceptedAuthCode', () => {
  it('accepts each documented example and declines 0000 codes and other shapes', () => {
    for (const channel of ksherBscancChannels) {
      const rule = ksherTestAuthCodes[channel];
      expect(rule && isAcceptedAuthCode(channel, rule.example)).toBe(true);
      expect(isAcceptedAuthCode(channel, KSHER_DECLINED_AUTH_CODE)).toBe(false);
    }
    expect(isAcceptedAuthCode('wechat', '1345678901234567')).toBe(false);
    expect(isAcceptedAuthCode('wechat', ksherTestAuthCodes.alipay?.example as string)).toBe(false);
    expect(isAcceptedAuthCode('alipay', '00003030015998')).toBe(false);
    expect(isAcceptedAuthCode('card', '134567890123456789')).toBe(false);
  });
});

describe('Ksher B scan C API', () => {
  it('charges a valid wallet code synchronously and sends the Order Paid webhook', async () => {
    const bscanc = setup();
    const { status, body } = await bscanc.create(sale());
    expect(status).toBe(200);
    expect(verifyKsher('/api/v1/bscanc/orders', body, sandbox.ksher.token)).toBe(true);
    expect(body).toMatchObject({
      merchant_order_id: 'pos-1',
      status: 'Paid',
      error_code: 'SUCCESS',
      api_name: 'BscanC',
      channel: 'wechat',
      amount: 4_200,
      reserved3: 'False',
    });
    expect(body.acquirer_order_id).toMatch(/^900\d+$/);
    expect((await bscanc.query('pos-1')).body).toMatchObject({
      status: 'Paid',
      error_code: 'SUCCESS',
    });
    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual(['Order Paid']);
  });

  it('declines a bad code with HTTP 200, FAIL and invalid_payment_code; query says Fail', async () => {
    const bscanc = setup();
    const { status, body } = await bscanc.create(sale({ auth_code: KSHER_DECLINED_AUTH_CODE }));
    expect(status).toBe(200);
    expect(verifyKsher('/api/v1/bscanc/orders', body, sandbox.ksher.token)).toBe(true);
    expect(body).toMatchObject({
      error_code: 'FAIL',
      reserved3: 'invalid_payment_code',
      status: 'Closed',
    });
    expect((await bscanc.query('pos-1')).body).toMatchObject({
      error_code: 'FAIL',
      error_message: 'Fail',
      reserved3: 'invalid_payment_code',
    });
    const refund = await bscanc.refund('pos-1', 'rf-1', 100);
    expect(refund.body.error_code).toBe('FAIL');
    await sandbox.ksher.idle();
    expect(recorder.calls).toEqual([]);
  });

  it('validates auth_code and channel with a 400 naming the field', async () => {
    const bscanc = setup();
    const missing = await bscanc.create(sale({ auth_code: undefined }));
    expect(missing.status).toBe(400);
    expect(missing.body.description).toContain("'auth_code'");
    const channel = await bscanc.create(sale({ channel: 'promptpay' }));
    expect(channel.status).toBe(400);
    expect(channel.body.description).toContain("'channel'");
    expect(sandbox.ksher.listOrders()).toEqual([]);
  });

  it('refunds partially, rejects a refund above the rest and a reused refund id', async () => {
    const bscanc = setup();
    await bscanc.create(sale());
    const first = await bscanc.refund('pos-1', 'rf-1', 1_000);
    expect(verifyKsher('/api/v1/bscanc/orders/pos-1', first.body, sandbox.ksher.token)).toBe(true);
    expect(first.body).toMatchObject({
      error_code: 'REFUNDED',
      amount: -1_000,
      order_type: 'Refund',
    });
    expect((await bscanc.refund('pos-1', 'rf-1', 10)).body.error_message).toBe(
      'refund_order_id already exists',
    );
    expect((await bscanc.refund('pos-1', 'rf-2', 3_201)).body).toMatchObject({
      error_code: 'FAIL',
      error_message: 'Refund amount 3201 exceeds the refundable amount 3200',
    });
    expect((await bscanc.refund('nope', 'rf-3', 1)).body.error_message).toBe(
      'Order does not exist',
    );
    expect((await bscanc.cancel('pos-1')).body.error_code).toBe('FAIL');
  });
});
