import { signKsher, verifyKsher } from '@localpay/checkout-server/ksher';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKsherTestClient, createWebhookRecorder } from '../../../tests/ksher-client.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import { KSHER_SANDBOX_TOKEN } from './emulator.ts';

let sandbox: GatewaySandbox;
let client: ReturnType<typeof createKsherTestClient>;

beforeEach(() => {
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksher: { webhookUrl: 'https://shop.example/api/checkout/webhooks/ksher' },
    fetch: createWebhookRecorder().fetch,
  });
  client = createKsherTestClient(sandbox);
});

afterEach(() => sandbox.close());

/** The response signature covers every field except `signature` and `log_entry_url` (§3.3). */
function expectSignedResponse(prefix: string, body: Record<string, unknown>) {
  expect(body.signature).toMatch(/^[0-9A-F]{64}$/);
  expect(verifyKsher(prefix, body, sandbox.ksher.token)).toBe(true);
  const { signature, log_entry_url, ...fields } = body;
  expect(typeof log_entry_url).toBe('string');
  expect(signKsher(prefix, fields, sandbox.ksher.token)).toBe(signature);
}

describe('Ksher emulator: create', () => {
  it('creates an Available order with a signed §5 record', async () => {
    const { status, body } = await client.create({ note: 'gift wrap' });
    expect(status).toBe(200);
    expectSignedResponse('/api/v1/redirect/orders', body);
    expect(body).toMatchObject({
      merchant_order_id: 'order-1',
      amount: 89_000,
      currency: 'THB',
      status: 'Available',
      error_code: 'SUCCESS',
      order_type: 'Sale',
      api_name: 'Redirect',
      acquirer: 'Ksher',
      acquirer_order_id: '',
      channel_order_id: '',
      note: 'gift wrap',
      mid: 'False',
      reserved2: 'False',
      reserved3: 'False',
      reserved4: 'False',
      locked: false,
      cleared: false,
      force_clear: false,
      timestamp: '1700000000',
    });
    expect(body.reference).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/sandbox\/ksher\/ua\?order_uuid=[0-9a-f]{32}$/,
    );
    expect(body.order_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(body.log_entry_url).toMatch(/web#action=153&view_type=form&model=rest\.log&id=\d+$/);
    expect(sandbox.ksher.baseUrl).toBe('http://127.0.0.1:4010/sandbox/ksher');
  });

  it('uses the documented default token', () => {
    expect(sandbox.ksher.token).toBe(KSHER_SANDBOX_TOKEN);
    expect(KSHER_SANDBOX_TOKEN).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a lowercase request signature (the PHP SDK sends one)', async () => {
    const { body } = await client.call(
      'POST',
      '/api/v1/redirect/orders',
      {
        merchant_order_id: 'php-1',
        amount: 100,
        redirect_url: 'https://shop.example/ok',
        redirect_url_fail: 'https://shop.example/fail',
        timestamp: '20240101120000',
      },
      {
        sign: (prefix) =>
          signKsher(
            prefix,
            {
              merchant_order_id: 'php-1',
              amount: 100,
              redirect_url: 'https://shop.example/ok',
              redirect_url_fail: 'https://shop.example/fail',
              timestamp: '20240101120000',
            },
            sandbox.ksher.token,
          ).toLowerCase(),
      },
    );
    expect(body.error_code).toBe('SUCCESS');
  });

  it('verifies against the path as requested: a trailing slash must be signed too (§10.1)', async () => {
    const params = {
      merchant_order_id: 'slash-1',
      amount: 100,
      redirect_url: 'https://shop.example/ok',
      redirect_url_fail: 'https://shop.example/fail',
      timestamp: '1',
    };
    const accepted = await client.call('POST', '/api/v1/redirect/orders/', params);
    expect(accepted.status).toBe(200);
    expectSignedResponse('/api/v1/redirect/orders/', accepted.body);

    const rejected = await client.call(
      'POST',
      '/api/v1/redirect/orders/',
      { ...params, merchant_order_id: 'slash-2' },
      {
        sign: () =>
          signKsher(
            '/api/v1/redirect/orders',
            { ...params, merchant_order_id: 'slash-2' },
            sandbox.ksher.token,
          ),
      },
    );
    expect(rejected.status).toBe(401);
    expect(sandbox.ksher.getOrder('slash-2')).toBeUndefined();
  });

  it('rejects a tampered body or a wrong token with 401 in the gateway error shape', async () => {
    const params = {
      merchant_order_id: 'tamper-1',
      amount: 100,
      redirect_url: 'https://shop.example/ok',
      redirect_url_fail: 'https://shop.example/fail',
      timestamp: '1',
    };
    const tampered = await client.call(
      'POST',
      '/api/v1/redirect/orders',
      { ...params, amount: 1 },
      { sign: (prefix) => signKsher(prefix, params, sandbox.ksher.token) },
    );
    expect(tampered.status).toBe(401);
    expect(tampered.body).toEqual({
      code: 401,
      name: 'Unauthorized',
      description: expect.stringMatching(/^<p>.+<\/p>$/),
      log_entry_url: expect.stringContaining('model=rest.log'),
    });
    const wrongToken = await createKsherTestClient(sandbox, 'f'.repeat(64)).create({
      merchant_order_id: 'tamper-2',
    });
    expect(wrongToken.status).toBe(401);
    const unsigned = await client.call(
      'POST',
      '/api/v1/redirect/orders',
      { ...params, merchant_order_id: 'tamper-3' },
      { sign: () => '' },
    );
    expect(unsigned.status).toBe(401);
    expect(sandbox.ksher.listOrders()).toEqual([]);
    expect(JSON.stringify([tampered.body, wrongToken.body])).not.toContain(sandbox.ksher.token);
  });

  it('answers 400 with the marshmallow-style body for a missing amount', async () => {
    const { status, body } = await client.create({ amount: undefined });
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 400,
      name: 'Bad Request',
      description: "<p>BadRequest {'amount': ['Missing data for required field.']}</p>",
      log_entry_url: expect.stringContaining('web#action=153&view_type=form&model=rest.log&id='),
    });
  });

  it('answers 400 naming every bad field', async () => {
    const { status, body } = await client.create({
      redirect_url: 'not a url',
      redirect_url_fail: 'javascript:alert(1)',
      amount: 0,
      timestamp: '',
    });
    expect(status).toBe(400);
    expect(body.description).toBe(
      "<p>BadRequest {'amount': ['Must be greater than or equal to 1.'], 'redirect_url': ['Not a valid URL.'], 'redirect_url_fail': ['Not a valid URL.'], 'timestamp': ['Shorter than minimum length 1.']}</p>",
    );
    const fractional = await client.create({ amount: 100.5 });
    expect(fractional.body.description).toContain("'amount': ['Not a valid integer.']");
    expect(sandbox.ksher.listOrders()).toEqual([]);
  });

  it('accepts an integral numeric string amount (the Java SDK sends strings)', async () => {
    const { body } = await client.create({ amount: '15050' });
    expect(body.error_code).toBe('SUCCESS');
    expect(body.amount).toBe(15_050);
  });

  it('answers FAIL with the existing record for a duplicate merchant_order_id', async () => {
    const first = await client.create();
    const again = await client.create({ amount: 1, timestamp: '1700000099' });
    expect(again.status).toBe(200);
    expectSignedResponse('/api/v1/redirect/orders', again.body);
    expect(again.body).toMatchObject({
      error_code: 'FAIL',
      error_message: 'merchant_order_id already exists',
      merchant_order_id: 'order-1',
      gateway_order_id: first.body.gateway_order_id,
      reference: first.body.reference,
      amount: 89_000,
      timestamp: '1700000099',
    });
    expect(sandbox.ksher.listOrders()).toHaveLength(1);
  });
});

describe('Ksher emulator: query', () => {
  it('reports PENDING, then SUCCESS once paid', async () => {
    await client.create({ channel: 'promptpay,truemoney' });
    const pending = await client.query('order-1');
    expectSignedResponse('/api/v1/redirect/orders/order-1', pending.body);
    expect(pending.body).toMatchObject({
      status: 'Available',
      error_code: 'PENDING',
      error_message: 'Order is pending on further processing',
      channel: '',
      timestamp: '1700000001',
    });

    await sandbox.ksher.pay('order-1', { channel: 'truemoney' });
    const paid = await client.query('order-1', '1700000500');
    expectSignedResponse('/api/v1/redirect/orders/order-1', paid.body);
    expect(paid.body).toMatchObject({
      status: 'Paid',
      error_code: 'SUCCESS',
      error_message: 'Successful',
      channel: 'truemoney',
      timestamp: '1700000500',
    });
    expect(paid.body.acquirer_order_id).toMatch(/^\d{23}$/);
    expect(paid.body.channel_order_id).toMatch(/^\d{28}$/);
  });

  it('reports closed orders with the reason in error_message', async () => {
    await client.create({ merchant_order_id: 'd-1' });
    await client.create({ merchant_order_id: 'e-1' });
    await sandbox.ksher.decline('d-1');
    await sandbox.ksher.expire('e-1');
    expect((await client.query('d-1')).body).toMatchObject({
      status: 'Closed',
      error_code: 'FAIL',
      error_message: 'Fail',
    });
    expect((await client.query('e-1')).body).toMatchObject({
      status: 'Closed',
      error_code: 'FAIL',
      error_message: 'Order Timeout',
    });
  });

  it('answers FAIL "Order does not exist" for an unknown id', async () => {
    const { status, body } = await client.query('nope');
    expect(status).toBe(200);
    expectSignedResponse('/api/v1/redirect/orders/nope', body);
    expect(body).toMatchObject({ error_code: 'FAIL', error_message: 'Order does not exist' });
    expect(body).not.toHaveProperty('status');
  });

  it('rejects a query signed without the order id in the prefix', async () => {
    await client.create();
    const { status } = await client.call(
      'GET',
      '/api/v1/redirect/orders/order-1',
      { timestamp: '1' },
      { sign: () => signKsher('/api/v1/redirect/orders', { timestamp: '1' }, sandbox.ksher.token) },
    );
    expect(status).toBe(401);
  });
});

describe('Ksher emulator: refund', () => {
  beforeEach(async () => {
    await client.create({ amount: 10_000 });
  });

  it('refunds a paid order in full', async () => {
    await sandbox.ksher.pay('order-1');
    const { status, body } = await client.refund('order-1', 'refund-1', 10_000);
    expect(status).toBe(200);
    expectSignedResponse('/api/v1/redirect/orders/order-1', body);
    expect(body).toMatchObject({
      error_code: 'REFUNDED',
      error_message: 'The order is refunded.',
      status: 'Refunded',
      order_type: 'Refund',
      api_name: 'general',
      amount: -10_000,
      merchant_order_id: 'refund-1',
      reference: 'order-1',
    });
    expect(sandbox.ksher.getOrder('order-1')).toMatchObject({
      status: 'Refunded',
      refundedAmount: 10_000,
    });
    expect((await client.query('order-1')).body.status).toBe('Refunded');
  });

  it('refunds partially, keeps the order Paid and rejects over-refunds and reused ids', async () => {
    await sandbox.ksher.pay('order-1');
    expect((await client.refund('order-1', 'r-1', 3_000)).body.error_code).toBe('REFUNDED');
    expect(sandbox.ksher.getOrder('order-1')?.status).toBe('Paid');

    const over = await client.refund('order-1', 'r-2', 7_001);
    expectSignedResponse('/api/v1/redirect/orders/order-1', over.body);
    expect(over.body).toMatchObject({ error_code: 'FAIL', status: 'Paid' });
    expect(over.body.error_message).toContain('exceeds');

    const reused = await client.refund('order-1', 'r-1', 1_000);
    expect(reused.body).toMatchObject({
      error_code: 'FAIL',
      error_message: 'refund_order_id already exists',
    });

    expect((await client.refund('order-1', 'r-3', 7_000)).body.error_code).toBe('REFUNDED');
    expect(sandbox.ksher.getOrder('order-1')).toMatchObject({
      status: 'Refunded',
      refundedAmount: 10_000,
    });
    expect((await client.refund('order-1', 'r-4', 1)).body.error_code).toBe('FAIL');
  });

  it('refuses to refund an unpaid order and validates the body', async () => {
    const unpaid = await client.refund('order-1', 'r-1', 100);
    expect(unpaid.body).toMatchObject({ error_code: 'FAIL', status: 'Available' });
    const invalid = await client.call('PUT', '/api/v1/redirect/orders/order-1', {
      refund_amount: -5,
      timestamp: '1',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.description).toBe(
      "<p>BadRequest {'refund_amount': ['Must be greater than or equal to 1.'], 'refund_order_id': ['Missing data for required field.']}</p>",
    );
  });
});

describe('Ksher emulator: cancel', () => {
  it('closes an Available order (params in a JSON body)', async () => {
    await client.create();
    const { body } = await client.cancel('order-1');
    expectSignedResponse('/api/v1/redirect/orders/order-1', body);
    expect(body).toMatchObject({ status: 'Closed', error_code: 'SUCCESS' });
    expect((await client.query('order-1')).body).toMatchObject({
      status: 'Closed',
      error_code: 'FAIL',
      error_message: 'Order Closed',
    });
    expect((await client.cancel('order-1')).body).toMatchObject({ error_code: 'FAIL' });
  });

  it('accepts the parameters in the query string too', async () => {
    await client.create();
    expect((await client.cancel('order-1', true)).body.status).toBe('Closed');
  });

  it('refuses to cancel a paid order', async () => {
    await client.create();
    await sandbox.ksher.pay('order-1');
    expect((await client.cancel('order-1')).body).toMatchObject({
      error_code: 'FAIL',
      status: 'Paid',
    });
  });
});

describe('Ksher emulator: mount prefix', () => {
  it('works at the root of the public URL and 404s outside the mount', async () => {
    const root = createGatewaySandbox({ publicUrl: 'http://127.0.0.1:4010/' });
    expect(root.ksher.baseUrl).toBe('http://127.0.0.1:4010/ksher');
    const rootClient = createKsherTestClient(root);
    expect((await rootClient.create()).body.error_code).toBe('SUCCESS');
    root.close();

    const outside = await sandbox.fetch(new Request('http://127.0.0.1:4010/elsewhere/ksher'));
    expect(outside.status).toBe(404);
    const css = await sandbox.fetch(
      new Request('http://127.0.0.1:4010/sandbox/assets/sandbox.css'),
    );
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain(':focus-visible');
    const otherApi = await client.call('POST', '/api/v1/events', { timestamp: '1' });
    expect(otherApi.status).toBe(404);
    expect(otherApi.body).toMatchObject({ code: 404, name: 'Not Found' });
  });
});
