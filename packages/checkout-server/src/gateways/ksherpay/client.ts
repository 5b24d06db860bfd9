import { randomBytes } from 'node:crypto';
import { GatewayError } from '../../errors.ts';
import { fetchGatewayAnswer } from '../gateway-fetch.ts';
import { parseJsonObject, sanitizeGatewayMessage } from '../gateway-message.ts';
import { signKsherPay, verifyKsherPay } from './signature.ts';

/** A KsherPay answer (§3): only `data` is signed; `code` 0 means "the call went through". */
export interface KsherPayResponse {
  [field: string]: unknown;
  code: number;
  msg?: string;
  data: Record<string, unknown>;
  sign?: string;
}

/** One gateway call, as recorded in the order's event log (no key, no signature, no QR image). */
export interface KsherPayCallRecord {
  merchantOrderId: string;
  method: 'POST';
  path: string;
  status: number | 'timeout' | 'network_error';
  durationMs: number;
  response?: Record<string, unknown>;
  error?: string;
}

export interface KsherPayClientOptions {
  appid: string;
  privateKey: string;
  /** Ksher's public key that signs answers (V1 or V2, or the sandbox's). */
  publicKey: string;
  apiBaseUrl: string;
  gatewayBaseUrl: string;
  /** Sends `ksher-sign-version: V2` so that answers are signed with Ksher's V2 key (§2.5). */
  signVersion?: 'V1' | 'V2';
  fetch?: typeof fetch;
  /** Default 15000. */
  timeoutMs?: number;
  now?: () => Date;
  onCall?: (call: KsherPayCallRecord) => void | Promise<void>;
}

/** The APIs served by the hosted-page host (`gateway.ksher.com/api`, §1); the rest are `KsherPay/`. */
const GATEWAY_HOST_APIS = new Set(['gateway_pay', 'gateway_order_query', 'cancel_order']);

export type Fields = Record<string, string | number | undefined>;

export interface KsherPayClient {
  /**
   * Calls any KsherPay API with its own fields; `appid`, `nonce_str`, `time_stamp` and `sign` are
   * added here. A `code` 0 answer must carry a valid signature over `data`, or this throws.
   */
  call(api: string, fields: Fields, merchantOrderId?: string): Promise<KsherPayResponse>;
  gatewayPay(
    fields: Fields & { mch_order_no: string; total_fee: number },
  ): Promise<KsherPayResponse>;
  gatewayOrderQuery(mchOrderNo: string): Promise<KsherPayResponse>;
  cancelOrder(mchOrderNo: string): Promise<KsherPayResponse>;
  nativePay(
    fields: Fields & { mch_order_no: string; total_fee: number; channel: string },
  ): Promise<KsherPayResponse>;
  quickPay(
    fields: Fields & { mch_order_no: string; total_fee: number; auth_code: string },
  ): Promise<KsherPayResponse>;
  orderQuery(ids: Fields & OrderIds): Promise<KsherPayResponse>;
  /** §4.7: refund a hosted-page order by its `ksher_order_no` or `pay_mch_order_no`. */
  orderRefund(
    fields: Fields &
      OrderIds & { total_fee: number; refund_fee: number; mch_refund_no: string; fee_type: string },
  ): Promise<KsherPayResponse>;
  refundQuery(fields: Fields & OrderIds): Promise<KsherPayResponse>;
  orderClose(fields: Fields & OrderIds): Promise<KsherPayResponse>;
  orderReverse(fields: Fields & OrderIds): Promise<KsherPayResponse>;
}

/** One of the three order ids (§4.6). */
export type OrderIds = {
  mch_order_no?: string;
  ksher_order_no?: string;
  channel_order_no?: string;
};

/** `yyyyMMddHHmmss` in Thai time (UTC+7): the SDKs' form; the gateway does not check it (§2.1). */
function timeStamp(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * Client for Ksher's KsherPay API (ksherpay.md): form-encoded POSTs signed with the merchant's RSA
 * key, JSON answers whose `data` is verified with Ksher's public key. Non-zero `code` answers are
 * returned (their meaning depends on the call); HTTP errors and bad signatures throw GatewayError.
 */
export function createKsherPayClient(options: KsherPayClientOptions): KsherPayClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? (() => new Date());
  const apiBase = options.apiBaseUrl.replace(/\/+$/, '');
  const gatewayBase = options.gatewayBaseUrl.replace(/\/+$/, '');

  async function call(
    api: string,
    fields: Fields,
    merchantOrderId = typeof fields.mch_order_no === 'string' ? fields.mch_order_no : '',
  ): Promise<KsherPayResponse> {
    if (!/^[a-z_]+$/.test(api)) throw new TypeError(`Not a KsherPay API name: ${api}`);
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) params[key] = String(value);
    }
    params.appid = options.appid;
    params.nonce_str = randomBytes(16).toString('hex');
    params.time_stamp = timeStamp(now());
    params.sign = signKsherPay(params, options.privateKey);
    const base = GATEWAY_HOST_APIS.has(api) ? gatewayBase : apiBase;
    const url = `${base}/${api}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
    };
    if (options.signVersion === 'V2') headers['ksher-sign-version'] = 'V2';

    const started = performance.now();
    const record = async (
      result: Pick<KsherPayCallRecord, 'status' | 'response' | 'error'>,
    ): Promise<void> => {
      const entry: KsherPayCallRecord = {
        merchantOrderId,
        method: 'POST',
        path: `/${api}`,
        status: result.status,
        durationMs: Math.round(performance.now() - started),
      };
      if (result.response) entry.response = result.response;
      if (result.error) entry.error = result.error;
      await options.onCall?.(entry);
    };

    let response: Response;
    let text: string;
    try {
      ({ response, text } = await fetchGatewayAnswer(
        doFetch,
        url,
        { method: 'POST', headers, body: new URLSearchParams(params).toString() },
        timeoutMs,
      ));
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      await record({
        status: timedOut ? 'timeout' : 'network_error',
        error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error',
      });
      throw new GatewayError(
        'unavailable',
        timedOut
          ? `KsherPay did not answer within ${timeoutMs} ms`
          : 'KsherPay could not be reached',
      );
    }
    const body = parseJsonObject(text);
    await record({ status: response.status, ...(body && { response: loggable(body) }) });
    if (response.status >= 500 || response.status === 429) {
      throw new GatewayError(
        'unavailable',
        `KsherPay answered HTTP ${response.status}`,
        response.status,
      );
    }
    if (response.status !== 200) {
      throw new GatewayError(
        'rejected',
        `KsherPay rejected the request (HTTP ${response.status})`,
        response.status,
      );
    }
    if (!body || typeof body.code !== 'number') {
      throw new GatewayError('invalid_response', 'KsherPay answered with an unexpected body', 200);
    }
    const data =
      typeof body.data === 'object' && body.data !== null && !Array.isArray(body.data)
        ? (body.data as Record<string, unknown>)
        : {};
    // Only `code` 0 answers are signed (§3); anything else carries no business result we act on.
    if (body.code === 0 && !verifyKsherPay(data, String(body.sign ?? ''), options.publicKey)) {
      throw new GatewayError(
        'invalid_response',
        'KsherPay answered with an invalid signature',
        200,
      );
    }
    return { ...body, code: body.code, data };
  }

  return {
    call,
    gatewayPay: (fields) => call('gateway_pay', fields),
    gatewayOrderQuery: (mchOrderNo) => call('gateway_order_query', { mch_order_no: mchOrderNo }),
    cancelOrder: (mchOrderNo) => call('cancel_order', { mch_order_no: mchOrderNo }),
    nativePay: (fields) => call('native_pay', fields),
    quickPay: (fields) => call('quick_pay', fields),
    orderQuery: (ids) => call('order_query', ids),
    orderRefund: (fields) => call('order_refund', fields),
    refundQuery: (ids) => call('refund_query', ids),
    orderClose: (ids) => call('order_close', ids),
    orderReverse: (ids) => call('order_reverse', ids),
  };
}

/** The answer for the event log: no signature, and the QR image replaced by its size. */
function loggable(body: Record<string, unknown>): Record<string, unknown> {
  const { sign: _sign, ...rest } = body;
  if (typeof rest.data === 'object' && rest.data !== null && 'imgdat' in rest.data) {
    const { imgdat, ...data } = rest.data as Record<string, unknown>;
    rest.data = { ...data, imgdat: `[${String(imgdat).length} characters]` };
  }
  return rest;
}

/** Gateway text (`err_msg`, `msg`) fit for our logs and error messages. */
export function ksherPayMessage(response: KsherPayResponse): string {
  const text = [response.data.err_code, response.data.err_msg, response.msg]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(': ');
  return sanitizeGatewayMessage(text) || `code ${response.code}`;
}
