import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../tests/sandbox-gateway.ts';
import { GatewayError } from '../../errors.ts';
import { createKsherClient, type KsherCallRecord } from './client.ts';
import { signKsher } from './signature.ts';

const now = () => new Date(1_623_058_159_665);

function setup(options: { timeoutMs?: number; mid?: string } = {}) {
  const gateway = createSandboxGateway();
  const calls: KsherCallRecord[] = [];
  const client = createKsherClient({
    baseUrl: `${gateway.baseUrl}/`,
    token: gateway.token,
    fetch: gateway.fetch,
    now,
    timeoutMs: options.timeoutMs ?? 1000,
    ...(options.mid && { mid: options.mid }),
    onCall: (call) => {
      calls.push(call);
    },
  });
  return { gateway, client, calls };
}

const createInput = {
  merchantOrderId: 'cs_1',
  amount: 15_050,
  redirectUrl: 'https://shop.example.com/r?checkout_session=cs_1',
  redirectUrlFail: 'https://shop.example.com/r?checkout_session=cs_1&checkout_result=fail',
  productName: 'Tea',
  channel: 'promptpay',
};

describe('Ksher client: requests on the wire', () => {
  it('POSTs a JSON body signed over the path relative to the base URL, with a ms timestamp', async () => {
    const { gateway, client } = setup({ mid: 'mch35618' });
    const answer = await client.createRedirectOrder(createInput);
    expect(answer).toMatchObject({ error_code: 'SUCCESS', status: 'Available' });
    const request = gateway.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/v1/redirect/orders');
    const { signature, ...params } = (request?.params ?? {}) as Record<string, unknown>;
    expect(params).toEqual({
      timestamp: '1623058159665',
      mid: 'mch35618',
      merchant_order_id: 'cs_1',
      amount: 15_050,
      redirect_url: createInput.redirectUrl,
      redirect_url_fail: createInput.redirectUrlFail,
      product_name: 'Tea',
      channel: 'promptpay',
    });
    expect(signature).toBe(signKsher('/api/v1/redirect/orders', params, gateway.token));
  });

  it('sends GET parameters in the query string (spec vector V3)', async () => {
    const gateway = createSandboxGateway({
      token: '186d6c953c90f39c2973e6dd2e110d4057194996ef08fb4b3338180517b509c7',
    });
    const client = createKsherClient({
      baseUrl: gateway.baseUrl,
      token: gateway.token,
      fetch: gateway.fetch,
      now,
    });
    await client.queryRedirectOrder('202106070001');
    expect(gateway.requests[0]).toEqual({
      method: 'GET',
      path: '/api/v1/redirect/orders/202106070001',
      params: {
        timestamp: '1623058159665',
        signature: '4D0467B75B949BA2F1384E16822EF84A58763F29F9FFC98AB49A8DAD53A8BF00',
      },
    });
  });

  it('refunds with PUT and cancels with DELETE, both JSON', async () => {
    const { gateway, client } = setup();
    await client.createRedirectOrder(createInput);
    await gateway.pay('cs_1');
    const refund = await client.refundRedirectOrder('cs_1', {
      refundOrderId: 'cs_1-r1',
      refundAmount: 50,
    });
    expect(refund).toMatchObject({ error_code: 'REFUNDED', amount: -50 });
    expect(gateway.requests[1]?.params).toMatchObject({
      refund_order_id: 'cs_1-r1',
      refund_amount: 50,
    });
    const cancel = await client.cancelRedirectOrder('cs_1');
    expect(cancel.error_code).toBe('FAIL');
    expect(gateway.requests.map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
  });

  it('records each call without the signature', async () => {
    const { client, calls } = setup();
    await client.createRedirectOrder(createInput);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      merchantOrderId: 'cs_1',
      method: 'POST',
      path: '/api/v1/redirect/orders',
      status: 200,
    });
    expect(calls[0]?.response).not.toHaveProperty('signature');
    expect(calls[0]?.response).not.toHaveProperty('log_entry_url');
  });
});

describe('Ksher client: answers', () => {
  it('returns FAIL answers instead of throwing (their meaning depends on the call)', async () => {
    const { client } = setup();
    expect(await client.queryRedirectOrder('nope')).toMatchObject({
      error_code: 'FAIL',
      error_message: 'Order does not exist',
    });
  });

  it('rejects a 200 answer with a field changed after signing', async () => {
    const { gateway, client } = setup();
    await client.createRedirectOrder(createInput);
    gateway.faults({ tamperResponseNext: 1 });
    await expect(client.queryRedirectOrder('cs_1')).rejects.toMatchObject({
      kind: 'invalid_response',
    });
    expect(await client.queryRedirectOrder('cs_1')).toMatchObject({ status: 'Available' });
  });

  it('rejects a 200 answer signed over another prefix', async () => {
    // The sandbox always signs over the right path: a one-answer inline fake is the only way.
    const genuine = { merchant_order_id: 'cs_1', status: 'Available', amount: 1, timestamp: '1' };
    const token = 'x'.repeat(20);
    const answer = (prefix: string) =>
      createKsherClient({
        baseUrl: 'https://g.test',
        token,
        fetch: (async () =>
          Response.json({
            ...genuine,
            signature: signKsher(prefix, genuine, token),
          })) as unknown as typeof fetch,
      }).queryRedirectOrder('cs_1');
    await expect(answer('/api/v1/redirect/orders')).rejects.toMatchObject({
      kind: 'invalid_response',
    });
    expect(await answer('/api/v1/redirect/orders/cs_1')).toMatchObject(genuine);
  });

  it('accepts an answer with merged fields when it is validly signed', async () => {
    const { gateway, client } = setup();
    await client.createRedirectOrder(createInput);
    gateway.faults({ overrideResponse: { fields: { amount: 1 } } });
    expect(await client.queryRedirectOrder('cs_1')).toMatchObject({ amount: 1 });
  });

  it('rejects a 200 answer that is not JSON', async () => {
    const bad = createKsherClient({
      baseUrl: 'https://g.test',
      token: 'x'.repeat(20),
      fetch: (async () => new Response('<html>')) as unknown as typeof fetch,
    });
    await expect(bad.queryRedirectOrder('a')).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it.each([
    [400, 'rejected'],
    [401, 'rejected'],
    [403, 'rejected'],
    [404, 'rejected'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [503, 'unavailable'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    const { gateway, client } = setup();
    gateway.faults({ failNext: { status } });
    const error = await client.createRedirectOrder(createInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind, httpStatus: status });
  });

  it("keeps the 400 body's description, without markup", async () => {
    const { client } = setup();
    const badUrl = { ...createInput, redirectUrl: 'not a url' };
    await expect(client.createRedirectOrder(badUrl)).rejects.toThrow(
      "Ksher rejected the request (HTTP 400: BadRequest {'redirect_url': ['Not a valid URL.']})",
    );
  });

  it('maps a network error and a timeout to unavailable, and records them', async () => {
    const { gateway, client, calls } = setup({ timeoutMs: 20 });
    gateway.faults({ networkErrorNext: 1 });
    await expect(client.queryRedirectOrder('x')).rejects.toMatchObject({ kind: 'unavailable' });
    gateway.faults({ timeoutNext: 1 });
    await expect(client.queryRedirectOrder('x')).rejects.toMatchObject({
      kind: 'unavailable',
      message: 'Ksher did not answer within 20 ms',
    });
    expect(calls.map((c) => c.status)).toEqual(['network_error', 'timeout']);
  });
});

describe('Ksher client: other APIs', () => {
  it('signs each order API over its own path', async () => {
    const { gateway, client } = setup();
    await client.createOrder('bscanc', {
      merchantOrderId: 'bo_1',
      amount: 100,
      fields: { channel: 'truemoney', auth_code: '512345678901234567' },
    });
    await client.queryOrder('bscanc', 'bo_1');
    expect(gateway.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/bscanc/orders',
      'GET /api/v1/bscanc/orders/bo_1',
    ]);
    const { signature, ...params } = gateway.requests[1]?.params ?? {};
    expect(signature).toBe(signKsher('/api/v1/bscanc/orders/bo_1', params, gateway.token));
  });

  it('does not verify finance answers and logs only their outcome', async () => {
    // Finance signatures are unknown (ksher.md §13.1): an answer whose signature fails is accepted.
    const calls: KsherCallRecord[] = [];
    const urls: URL[] = [];
    const client = createKsherClient({
      baseUrl: 'https://g.test',
      token: 'x'.repeat(20),
      mid: 'mch1',
      now,
      onCall: (call) => {
        calls.push(call);
      },
      fetch: (async (input: string) => {
        urls.push(new URL(input));
        return Response.json({
          error_code: 'SUCCESS',
          data: { channels: ['promptpay2'] },
          signature: 'F'.repeat(64),
        });
      }) as unknown as typeof fetch,
    });
    expect(await client.finance('/channels', {})).toMatchObject({
      data: { channels: ['promptpay2'] },
    });
    expect(calls[0]).toMatchObject({ merchantOrderId: '', response: { error_code: 'SUCCESS' } });
    expect(calls[0]?.response).not.toHaveProperty('data');
    expect(urls[0]?.pathname).toBe('/api/v1/finance/settlements/channels');
    expect(urls[0]?.searchParams.get('mid')).toBe('mch1');
    // The same answer on an order API is refused.
    await expect(client.queryOrder('cscanb', 'x')).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });
});
