import { describe, expect, it } from 'vitest';
import { createKtpayClient, KtpayError, ktpayErrorFrom, parseKtpayEnvelope } from './client.ts';
import { createKtpayKeyPair, openKtpay } from './sealing.ts';

const HASH = '488c9a8b24d4f3f6ec5611dd37cefc6e4fdb389f';

describe('parseKtpayEnvelope (ktpay.md §6)', () => {
  it('reads the current success envelope (S5 v2.1)', () => {
    expect(
      parseKtpayEnvelope({
        error: [],
        response: { success: true, data: { transaction_hash: HASH, show_close_button: true } },
      }),
    ).toEqual({ ok: true, data: { transaction_hash: HASH, show_close_button: true } });
  });

  it("reads S1's {success, payload}", () => {
    expect(parseKtpayEnvelope({ success: true, payload: { transaction_hash: HASH } })).toEqual({
      ok: true,
      data: { transaction_hash: HASH },
    });
  });

  it('reads the nested failure with messages and hint', () => {
    expect(
      parseKtpayEnvelope({
        error: { code: 4220002, messages: { 'order.amount': ['bad'] }, hint: 'fix' },
        response: { success: false, data: [] },
      }),
    ).toEqual({ ok: false, code: 4220002, messages: { 'order.amount': ['bad'] }, hint: 'fix' });
  });

  it("reads S1's failure with message and validation", () => {
    expect(
      parseKtpayEnvelope({
        success: false,
        error: {
          code: 4220103,
          message: 'Ошибка валидации',
          validation: { app_id: ['Неверный идентификатор'] },
          hint: 'h',
        },
      }),
    ).toEqual({
      ok: false,
      code: 4220103,
      messages: { app_id: ['Неверный идентификатор'] },
      hint: 'h',
    });
  });

  it("reads S3's flat failure", () => {
    expect(
      parseKtpayEnvelope({
        success: false,
        data: [],
        error: { code: 0, messages: { error: 'Error text' }, hint: 'Hint text' },
      }),
    ).toEqual({ ok: false, messages: { error: ['Error text'] }, hint: 'Hint text' });
  });

  it('returns undefined for anything else', () => {
    for (const value of [null, [], 'ok', { data: {} }, { response: { data: {} } }]) {
      expect(parseKtpayEnvelope(value)).toBeUndefined();
    }
  });
});

describe('ktpayErrorFrom', () => {
  it('explains each documented code and picks the error kind', () => {
    const unknownApp = ktpayErrorFrom(401, { ok: false, code: 4010103, messages: {} });
    expect(unknownApp.kind).toBe('rejected');
    expect(unknownApp.message).toContain('4010103: wrong or unknown app_id');
    const badData = ktpayErrorFrom(422, { ok: false, code: 4220101, messages: {} });
    expect(badData.message).toContain('wrong app_key, bad base64 or not JSON');
    const validation = ktpayErrorFrom(422, {
      ok: false,
      code: 4220002,
      messages: { 'order.amount': ['must be a number'] },
    });
    expect(validation.kind).toBe('rejected');
    expect(validation.message).toContain('order.amount: must be a number');
    expect(validation.validation).toEqual({ 'order.amount': ['must be a number'] });
    const serverSide = ktpayErrorFrom(500, { ok: false, code: 5000105, messages: {} });
    expect(serverSide.kind).toBe('unavailable');
    expect(ktpayErrorFrom(502, undefined).kind).toBe('unavailable');
    expect(ktpayErrorFrom(200, undefined).kind).toBe('invalid_response');
  });
});

describe('createKtpayClient', () => {
  it('sends the sealed body raw with Auth-Identifier and reads transaction_hash', async () => {
    const keys = await createKtpayKeyPair();
    const seen: Request[] = [];
    const calls: unknown[] = [];
    const client = createKtpayClient({
      apiUrl: 'https://ktpay.test/api/v1/merchant-widget/',
      appId: 'app-1',
      appKey: keys.publicKey,
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return Response.json({
          error: [],
          response: { success: true, data: { transaction_hash: HASH } },
        });
      },
      onCall: (call) => {
        calls.push(call);
      },
    });
    const order = {
      amount: 1500.5,
      order_id: 'cs_1',
      type: 'ecom' as const,
      callback_post_url: 'https://shop.test/webhooks/ktpay/cs_1.secret',
    };
    expect(await client.createPayment({ order })).toEqual({ transactionHash: HASH });
    const request = seen[0] as Request;
    expect(request.url).toBe('https://ktpay.test/api/v1/merchant-widget/payment');
    expect(request.headers.get('auth-identifier')).toBe('app-1');
    const body = await request.text();
    expect(await openKtpay(body, keys.publicKey, keys.secretKey)).toEqual({ order });
    // The capability is not recorded.
    expect(JSON.stringify(calls)).not.toContain('secret');
    expect(JSON.stringify(calls)).toContain('cs_1');
  });

  it('throws KtpayError for an error envelope and for a missing transaction_hash', async () => {
    const keys = await createKtpayKeyPair();
    const answers = [
      Response.json(
        {
          error: { code: 4220101, messages: { error: ['x'] }, hint: 'h' },
          response: { success: false, data: [] },
        },
        { status: 422 },
      ),
      Response.json({ error: [], response: { success: true, data: {} } }),
    ];
    const client = createKtpayClient({
      apiUrl: 'https://ktpay.test/api',
      appId: 'a',
      appKey: keys.publicKey,
      fetch: async () => answers.shift() as Response,
    });
    const order = {
      amount: 1,
      order_id: 'o',
      type: 'ecom' as const,
      callback_post_url: 'https://x.test/c',
    };
    await expect(client.createPayment({ order })).rejects.toMatchObject({
      code: 4220101,
      kind: 'rejected',
    });
    const missing = await client.createPayment({ order }).catch((e) => e);
    expect(missing).toBeInstanceOf(KtpayError);
    expect(missing.kind).toBe('invalid_response');
  });

  it('reads payment_page from acquirer-options and refuses a non-http one', async () => {
    const keys = await createKtpayKeyPair();
    const pages = ['https://epay.homebank.kz/payform/?params=abc', 'javascript:alert(1)'];
    const client = createKtpayClient({
      apiUrl: 'https://ktpay.test/api',
      appId: 'a',
      appKey: keys.publicKey,
      fetch: async (input) => {
        expect(String(input)).toBe(`https://ktpay.test/api/payment/${HASH}/acquirer-options`);
        return Response.json({
          error: [],
          response: { success: true, data: { payment_page: pages.shift() } },
        });
      },
    });
    expect(await client.acquirerPaymentPage(HASH, 'o')).toBe(
      'https://epay.homebank.kz/payform/?params=abc',
    );
    await expect(client.acquirerPaymentPage(HASH, 'o')).rejects.toThrow(/no payment_page/);
  });

  it('a network failure is unavailable', async () => {
    const keys = await createKtpayKeyPair();
    const client = createKtpayClient({
      apiUrl: 'https://ktpay.test/api',
      appId: 'a',
      appKey: keys.publicKey,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(client.receipt(HASH, 'o')).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
