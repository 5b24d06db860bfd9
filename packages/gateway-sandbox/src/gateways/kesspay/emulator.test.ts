import { signKesspay, verifyKesspay } from '@localpay/checkout-server/kesspay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasValidEmvCrc, parseEmvFields } from '../../emvco/index.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import { KESSPAY_SANDBOX_CREDENTIALS } from './emulator.ts';

const BASE = 'http://127.0.0.1:4010/sandbox/kesspay';
const creds = KESSPAY_SANDBOX_CREDENTIALS;
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type Json = Record<string, any>;

let sandbox: GatewaySandbox;
let notifies: Array<{ url: string; body: string; type: string | null }>;
let notifyStatus: number[];

beforeEach(() => {
  notifies = [];
  notifyStatus = [];
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    kesspay: { notifyRetryDelayMs: 1, notifyMaxAttempts: 3 },
    fetch: async (input, init) => {
      notifies.push({
        url: String(input),
        body: String(init?.body),
        type: new Headers(init?.headers).get('content-type'),
      });
      return new Response(null, { status: notifyStatus.shift() ?? 200 });
    },
  });
});

afterEach(() => sandbox.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await sandbox.fetch(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

async function accessToken(): Promise<string> {
  const { status, body } = await post('/oauth/token', {
    grant_type: 'password',
    client_id: creds.clientId,
    client_secret: creds.clientSecret,
    username: creds.username,
    password: creds.password,
  });
  expect(status).toBe(200);
  expect(body).toMatchObject({ token_type: 'Bearer', expires_in: '1800' });
  return body.access_token as string;
}

async function call(
  fields: Record<string, unknown>,
  options: { token?: string; key?: string } = {},
) {
  const params: Record<string, unknown> = {
    sign_type: 'MD5',
    seller_code: creds.sellerCode,
    ...fields,
  };
  params.sign = signKesspay(params, options.key ?? creds.apiSecretKey);
  const token = options.token ?? (await accessToken());
  return post('/api/mch/v2/gateway', params, { authorization: `Bearer ${token}` });
}

const order = (overrides: Record<string, unknown> = {}) => ({
  service: 'webpay.acquire.createorder',
  out_trade_no: 'TR-0001',
  body: 'Coffee',
  total_amount: 16.5,
  currency: 'USD',
  notify_url: 'https://shop.example/notify',
  redirect_url: 'https://shop.example/return',
  ...overrides,
});

describe('KessPay emulator: OAuth', () => {
  it('refuses wrong client credentials and wrong passwords', async () => {
    const bad = await post('/oauth/token', {
      grant_type: 'password',
      client_id: creds.clientId,
      client_secret: 'nope',
      username: creds.username,
      password: creds.password,
    });
    expect(bad).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const wrongPassword = await post('/oauth/token', {
      grant_type: 'password',
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
      username: creds.username,
      password: 'nope',
    });
    expect(wrongPassword).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('gateway calls need a live bearer token; revoked tokens get 401', async () => {
    const token = await accessToken();
    expect((await call(order(), { token })).status).toBe(200);
    sandbox.kesspay.revokeTokens();
    expect(await call(order({ out_trade_no: 'TR-0002' }), { token })).toMatchObject({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
    expect(sandbox.kesspay.tokensIssued()).toBe(1);
  });
});

describe('KessPay emulator: gateway', () => {
  it('createorder answers a signed OrderInfo with a payment_link', async () => {
    const { status, body } = await call(order());
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({
      out_trade_no: 'TR-0001',
      total_amount: 16.5,
      currency: 'USD',
      status: 'WAITING',
    });
    expect(body.data.payment_link).toMatch(new RegExp(`^${BASE}/pay/[0-9a-f]{32}$`));
    expect(
      verifyKesspay(
        { ...body.data, sign: body.sign, sign_type: body.sign_type },
        creds.apiSecretKey,
      ),
    ).toBe(true);
  });

  it('routes service names case-insensitively and signs every received scalar', async () => {
    expect((await call(order({ service: 'webpay.acquire.createOrder' }))).status).toBe(200);
    const query = await call({
      service: 'WEBPAY.ACQUIRE.QUERYORDER',
      out_trade_no: 'TR-0001',
      login_type: 'ANONYMOUS',
      anything_else: 'signed too',
    });
    expect(query).toMatchObject({ status: 200, body: { data: { status: 'WAITING' } } });
  });

  it('rejects a bad sign, an unsigned extra field and a wrong key with 400', async () => {
    expect(await call(order(), { key: 'wrong' })).toMatchObject({
      status: 400,
      body: { success: false, code: 'VALIDATION_ERROR', message: 'Invalid signature.' },
    });
    const params: Record<string, unknown> = {
      sign_type: 'MD5',
      seller_code: creds.sellerCode,
      ...order(),
    };
    params.sign = signKesspay(params, creds.apiSecretKey);
    params.injected = 'x';
    const token = await accessToken();
    const tampered = await post('/api/mch/v2/gateway', params, {
      authorization: `Bearer ${token}`,
    });
    expect(tampered.status).toBe(400);
  });

  it('trims values like Laravel before checking the sign', async () => {
    // Signed untrimmed: the gateway sees "Coffee" and the sign no longer matches.
    expect((await call(order({ body: ' Coffee ' }))).status).toBe(400);
  });

  it('a reused out_trade_no is 409 DUPLICATED; a bad amount is 400', async () => {
    await call(order());
    expect(await call(order())).toMatchObject({ status: 409, body: { code: 'DUPLICATED' } });
    expect(await call(order({ out_trade_no: 'TR-9', total_amount: 16.505 }))).toMatchObject({
      status: 400,
    });
    expect(
      await call(order({ out_trade_no: 'TR-9', currency: 'KHR', total_amount: 100.5 })),
    ).toMatchObject({
      status: 400,
    });
    expect(await call(order({ out_trade_no: 'TR_under' }))).toMatchObject({ status: 400 });
  });

  it('nativePay KHQR is a valid EMVCo payload with the amount, currency and bill number', async () => {
    const { status, body } = await call(
      order({
        service: 'webpay.acquire.nativePay',
        service_code: 'KHQR',
        currency: 'KHR',
        total_amount: 40000,
      }),
    );
    expect(status).toBe(200);
    const qr = body.data.qrcode as string;
    expect(hasValidEmvCrc(qr)).toBe(true);
    const fields = parseEmvFields(qr);
    expect(fields.get('01')).toBe('12');
    expect(fields.get('53')).toBe('116');
    expect(fields.get('54')).toBe('40000');
    expect(fields.get('58')).toBe('KH');
    expect(parseEmvFields(fields.get('62') as string).get('01')).toBe('TR-0001');
    expect(parseEmvFields(fields.get('30') as string).get('00')).toContain('@');
    expect(body.data.deeplink).toMatch(new RegExp(`^${BASE}/qr/[0-9a-f]{32}$`));
    expect(body.data.expires_in).toBeGreaterThan(1790);
    const usd = await call(
      order({ service: 'webpay.acquire.nativePay', service_code: 'KHQR', out_trade_no: 'TR-U' }),
    );
    expect(parseEmvFields(usd.body.data.qrcode).get('54')).toBe('16.50');
    expect(parseEmvFields(usd.body.data.qrcode).get('53')).toBe('840');
    expect(
      await call(
        order({
          service: 'webpay.acquire.nativePay',
          service_code: 'VISA_MASTER',
          out_trade_no: 'TR-V',
        }),
      ),
    ).toMatchObject({
      status: 400,
      body: { message: 'Invalid payment method bic.' },
    });
  });

  it('closeorder closes a WAITING order, refuses a paid one (422)', async () => {
    await call(order());
    const closed = await call({ service: 'webpay.acquire.closeorder', out_trade_no: 'TR-0001' });
    expect(closed.body.data.status).toBe('CLOSED');
    await call(order({ out_trade_no: 'TR-P' }));
    await sandbox.kesspay.pay('TR-P');
    expect(
      await call({ service: 'webpay.acquire.closeOrder', out_trade_no: 'TR-P' }),
    ).toMatchObject({
      status: 422,
      body: { code: 'PROCESS_FAILED' },
    });
    expect(
      await call({ service: 'webpay.acquire.queryorder', out_trade_no: 'nope' }),
    ).toMatchObject({
      status: 404,
    });
  });

  it('v2Refund: partial then full, queryRefund finds it, over-refund is 422', async () => {
    await call(order());
    await sandbox.kesspay.pay('TR-0001');
    const partial = await call({
      service: 'webpay.acquire.v2Refund',
      out_trade_no: 'TR-0001',
      reason: 'r',
      partial_refund_amount: 5.25,
      partial_refund_amount_ccy: 'USD',
      merchant_reference: 'ref-1',
    });
    expect(partial.body.data).toMatchObject({
      amount: 5.25,
      status: 'SUCCESS',
      merchant_reference: 'ref-1',
    });
    expect(sandbox.kesspay.getOrder('TR-0001')?.status).toBe('PARTIAL_REFUNDED');
    expect(
      await call({
        service: 'webpay.acquire.v2Refund',
        out_trade_no: 'TR-0001',
        reason: 'r',
        partial_refund_amount: 20,
        partial_refund_amount_ccy: 'USD',
      }),
    ).toMatchObject({ status: 422 });
    const rest = await call({
      service: 'webpay.acquire.v2Refund',
      out_trade_no: 'TR-0001',
      reason: 'r',
    });
    expect(rest.body.data.amount).toBe(11.25);
    expect(sandbox.kesspay.getOrder('TR-0001')?.status).toBe('REFUNDED');
    const found = await call({
      service: 'webpay.acquire.queryRefund',
      merchant_reference: 'ref-1',
    });
    expect(found.body.data.transaction_id).toBe(partial.body.data.transaction_id);
  });

  it('getpaymentmethods lists BICs; unknown services are 400', async () => {
    const methods = await call({ service: 'webpay.acquire.getpaymentmethods' });
    expect(methods.body.data.map((m: Json) => m.bic)).toEqual([
      'KHQR',
      'ABAAKHPP',
      'ACLBKHPP',
      'VISA_MASTER',
    ]);
    expect(await call({ service: 'webpay.acquire.quickpay' })).toMatchObject({ status: 400 });
  });

  it('v1 takes Basic auth', async () => {
    const params: Record<string, unknown> = {
      sign_type: 'HMAC-SHA256',
      seller_code: creds.sellerCode,
      ...order(),
    };
    params.sign = signKesspay(params, creds.apiSecretKey);
    const basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    expect((await post('/api/mch/v1/gateway', params, { authorization: basic })).status).toBe(200);
    expect(
      (await post('/api/mch/v1/gateway', params, { authorization: 'Basic eDp5' })).status,
    ).toBe(401);
  });

  it('injected faults hit the API, not the control API', async () => {
    const token = await accessToken();
    sandbox.kesspay.faults.set({ failNext: { status: 503 } });
    expect(await call(order(), { token })).toMatchObject({
      status: 503,
      body: { code: 'FEATURE_UNDER_MAINTENANCE' },
    });
    expect((await call(order(), { token })).status).toBe(200);
    const control = await sandbox.fetch(new Request(`${BASE}/_control/orders`));
    expect(control.status).toBe(200);
  });
});

describe('KessPay emulator: notifies', () => {
  it('posts a signed form-encoded notify with PHP bracket fields, retried until 2xx', async () => {
    notifyStatus = [500, 200];
    await call(order());
    await sandbox.kesspay.pay('TR-0001', { bic: 'ABAAKHPP' });
    await sandbox.kesspay.idle();
    expect(notifies).toHaveLength(2);
    expect(notifies[0]?.type).toBe('application/x-www-form-urlencoded');
    expect(notifies[0]?.url).toBe('https://shop.example/notify');
    const form = new URLSearchParams(notifies[1]?.body);
    expect(form.get('seller[code]')).toBe(creds.sellerCode);
    expect(form.get('payment_detail[payment_method_bic]')).toBe('ABAAKHPP');
    expect(form.get('total_amount')).toBe('16.50');
    expect(form.get('status')).toBe('SUCCESS');
    const flat = Object.fromEntries([...form].filter(([key]) => !key.includes('[')));
    expect(verifyKesspay(flat, creds.apiSecretKey)).toBe(true);
    expect(sandbox.kesspay.notifyDeliveries().map((d) => d.status)).toEqual([500, 200]);
  });

  it('gives up after notifyMaxAttempts; drop mode sends nothing', async () => {
    notifyStatus = [500, 500, 500];
    await call(order());
    await sandbox.kesspay.decline('TR-0001');
    await sandbox.kesspay.idle();
    expect(notifies).toHaveLength(3);
    sandbox.kesspay.faults.set({ webhooks: 'drop' });
    await call(order({ out_trade_no: 'TR-2' }));
    await sandbox.kesspay.expire('TR-2');
    await sandbox.kesspay.idle();
    expect(notifies).toHaveLength(3);
    expect(sandbox.kesspay.notifyDeliveries().at(-1)?.status).toBe('dropped');
  });
});
