/**
 * The server-only Ksher back office (`handler.ksher`) against the sandbox over real HTTP:
 * B scan C, app and mini-program orders, refunds of each, and the finance reports.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KsherBackOffice } from '../src/gateways/ksher/back-office.ts';
import { type KsherServers, startKsherServers } from './ksher-servers.ts';

let s: KsherServers;
let office: KsherBackOffice;
beforeAll(async () => {
  s = await startKsherServers();
  office = s.handler.ksher as KsherBackOffice;
});
afterEach(async () => {
  s.sandbox.ksher.faults.reset();
  await s.sandbox.ksher.idle();
});
afterAll(async () => {
  await s.close();
});

// Sandbox test codes (gateway-sandbox README): accepted per channel, and one every channel declines.
const TRUEMONEY_CODE = '512345678901234567';
const DECLINED_CODE = '000012345678901234';

function fieldsOf(error: unknown): string[] {
  const details = (error as { details?: { fields?: Array<{ field: string }> } }).details;
  return (details?.fields ?? []).map((f) => f.field);
}

describe('B scan C (chargeWalletCode)', () => {
  it('charges a wallet code synchronously: succeeded, stored as bscanc, success hook fired', async () => {
    const order = await office.chargeWalletCode({
      authCode: TRUEMONEY_CODE,
      channel: 'truemoney',
      amount: 12_000,
      description: 'Table 4',
      operatorId: 'cashier-7',
      deviceId: 'pos-1',
    });
    expect(order).toMatchObject({
      status: 'succeeded',
      provider: 'ksher',
      methodId: 'ksher.truemoney',
      gatewayApi: 'bscanc',
      amount: 12_000,
      currency: 'THB',
      lines: [{ sku: 'bscanc', name: 'Table 4', quantity: 1, unitAmount: 12_000 }],
    });
    expect(order.id).toMatch(/^bo_[0-9a-f]{24}$/);
    expect(s.sandbox.ksher.getOrder(order.id)).toMatchObject({ type: 'bscanc', status: 'Paid' });
    expect(s.paid.map((paid) => paid.id)).toContain(order.id);
    // Never visible through the browser API.
    expect((await s.getSession(order.id)).status).toBe(404);
  });

  it('fails a refused wallet code with the gateway reason', async () => {
    const order = await office.chargeWalletCode({
      authCode: DECLINED_CODE,
      channel: 'alipay',
      amount: 5_000,
    });
    expect(order).toMatchObject({ status: 'failed', failureReason: 'invalid_payment_code' });
    expect(order.lines[0]?.name).toBe('In-store payment');
  });

  it('answers bad input with 400 naming each field, before anything is stored', async () => {
    const before = (await s.handler.listOrders({ limit: 1000 })).length;
    const error = await office
      .chargeWalletCode({
        authCode: 'has space',
        channel: 'promptpay' as never,
        amount: 10.5,
        description: '',
        operatorId: 'x'.repeat(65),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(fieldsOf(error)).toEqual(['authCode', 'channel', 'amount', 'description', 'operatorId']);
    expect((await s.handler.listOrders({ limit: 1000 })).length).toBe(before);
  });

  it('asks the gateway after a timeout: a charge that never arrived is failed, not pending', async () => {
    s.sandbox.ksher.faults.set({ timeoutNext: 1 });
    const order = await office.chargeWalletCode({
      authCode: TRUEMONEY_CODE,
      channel: 'truemoney',
      amount: 3_000,
    });
    expect(order).toMatchObject({ status: 'failed', failureReason: 'provider_unavailable' });
    expect(s.sandbox.ksher.getOrder(order.id)).toBeUndefined();
    const types = (await s.handler.listEvents(order.id)).map((e) => e.type);
    expect(types).toContain('create_outcome_unknown');
  });

  it('asks the gateway after a lost answer: a charge that went through is succeeded', async () => {
    const spy = s.gatewayUrls.length;
    s.loseNextAnswer(502); // the sandbox charges, a proxy loses its answer
    const order = await office.chargeWalletCode({
      authCode: TRUEMONEY_CODE,
      channel: 'truemoney',
      amount: 3_100,
    });
    expect(order).toMatchObject({ status: 'succeeded', gatewayApi: 'bscanc' });
    expect(s.gatewayUrls.slice(spy).map((url) => new URL(url).pathname)).toEqual([
      '/sandbox/ksher/api/v1/bscanc/orders',
      `/sandbox/ksher/api/v1/bscanc/orders/${order.id}`,
    ]);
    expect(s.paid.filter((paid) => paid.id === order.id)).toHaveLength(1);
  });

  it('refunds a B scan C order partly and fully; over-refunds and unknown orders are refused', async () => {
    const order = await office.chargeWalletCode({
      authCode: TRUEMONEY_CODE,
      channel: 'truemoney',
      amount: 10_000,
    });
    await expect(s.handler.refund(order.id, { amount: 10_001 })).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: 'amount' }] },
    });
    expect(await s.handler.refund(order.id, { amount: 4_000 })).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 4_000,
    });
    await expect(s.handler.refund(order.id, { amount: 6_001 })).rejects.toMatchObject({
      status: 400,
    });
    expect(await s.handler.refund(order.id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 10_000,
    });
    expect(s.sandbox.ksher.getOrder(order.id)?.refunds.map((r) => r.refundOrderId)).toEqual([
      `${order.id}-r1`,
      `${order.id}-r2`,
    ]);
    await expect(s.handler.refund('bo_000000000000000000000000')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });
});

describe('app and mini-program orders', () => {
  it('creates an Alipay app order: walletParams.orderStr is the reference; paid later by webhook', async () => {
    const { order, walletParams } = await office.createAppOrder({
      channel: 'alipay',
      amount: 20_000,
      appId: 'com.example.shop',
      description: 'Premium plan',
    });
    const remote = s.sandbox.ksher.getOrder(order.id);
    expect(remote).toMatchObject({ type: 'app', status: 'Available' });
    expect(walletParams).toEqual({ orderStr: remote?.reference });
    expect(order).toMatchObject({ status: 'pending', gatewayApi: 'app' });
    await s.sandbox.ksher.pay(order.id);
    await s.sandbox.ksher.idle();
    expect(await s.handler.getOrder(order.id)).toMatchObject({ status: 'succeeded' });
    expect(await s.handler.refund(order.id, { amount: 500 })).toMatchObject({
      status: 'partially_refunded',
    });
    const calls = (await s.handler.listEvents(order.id)).filter((e) => e.type === 'gateway_call');
    expect(calls.map((e) => `${e.payload.method} ${e.payload.path}`)).toEqual([
      'POST /api/v1/app/orders',
      `GET /api/v1/app/orders/${order.id}`,
      `PUT /api/v1/app/orders/${order.id}`,
    ]);
  });

  it('creates a WeChat mini-program order with the requestPayment parameters', async () => {
    const { order, walletParams } = await office.createMiniProgramOrder({
      channel: 'wechat',
      amount: 8_800,
      appId: 'wx2181eee9ed4505ce',
      openId: 'oNUEf5TxzRxSvNSET1_2tfLa7gaE',
    });
    const remote = s.sandbox.ksher.getOrder(order.id);
    expect(remote?.type).toBe('miniapp');
    expect(walletParams).toMatchObject({
      appId: 'wx2181eee9ed4505ce',
      prepayId: remote?.reference,
      package: `prepay_id=${remote?.reference}`,
      signType: 'HMAC-SHA256',
    });
    expect(walletParams.timeStamp).toMatch(/^\d{10}$/);
    expect(walletParams.nonceStr).toMatch(/^[0-9a-f]{32}$/);
    expect(walletParams.paySign).toMatch(/^[0-9A-F]{64}$/);
    expect(order).toMatchObject({ status: 'pending', gatewayApi: 'miniapp' });
  });

  it('names bad fields of app and mini-program orders', async () => {
    const app = await office
      .createAppOrder({ channel: 'truemoney' as never, amount: 0, appId: '' })
      .catch((e: unknown) => e);
    expect(fieldsOf(app)).toEqual(['channel', 'amount', 'appId']);
    const mini = await office
      .createMiniProgramOrder({ channel: 'linepay' as never, amount: 100, appId: 'a', openId: '' })
      .catch((e: unknown) => e);
    expect(fieldsOf(mini)).toEqual(['channel', 'openId']);
  });

  it('lists orders by status and provider', async () => {
    const failed = await s.handler.listOrders({ status: 'failed', provider: 'ksher' });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((order) => order.status === 'failed')).toBe(true);
    expect(await s.handler.listOrders({ provider: 'kesspay' })).toEqual([]);
  });
});

describe('finance reports', () => {
  it('fetches every page of a day with more than 50 transactions', async () => {
    s.sandbox.ksher.seedFinance({ date: '20260105', count: 120, channel: 'truemoney' });
    const before = s.gatewayUrls.length;
    const report = await office.finance.transactions('2026-01-05');
    expect(report.total).toBe(120);
    expect(report.items).toHaveLength(120);
    expect(new Set(report.items.map((item) => item.order_id)).size).toBe(120);
    const pages = s.gatewayUrls.slice(before).map((url) => new URL(url).searchParams);
    expect(pages.map((page) => [page.get('offset'), page.get('limit')])).toEqual([
      ['0', '50'],
      ['50', '50'],
      ['100', '50'],
    ]);
    expect(pages[0]?.get('mid')).toBe(s.sandbox.ksher.mid);
    const filtered = await office.finance.transactions('2026-01-05', { channel: 'alipay' });
    expect(filtered).toEqual({ total: 0, items: [] });
  });

  it('lists channels and reads a settlement summary and its detail', async () => {
    expect(await office.finance.channels()).toContain('promptpay2');
    s.sandbox.ksher.seedFinance({ date: '20260106', count: 3, channel: 'promptpay' });
    const summary = await office.finance.settlementSummary('2026-01-06', 'promptpay');
    expect(summary).toMatchObject({ count: 3 });
    expect(typeof summary.reference_id).toBe('string');
    const detail = await office.finance.settlementDetail(summary.reference_id as string);
    expect(detail.total).toBe(3);
    expect(detail.items).toHaveLength(3);
  });

  it('names a bad date, and reports a refused report as provider_error', async () => {
    for (const date of ['2026-02-30', '20260105', '']) {
      const error = await office.finance.transactions(date).catch((e: unknown) => e);
      expect(fieldsOf(error)).toEqual(['date']);
    }
    await expect(office.finance.settlementDetail('no-such-settlement')).rejects.toMatchObject({
      status: 502,
      code: 'provider_error',
    });
  });
});
