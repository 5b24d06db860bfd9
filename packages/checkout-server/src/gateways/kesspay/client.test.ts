import { describe, expect, it } from 'vitest';
import { createKesspayBasicAuth, createKesspayOAuth } from './auth.ts';
import { createKesspayClient, type KesspayCallRecord, KesspayError } from './client.ts';
import { verifyKesspay } from './signature.ts';

const KEY = 'api&secret=key<{^$';
const SELLER = 'CU2211-00000000000000001';

interface Seen {
  url: string;
  authorization: string;
  body: Record<string, unknown>;
}

/** A scripted gateway: tokens count up; `answer` decides each gateway call's response. */
function fakeGateway(answer: (seen: Seen, index: number) => Response) {
  const seen: Seen[] = [];
  let tokens = 0;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/oauth/token')) {
      tokens += 1;
      return Response.json({ access_token: `t${tokens}`, expires_in: '1800' });
    }
    const headers = new Headers(init?.headers);
    const entry = {
      url,
      authorization: headers.get('authorization') ?? '',
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    };
    seen.push(entry);
    return answer(entry, seen.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, seen, tokens: () => tokens };
}

const ok = (data: unknown) => Response.json({ success: true, data, sign: 'x', sign_type: 'MD5' });

function client(gateway: ReturnType<typeof fakeGateway>, calls: KesspayCallRecord[] = []) {
  return createKesspayClient({
    baseUrl: 'https://kess.test',
    auth: createKesspayOAuth({
      baseUrl: 'https://kess.test',
      clientId: 'id',
      clientSecret: 'secret',
      username: 'u',
      password: 'p',
      fetch: gateway.fetch,
    }),
    apiSecretKey: KEY,
    sellerCode: SELLER,
    fetch: gateway.fetch,
    onCall: (call) => {
      calls.push(call);
    },
  });
}

describe('KessPay client', () => {
  it('signs a flat createorder body; amounts in decimals, detail nested and unsigned', async () => {
    const gateway = fakeGateway(() => ok({ out_trade_no: 'cs-1', payment_link: 'https://p' }));
    const calls: KesspayCallRecord[] = [];
    const answer = await client(gateway, calls).createOrder({
      outTradeNo: 'cs-1',
      body: 'Coffee',
      amount: 1650,
      currency: 'USD',
      notifyUrl: 'https://shop.test/webhooks/kesspay?a=1&b=2',
      redirectUrl: 'https://shop.test/return',
      expiresInSeconds: 1800,
      detail: [{ no: 1, name: 'Coffee', price: 825, qty: 2 }],
    });
    expect(answer.payment_link).toBe('https://p');
    const [request] = gateway.seen;
    expect(request?.url).toBe('https://kess.test/api/mch/v2/gateway');
    expect(request?.authorization).toBe('Bearer t1');
    expect(request?.body).toMatchObject({
      service: 'webpay.acquire.createorder',
      sign_type: 'MD5',
      seller_code: SELLER,
      total_amount: 16.5,
      currency: 'USD',
      login_type: 'ANONYMOUS',
      expires_in: 1800,
      detail: [{ no: 1, name: 'Coffee', price: 8.25, qty: 2 }],
    });
    expect(verifyKesspay(request?.body as Record<string, unknown>, KEY)).toBe(true);
    expect(calls[0]).toMatchObject({
      merchantOrderId: 'cs-1',
      service: 'createorder',
      status: 200,
    });
    expect(JSON.stringify(calls)).not.toContain('"sign"');
  });

  it('KHR amounts are whole riel', async () => {
    const gateway = fakeGateway(() => ok({ qrcode: '000201' }));
    await client(gateway).nativePay({
      outTradeNo: 'cs-2',
      body: 'តែ',
      amount: 40000,
      currency: 'KHR',
      serviceCode: 'KHQR',
    });
    expect(gateway.seen[0]?.body).toMatchObject({
      service: 'webpay.acquire.nativePay',
      total_amount: 40000,
      service_code: 'KHQR',
    });
  });

  it('re-authenticates once on 401 and retries the call', async () => {
    const gateway = fakeGateway((_seen, index) =>
      index === 0
        ? Response.json({ message: 'Unauthenticated.' }, { status: 401 })
        : ok({ status: 'WAITING', out_trade_no: 'A' }),
    );
    const answer = await client(gateway).queryOrder('A');
    expect(answer.status).toBe('WAITING');
    expect(gateway.seen.map((s) => s.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(gateway.tokens()).toBe(2);
  });

  it('a second 401 is an UNAUTHENTICATED error, not a loop', async () => {
    const gateway = fakeGateway(() =>
      Response.json({ message: 'Unauthenticated.' }, { status: 401 }),
    );
    const error = await client(gateway)
      .queryOrder('A')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KesspayError);
    expect((error as KesspayError).code).toBe('UNAUTHENTICATED');
    expect(gateway.seen).toHaveLength(2);
  });

  it('concurrent calls share one token request', async () => {
    const gateway = fakeGateway(() => ok({ status: 'WAITING' }));
    const kess = client(gateway);
    await Promise.all([kess.queryOrder('A'), kess.queryOrder('B'), kess.closeOrder('C')]);
    expect(gateway.tokens()).toBe(1);
    expect(gateway.seen).toHaveLength(3);
  });

  it.each([
    [403, 'FORBIDDEN', 'rejected', 'allow-list'],
    [409, 'DUPLICATED', 'rejected', 'out_trade_no was already used'],
    [419, 'EXPIRED', 'rejected', 'expired'],
    [422, 'PROCESS_FAILED', 'rejected', 'Order closed'],
    [500, 'SYSTEM_ERROR', 'unavailable', 'HTTP 500'],
    [503, 'FEATURE_UNDER_MAINTENANCE', 'unavailable', 'HTTP 503'],
  ])('HTTP %i → %s (%s)', async (status, code, kind, text) => {
    const gateway = fakeGateway(() =>
      Response.json({ success: false, message: 'Order closed <b>now</b>' }, { status }),
    );
    const error = (await client(gateway)
      .closeOrder('A')
      .catch((e: unknown) => e)) as KesspayError;
    expect(error).toBeInstanceOf(KesspayError);
    expect(error.code).toBe(code);
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(status);
    expect(error.message).toContain(text);
    expect(error.message).not.toContain('<b>');
  });

  it('success:false on HTTP 200 is a refusal; success:"true" (legacy v1) is accepted', async () => {
    const refused = fakeGateway(() => Response.json({ success: false, message: 'Invalid sign' }));
    const error = (await client(refused)
      .queryOrder('A')
      .catch((e: unknown) => e)) as KesspayError;
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('Invalid sign');
    const legacy = fakeGateway(() =>
      Response.json({ success: 'true', data: { status: 'SUCCESS' } }),
    );
    expect((await client(legacy).queryOrder('A')).status).toBe('SUCCESS');
  });

  it('a timeout is unavailable', async () => {
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const kess = createKesspayClient({
      baseUrl: 'https://kess.test',
      auth: createKesspayBasicAuth({ username: 'u', password: 'p' }),
      apiSecretKey: KEY,
      sellerCode: SELLER,
      fetch,
      timeoutMs: 5,
    });
    const error = (await kess.queryOrder('A').catch((e: unknown) => e)) as KesspayError;
    expect(error.kind).toBe('unavailable');
  });

  it('v1 Basic auth posts to /api/mch/v1/gateway and a 401 is not retried', async () => {
    const gateway = fakeGateway(() =>
      Response.json({ message: 'Unauthenticated.' }, { status: 401 }),
    );
    const kess = createKesspayClient({
      baseUrl: 'https://kess.test',
      auth: createKesspayBasicAuth({ username: 'u', password: 'p' }),
      apiSecretKey: KEY,
      sellerCode: SELLER,
      signType: 'HMAC-SHA256',
      fetch: gateway.fetch,
    });
    await kess.queryOrder('A').catch(() => undefined);
    expect(gateway.seen).toHaveLength(1);
    expect(gateway.seen[0]?.url).toBe('https://kess.test/api/mch/v1/gateway');
    expect(gateway.seen[0]?.authorization).toMatch(/^Basic /);
    expect(gateway.seen[0]?.body.sign).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refund sends the partial amount and currency; getpaymentmethods needs a list', async () => {
    const gateway = fakeGateway((seen) =>
      seen.body.service === 'webpay.acquire.getpaymentmethods'
        ? ok({ not: 'a list' })
        : ok({ status: 'SUCCESS' }),
    );
    const kess = client(gateway);
    await kess.refund({ outTradeNo: 'A', reason: 'r', partialAmount: 525, currency: 'USD' });
    expect(gateway.seen[0]?.body).toMatchObject({
      service: 'webpay.acquire.v2Refund',
      partial_refund_amount: 5.25,
      partial_refund_amount_ccy: 'USD',
    });
    await expect(kess.getPaymentMethods()).rejects.toMatchObject({ kind: 'invalid_response' });
    await kess.queryRefund({ merchantReference: 'ref-1' });
    expect(gateway.seen.at(-1)?.body).toMatchObject({
      service: 'webpay.acquire.queryRefund',
      merchant_reference: 'ref-1',
    });
    expect(gateway.seen.at(-1)?.body).not.toHaveProperty('transaction_id');
  });
});
