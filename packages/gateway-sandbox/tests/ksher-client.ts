import { signKsher } from '@localpay/checkout-server/ksher';
import type { GatewaySandbox } from '../src/sandbox.ts';

/** A merchant-side test client that signs like the official SDKs and calls `sandbox.fetch`. */
export function createKsherTestClient(sandbox: GatewaySandbox, token = sandbox.ksher.token) {
  const base = sandbox.ksher.baseUrl;
  const basePath = new URL(base).pathname;

  async function call(
    method: string,
    path: string,
    params: Record<string, unknown>,
    options: { sign?: (prefix: string) => string; signal?: AbortSignal; inQuery?: boolean } = {},
  ) {
    const signature = options.sign ? options.sign(path) : signKsher(path, params, token);
    const signed = { ...params, signature };
    const inQuery = options.inQuery ?? method === 'GET';
    const url = new URL(`${base}${path}`);
    if (inQuery)
      for (const [key, value] of Object.entries(signed)) url.searchParams.set(key, String(value));
    const response = await sandbox.fetch(
      new Request(url, {
        method,
        ...(inQuery
          ? {}
          : { body: JSON.stringify(signed), headers: { 'content-type': 'application/json' } }),
        ...(options.signal && { signal: options.signal }),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  return {
    basePath,
    call,
    create(overrides: Record<string, unknown> = {}) {
      return call('POST', '/api/v1/redirect/orders', {
        merchant_order_id: 'order-1',
        amount: 89_000,
        redirect_url: 'https://shop.example/order?checkout_session=s1',
        redirect_url_fail: 'https://shop.example/order?checkout_session=s1&checkout_result=fail',
        timestamp: '1700000000',
        ...overrides,
      });
    },
    query(id: string, timestamp = '1700000001') {
      return call('GET', `/api/v1/redirect/orders/${id}`, { timestamp });
    },
    refund(id: string, refundOrderId: string, refundAmount: number) {
      return call('PUT', `/api/v1/redirect/orders/${id}`, {
        refund_order_id: refundOrderId,
        refund_amount: refundAmount,
        timestamp: '1700000002',
      });
    },
    cancel(id: string, inQuery = false) {
      return call(
        'DELETE',
        `/api/v1/redirect/orders/${id}`,
        { timestamp: '1700000003' },
        { inQuery },
      );
    },
  };
}

/** Query / refund / cancel of any order type (`cscanb`, `bscanc`, `miniapp`, `app`, `redirect`). */
export function typedOrderCalls(client: ReturnType<typeof createKsherTestClient>, type: string) {
  return {
    create(fields: Record<string, unknown>) {
      return client.call('POST', `/api/v1/${type}/orders`, { timestamp: '1700000000', ...fields });
    },
    query(id: string) {
      return client.call('GET', `/api/v1/${type}/orders/${id}`, { timestamp: '1700000001' });
    },
    refund(id: string, refundOrderId: string, refundAmount: number) {
      return client.call('PUT', `/api/v1/${type}/orders/${id}`, {
        refund_order_id: refundOrderId,
        refund_amount: refundAmount,
        timestamp: '1700000002',
      });
    },
    cancel(id: string) {
      return client.call('DELETE', `/api/v1/${type}/orders/${id}`, { timestamp: '1700000003' });
    },
  };
}

/** A capturing stand-in for the merchant's webhook endpoint; answers `statuses` in turn (then 200). */
export function createWebhookRecorder(statuses: Array<number | 'error'> = []) {
  const calls: URL[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push(url);
    const next = statuses.shift() ?? 200;
    if (next === 'error') throw new TypeError('fetch failed');
    const body = next === 204 || next === 304 ? null : '{"success": true}';
    return new Response(body, { status: next });
  };
  return { fetch, calls };
}
