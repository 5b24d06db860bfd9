import { describe, expect, it } from 'vitest';
import { signKesspay } from './signature.ts';
import { parsePhpForm, readKesspayNotify, verifyKesspayNotify } from './webhook.ts';

const KEY = 'TEST-api_secret_key-0123456789';

describe('parsePhpForm', () => {
  it('nests bracket keys like PHP', () => {
    expect(
      parsePhpForm(
        'a=1&seller%5Bcode%5D=S&seller[display_name]=N&detail[0][no]=1&detail[1][no]=2&tags[]=x&tags[]=y',
      ),
    ).toEqual({
      a: '1',
      seller: { code: 'S', display_name: 'N' },
      detail: { 0: { no: '1' }, 1: { no: '2' } },
      tags: { 0: 'x', 1: 'y' },
    });
  });

  it('refuses a repeated plain key', () => {
    expect(parsePhpForm('status=SUCCESS&status=WAITING')).toEqual({ repeated: 'status' });
  });
});

const v10 = {
  token: 'tok_abc',
  out_trade_no: 'TR5673455626',
  transaction_id: 'TX20240101000001',
  body: 'Srey Oun Online Seller',
  total_amount: '16.50',
  currency: 'USD',
  status: 'SUCCESS',
  paid_at: '2024-01-01 10:00:00',
  created_at: '2024-01-01 09:58:00',
  sign_type: 'MD5',
  sign: '2a0d9c45d3f1ae345006b26438029227',
};

describe('KessPay notify', () => {
  it('verifies the §9 V10 notify sent form-encoded with nested seller fields', async () => {
    const form = `${new URLSearchParams(v10)}&seller%5Bcode%5D=CU2211&seller%5Bdisplay_name%5D=Srey`;
    const read = await readKesspayNotify(
      new Request('https://shop.test/n', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
    );
    if (!read.ok) throw new Error(read.reason);
    const result = verifyKesspayNotify(read.params, KEY);
    expect(result).toMatchObject({
      valid: true,
      outTradeNo: 'TR5673455626',
      status: 'SUCCESS',
      dedupeKey: 'SUCCESS|TX20240101000001',
    });
    expect(result.params).not.toHaveProperty('sign');
  });

  it('verifies JSON notifies, numbers signed the PHP way', async () => {
    const params: Record<string, unknown> = {
      out_trade_no: 'A',
      status: 'SUCCESS',
      total_amount: 16.5,
      currency: 'USD',
      sign_type: 'HMAC-SHA256',
      seller: { code: 'x' },
    };
    params.sign = signKesspay(params, KEY);
    const read = await readKesspayNotify(
      new Request('https://shop.test/n', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(params),
      }),
    );
    if (!read.ok) throw new Error(read.reason);
    expect(verifyKesspayNotify(read.params, KEY).valid).toBe(true);
  });

  it('rejects forged, tampered and incomplete notifies', () => {
    expect(verifyKesspayNotify({ ...v10, total_amount: '0.01' }, KEY)).toMatchObject({
      valid: false,
      reason: 'signature mismatch',
      outTradeNo: 'TR5673455626',
    });
    expect(verifyKesspayNotify(v10, 'wrong-key')).toMatchObject({ valid: false });
    const { sign: _sign, ...unsigned } = v10;
    expect(verifyKesspayNotify(unsigned, KEY)).toMatchObject({
      valid: false,
      reason: 'parameter sign missing',
    });
  });

  it('refuses bodies that are not a notify', async () => {
    const read = (body: string, type: string) =>
      readKesspayNotify(
        new Request('https://shop.test/n', {
          method: 'POST',
          headers: { 'content-type': type },
          body,
        }),
      );
    expect(await read('[1]', 'application/json')).toMatchObject({ ok: false });
    expect(await read('{', 'application/json')).toMatchObject({ ok: false });
    expect(await read('a=1&a=2', 'application/x-www-form-urlencoded')).toMatchObject({ ok: false });
    expect(await read('x'.repeat(70_000), 'application/x-www-form-urlencoded')).toMatchObject({
      ok: false,
      reason: 'body too large',
    });
  });
});
