import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../store/order-store.ts';
import {
  createKesspayAdapter,
  kesspayOrderBody,
  kesspayOutTradeNo,
  merchantOrderIdFromOutTradeNo,
} from './adapter.ts';
import { resolveKesspayConfig } from './config.ts';

const config = resolveKesspayConfig({
  baseUrl: 'https://kess.test',
  clientId: 'id',
  clientSecret: 'client-secret',
  username: 'u',
  password: 'p',
  apiSecretKey: 'api-secret-key',
  sellerCode: 'CU2211-1',
  notifyUrl: 'https://shop.test/api/checkout/webhooks/kesspay',
  qrServiceCodes: ['KHQR', 'ABAAKHPP'],
});

function setup(methodsAnswer: () => Response) {
  let methodCalls = 0;
  const logs: string[] = [];
  const clock = { now: new Date('2026-01-01T00:00:00Z') };
  const fetch = (async (input: RequestInfo | URL) => {
    if (String(input).endsWith('/oauth/token')) return Response.json({ access_token: 't' });
    methodCalls += 1;
    return methodsAnswer();
  }) as typeof globalThis.fetch;
  const adapter = createKesspayAdapter({
    config,
    fetch,
    now: () => clock.now,
    logger: { log: (_level, message) => logs.push(message) },
  });
  return { adapter, logs, clock, calls: () => methodCalls };
}

describe('KessPay adapter: methods', () => {
  it('offers the configured list when getpaymentmethods fails, and says so', async () => {
    const { adapter, logs } = setup(() => new Response('down', { status: 500 }));
    await adapter.refreshMethods();
    expect(adapter.listMethods().map((m) => [m.id, m.flow])).toEqual([
      ['kesspay.webpay', 'redirect'],
      ['kesspay.khqr', 'qr'],
      ['kesspay.abaakhpp', 'qr'],
    ]);
    expect(logs.join()).toContain('getpaymentmethods failed');
  });

  it('uses the gateway list (nativePay BICs only) and caches it', async () => {
    const { adapter, clock, calls } = setup(() =>
      Response.json({
        success: true,
        data: [
          { bic: 'KHQR', title: 'KHQR' },
          { bic: 'ACLBKHPP', title: 'ACLEDA <b>mobile</b>' },
          { bic: 'VISA_MASTER', title: 'Card' },
          { bic: 'WECHAT', title: 'WeChat' },
        ],
      }),
    );
    await adapter.refreshMethods();
    await adapter.refreshMethods();
    expect(calls()).toBe(1);
    expect(adapter.listMethods().map((m) => m.id)).toEqual([
      'kesspay.webpay',
      'kesspay.khqr',
      'kesspay.aclbkhpp',
    ]);
    // Labels are text (the drop-in renders them escaped): the gateway's title is kept.
    expect(adapter.listMethods()[2]?.label).toBe('ACLEDA <b>mobile</b>');
    clock.now = new Date('2026-01-01T00:10:01Z');
    await adapter.refreshMethods();
    expect(calls()).toBe(2);
  });
});

describe('KessPay adapter helpers', () => {
  it('out_trade_no is the session id with dashes, and maps back', () => {
    const id = 'cs_0123456789abcdef01234567';
    expect(kesspayOutTradeNo(id)).toBe('cs-0123456789abcdef01234567');
    expect(kesspayOutTradeNo(id)).toMatch(/^[A-Za-z0-9-]{1,32}$/);
    expect(merchantOrderIdFromOutTradeNo(kesspayOutTradeNo(id))).toBe(id);
    expect(merchantOrderIdFromOutTradeNo('OTHER-1')).toBe('OTHER-1');
  });

  it('body keeps Khmer, drops control characters and surrounding spaces, caps the length', () => {
    const line = (name: string, quantity = 1) => ({ sku: 's', name, quantity, unitAmount: 1 });
    expect(kesspayOrderBody([line(' នំបញ្ចុក\n', 2), line('Tea')], 'cs_1')).toBe('នំបញ្ចុក x2, Tea');
    expect(kesspayOrderBody([line('  ')], 'cs_1')).toBe('Order cs_1');
    expect(kesspayOrderBody([line('x'.repeat(150))], 'cs_1')).toHaveLength(100);
  });

  it('refuses an answer about another order', async () => {
    const { adapter } = setup(() =>
      Response.json({ success: true, data: { out_trade_no: 'cs-other', status: 'SUCCESS' } }),
    );
    const order = {
      merchantOrderId: 'cs_abc',
      methodId: 'kesspay.webpay',
      cancelRequested: false,
      expiresAt: '2026-01-01T00:30:00Z',
    } as OrderRecord;
    await expect(adapter.queryPayment(order)).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});

/** A gateway scripted per service: `answers[service]` gives the HTTP status and body. */
function scripted(answers: Record<string, () => Response>) {
  const services: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).endsWith('/oauth/token')) return Response.json({ access_token: 't' });
    const service = String(JSON.parse(String(init?.body)).service).replace('webpay.acquire.', '');
    services.push(service);
    const answer = answers[service];
    if (!answer) throw new Error(`unexpected ${service}`);
    return answer();
  }) as typeof globalThis.fetch;
  const adapter = createKesspayAdapter({
    config,
    fetch,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { adapter, services };
}

const pending = {
  id: 'cs_abc',
  merchantOrderId: 'cs_abc',
  methodId: 'kesspay.webpay',
  amount: 1650,
  currency: 'USD',
  refundedAmount: 0,
  lines: [{ sku: 'c', name: 'Coffee', quantity: 1, unitAmount: 1650 }],
  cancelRequested: false,
  expiresAt: '2026-01-01T00:30:00Z',
} as unknown as OrderRecord;
const urls = { successUrl: 'https://shop.test/ok', failUrl: 'https://shop.test/fail' };
const ok = (data: unknown) => Response.json({ success: true, data });

describe('KessPay adapter: gateway outcomes', () => {
  it('a 409 DUPLICATED create adopts the earlier WAITING order with the same amount', async () => {
    const { adapter, services } = scripted({
      createorder: () => Response.json({ success: false }, { status: 409 }),
      queryorder: () =>
        ok({
          out_trade_no: 'cs-abc',
          status: 'WAITING',
          total_amount: 16.5,
          currency: 'USD',
          payment_link: 'https://kess.test/pay/1',
        }),
    });
    const created = await adapter.createPayment(pending, urls);
    expect(created.next).toEqual({ type: 'redirect', url: 'https://kess.test/pay/1' });
    expect(services).toEqual(['createorder', 'queryorder']);
  });

  it('a 409 for an order with another amount stays an error', async () => {
    const { adapter } = scripted({
      createorder: () => Response.json({ success: false }, { status: 409 }),
      queryorder: () =>
        ok({
          out_trade_no: 'cs-abc',
          status: 'WAITING',
          total_amount: 1,
          currency: 'USD',
          payment_link: 'https://kess.test/pay/1',
        }),
    });
    await expect(adapter.createPayment(pending, urls)).rejects.toMatchObject({
      code: 'DUPLICATED',
    });
  });

  it('a create answer without an http(s) payment_link is invalid', async () => {
    const { adapter } = scripted({
      createorder: () => ok({ payment_link: 'javascript:alert(1)' }),
    });
    await expect(adapter.createPayment(pending, urls)).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('closeorder: CLOSED and 419 count as closed, 422 as refused, 5xx throws', async () => {
    expect(
      await scripted({ closeorder: () => ok({ status: 'CLOSED' }) }).adapter.cancelPayment(pending),
    ).toBe(true);
    expect(
      await scripted({
        closeorder: () => Response.json({}, { status: 419 }),
      }).adapter.cancelPayment(pending),
    ).toBe(true);
    expect(
      await scripted({
        closeorder: () => Response.json({}, { status: 422 }),
      }).adapter.cancelPayment(pending),
    ).toBe(false);
    await expect(
      scripted({ closeorder: () => Response.json({}, { status: 500 }) }).adapter.cancelPayment(
        pending,
      ),
    ).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('v2Refund: a rejected_reason or a 4xx is a refused refund; a full refund sends no amount', async () => {
    let body: Record<string, unknown> = {};
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/oauth/token')) return Response.json({ access_token: 't' });
      body = JSON.parse(String(init?.body));
      return ok({ status: 'SUCCESS' });
    }) as typeof globalThis.fetch;
    const adapter = createKesspayAdapter({ config, fetch, now: () => new Date() });
    expect(await adapter.refundPayment(pending, { refundId: 'cs_abc-r1', amount: 1650 })).toEqual({
      refunded: true,
    });
    expect(body).not.toHaveProperty('partial_refund_amount');
    expect(body.merchant_reference).toBe('cs_abc-r1');
    await adapter.refundPayment(pending, { refundId: 'cs_abc-r2', amount: 100 });
    expect(body).toMatchObject({ partial_refund_amount: 1, partial_refund_amount_ccy: 'USD' });

    const refused = scripted({
      v2Refund: () => ok({ status: 'PENDING', rejected_reason: 'Insufficient balance' }),
    });
    expect(await refused.adapter.refundPayment(pending, { refundId: 'r', amount: 1650 })).toEqual({
      refunded: false,
      message: 'Insufficient balance',
    });
    const failed = scripted({
      v2Refund: () => Response.json({ message: 'Not refundable' }, { status: 422 }),
    });
    expect(
      await failed.adapter.refundPayment(pending, { refundId: 'r', amount: 1650 }),
    ).toMatchObject({
      refunded: false,
      message: expect.stringContaining('Not refundable'),
    });
  });

  it('queryorder 404 means the gateway does not know the order', async () => {
    const { adapter } = scripted({ queryorder: () => Response.json({}, { status: 404 }) });
    expect(await adapter.queryPayment(pending)).toMatchObject({ exists: false });
  });
});
