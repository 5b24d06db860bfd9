import { GatewayError } from '../../errors.ts';
import { fetchGatewayAnswer } from '../gateway-fetch.ts';
import { parseJsonObject, sanitizeGatewayMessage } from '../gateway-message.ts';
import { signKsher, verifyKsher } from './signature.ts';

/** A Ksher order record (ksher.md §5) as answered on HTTP 200; fields vary per call. */
export interface KsherOrderResponse {
  [field: string]: unknown;
  error_code?: string;
  error_message?: string;
  status?: string;
  merchant_order_id?: string;
  gateway_order_id?: string;
  amount?: number;
  currency?: string;
  reference?: string;
  channel?: string;
}

/** One gateway call, as recorded in the order's event log (no token, no signature). */
export interface KsherCallRecord {
  /** '' for finance (report) calls. */
  merchantOrderId: string;
  method: string;
  path: string;
  status: number | 'timeout' | 'network_error';
  durationMs: number;
  response?: Record<string, unknown>;
  error?: string;
}

export interface KsherClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Default 15000. */
  timeoutMs?: number;
  mid?: string;
  provider?: string;
  now?: () => Date;
  onCall?: (call: KsherCallRecord) => void | Promise<void>;
}

export interface CreateRedirectOrderInput {
  merchantOrderId: string;
  amount: number;
  redirectUrl: string;
  redirectUrlFail: string;
  productName?: string;
  /** One channel or a comma list without spaces (ksher.md §4.1). */
  channel?: string;
  note?: string;
}

/** The order APIs of the gateway (ksher.md §4.1-§4.5); each has its own path for every call. */
export type KsherApi = 'redirect' | 'cscanb' | 'bscanc' | 'miniapp' | 'app';

export const KSHER_APIS: readonly KsherApi[] = ['redirect', 'cscanb', 'bscanc', 'miniapp', 'app'];

/** A finance (report) answer: `{ error_code, error_message, data }`, never signature-checked. */
export interface KsherFinanceResponse {
  [field: string]: unknown;
  error_code?: string;
  error_message?: string;
  data?: unknown;
}

export interface KsherClient {
  /**
   * Creates an order through `api`. `fields` are the API-specific fields (`channel`, `auth_code`,
   * `redirect_url`, `miniapp_openid`, …); `merchant_order_id`, `amount`, `timestamp`, `mid` and
   * `provider` are added here.
   */
  createOrder(
    api: KsherApi,
    input: { merchantOrderId: string; amount: number; fields: Record<string, string | number> },
  ): Promise<KsherOrderResponse>;
  queryOrder(api: KsherApi, merchantOrderId: string): Promise<KsherOrderResponse>;
  refundOrder(
    api: KsherApi,
    merchantOrderId: string,
    input: { refundOrderId: string; refundAmount: number },
  ): Promise<KsherOrderResponse>;
  cancelOrder(api: KsherApi, merchantOrderId: string): Promise<KsherOrderResponse>;
  /**
   * GET `/api/v1/finance/settlements{path}`. Finance answers are NOT signature-verified: how the
   * gateway signs them is unknown (a captured one verifies with no known scheme, the sample echoes
   * the request's signature) and Ksher's PHP SDK skips them too (ksher.md §3.3, §10.4, §13.1).
   */
  finance(path: string, params: Record<string, string>): Promise<KsherFinanceResponse>;
  createRedirectOrder(input: CreateRedirectOrderInput): Promise<KsherOrderResponse>;
  queryRedirectOrder(merchantOrderId: string): Promise<KsherOrderResponse>;
  refundRedirectOrder(
    merchantOrderId: string,
    input: { refundOrderId: string; refundAmount: number },
  ): Promise<KsherOrderResponse>;
  cancelRedirectOrder(merchantOrderId: string): Promise<KsherOrderResponse>;
}

const FINANCE_PATH = '/api/v1/finance/settlements';
const ordersPath = (api: KsherApi) => `/api/v1/${api}/orders`;

/**
 * Client for the Ksher vip HMAC gateway: the order APIs and finance reports (ksher.md §2-§4). Every
 * request is signed
 * over the path relative to `baseUrl` (the gateway's host, or the sandbox's mount), and every
 * order-API HTTP 200 answer must carry a valid signature over the same path or it is rejected.
 * FAIL answers on HTTP 200 are returned, not thrown: their meaning depends on the call.
 */
export function createKsherClient(options: KsherClientOptions): KsherClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? (() => new Date());

  function commonParams(): Record<string, string> {
    const params: Record<string, string> = { timestamp: String(now().getTime()) };
    if (options.mid !== undefined) params.mid = options.mid;
    if (options.provider !== undefined) params.provider = options.provider;
    return params;
  }

  async function call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    merchantOrderId: string,
    params: Record<string, unknown>,
    verify = true,
  ): Promise<KsherOrderResponse> {
    const signed = { ...params, signature: signKsher(path, params, options.token) };
    let url = `${baseUrl}${path}`;
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (method === 'GET') {
      url += `?${new URLSearchParams(signed as Record<string, string>).toString()}`;
    } else {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      init.body = JSON.stringify(signed);
    }

    const started = performance.now();
    const record = async (
      fields: Omit<KsherCallRecord, 'merchantOrderId' | 'method' | 'path' | 'durationMs'>,
    ) => {
      await options.onCall?.({
        merchantOrderId,
        method,
        path,
        durationMs: Math.round(performance.now() - started),
        ...fields,
      });
    };

    let response: Response;
    let text: string;
    try {
      ({ response, text } = await fetchGatewayAnswer(doFetch, url, init, timeoutMs));
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      await record({ status: timedOut ? 'timeout' : 'network_error', error: errorText(error) });
      throw new GatewayError(
        'unavailable',
        timedOut ? `Ksher did not answer within ${timeoutMs} ms` : 'Ksher could not be reached',
      );
    }

    const body = parseJsonObject(text);
    await record({
      status: response.status,
      // Report pages are long and say nothing about one order: only their outcome is logged.
      ...(body ? { response: verify ? withoutUnsigned(body) : financeSummary(body) } : {}),
    });

    if (response.status >= 500 || response.status === 429) {
      throw new GatewayError(
        'unavailable',
        `Ksher answered HTTP ${response.status}`,
        response.status,
      );
    }
    if (response.status !== 200) {
      const description =
        typeof body?.description === 'string' ? sanitizeGatewayMessage(body.description) : '';
      throw new GatewayError(
        'rejected',
        `Ksher rejected the request (HTTP ${response.status}${description ? `: ${description}` : ''})`,
        response.status,
      );
    }
    if (!body)
      throw new GatewayError(
        'invalid_response',
        'Ksher answered with a body that is not a JSON object',
        200,
      );
    if (verify && !verifyKsher(path, body, options.token)) {
      throw new GatewayError('invalid_response', 'Ksher answered with an invalid signature', 200);
    }
    return body as KsherOrderResponse;
  }

  const orderPath = (api: KsherApi, merchantOrderId: string) =>
    `${ordersPath(api)}/${encodeURIComponent(merchantOrderId)}`;

  const client: KsherClient = {
    createOrder(api, input) {
      const params: Record<string, unknown> = {
        ...commonParams(),
        merchant_order_id: input.merchantOrderId,
        amount: input.amount,
        ...input.fields,
      };
      return call('POST', ordersPath(api), input.merchantOrderId, params);
    },
    queryOrder(api, merchantOrderId) {
      return call('GET', orderPath(api, merchantOrderId), merchantOrderId, commonParams());
    },
    refundOrder(api, merchantOrderId, input) {
      return call('PUT', orderPath(api, merchantOrderId), merchantOrderId, {
        ...commonParams(),
        refund_order_id: input.refundOrderId,
        refund_amount: input.refundAmount,
      });
    },
    cancelOrder(api, merchantOrderId) {
      return call('DELETE', orderPath(api, merchantOrderId), merchantOrderId, commonParams());
    },
    finance(path, params) {
      // GET values are strings on the wire (ksher.md §3.2); `mid` is required by the finance API.
      return call('GET', `${FINANCE_PATH}${path}`, '', { ...commonParams(), ...params }, false);
    },
    createRedirectOrder(input) {
      const fields: Record<string, string | number> = {
        redirect_url: input.redirectUrl,
        redirect_url_fail: input.redirectUrlFail,
      };
      if (input.productName !== undefined) fields.product_name = input.productName;
      if (input.channel !== undefined) fields.channel = input.channel;
      if (input.note !== undefined) fields.note = input.note;
      return client.createOrder('redirect', {
        merchantOrderId: input.merchantOrderId,
        amount: input.amount,
        fields,
      });
    },
    queryRedirectOrder: (merchantOrderId) => client.queryOrder('redirect', merchantOrderId),
    refundRedirectOrder: (merchantOrderId, input) =>
      client.refundOrder('redirect', merchantOrderId, input),
    cancelRedirectOrder: (merchantOrderId) => client.cancelOrder('redirect', merchantOrderId),
  };
  return client;
}

function withoutUnsigned(body: Record<string, unknown>): Record<string, unknown> {
  const { signature: _signature, log_entry_url: _log, ...rest } = body;
  return rest;
}

function financeSummary(body: Record<string, unknown>): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const key of ['error_code', 'error_message', 'timestamp']) {
    if (key in body) summary[key] = body[key];
  }
  return summary;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}
