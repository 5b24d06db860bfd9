import { signKsherPay, verifyKsherPay } from '@localpay/checkout-server/ksherpay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasValidEmvCrc } from '../../emvco/index.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import { KSHERPAY_NOTIFY_RETRY_DELAYS_MS } from './emulator.ts';
import { KSHER_SDK_EXAMPLE_PRIVATE_KEY, KSHERPAY_SANDBOX_CREDENTIALS } from './keys.ts';

const BASE = 'http://127.0.0.1:4010/sandbox/ksherpay';
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type Json = Record<string, any>;

let sandbox: GatewaySandbox;
let notifies: Array<{ url: string; body: string; type: string | null }>;
let notifyReplies: string[];

beforeEach(() => {
  notifies = [];
  notifyReplies = [];
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksherpay: { notifyRetryDelaysMs: [1, 1] },
    fetch: async (input, init) => {
      notifies.push({
        url: String(input),
        body: String(init?.body),
        type: new Headers(init?.headers).get('content-type'),
      });
      return new Response(notifyReplies.shift() ?? '{"result":"SUCCESS","msg":"OK"}');
    },
  });
});

afterEach(() => sandbox.close());

function signed(
  fields: Record<string, string | number>,
  key: string = KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
) {
  const params: Record<string, string> = {
    appid: 'mch35000',
    nonce_str: 'abcdefghijklmnopqrstuvwxyz012345',
    time_stamp: '20240101000000',
  };
  for (const [name, value] of Object.entries(fields)) params[name] = String(value);
  return { ...params, sign: signKsherPay(params, key) };
}

async function call(path: string, fields: Record<string, string | number>, key?: string) {
  const response = await sandbox.fetch(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(signed(fields, key)).toString(),
    }),
  );
  return { status: response.status, body: (await response.json()) as Json };
}

const verified = (body: Json) =>
  verifyKsherPay(body.data, body.sign, KSHERPAY_SANDBOX_CREDENTIALS.ksherPublicKey);

const gatewayOrder = (mchOrderNo: string) => ({
  mch_order_no: mchOrderNo,
  total_fee: 10_000,
  fee_type: 'THB',
  channel_list: 'card,promptpay',
  mch_code: mchOrderNo,
  mch_redirect_url: 'http://127.0.0.1:3000/ok',
  mch_redirect_url_fail: 'http://127.0.0.1:3000/fail',
  mch_notify_url: 'http://127.0.0.1:3000/notify',
  product_name: 'Mango',
  refer_url: 'http://127.0.0.1:3000',
});

describe('KsherPay emulator', () => {
  it('answers gateway_pay with a signed pay_content link and queries unpaid orders as NOTSURE', async () => {
    const created = await call('/api/gateway_pay', gatewayOrder('G-1'));
    expect(created.body).toMatchObject({ code: 0, msg: 'SUCCESS', message: 'SUCCESS' });
    expect(created.body.data.pay_content).toMatch(
      /\/ksherpay\/ua\?order_uuid=[0-9a-f]{32}&lang=en$/,
    );
    expect(verified(created.body)).toBe(true);
    const queried = await call('/api/gateway_order_query', { mch_order_no: 'G-1' });
    expect(verified(queried.body)).toBe(true);
    expect(queried.body.data).toMatchObject({
      result: 'NOTSURE',
      ksher_order_no: '',
      total_fee: 10_000,
    });
  });

  it('refuses a request signed with another key or changed after signing', async () => {
    const wrongKey = await call(
      '/api/gateway_pay',
      gatewayOrder('G-2'),
      KSHER_SDK_EXAMPLE_PRIVATE_KEY,
    );
    expect(wrongKey.body).toMatchObject({ code: 1, data: { err_code: 'VERIFY_SIGN_FAIL' } });
    const params = signed(gatewayOrder('G-3'));
    const response = await sandbox.fetch(
      new Request(`${BASE}/api/gateway_pay`, {
        method: 'POST',
        body: new URLSearchParams({ ...params, total_fee: '1' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(((await response.json()) as Json).code).toBe(1);
    expect(sandbox.ksherpay.listOrders()).toHaveLength(0);
  });

  it('refunds a paid hosted-page order only by pay_mch_order_no or ksher_order_no (§4.7)', async () => {
    await call('/api/gateway_pay', gatewayOrder('G-4'));
    const order = await sandbox.ksherpay.pay('G-4');
    await sandbox.ksherpay.idle();
    const refund = { total_fee: 10_000, refund_fee: 4_000, fee_type: 'THB' };
    const byOwn = await call('/KsherPay/order_refund', {
      ...refund,
      mch_order_no: 'G-4',
      mch_refund_no: 'R1',
    });
    expect(byOwn.body.data).toMatchObject({ result: 'FAIL', err_code: 'ORDERNOTEXIST' });
    const byPay = await call('/KsherPay/order_refund', {
      ...refund,
      mch_order_no: order.payMchOrderNo,
      mch_refund_no: 'R1',
    });
    expect(byPay.body.data).toMatchObject({ result: 'SUCCESS', refund_fee: 4_000 });
    const byKsher = await call('/KsherPay/order_refund', {
      ...refund,
      ksher_order_no: order.ksherOrderNo,
      mch_refund_no: 'R2',
      refund_fee: 6_001,
    });
    expect(byKsher.body.data).toMatchObject({ result: 'FAIL', err_code: 'REFUND_FEE_INVALID' });
    const query = await call('/KsherPay/refund_query', { ksher_order_no: order.ksherOrderNo });
    expect(verified(query.body)).toBe(true);
    expect(query.body.data).toMatchObject({ refund_count: '1', refund_fee: '4000' });
    expect(query.body.data.refund_orders[0]).toMatchObject({
      mch_refund_no: 'R1',
      refund_state: 'REFUNDSUCCESS',
    });
  });

  it('native_pay answers an EMVCo code_url and its PNG; the phone page pays it', async () => {
    const created = await call('/KsherPay/native_pay', {
      mch_order_no: 'Q-1',
      total_fee: 2_500,
      fee_type: 'THB',
      channel: 'promptpay',
      notify_url: 'http://127.0.0.1:3000/notify',
    });
    expect(verified(created.body)).toBe(true);
    const { data } = created.body;
    expect(data).toMatchObject({ result: 'SUCCESS', trade_type: 'NATIVE', total_fee: 2_500 });
    expect(hasValidEmvCrc(data.code_url)).toBe(true);
    expect(data.PaymentCode).toBe(data.code_url);
    expect(data.imgdat).toMatch(/^data:image\/png;base64,/);
    const page = await sandbox.fetch(
      new Request(sandbox.ksherpay.phoneUrl('Q-1'), {
        method: 'POST',
        body: new URLSearchParams({ action: 'pay' }),
      }),
    );
    expect(page.status).toBe(200);
    await sandbox.ksherpay.idle();
    const query = await call('/KsherPay/order_query', { mch_order_no: 'Q-1' });
    expect(query.body.data).toMatchObject({ result: 'SUCCESS', total_fee: 2_500 });
  });

  it('notifies text/plain JSON, signed, and retries until the reply is {"result":"SUCCESS"}', async () => {
    notifyReplies = ['OK', '{"result":"FAIL"}'];
    await call('/api/gateway_pay', gatewayOrder('G-5'));
    await sandbox.ksherpay.pay('G-5', { channel: 'promptpay' });
    await sandbox.ksherpay.idle();
    expect(notifies).toHaveLength(3);
    const first = notifies[0] as (typeof notifies)[number];
    expect(first.type).toBe('text/plain;charset=utf-8');
    const body = JSON.parse(first.body) as Json;
    expect(body).toMatchObject({
      code: 0,
      msg: '操作成功',
      data: { result: 'SUCCESS', channel: 'promptpay' },
    });
    expect(verified(body)).toBe(true);
    expect(sandbox.ksherpay.notifyDeliveries().map((d) => d.delivered)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('gives up after the schedule and never notifies unpaid outcomes', async () => {
    notifyReplies = ['no', 'no', 'no', 'no'];
    await call('/api/gateway_pay', gatewayOrder('G-6'));
    await sandbox.ksherpay.pay('G-6');
    await sandbox.ksherpay.idle();
    expect(notifies).toHaveLength(3);
    await call('/api/gateway_pay', gatewayOrder('G-7'));
    await sandbox.ksherpay.decline('G-7');
    await sandbox.ksherpay.idle();
    expect(notifies).toHaveLength(3);
  });

  it("keeps Ksher's documented schedule: 1 s, 2 s, 2 s, 10 s, 30 s, 1 min, 10 min, 1 h, 3 h, 5 h, 8 h, 12 h", () => {
    const s = 1_000;
    const h = 3_600_000;
    expect(KSHERPAY_NOTIFY_RETRY_DELAYS_MS).toEqual([
      s,
      2 * s,
      2 * s,
      10 * s,
      30 * s,
      60 * s,
      600 * s,
      h,
      3 * h,
      5 * h,
      8 * h,
      12 * h,
    ]);
  });

  it('hosted page: Pay returns to mch_redirect_url, Cancel to the fail URL, both with mch_order_no', async () => {
    const created = await call('/api/gateway_pay', gatewayOrder('G-9'));
    const pageUrl: string = created.body.data.pay_content;
    const page = await sandbox.fetch(new Request(pageUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('value="promptpay"');
    const submit = (action: string, url = pageUrl) =>
      sandbox.fetch(
        new Request(url, {
          method: 'POST',
          body: new URLSearchParams({ action, channel: 'promptpay' }),
        }),
      );
    const cancelled = await submit('cancel');
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe('http://127.0.0.1:3000/fail?mch_order_no=G-9');
    expect(sandbox.ksherpay.getOrder('G-9')?.status).toBe('NOTPAY');
    const paid = await submit('pay');
    expect(paid.headers.get('location')).toBe('http://127.0.0.1:3000/ok?mch_order_no=G-9');
    expect(sandbox.ksherpay.getOrder('G-9')).toMatchObject({
      status: 'SUCCESS',
      channel: 'promptpay',
    });
    expect((await submit('pay')).status).toBe(409);
    const unknown = await sandbox.fetch(new Request(`${BASE}/ua?order_uuid=${'0'.repeat(32)}`));
    expect(unknown.status).toBe(404);
  });

  it('has the shared control API', async () => {
    await call('/api/gateway_pay', gatewayOrder('G-8'));
    const response = await sandbox.fetch(
      new Request(`${BASE}/_control/orders/G-8/pay`, {
        method: 'POST',
        body: '{"channel":"card"}',
      }),
    );
    expect(((await response.json()) as Json).order).toMatchObject({
      status: 'SUCCESS',
      channel: 'card',
    });
  });
});
