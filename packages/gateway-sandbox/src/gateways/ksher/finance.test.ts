import { signKsher } from '@localpay/checkout-server/ksher';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKsherTestClient,
  createWebhookRecorder,
  typedOrderCalls,
} from '../../../tests/ksher-client.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import {
  bangkokInstant,
  bangkokReportDate,
  isReportDate,
  parseSettlementReferenceId,
  settlementReferenceId,
} from './finance.ts';

let sandbox: GatewaySandbox;

afterEach(() => sandbox?.close());

function setup() {
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksher: { mid: 'mch35618' },
    fetch: createWebhookRecorder().fetch,
  });
  const client = createKsherTestClient(sandbox);
  const get = (path: string, params: Record<string, unknown> = {}) =>
    client.call('GET', `/api/v1/finance/settlements${path}`, {
      mid: '35618',
      timestamp: '20240106101112',
      ...params,
    });
  return { client, get };
}

type Page = { total: number; data: Array<Record<string, unknown>> };

describe('finance helpers', () => {
  it('checks report dates and converts Bangkok days', () => {
    expect(isReportDate('20240229')).toBe(true);
    expect(isReportDate('20230229')).toBe(false);
    expect(isReportDate('2024-01-05')).toBe(false);
    // 23:30 UTC on Jan 4 is 06:30 on Jan 5 in Bangkok.
    expect(bangkokReportDate(new Date('2024-01-04T23:30:00Z'))).toBe('20240105');
    expect(bangkokInstant('20240105', 0).toISOString()).toBe('2024-01-04T17:00:00.000Z');
  });

  it('round-trips settlement reference ids for the own mid only', () => {
    const id = settlementReferenceId('20240105', 'promptpay2', '35618');
    expect(id).toMatch(/^20240105_35618_[A-Z]{6}$/);
    expect(parseSettlementReferenceId(id, '35618')).toEqual({
      reportDate: '20240105',
      channel: 'promptpay2',
    });
    expect(parseSettlementReferenceId(id, '99999')).toBeUndefined();
    expect(parseSettlementReferenceId('20240105_35618_AAAAAA', '35618')).toBeUndefined();
  });
});

describe('Ksher finance API', () => {
  it('lists channels in the envelope, echoing the request signature', async () => {
    const { get } = setup();
    const { status, body } = await get('/channels');
    expect(status).toBe(200);
    const signature = signKsher(
      '/api/v1/finance/settlements/channels',
      { mid: '35618', timestamp: '20240106101112' },
      sandbox.ksher.token,
    );
    expect(body).toEqual({
      error_code: 'SUCCESS',
      error_message: 'Successful',
      data: { channels: expect.arrayContaining(['promptpay2', 'alipay', 'wechat']) },
      signature,
      timestamp: '20240106101112',
      mid: '35618',
    });
  });

  it('answers UNKNOWN for another mid, 401 for a bad signature, 400 without mid', async () => {
    const { client, get } = setup();
    expect((await get('/channels', { mid: 'mch35618' })).body.error_code).toBe('SUCCESS');
    const other = await get('/channels', { mid: '11111' });
    expect(other.status).toBe(200);
    expect(other.body.error_code).toBe('UNKNOWN');
    expect(other.body.error_message).toContain('NOT allowed mid');
    const forged = await client.call(
      'GET',
      '/api/v1/finance/settlements/channels',
      { mid: '35618', timestamp: '1' },
      { sign: () => 'B'.repeat(64) },
    );
    expect(forged.status).toBe(401);
    const noMid = await client.call('GET', '/api/v1/finance/settlements/channels', {
      timestamp: '1',
    });
    expect(noMid.status).toBe(400);
    expect(noMid.body.description).toContain("'mid'");
  });

  it('pages the transaction report of seeded orders across every page', async () => {
    const { get } = setup();
    sandbox.ksher.seedFinance({ date: '20240105', count: 120, channel: 'promptpay' });
    sandbox.ksher.seedFinance({ date: '20240105', count: 3, channel: 'wechat' });
    sandbox.ksher.seedFinance({ date: '20240106', count: 2, channel: 'promptpay' });
    const ids: unknown[] = [];
    let total = Number.POSITIVE_INFINITY;
    for (let offset = 0; offset < total; offset += 50) {
      const { body } = await get('/order/20240105', { channel: 'promptpay2', offset, limit: 50 });
      const data = body.data as Page;
      total = data.total;
      expect(data.data.length).toBe(Math.min(50, total - offset));
      ids.push(...data.data.map((item) => item.order_id));
    }
    expect(total).toBe(120);
    expect(new Set(ids).size).toBe(120);
    expect(ids[0]).toBe('seed-20240105-0001');
    const all = (await get('/order/20240105', { offset: 0, limit: 50 })).body.data as Page;
    expect(all.total).toBe(123);
    const first = all.data[0];
    expect(first).toEqual({
      amount: 10_000,
      transaction_time: '2024-01-05 09:00:00',
      type: 'PAY',
      channel: 'promptpay2',
      device_id: '',
      operator_id: '',
      operator_name: '',
      currency: 'THB',
      order_id: 'seed-20240105-0001',
      ksher_order_id: expect.stringMatching(/^900\d+$/),
    });
    const beyond = (await get('/order/20240105', { offset: 500, limit: 10 })).body.data as Page;
    expect(beyond).toEqual({ total: 123, data: [] });
  });

  it('seeding continues its numbering and never replaces a client order', async () => {
    const { client } = setup();
    await client.create({ merchant_order_id: 'seed-20240105-0002' });
    const first = sandbox.ksher.seedFinance({ date: '20240105', count: 2, channel: 'alipay' });
    expect(first.map((order) => order.merchantOrderId)).toEqual([
      'seed-20240105-0001',
      'seed-20240105-0003',
    ]);
    expect(sandbox.ksher.getOrder('seed-20240105-0002')).toMatchObject({
      type: 'redirect',
      status: 'Available',
    });
    const next = sandbox.ksher.seedFinance({ date: '20240105', count: 1, channel: 'alipay' });
    expect(next[0]?.merchantOrderId).toBe('seed-20240105-0004');
    expect(() => sandbox.ksher.seedFinance({ date: '2024', count: 1, channel: 'alipay' })).toThrow(
      RangeError,
    );
  });

  it('rejects limit above 50, missing offset and bad dates with a 400 naming the field', async () => {
    const { get } = setup();
    const tooMany = await get('/order/20240105', { offset: 0, limit: 51 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.description).toContain("'limit'");
    const noOffset = await get('/order/20240105', { limit: 10 });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.description).toContain("'offset'");
    const badDate = await get('/order/20241305', { offset: 0, limit: 10 });
    expect(badDate.status).toBe(400);
    expect(badDate.body.description).toContain("'date'");
    const badChannel = await get('/order/20240105', { offset: 0, limit: 10, channel: 'cash' });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.description).toContain("'channel'");
  });

  it('includes orders paid through the API on their Bangkok day', async () => {
    const { client, get } = setup();
    const cscanb = typedOrderCalls(client, 'cscanb');
    await cscanb.create({ merchant_order_id: 'qr-1', amount: 7_700, channel: 'promptpay' });
    await cscanb.create({ merchant_order_id: 'qr-2', amount: 100, channel: 'promptpay' });
    const paid = await sandbox.ksher.pay('qr-1');
    const day = bangkokReportDate(new Date(paid.paidAt as string));
    const report = (await get(`/order/${day}`, { offset: 0, limit: 50 })).body.data as Page;
    expect(report.data.map((item) => item.order_id)).toEqual(['qr-1']);
    expect(report.data[0]).toMatchObject({ amount: 7_700, channel: 'promptpay2' });
  });

  it('summarises a settlement and pages its detail by reference_id', async () => {
    const { client, get } = setup();
    const seeded = sandbox.ksher.seedFinance({
      date: '20240105',
      count: 60,
      channel: 'alipay',
      amount: 10_000,
    });
    const bscanc = typedOrderCalls(client, 'bscanc');
    await bscanc.refund(seeded[0]?.merchantOrderId as string, 'rf-1', 2_500);
    const summary = await get('/20240105', { channel: 'alipay' });
    expect(summary.body.error_code).toBe('SUCCESS');
    const data = summary.body.data as Record<string, unknown>;
    expect(data).toMatchObject({
      amount: 600_000,
      count: 60,
      refund: 2_500,
      fee: 9_000,
      net: 588_500,
      transfer_amount: 588_500,
      channel: 'alipay',
      currency: 'THB',
      transfer: true,
      start: '2024-01-05 00:00:00',
      end: '2024-01-05 23:59:59',
      time: '2024-01-06 10:00:00',
    });
    const referenceId = data.reference_id as string;
    expect(referenceId).toMatch(/^20240105_35618_[A-Z]{6}$/);

    const pages: unknown[] = [];
    for (const offset of [0, 50]) {
      const { body } = await get('/settlement_order', {
        reference_id: referenceId,
        offset,
        limit: 50,
      });
      const detail = body.data as Page;
      expect(detail.total).toBe(60);
      pages.push(...detail.data.map((item) => item.order_id));
    }
    expect(pages).toEqual(seeded.map((order) => order.merchantOrderId));

    const unknown = await get('/settlement_order', {
      reference_id: '20240105_35618_ZZZZZZ',
      offset: 0,
      limit: 5,
    });
    expect(unknown.body).toMatchObject({ error_code: 'FAIL', data: { total: 0, data: [] } });
    const noPage = await get('/settlement_order', { reference_id: referenceId });
    expect(noPage.status).toBe(400);
    expect(noPage.body.description).toContain("'limit'");
    const noChannel = await get('/20240105');
    expect(noChannel.status).toBe(400);
    expect(noChannel.body.description).toContain("'channel'");
  });
});
