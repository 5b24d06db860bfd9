import { verifyKsher } from '@localpay/checkout-server/ksher';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKsherTestClient,
  createWebhookRecorder,
  typedOrderCalls,
} from '../../../tests/ksher-client.ts';
import { decodeQrPng } from '../../../tests/qr-png.ts';
import { hasValidEmvCrc, parseEmvFields } from '../../emvco/emvco.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import {
  buildKsherQrPayload,
  PROMPTPAY_BILL_PAYMENT_AID,
  SANDBOX_BILLER_ID,
  SANDBOX_WALLET_GUID,
} from './qr.ts';

let sandbox: GatewaySandbox;
let recorder: ReturnType<typeof createWebhookRecorder>;

afterEach(() => sandbox?.close());

function setup() {
  recorder = createWebhookRecorder();
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksher: {
      webhookUrl: 'https://shop.example/webhooks/ksher',
      merchantName: 'Siam Crafts',
      webhookRetryDelayMs: 1,
    },
    fetch: recorder.fetch,
  });
  const client = createKsherTestClient(sandbox);
  return { client, cscanb: typedOrderCalls(client, 'cscanb') };
}

const qrOrder = (overrides: Record<string, unknown> = {}) => ({
  merchant_order_id: 'qr-1',
  amount: 89_050,
  channel: 'promptpay',
  ...overrides,
});

describe('buildKsherQrPayload', () => {
  it('builds the PromptPay bill-payment profile with a valid CRC', () => {
    const payload = buildKsherQrPayload({
      channel: 'promptpay',
      amount: 15_050,
      merchantName: 'ร้าน Siam Crafts & Co. (Bangkok branch)',
      merchantOrderId: 'ord_123',
      ksherOrderNumber: '2311211230451234',
    });
    expect(hasValidEmvCrc(payload)).toBe(true);
    const fields = parseEmvFields(payload);
    expect(fields.get('00')).toBe('01');
    expect(fields.get('01')).toBe('12');
    const account = parseEmvFields(fields.get('30') as string);
    expect(account.get('00')).toBe(PROMPTPAY_BILL_PAYMENT_AID);
    expect(account.get('01')).toBe(SANDBOX_BILLER_ID);
    expect(account.get('02')).toBe('2311211230451234');
    expect(fields.get('52')).toBe('5999');
    expect(fields.get('53')).toBe('764');
    expect(fields.get('54')).toBe('150.50');
    expect(fields.get('58')).toBe('TH');
    // Thai letters are not EMV text; the name is cut to 25 characters.
    expect(fields.get('59')).toBe('Siam Crafts & Co. (Bangko');
    expect(fields.get('60')).toBe('BANGKOK');
    expect(parseEmvFields(fields.get('62') as string).get('05')).toBe('ord_123');
  });

  it('falls back to the KsherPay number when the order id is no valid reference label', () => {
    const payload = buildKsherQrPayload({
      channel: 'wechat',
      amount: 100,
      merchantName: 'Shop',
      merchantOrderId: 'an-order-id-longer-than-25-characters',
      ksherOrderNumber: '2311211230451234',
    });
    const fields = parseEmvFields(payload);
    expect(fields.has('30')).toBe(false);
    const account = parseEmvFields(fields.get('26') as string);
    expect(account.get('00')).toBe(SANDBOX_WALLET_GUID);
    expect(account.get('01')).toBe('WECHAT');
    expect(fields.get('54')).toBe('1.00');
    expect(parseEmvFields(fields.get('62') as string).get('05')).toBe('2311211230451234');
    expect(hasValidEmvCrc(payload)).toBe(true);
  });
});

describe('Ksher C scan B API', () => {
  it('creates an order whose reserved1 is a PNG of a valid EMVCo PromptPay QR', async () => {
    const { cscanb } = setup();
    const { status, body } = await cscanb.create(qrOrder());
    expect(status).toBe(200);
    expect(verifyKsher('/api/v1/cscanb/orders', body, sandbox.ksher.token)).toBe(true);
    expect(body).toMatchObject({
      merchant_order_id: 'qr-1',
      status: 'Available',
      error_code: 'SUCCESS',
      api_name: 'CscanB',
      channel: 'promptpay',
      amount: 89_050,
      reference: 'False',
      timestamp: '1700000000',
    });
    const reserved1 = body.reserved1 as string;
    expect(reserved1.startsWith('data:image/png;base64,')).toBe(true);
    const payload = decodeQrPng(reserved1);
    expect(hasValidEmvCrc(payload)).toBe(true);
    const fields = parseEmvFields(payload);
    expect(fields.get('01')).toBe('12');
    expect(parseEmvFields(fields.get('30') as string).get('00')).toBe(PROMPTPAY_BILL_PAYMENT_AID);
    expect(fields.get('53')).toBe('764');
    expect(fields.get('54')).toBe('890.50');
    expect(fields.get('59')).toBe('Siam Crafts');
    expect(parseEmvFields(fields.get('62') as string).get('05')).toBe('qr-1');
    expect(sandbox.ksher.findByQrPayload(payload)?.merchantOrderId).toBe('qr-1');
    expect(sandbox.ksher.getOrder('qr-1')).toMatchObject({ type: 'cscanb', qrPayload: payload });
  });

  it.each(['truemoney', 'airpay', 'alipay', 'wechat'])(
    'gives %s an EMVCo payload with a valid CRC',
    async (channel) => {
      const { cscanb } = setup();
      const { body } = await cscanb.create(qrOrder({ channel }));
      const payload = decodeQrPng(body.reserved1 as string);
      expect(hasValidEmvCrc(payload)).toBe(true);
      const account = parseEmvFields(parseEmvFields(payload).get('26') as string);
      expect(account.get('01')).toBe(channel.toUpperCase());
    },
  );

  it('rejects a missing, unknown or multiple channel with a 400 naming the field', async () => {
    const { cscanb } = setup();
    for (const channel of [undefined, 'card', 'promptpay,wechat']) {
      const { status, body } = await cscanb.create(qrOrder({ channel }));
      expect(status).toBe(400);
      expect(body.description).toContain("'channel'");
    }
    const missing = await cscanb.create({ channel: 'promptpay' });
    expect(missing.status).toBe(400);
    expect(missing.body.description).toContain("'amount'");
    expect(missing.body.description).toContain("'merchant_order_id'");
    expect(sandbox.ksher.listOrders()).toEqual([]);
  });

  it('answers 401 to a wrong signature and FAIL to a duplicate id', async () => {
    const { client, cscanb } = setup();
    const forged = await client.call('POST', '/api/v1/cscanb/orders', qrOrder({ timestamp: '1' }), {
      sign: () => 'A'.repeat(64),
    });
    expect(forged.status).toBe(401);
    await cscanb.create(qrOrder());
    const again = await cscanb.create(qrOrder({ amount: 1 }));
    expect(again.body).toMatchObject({ error_code: 'FAIL', amount: 89_050 });
  });

  it('queries PENDING then SUCCESS, refunds partially and fully, with webhooks', async () => {
    const { cscanb } = setup();
    await cscanb.create(qrOrder());
    const pending = await cscanb.query('qr-1');
    expect(pending.body).toMatchObject({
      status: 'Available',
      error_code: 'PENDING',
      error_message: 'PENDING',
    });
    expect(verifyKsher('/api/v1/cscanb/orders/qr-1', pending.body, sandbox.ksher.token)).toBe(true);
    await sandbox.ksher.pay('qr-1');
    const paid = await cscanb.query('qr-1');
    expect(paid.body).toMatchObject({
      status: 'Paid',
      error_code: 'SUCCESS',
      channel: 'promptpay',
    });
    expect(paid.body.acquirer_order_id).toMatch(/^900\d+$/);

    const tooMuch = await cscanb.refund('qr-1', 'rf-0', 89_051);
    expect(tooMuch.body).toMatchObject({ error_code: 'FAIL', status: 'Paid' });
    const partial = await cscanb.refund('qr-1', 'rf-1', 50);
    expect(partial.body).toMatchObject({ error_code: 'REFUNDED', amount: -50, reference: 'qr-1' });
    const rest = await cscanb.refund('qr-1', 'rf-2', 89_000);
    expect(rest.body.error_code).toBe('REFUNDED');
    expect(sandbox.ksher.getOrder('qr-1')?.status).toBe('Refunded');

    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual([
      'Order Paid',
      'Order Refunded',
      'Order Refunded',
    ]);
    expect(recorder.calls.every((url) => url.searchParams.get('instance') === 'qr-1')).toBe(true);
  });

  it('cancels an open QR order and expires another, each with a webhook', async () => {
    const { cscanb } = setup();
    await cscanb.create(qrOrder());
    await cscanb.create(qrOrder({ merchant_order_id: 'qr-2' }));
    const cancelled = await cscanb.cancel('qr-1');
    expect(cancelled.body).toMatchObject({ error_code: 'SUCCESS', status: 'Closed' });
    expect((await cscanb.cancel('qr-1')).body.error_code).toBe('FAIL');
    await sandbox.ksher.expire('qr-2');
    expect((await cscanb.query('qr-2')).body).toMatchObject({
      status: 'Closed',
      error_code: 'FAIL',
      error_message: 'Order Timeout',
    });
    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual([
      'Order Closed',
      'Order Timeout',
    ]);
  });

  it('keeps order types apart: a QR order is unknown on the redirect path and vice versa', async () => {
    const { client, cscanb } = setup();
    await cscanb.create(qrOrder());
    await client.create({ merchant_order_id: 'web-1' });
    expect((await client.query('qr-1')).body).toMatchObject({
      error_code: 'FAIL',
      error_message: 'Order does not exist',
    });
    expect((await cscanb.query('web-1')).body.error_message).toBe('Order does not exist');
    expect((await cscanb.refund('web-1', 'rf-x', 1)).body.error_message).toBe(
      'Order does not exist',
    );
  });

  it('refuses to pay a QR order through the control API with another channel', async () => {
    const { cscanb } = setup();
    await cscanb.create(qrOrder());
    await expect(sandbox.ksher.pay('qr-1', { channel: 'wechat' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await sandbox.ksher.pay('qr-1', { channel: 'promptpay' })).status).toBe('Paid');
  });
});
