import { signKsher, verifyKsher } from '../src/gateways/ksher/signature.ts';

/** A minimal in-memory Ksher redirect gateway for unit tests, injected as `fetch`. */
export interface FakeKsherOrder {
  merchant_order_id: string;
  amount: number;
  status: 'Available' | 'Paid' | 'Closed' | 'Refunded';
  error_message: string;
  refunded: number;
  redirect_url: string;
  redirect_url_fail: string;
  product_name?: string;
  channel?: string;
}

export interface FakeKsherRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
}

type Override =
  | { status: number; body?: unknown; processFirst?: boolean }
  | 'hang'
  | 'network'
  | ((body: Record<string, unknown>) => Record<string, unknown>);

export const FAKE_KSHER_TOKEN = 'fake-ksher-token-0123456789abcdef';

export function createFakeKsher(
  options: { baseUrl?: string; token?: string; currency?: string } = {},
) {
  const baseUrl = options.baseUrl ?? 'https://gateway.test/ksher';
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const token = options.token ?? FAKE_KSHER_TOKEN;
  const orders = new Map<string, FakeKsherOrder>();
  const requests: FakeKsherRequest[] = [];
  const overrides: Override[] = [];
  let counter = 0;

  function record(order: FakeKsherOrder, timestamp: string, errorCode: string) {
    return {
      merchant_order_id: order.merchant_order_id,
      gateway_order_id: `fake${order.merchant_order_id.length}`,
      amount: order.amount,
      currency: options.currency ?? 'THB',
      status: order.status,
      error_code: errorCode,
      error_message: order.error_message,
      reference: `${baseUrl}/ua?order_uuid=${order.merchant_order_id}`,
      locked: false,
      note: 'False',
      timestamp,
    };
  }

  function signed(path: string, body: Record<string, unknown>): Response {
    const withSignature = {
      ...body,
      signature: signKsher(path, body, token),
      log_entry_url: 'https://gw/web#id=1',
    };
    return Response.json(withSignature);
  }

  const fakeFetch = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const method = init?.method ?? 'GET';
    const path = url.pathname.slice(basePath.length);
    const params: Record<string, unknown> =
      method === 'GET'
        ? Object.fromEntries(url.searchParams)
        : (JSON.parse(String(init?.body)) as Record<string, unknown>);
    requests.push({ method, path, params });

    const override = overrides.shift();
    if (override === 'network') throw new TypeError('fetch failed');
    if (override === 'hang') {
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    if (override && typeof override === 'object' && !override.processFirst) {
      return Response.json(
        override.body ?? { code: override.status, description: '<p>Overridden</p>' },
        { status: override.status },
      );
    }
    if (!verifyKsher(path, params, token)) {
      return Response.json(
        { code: 401, name: 'Unauthorized', description: '<p>bad signature</p>' },
        { status: 401 },
      );
    }
    const timestamp = String(params.timestamp);
    const reply = (body: Record<string, unknown>) => {
      if (override && typeof override === 'object') {
        // The gateway did the work, but the answer is lost (e.g. a 502 from a proxy).
        return Response.json(override.body ?? { code: override.status }, {
          status: override.status,
        });
      }
      return signed(path, typeof override === 'function' ? override(body) : body);
    };

    if (method === 'POST' && path === '/api/v1/redirect/orders') {
      const id = String(params.merchant_order_id);
      const existing = orders.get(id);
      if (existing)
        return reply({
          ...record(existing, timestamp, 'FAIL'),
          error_message: 'merchant_order_id already exists',
        });
      const order: FakeKsherOrder = {
        merchant_order_id: id,
        amount: Number(params.amount),
        status: 'Available',
        error_message: 'Successful',
        refunded: 0,
        redirect_url: String(params.redirect_url),
        redirect_url_fail: String(params.redirect_url_fail),
        ...(typeof params.product_name === 'string' && { product_name: params.product_name }),
        ...(typeof params.channel === 'string' && { channel: params.channel }),
      };
      orders.set(id, order);
      counter++;
      return reply(record(order, timestamp, 'SUCCESS'));
    }
    const match = /^\/api\/v1\/redirect\/orders\/([^/]+)$/.exec(path);
    const order = match ? orders.get(decodeURIComponent(match[1] as string)) : undefined;
    if (!match) return Response.json({ code: 404, description: 'no route' }, { status: 404 });
    if (!order)
      return reply({ error_code: 'FAIL', error_message: 'Order does not exist', timestamp });
    if (method === 'GET') {
      const code =
        order.status === 'Available' ? 'PENDING' : order.status === 'Closed' ? 'FAIL' : 'SUCCESS';
      return reply(record(order, timestamp, code));
    }
    if (method === 'DELETE') {
      if (order.status !== 'Available')
        return reply({
          ...record(order, timestamp, 'FAIL'),
          error_message: 'Order cannot be cancelled',
        });
      order.status = 'Closed';
      order.error_message = 'Order Closed';
      return reply(record(order, timestamp, 'SUCCESS'));
    }
    if (method === 'PUT') {
      const amount = Number(params.refund_amount);
      if (order.status !== 'Paid' || amount > order.amount - order.refunded) {
        return reply({ error_code: 'FAIL', error_message: 'Refund not allowed', timestamp });
      }
      order.refunded += amount;
      if (order.refunded === order.amount) order.status = 'Refunded';
      return reply({
        merchant_order_id: String(params.refund_order_id),
        reference: order.merchant_order_id,
        amount: -amount,
        status: 'Refunded',
        error_code: 'REFUNDED',
        error_message: 'The order is refunded.',
        timestamp,
      });
    }
    return Response.json({ code: 405, description: 'method' }, { status: 405 });
  };

  return {
    baseUrl,
    token,
    fetch: fakeFetch as typeof fetch,
    orders,
    requests,
    createdCount: () => counter,
    /** The next API call answers with this instead (FIFO). */
    override(next: Override) {
      overrides.push(next);
    },
    setStatus(id: string, status: FakeKsherOrder['status'], message: string) {
      const order = orders.get(id);
      if (!order) throw new Error(`no order ${id}`);
      order.status = status;
      order.error_message = message;
    },
  };
}

export type FakeKsher = ReturnType<typeof createFakeKsher>;
