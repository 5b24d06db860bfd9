import { createKtpayKeyPair, sealKtpay } from '@localpay/checkout-server/ktpay';
import sodium from 'libsodium-wrappers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import { ktpayTimestamp } from './callbacks.ts';

const PUBLIC_URL = 'http://127.0.0.1:4999/sandbox';
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type Json = Record<string, any>;

let sandbox: GatewaySandbox;
const callbacks: Array<{ url: string; body: Json }> = [];
let callbackAnswers: Array<() => Response> = [];

beforeAll(async () => {
  await sodium.ready;
});

function start() {
  callbacks.length = 0;
  callbackAnswers = [];
  sandbox = createGatewaySandbox({
    publicUrl: PUBLIC_URL,
    ktpay: { callbackRetryDelaysMs: [5, 5] },
    fetch: async (input, init) => {
      callbacks.push({ url: String(input), body: JSON.parse(String(init?.body)) as Json });
      const answer = callbackAnswers.shift();
      return answer ? answer() : Response.json({ status: 'ok' });
    },
  });
  return sandbox;
}

afterEach(() => sandbox?.close());

const order = (overrides: Json = {}) => ({
  order: {
    amount: 15000.5,
    order_id: `cs_${Math.random().toString(16).slice(2)}`,
    description: 'Шұбат',
    type: 'ecom',
    callback_post_url: 'http://127.0.0.1:1/webhooks/ktpay/cap',
    callback_success_url: 'https://shop.example/ok',
    callback_failed_url: 'https://shop.example/fail',
    ...overrides,
  },
});

async function create(body: string, appId: string | null = sandbox.ktpay.credentials.appId) {
  const response = await sandbox.fetch(
    new Request(`${sandbox.ktpay.apiUrl}/payment`, {
      method: 'POST',
      headers: appId === null ? {} : { 'auth-identifier': appId },
      body,
    }),
  );
  return { status: response.status, json: (await response.json()) as Json };
}

const sealed = (payload: unknown) => sealKtpay(payload, sandbox.ktpay.credentials.appKey);

describe('Ktpay emulator: create payment', () => {
  it('opens the sealed body and answers the current envelope with transaction_hash', async () => {
    start();
    const payload = order();
    const { status, json } = await create(await sealed(payload));
    expect(status).toBe(200);
    expect(json.error).toEqual([]);
    expect(json.response.success).toBe(true);
    expect(json.response.data.transaction_hash).toMatch(/^[0-9a-f]{40}$/);
    expect(json.response.data.show_close_button).toBe(true);
    expect(sandbox.ktpay.getPayment(json.response.data.transaction_hash)).toMatchObject({
      orderId: payload.order.order_id,
      amount: 1_500_050,
      wireAmount: 15000.5,
      status: 'pending',
    });
  });

  it('4010103 for a missing or unknown Auth-Identifier', async () => {
    start();
    const body = await sealed(order());
    for (const appId of [null, 'ffffffffffffffffffffffffffffffff']) {
      const { status, json } = await create(body, appId);
      expect(status).toBe(401);
      expect(json.error.code).toBe(4010103);
      expect(json.response).toEqual({ success: false, data: [] });
    }
  });

  it('4220101 for a URL-safe body, a wrong key, a tampered body and garbage', async () => {
    start();
    const json = JSON.stringify(order());
    const key = Buffer.from(sandbox.ktpay.credentials.appKey, 'base64');
    const urlSafe = sodium.to_base64(sodium.crypto_box_seal(json, key));
    const other = await createKtpayKeyPair();
    const tampered = Buffer.from(await sealed(order()), 'base64');
    tampered[60] = (tampered[60] as number) ^ 1;
    const cases: Array<[string, RegExp]> = [
      [urlSafe, /URL-safe|standard base64/],
      [await sealKtpay(order(), other.publicKey), /wrong keys/],
      [tampered.toString('base64'), /wrong keys or a tampered body/],
      ['hello', /not standard base64/],
    ];
    for (const [body, detail] of cases) {
      const answer = await create(body);
      expect(answer.status).toBe(422);
      expect(answer.json.error.code).toBe(4220101);
      expect(answer.json.error.messages.detail[0]).toMatch(detail);
    }
  });

  it('4220002 with the fields for invalid order data', async () => {
    start();
    const cases: Array<[unknown, string]> = [
      [{}, 'order'],
      [order({ amount: 10.005 }), 'order.amount'],
      [order({ amount: '1000' }), 'order.amount'],
      [order({ order_id: '' }), 'order.order_id'],
      [order({ type: 'shop' }), 'order.type'],
      [order({ type: 'service' }), 'order.service'],
      [order({ callback_post_url: 'javascript:alert(1)' }), 'order.callback_post_url'],
      [{ ...order(), user: { email: 5 } }, 'user.email'],
    ];
    for (const [payload, field] of cases) {
      const { status, json } = await create(await sealed(payload));
      expect(status).toBe(422);
      expect(json.error.code).toBe(4220002);
      expect(Object.keys(json.error.messages)).toContain(field);
    }
    const payload = order();
    expect((await create(await sealed(payload))).status).toBe(200);
    const again = await create(await sealed(payload));
    expect(again.json.error.messages['order.order_id']).toBeDefined();
  });
});

describe('Ktpay emulator: acquirer-options, card page, callbacks, receipt', () => {
  async function newPayment(overrides: Json = {}) {
    const { json } = await create(await sealed(order(overrides)));
    return json.response.data.transaction_hash as string;
  }

  it('serves payment_page from acquirer-options and 404 for an unknown hash', async () => {
    start();
    const hash = await newPayment();
    const response = await sandbox.fetch(
      new Request(`${sandbox.ktpay.apiUrl}/payment/${hash}/acquirer-options`),
    );
    expect(await response.json()).toEqual({
      error: [],
      response: {
        success: true,
        data: { payment_page: `${PUBLIC_URL}/ktpay/epay/payform?hash=${hash}` },
      },
    });
    const unknown = await sandbox.fetch(
      new Request(`${sandbox.ktpay.apiUrl}/payment/${'0'.repeat(40)}/acquirer-options`),
    );
    expect(unknown.status).toBe(404);
  });

  it("tolerates the official client's &show_close_buttontrue and shows the test cards", async () => {
    start();
    const hash = await newPayment();
    const page = await sandbox.fetch(
      new Request(`${sandbox.ktpay.widgetUrl}/payment-card?hash=${hash}&show_close_buttontrue`),
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(sandbox.ktpay.testCards.success);
    expect(html).toContain('data-ktpay-close');
    expect(html).not.toMatch(/<script>|style="/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('pays by card, sends the §8 callback, and serves the receipt PDF', async () => {
    start();
    const hash = await newPayment();
    const paid = await sandbox.fetch(
      new Request(`${sandbox.ktpay.widgetUrl}/payment-card`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ hash, card_number: '4405 6450 0000 6150' }),
      }),
    );
    expect(await paid.text()).toContain('Payment successful');
    await sandbox.ktpay.idle();
    const payment = sandbox.ktpay.getPayment(hash);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]?.url).toBe('http://127.0.0.1:1/webhooks/ktpay/cap');
    expect(callbacks[0]?.body).toEqual({
      merchant_id: 1,
      order_id: payment?.orderId,
      description: 'Шұбат',
      amount: 15000.5,
      transaction_hash: hash,
      created_at: ktpayTimestamp(payment?.createdAt ?? null),
      updated_at: ktpayTimestamp(payment?.updatedAt ?? null),
      status: {
        status: 'completed',
        created_at: ktpayTimestamp(payment?.statusAt ?? null),
        updated_at: null,
        error: null,
      },
    });
    expect(callbacks[0]?.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+06:00$/);

    const pdf = await sandbox.fetch(new Request(`${sandbox.ktpay.apiUrl}/payment/${hash}/pdf`));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^attachment; filename="payment[\w-]+-\d{14}\.pdf"; filename\*=UTF-8''payment[\w-]+-\d{14}\.pdf$/,
    );
    const text = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(text).toContain('(Card: **** 6150) Tj');
    expect(text).toContain('(Amount: 15000.50 KZT) Tj');
  });

  it('declines the declined test card with an ERROR_PAYMENT callback; no receipt', async () => {
    start();
    const hash = await newPayment();
    await sandbox.fetch(
      new Request(`${sandbox.ktpay.widgetUrl}/payment-card`, {
        method: 'POST',
        body: new URLSearchParams({ hash, card_number: sandbox.ktpay.testCards.declined }),
      }),
    );
    await sandbox.ktpay.idle();
    expect(callbacks[0]?.body.status).toMatchObject({
      status: 'denied',
      error: { error_type: 'ERROR_PAYMENT' },
    });
    const pdf = await sandbox.fetch(new Request(`${sandbox.ktpay.apiUrl}/payment/${hash}/pdf`));
    expect(pdf.status).toBe(422);
  });

  it('retries until {"status":"ok"} and gives up after the schedule', async () => {
    start();
    callbackAnswers = [
      () => new Response('ok', { status: 200 }),
      () => Response.json({ status: 'ok' }, { status: 500 }),
      () => Response.json({ status: 'ok' }),
    ];
    const hash = await newPayment();
    sandbox.ktpay.pay(hash);
    await sandbox.ktpay.idle();
    expect(
      sandbox.ktpay.callbackDeliveries().map((d) => [d.attempt, d.status, d.acknowledged]),
    ).toEqual([
      [1, 200, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    callbackAnswers = [() => new Response(null, { status: 503 })].concat(
      Array(5).fill(() => new Response(null, { status: 503 })),
    );
    const other = await newPayment();
    sandbox.ktpay.decline(other);
    await sandbox.ktpay.idle();
    expect(
      sandbox.ktpay.callbackDeliveries().filter((d) => d.transactionHash === other),
    ).toHaveLength(3);
  });

  it('control API: pay once, then 409; unknown 404', async () => {
    start();
    const hash = await newPayment();
    const control = (path: string, method = 'POST') =>
      sandbox.fetch(new Request(`${PUBLIC_URL}/ktpay/_control${path}`, { method }));
    expect((await control(`/payments/${hash}/pay`)).status).toBe(200);
    expect((await control(`/payments/${hash}/decline`)).status).toBe(409);
    expect((await control(`/payments/${'1'.repeat(40)}/pay`)).status).toBe(404);
    const listed = (await (await control('/payments', 'GET')).json()) as Json;
    expect(listed.payments[0]).toMatchObject({ transactionHash: hash, status: 'completed' });
  });
});
