import { GatewayError } from '../../errors.ts';
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

export interface KsherClient {
  createRedirectOrder(input: CreateRedirectOrderInput): Promise<KsherOrderResponse>;
  queryRedirectOrder(merchantOrderId: string): Promise<KsherOrderResponse>;
  refundRedirectOrder(
    merchantOrderId: string,
    input: { refundOrderId: string; refundAmount: number },
  ): Promise<KsherOrderResponse>;
  cancelRedirectOrder(merchantOrderId: string): Promise<KsherOrderResponse>;
}

const ORDERS_PATH = '/api/v1/redirect/orders';

/**
 * Client for the Ksher vip HMAC gateway, redirect API (ksher.md §2-§4). Every request is signed
 * over the path relative to `baseUrl` (the gateway's host, or the sandbox's mount), and every
 * HTTP 200 answer must carry a valid signature over the same path or it is rejected.
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
    init.signal = AbortSignal.timeout(timeoutMs);

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
      response = await doFetch(url, init);
      text = await response.text();
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
      ...(body ? { response: withoutUnsigned(body) } : {}),
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
    if (!verifyKsher(path, body, options.token)) {
      throw new GatewayError('invalid_response', 'Ksher answered with an invalid signature', 200);
    }
    return body as KsherOrderResponse;
  }

  const orderPath = (merchantOrderId: string) =>
    `${ORDERS_PATH}/${encodeURIComponent(merchantOrderId)}`;

  return {
    createRedirectOrder(input) {
      const params: Record<string, unknown> = {
        ...commonParams(),
        merchant_order_id: input.merchantOrderId,
        amount: input.amount,
        redirect_url: input.redirectUrl,
        redirect_url_fail: input.redirectUrlFail,
      };
      if (input.productName !== undefined) params.product_name = input.productName;
      if (input.channel !== undefined) params.channel = input.channel;
      if (input.note !== undefined) params.note = input.note;
      return call('POST', ORDERS_PATH, input.merchantOrderId, params);
    },
    queryRedirectOrder(merchantOrderId) {
      return call('GET', orderPath(merchantOrderId), merchantOrderId, commonParams());
    },
    refundRedirectOrder(merchantOrderId, input) {
      return call('PUT', orderPath(merchantOrderId), merchantOrderId, {
        ...commonParams(),
        refund_order_id: input.refundOrderId,
        refund_amount: input.refundAmount,
      });
    },
    cancelRedirectOrder(merchantOrderId) {
      return call('DELETE', orderPath(merchantOrderId), merchantOrderId, commonParams());
    },
  };
}

/** Gateway text for our logs and error messages: no markup, bounded length. */
export function sanitizeGatewayMessage(message: string): string {
  return message
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^\x20-\x7E\u0E00-\u0E7F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function withoutUnsigned(body: Record<string, unknown>): Record<string, unknown> {
  const { signature: _signature, log_entry_url: _log, ...rest } = body;
  return rest;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}
