import { describe, expect, it } from 'vitest';
import { ksherSigningString, renderKsherValue, signKsher, verifyKsher } from './signature.ts';

const sdkToken = '186d6c953c90f39c2973e6dd2e110d4057194996ef08fb4b3338180517b509c7';
const myToken = 'my-secret-api-token';

describe('Ksher test vectors (ksher.md §11)', () => {
  const v1 = {
    timestamp: '20210812185105',
    locked: false,
    id: '233',
    acquirer: 'Ksher',
    amount: 1,
    channel_order_id: '4200001140202108121895751199',
    error_message: 'Successful',
    reserved2: 'False',
    status: 'Paid',
    cleared: false,
    mid: 'False',
    currency: 'MYR',
    order_type: 'Sale',
    channel: 'wechat',
    acquirer_order_id: '90020210812184922947463',
    api_name: 'Redirect',
    merchant_order_id: 'abc59729',
    reserved1: '2108121749215203',
    note: 'False',
    gateway_order_id: 's38028233',
    reserved3: 'False',
    order_date: '2021-08-12 10:49:20.949101',
    reserved4: 'False',
    reference: 'https://gateway.ksher.com/ua?order_uuid=f370cbaafb5a11ebac7652540075451d',
    error_code: 'SUCCESS',
    force_clear: false,
    log_entry_url:
      'https://s38028.vip.ksher.net/web#action=153&view_type=form&model=rest.log&id=1031',
    signature: 'ADF6889E5BFA2C6F988FB3F28DB90ED8D649A3BC0B0466041E0874872CFF4046',
  };

  it('V1: verifies the real captured query response (log_entry_url unsigned)', () => {
    expect(verifyKsher('/api/v1/redirect/orders/abc59729', v1, sdkToken)).toBe(true);
  });

  it('V1: fails with the wrong prefix, with log_entry_url signed, or with JS boolean rendering', () => {
    expect(verifyKsher('/api/v1/redirect/orders', v1, sdkToken)).toBe(false);
    const { log_entry_url: _, signature, ...fields } = v1;
    expect(
      signKsher(
        '/api/v1/redirect/orders/abc59729',
        { ...fields, log_entry_url: v1.log_entry_url },
        sdkToken,
      ),
    ).not.toBe(signature);
    const jsStyle = { ...fields, locked: 'false', cleared: 'false', force_clear: 'false' };
    expect(signKsher('/api/v1/redirect/orders/abc59729', jsStyle, sdkToken)).not.toBe(signature);
    expect(signKsher('/api/v1/redirect/orders/abc59729', fields, sdkToken)).toBe(signature);
  });

  it.each([
    [
      'V2 redirect create',
      '/api/v1/redirect/orders',
      {
        note: 'Note to this order',
        redirect_url: 'http://www.baidu.com',
        redirect_url_fail: 'http://www.baidu.com',
        timestamp: '1623058159665',
        amount: 100,
        merchant_order_id: '202106070001',
      },
      sdkToken,
      '1716C162FF78078A3603DC1AA9F3B3478A91101E40800D03F96936BC740F18C9',
    ],
    [
      'V3 redirect query',
      '/api/v1/redirect/orders/202106070001',
      { timestamp: '1623058159665' },
      sdkToken,
      '4D0467B75B949BA2F1384E16822EF84A58763F29F9FFC98AB49A8DAD53A8BF00',
    ],
    [
      'V4 redirect refund',
      '/api/v1/redirect/orders/202106070001',
      { refund_order_id: '123456789001', timestamp: '1623058159665', refund_amount: 100 },
      sdkToken,
      '3FC8D8072FE177321F15F7E9E04F2A9CCE6A08449897034B53D06F39E6C28F9D',
    ],
    [
      'V5 C-scan-B create',
      '/api/v1/cscanb/orders',
      {
        amount: 100,
        channel: 'promptpay',
        merchant_order_id: 'OrderAt20220101T000000',
        mid: 'mch35618',
        note: 'string',
        timestamp: '1641000000',
      },
      myToken,
      '3FE6FACFDE6D96190E344581F8E5FF79C0D08FDF955C78715460497E40CA216C',
    ],
    [
      'V6 webhook',
      'https://merchant.example.com/ksher/webhook',
      { code: 'StatusChange', instance: '202106070001', message: 'Order Paid', type: 'Order' },
      myToken,
      'E7719465435CB54956FEE006835520777E627E173D309EA60258C196ABCB5A28',
    ],
    [
      'V7 finance report',
      '/api/v1/finance/settlements/order/20220301',
      { limit: '50', mid: 'mch35618', offset: '0', timestamp: '20220301111213' },
      myToken,
      'B55507C7316807F14FEB01417F9EE95D3ADCD73D9685F419AF1C4CB33DD58460',
    ],
  ])('%s', (_name, prefix, params, token, expected) => {
    expect(signKsher(prefix, params, token)).toBe(expected);
    expect(verifyKsher(prefix, { ...params, signature: expected }, token)).toBe(true);
    expect(verifyKsher(prefix, { ...params, signature: expected.toLowerCase() }, token)).toBe(true);
  });

  it('signing strings match the published concatenations', () => {
    expect(
      ksherSigningString('/api/v1/redirect/orders/202106070001', {
        refund_order_id: '123456789001',
        timestamp: '1623058159665',
        refund_amount: 100,
      }),
    ).toBe(
      '/api/v1/redirect/orders/202106070001refund_amount100refund_order_id123456789001timestamp1623058159665',
    );
  });

  it('Python boolean rendering differs from JS (sign("/x", {a:false}))', () => {
    expect(signKsher('/x', { a: false }, sdkToken).startsWith('223529B5')).toBe(true);
  });
});

describe('renderKsherValue edge cases', () => {
  it('renders like Python str()', () => {
    expect(renderKsherValue(true)).toBe('True');
    expect(renderKsherValue(false)).toBe('False');
    expect(renderKsherValue(null)).toBe('None');
    expect(renderKsherValue(-100)).toBe('-100');
    expect(renderKsherValue(0)).toBe('0');
    expect(renderKsherValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(renderKsherValue('ราคา ๑๐๐ บาท')).toBe('ราคา ๑๐๐ บาท');
    expect(renderKsherValue({})).toBe('{}');
    expect(renderKsherValue({ a: 1, b: null })).toBe("{'a': 1, 'b': None}");
    expect(renderKsherValue([1, 'a'])).toBe("[1, 'a']");
  });

  it('sorts keys by code unit order, independent of insertion order', () => {
    const a = signKsher('/p', { b: '1', a: '2', B: '3', _x: '4' }, myToken);
    const b = signKsher('/p', { _x: '4', B: '3', a: '2', b: '1' }, myToken);
    expect(a).toBe(b);
    expect(ksherSigningString('/p', { b: '1', a: '2', B: '3', _x: '4' })).toBe('/pB3_x4a2b1');
  });

  it('signs UTF-8 bytes (Thai note changes the signature, and verifies)', () => {
    const params = { note: 'ขอบคุณ', amount: 100 };
    const sig = signKsher('/p', params, myToken);
    expect(sig).not.toBe(signKsher('/p', { note: 'x', amount: 100 }, myToken));
    expect(verifyKsher('/p', { ...params, signature: sig }, myToken)).toBe(true);
  });

  it('rejects a missing, malformed or tampered signature', () => {
    const params = { code: 'StatusChange', instance: 'o1', message: 'Order Paid', type: 'Order' };
    const sig = signKsher('https://m.example/wh', params, myToken);
    expect(verifyKsher('https://m.example/wh', params, myToken)).toBe(false);
    expect(verifyKsher('https://m.example/wh', { ...params, signature: 'zz' }, myToken)).toBe(
      false,
    );
    expect(
      verifyKsher(
        'https://m.example/wh',
        { ...params, message: 'Order Closed', signature: sig },
        myToken,
      ),
    ).toBe(false);
    expect(verifyKsher('https://m.example/wh/', { ...params, signature: sig }, myToken)).toBe(
      false,
    );
    expect(verifyKsher('https://m.example/wh', { ...params, signature: sig }, 'other-token')).toBe(
      false,
    );
  });
});
