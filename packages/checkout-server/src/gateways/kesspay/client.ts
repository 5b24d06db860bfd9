import type { CurrencyCode } from '@localpay/checkout-core';
import { GatewayError, type GatewayErrorKind } from '../../errors.ts';
import { fetchGatewayAnswer } from '../gateway-fetch.ts';
import { parseJsonObject, sanitizeGatewayMessage } from '../gateway-message.ts';
import type { KesspayAuth } from './auth.ts';
import { kesspayWireAmount } from './money.ts';
import { type KesspaySignType, signKesspay } from './signature.ts';

/** Error codes of kesspay.md §6, keyed by HTTP status. */
export type KesspayErrorCode =
  | 'VALIDATION_ERROR'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DUPLICATED'
  | 'EXPIRED'
  | 'PROCESS_FAILED'
  | 'SYSTEM_ERROR'
  | 'FEATURE_UNDER_MAINTENANCE'
  | 'GATEWAY_TIMEOUT'
  | 'REQUEST_FAILED';

const CODE_BY_STATUS: Record<number, KesspayErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'DUPLICATED',
  419: 'EXPIRED',
  422: 'PROCESS_FAILED',
  500: 'SYSTEM_ERROR',
  503: 'FEATURE_UNDER_MAINTENANCE',
  504: 'GATEWAY_TIMEOUT',
};

const EXPLANATION: Partial<Record<KesspayErrorCode, string>> = {
  UNAUTHENTICATED: 'the credentials or access token were refused',
  FORBIDDEN: "this server's IP address is not on KessPay's allow-list, or the account is disabled",
  DUPLICATED: 'out_trade_no was already used',
  EXPIRED: 'the order or QR code has expired',
};

/** A failed KessPay call: a GatewayError that also carries the §6 code (`DUPLICATED`, …). */
export class KesspayError extends GatewayError {
  readonly code: KesspayErrorCode;

  constructor(
    kind: GatewayErrorKind,
    code: KesspayErrorCode,
    message: string,
    httpStatus?: number,
  ) {
    super(kind, message, httpStatus);
    this.name = 'KesspayError';
    this.code = code;
  }
}

/** OrderInfo (kesspay.md §4); only the fields this code reads are typed. */
export interface KesspayOrderInfo {
  [field: string]: unknown;
  token?: string;
  out_trade_no?: string;
  transaction_id?: string | null;
  total_amount?: number | string;
  currency?: string;
  status?: string;
  payment_link?: string;
  expired_at?: string | null;
}

export interface KesspayNativePayData {
  [field: string]: unknown;
  qrcode?: string;
  qrcode_link?: string;
  deeplink?: string;
  expires_in?: number | string;
  service_code?: string;
  order_info?: KesspayOrderInfo;
}

export interface KesspayRefundHistory {
  [field: string]: unknown;
  amount?: number | string;
  currency?: string;
  status?: string;
  rejected_reason?: string | null;
  transaction_id?: string;
  merchant_reference?: string;
}

export interface KesspayPaymentMethodInfo {
  [field: string]: unknown;
  id?: number | string;
  title?: string;
  bic?: string;
  img_url?: string;
}

export interface KesspayDetailLine {
  no: number;
  name: string;
  /** Minor units. */
  price: number;
  qty: number;
}

export interface KesspayOrderInput {
  outTradeNo: string;
  body: string;
  /** Minor units: cents for USD, riel for KHR. */
  amount: number;
  currency: CurrencyCode;
  notifyUrl?: string;
  expiresInSeconds?: number;
}

export interface KesspayCreateOrderInput extends KesspayOrderInput {
  redirectUrl?: string;
  detail?: KesspayDetailLine[];
  /** Default ANONYMOUS: the payer does not need a KessPay account. */
  loginType?: 'GENERAL' | 'FACEBOOK' | 'ANONYMOUS';
}

export interface KesspayNativePayInput extends KesspayOrderInput {
  /** BIC from getpaymentmethods, e.g. `KHQR` or `ABAAKHPP`. */
  serviceCode: string;
}

export interface KesspayRefundInput {
  outTradeNo: string;
  reason: string;
  /** Minor units; omitted for a full refund. */
  partialAmount?: number;
  currency: CurrencyCode;
  merchantReference?: string;
}

/** One gateway call, as recorded in the order's event log (no token, no sign). */
export interface KesspayCallRecord {
  /** '' for calls about no order (payment methods). */
  merchantOrderId: string;
  service: string;
  status: number | 'timeout' | 'network_error';
  durationMs: number;
  response?: Record<string, unknown>;
  error?: string;
}

export interface KesspayClientOptions {
  baseUrl: string;
  auth: KesspayAuth;
  apiSecretKey: string;
  sellerCode: string;
  /** Default MD5: the one algorithm every source (including the official PHP sample) implements. */
  signType?: KesspaySignType;
  fetch?: typeof fetch;
  /** Default 15000. */
  timeoutMs?: number;
  onCall?: (call: KesspayCallRecord) => void | Promise<void>;
}

export interface KesspayClient {
  createOrder(input: KesspayCreateOrderInput): Promise<KesspayOrderInfo>;
  nativePay(input: KesspayNativePayInput): Promise<KesspayNativePayData>;
  queryOrder(outTradeNo: string): Promise<KesspayOrderInfo>;
  closeOrder(outTradeNo: string): Promise<KesspayOrderInfo>;
  refund(input: KesspayRefundInput): Promise<KesspayRefundHistory>;
  queryRefund(
    query: { transactionId: string } | { merchantReference: string },
  ): Promise<KesspayRefundHistory>;
  getPaymentMethods(): Promise<KesspayPaymentMethodInfo[]>;
}

const SERVICE_PREFIX = 'webpay.acquire.';

/**
 * Client for the KessPay WebPay gateway (kesspay.md §1-§6): flat JSON bodies signed with
 * `api_secret_key`, `POST {base}/api/mch/v2/gateway` with a Bearer token (or v1 with Basic auth).
 * A 401 drops the token and the call is retried once with a fresh one. The response `sign` is not
 * verified: how it is computed is unknown (§12.1), so the answer is trusted as any HTTPS answer.
 * Every non-success answer throws a KesspayError.
 */
export function createKesspayClient(options: KesspayClientOptions): KesspayClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const signType = options.signType ?? 'MD5';
  const { auth } = options;

  async function call<T>(
    service: string,
    merchantOrderId: string,
    fields: Record<string, unknown>,
  ): Promise<T> {
    const params: Record<string, unknown> = {
      service: `${SERVICE_PREFIX}${service}`,
      sign_type: signType,
      seller_code: options.sellerCode,
      ...fields,
    };
    params.sign = signKesspay(params, options.apiSecretKey);
    const body = JSON.stringify(params);

    let answer = await send(service, merchantOrderId, body);
    if (answer.response.status === 401 && auth.mode === 'oauth') {
      auth.rejected(answer.authorization);
      answer = await send(service, merchantOrderId, body);
    }
    return interpret<T>(answer.response.status, answer.json);
  }

  async function send(service: string, merchantOrderId: string, body: string) {
    const authorization = await auth.authorization();
    const started = performance.now();
    const record = (fields: Pick<KesspayCallRecord, 'status'> & Partial<KesspayCallRecord>) =>
      options.onCall?.({
        merchantOrderId,
        service,
        durationMs: Math.round(performance.now() - started),
        ...fields,
      });
    let response: Response;
    let text: string;
    try {
      ({ response, text } = await fetchGatewayAnswer(
        doFetch,
        `${baseUrl}${auth.gatewayPath}`,
        {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            authorization,
          },
          body,
        },
        timeoutMs,
      ));
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      await record({
        status: timedOut ? 'timeout' : 'network_error',
        error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error',
      });
      throw new KesspayError(
        'unavailable',
        'GATEWAY_TIMEOUT',
        timedOut ? `KessPay did not answer within ${timeoutMs} ms` : 'KessPay could not be reached',
      );
    }
    const json = parseJsonObject(text);
    const { sign: _sign, ...shown } = json ?? {};
    await record({ status: response.status, ...(json && { response: shown }) });
    return { response, json, authorization };
  }

  function interpret<T>(status: number, json: Record<string, unknown> | undefined): T {
    // `success` is a boolean in v2 and the string "true" in the legacy v1 doc (§4).
    const success = json?.success === true || json?.success === 'true';
    if (status === 200 && success) return (json?.data ?? {}) as T;
    const code = errorCode(status, json);
    const gatewayText = errorMessage(json);
    const explained = EXPLANATION[code];
    const message = `KessPay ${status === 200 ? 'refused the request' : `answered HTTP ${status}`} (${code}${explained ? `: ${explained}` : ''})${gatewayText ? `: ${gatewayText}` : ''}`;
    if (status === 200 && !json) {
      throw new KesspayError(
        'invalid_response',
        'REQUEST_FAILED',
        'KessPay answered with a body that is not a JSON object',
        200,
      );
    }
    const kind: GatewayErrorKind = status >= 500 || status === 429 ? 'unavailable' : 'rejected';
    throw new KesspayError(kind, code, message, status);
  }

  const orderFields = (input: KesspayOrderInput): Record<string, unknown> => {
    const fields: Record<string, unknown> = {
      out_trade_no: input.outTradeNo,
      body: input.body,
      total_amount: kesspayWireAmount(input.amount, input.currency),
      currency: input.currency,
    };
    if (input.notifyUrl !== undefined) fields.notify_url = input.notifyUrl;
    if (input.expiresInSeconds !== undefined) fields.expires_in = input.expiresInSeconds;
    return fields;
  };

  return {
    createOrder(input) {
      const fields = orderFields(input);
      fields.login_type = input.loginType ?? 'ANONYMOUS';
      if (input.redirectUrl !== undefined) fields.redirect_url = input.redirectUrl;
      if (input.detail && input.detail.length > 0) {
        // Nested, so not signed (§2.1); prices in the order's currency units like total_amount.
        fields.detail = input.detail.map((line) => ({
          no: line.no,
          name: line.name,
          price: kesspayWireAmount(line.price, input.currency),
          qty: line.qty,
        }));
      }
      return call('createorder', input.outTradeNo, fields);
    },
    nativePay(input) {
      return call('nativePay', input.outTradeNo, {
        ...orderFields(input),
        service_code: input.serviceCode,
      });
    },
    queryOrder(outTradeNo) {
      return call('queryorder', outTradeNo, { out_trade_no: outTradeNo });
    },
    closeOrder(outTradeNo) {
      return call('closeorder', outTradeNo, { out_trade_no: outTradeNo });
    },
    refund(input) {
      const fields: Record<string, unknown> = {
        out_trade_no: input.outTradeNo,
        reason: input.reason,
      };
      if (input.partialAmount !== undefined) {
        fields.partial_refund_amount = kesspayWireAmount(input.partialAmount, input.currency);
        fields.partial_refund_amount_ccy = input.currency;
      }
      if (input.merchantReference !== undefined)
        fields.merchant_reference = input.merchantReference;
      return call('v2Refund', input.outTradeNo, fields);
    },
    queryRefund(query) {
      return call(
        'queryRefund',
        '',
        'transactionId' in query
          ? { transaction_id: query.transactionId }
          : { merchant_reference: query.merchantReference },
      );
    },
    async getPaymentMethods() {
      const data = await call<unknown>('getpaymentmethods', '', {});
      if (!Array.isArray(data)) {
        throw new KesspayError(
          'invalid_response',
          'REQUEST_FAILED',
          'KessPay answered getpaymentmethods without a list',
          200,
        );
      }
      return data.filter(
        (entry): entry is KesspayPaymentMethodInfo => typeof entry === 'object' && entry !== null,
      );
    },
  };
}

function errorCode(status: number, json: Record<string, unknown> | undefined): KesspayErrorCode {
  const byStatus = CODE_BY_STATUS[status];
  if (byStatus) return byStatus;
  for (const key of ['code', 'error_code']) {
    const value = json?.[key];
    if (
      typeof value === 'string' &&
      Object.values(CODE_BY_STATUS).includes(value as KesspayErrorCode)
    ) {
      return value as KesspayErrorCode;
    }
  }
  return status >= 500 ? 'SYSTEM_ERROR' : 'REQUEST_FAILED';
}

/** The gateway's own text; the body shape is undocumented (§6), so the usual keys are tried. */
function errorMessage(json: Record<string, unknown> | undefined): string {
  for (const key of ['message', 'error_description', 'error', 'detail', 'msg', 'error_desc']) {
    const value = json?.[key];
    if (typeof value === 'string' && value.trim() !== '') return sanitizeGatewayMessage(value);
  }
  return '';
}
