import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  kesspaySigningString,
  renderKesspayValue,
  signKesspay,
  verifyKesspay,
} from './signature.ts';

const KEY = 'TEST-api_secret_key-0123456789';
const SELLER = 'CU2211-00000000000000001';

describe('KessPay vectors (kesspay.md §9)', () => {
  const v1 = {
    service: 'webpay.acquire.queryOrder',
    sign_type: 'MD5',
    seller_code: 'SELLER',
    out_trade_no: 'ORDER-1',
  };

  it('V1 (S3): MD5', () => {
    expect(kesspaySigningString(v1, 'abc123')).toBe(
      'out_trade_no=ORDER-1&seller_code=SELLER&service=webpay.acquire.queryOrder&sign_type=MD5&key=abc123',
    );
    expect(signKesspay(v1, 'abc123')).toBe('cfe72b9f39febd2fd45b82bb31e6452e');
  });

  it('V2 (S3): HMAC-SHA256', () => {
    expect(signKesspay({ ...v1, sign_type: 'HMAC-SHA256' }, 'abc123')).toBe(
      '3577bc4baa1eb1a11e94fc22db2b12f7dbe420a80c121d9b6a1a81b391c79788',
    );
  });

  const v3 = {
    service: 'webpay.acquire.createorder',
    sign_type: 'MD5',
    seller_code: SELLER,
    out_trade_no: 'TR5673455626',
    body: 'Srey Oun Online Seller',
    total_amount: 16.5,
    currency: 'USD',
    login_type: 'ANONYMOUS',
    notify_url: 'https://merchant.example/kess/notify?x=1&y=2',
    redirect_url: 'https://merchant.example/return',
    expires_in: 1800,
    detail: [{ no: 1, name: 'Tea', price: 16.5, qty: 1, discount: 0 }],
    setting: { template: 'default', enabled_payment_methods: ['VISA_MASTER'] },
  };

  it('V3: createorder with nested detail/setting skipped, notify_url raw', () => {
    expect(kesspaySigningString(v3, KEY)).toBe(
      `body=Srey Oun Online Seller&currency=USD&expires_in=1800&login_type=ANONYMOUS&notify_url=https://merchant.example/kess/notify?x=1&y=2&out_trade_no=TR5673455626&redirect_url=https://merchant.example/return&seller_code=${SELLER}&service=webpay.acquire.createorder&sign_type=MD5&total_amount=16.5&key=${KEY}`,
    );
    expect(signKesspay(v3, KEY)).toBe('d9128f4c4827484fa0020d7dfcb3d43a');
  });

  it('V4: V3 with HMAC-SHA256', () => {
    expect(signKesspay({ ...v3, sign_type: 'HMAC-SHA256' }, KEY)).toBe(
      '53b013f52daa5446376ad0aa66ee8536d180400290dc6b2294b567f03a475608',
    );
  });

  const v5 = {
    service: 'webpay.acquire.createorder',
    sign_type: 'MD5',
    seller_code: SELLER,
    out_trade_no: 'TR-0001',
    body: 'Test',
    total_amount: 20.0,
    currency: 'USD',
  };

  it('V5a: 20.00 as a JSON number signs as 20', () => {
    expect(kesspaySigningString(v5, KEY)).toContain('&total_amount=20&key=');
    expect(signKesspay(v5, KEY)).toBe('9c522055c53ea74bb74cffc2c1c3e968');
    // What PHP sees after json_decode of the body we would send.
    expect(signKesspay(JSON.parse(JSON.stringify(v5)), KEY)).toBe(
      '9c522055c53ea74bb74cffc2c1c3e968',
    );
  });

  it('V5b: "20.00" as a string signs byte for byte', () => {
    expect(signKesspay({ ...v5, total_amount: '20.00' }, KEY)).toBe(
      '4c6f6b57a2c9af9ba5619f846e0a3d53',
    );
  });

  it('V8: v2Refund, HMAC-SHA256', () => {
    const v8 = {
      service: 'webpay.acquire.v2Refund',
      sign_type: 'HMAC-SHA256',
      seller_code: SELLER,
      out_trade_no: 'TR5673455626',
      reason: 'Customer request',
      partial_refund_amount: 5.25,
      partial_refund_amount_ccy: 'USD',
    };
    expect(signKesspay(v8, KEY)).toBe(
      '120276ac2cc08f68c41eb80a3bd8a6bae4f185752e146622020bd5a1dcc6fafc',
    );
  });

  it('V9: closeorder', () => {
    const v9 = {
      service: 'webpay.acquire.closeorder',
      sign_type: 'MD5',
      seller_code: SELLER,
      out_trade_no: 'TR5673455626',
    };
    expect(signKesspay(v9, KEY)).toBe('aa842cbc3a556045b15b3156d755417d');
  });

  it('V10: notify after form decoding, nested seller skipped, and it verifies', () => {
    const v10: Record<string, unknown> = {
      token: 'tok_abc',
      out_trade_no: 'TR5673455626',
      transaction_id: 'TX20240101000001',
      body: 'Srey Oun Online Seller',
      total_amount: '16.50',
      currency: 'USD',
      status: 'SUCCESS',
      paid_at: '2024-01-01 10:00:00',
      created_at: '2024-01-01 09:58:00',
      seller: { code: SELLER, display_name: 'Srey Oun' },
      sign_type: 'MD5',
    };
    expect(signKesspay(v10, KEY)).toBe('2a0d9c45d3f1ae345006b26438029227');
    v10.sign = '2a0d9c45d3f1ae345006b26438029227';
    expect(verifyKesspay(v10, KEY)).toBe(true);
    expect(verifyKesspay({ ...v10, sign: '2A0D9C45D3F1AE345006B26438029227' }, KEY)).toBe(true);
    expect(verifyKesspay({ ...v10, status: 'WAITING' }, KEY)).toBe(false);
    expect(verifyKesspay(v10, 'another-key')).toBe(false);
  });
});

describe('PHP 8 stringification (kesspay.md §2.3)', () => {
  it.each([
    [16.5, '16.5'],
    [20.0, '20'],
    ['20.00', '20.00'],
    [40000, '40000'],
    [0.1 + 0.2, '0.3'],
    [19.99, '19.99'],
    [1e15, '1000000000000000'],
    [1e21, '1.0E+21'],
    [1.5e-7, '1.5E-7'],
    [0.0001, '0.0001'],
    [-2.5, '-2.5'],
    [true, '1'],
    [0, '0'],
    ['0', '0'],
    ['ស្រីអូន', 'ស្រីអូន'],
  ])('%j → %s', (value, expected) => {
    expect(renderKesspayValue(value)).toBe(expected);
  });

  it.each([[false], [null], [undefined], [''], [[1]], [{ a: 1 }]])('%j is dropped', (value) => {
    expect(renderKesspayValue(value)).toBeUndefined();
  });

  it('true signs as 1, false and empty values are left out, 0 is kept (PHP 8)', () => {
    const params = { sign_type: 'MD5', a: true, b: false, c: 0, d: '', e: null };
    expect(kesspaySigningString(params, 'k')).toBe('a=1&c=0&sign_type=MD5&key=k');
  });

  it('Khmer text is hashed as UTF-8', () => {
    const params = { sign_type: 'MD5', body: 'កាហ្វេ ទឹកដោះគោ' };
    const text = 'body=កាហ្វេ ទឹកដោះគោ&sign_type=MD5&key=k';
    expect(kesspaySigningString(params, 'k')).toBe(text);
    expect(signKesspay(params, 'k')).toBe(
      createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex'),
    );
  });

  it('keys and values with & and = are joined raw, the secret too', () => {
    const params = { sign_type: 'MD5', 'a&b': 'x=y', note: 'p&q' };
    expect(kesspaySigningString(params, 's&k=1')).toBe('a&b=x=y&note=p&q&sign_type=MD5&key=s&k=1');
  });

  it('sign itself is never signed, and sign_type is', () => {
    const base = { sign_type: 'MD5', out_trade_no: 'A' };
    expect(signKesspay({ ...base, sign: 'whatever' }, 'k')).toBe(signKesspay(base, 'k'));
    expect(signKesspay({ ...base, sign_type: 'md5' }, 'k')).not.toBe(signKesspay(base, 'k'));
  });

  it('refuses an unknown sign_type, and verify rejects malformed signs', () => {
    expect(() => signKesspay({ sign_type: 'SHA1' }, 'k')).toThrow(RangeError);
    expect(verifyKesspay({ sign_type: 'SHA1', sign: 'a'.repeat(32) }, 'k')).toBe(false);
    expect(verifyKesspay({ sign_type: 'MD5', sign: 'zz'.repeat(16) }, 'k')).toBe(false);
    expect(verifyKesspay({ sign_type: 'MD5', sign: 'a'.repeat(64) }, 'k')).toBe(false);
    expect(verifyKesspay({ sign_type: 'MD5' }, 'k')).toBe(false);
  });
});
