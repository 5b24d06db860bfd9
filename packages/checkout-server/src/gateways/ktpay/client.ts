import { GatewayError, type GatewayErrorKind } from '../../errors.ts';
import { fetchGatewayAnswer } from '../gateway-fetch.ts';
import { sealKtpay } from './sealing.ts';

/** Error codes of ktpay.md §6 with what they mean for the merchant (the gateway's text is Russian). */
export const KTPAY_ERROR_CODES: Readonly<Record<number, string>> = {
  5000001: 'general internal error at Ktpay; try again later',
  5000105: 'unexpected error while creating the transaction',
  5000106: 'unexpected error while reading the authorisation data of the transaction',
  5000107: 'unexpected error while reading the transaction',
  5000109: 'unexpected error while generating the receipt',
  5000110: 'the receipt module failed',
  4010103: 'wrong or unknown app_id (Auth-Identifier); check KTPAY_APP_ID',
  4220002: 'the request failed validation',
  4220101: 'the data could not be read: wrong app_key, bad base64 or not JSON',
  4220102: 'wrong encryption type for the data',
  4220103: 'wrong or unknown app_id (validation)',
  4220104: 'the app_key has expired; ask Ktpay support for a new one',
};

/** A failed Ktpay call: a GatewayError with the §6 numeric code and validation messages. */
export class KtpayError extends GatewayError {
  readonly code: number | undefined;
  /** Field → messages, for 422xxxx validation errors. */
  readonly validation: Record<string, string[]>;

  constructor(
    kind: GatewayErrorKind,
    message: string,
    details: { code?: number; validation?: Record<string, string[]>; httpStatus?: number } = {},
  ) {
    super(kind, message, details.httpStatus);
    this.name = 'KtpayError';
    this.code = details.code;
    this.validation = details.validation ?? {};
  }
}

export type KtpayEnvelope =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; code?: number; messages: Record<string, string[]>; hint?: string };

/**
 * Reads any of the four documented envelopes (ktpay.md §6): the current
 * `{"error":[],"response":{"success":true,"data":{…}}}` and its failure twin with `error` filled
 * and `response.success` false; S1's `{"success":true,"payload":{…}}` /
 * `{"success":false,"error":{code,message,validation,hint}}`; and S3's flat
 * `{"success":false,"data":[],"error":{code,messages,hint}}`. Undefined for anything else.
 */
export function parseKtpayEnvelope(json: unknown): KtpayEnvelope | undefined {
  if (!isObject(json)) return undefined;
  const inner = isObject(json.response) ? json.response : json;
  if (typeof inner.success !== 'boolean') return undefined;
  const error = isObject(json.error) ? json.error : isObject(inner.error) ? inner.error : undefined;
  if (inner.success && !error) {
    const data = isObject(inner.data) ? inner.data : isObject(inner.payload) ? inner.payload : {};
    return { ok: true, data };
  }
  const failure: KtpayEnvelope = { ok: false, messages: {} };
  if (!error) return failure;
  const code = Number(error.code);
  if (Number.isInteger(code) && code > 0) failure.code = code;
  for (const source of [error.messages, error.validation]) {
    if (!isObject(source)) continue;
    for (const [field, value] of Object.entries(source)) {
      const list = (Array.isArray(value) ? value : [value]).filter(
        (item): item is string => typeof item === 'string',
      );
      if (list.length > 0) failure.messages[field] = [...(failure.messages[field] ?? []), ...list];
    }
  }
  if (typeof error.message === 'string' && Object.keys(failure.messages).length === 0) {
    failure.messages.error = [error.message];
  }
  if (typeof error.hint === 'string') failure.hint = error.hint;
  return failure;
}

/** The error a failed envelope (or a non-envelope answer) stands for. */
export function ktpayErrorFrom(
  httpStatus: number,
  envelope: KtpayEnvelope | undefined,
): KtpayError {
  if (!envelope) {
    const kind: GatewayErrorKind =
      httpStatus >= 500 || httpStatus === 429 ? 'unavailable' : 'invalid_response';
    return new KtpayError(kind, `Ktpay answered HTTP ${httpStatus} without a readable envelope`, {
      httpStatus,
    });
  }
  if (envelope.ok) {
    return new KtpayError(
      'invalid_response',
      'Ktpay answered success where a failure was expected',
      {
        httpStatus,
      },
    );
  }
  const { code } = envelope;
  const explained = code !== undefined ? KTPAY_ERROR_CODES[code] : undefined;
  const fields = Object.entries(envelope.messages)
    .filter(([field]) => field !== 'error')
    .map(([field, list]) => `${field}: ${list.join(' ')}`);
  const text = [
    `Ktpay refused the request (${code ?? `HTTP ${httpStatus}`}${explained ? `: ${explained}` : ''})`,
    ...fields,
  ].join('; ');
  // 500xxxx: Ktpay's own failure, worth a retry; 401/422xxxx: our request, not worth one.
  const serverSide =
    (code !== undefined && String(code).startsWith('500')) ||
    (code === undefined && (httpStatus >= 500 || httpStatus === 429));
  return new KtpayError(serverSide ? 'unavailable' : 'rejected', text, {
    ...(code !== undefined && { code }),
    validation: envelope.messages,
    httpStatus,
  });
}

export interface KtpayOrderPayload {
  /** Tenge with at most 2 decimals. */
  amount: number;
  order_id: string;
  description?: string;
  type: 'ecom';
  callback_post_url: string;
  callback_back_url?: string;
  callback_success_url?: string;
  callback_failed_url?: string;
  show_close_button?: boolean;
}

export interface KtpayUser {
  merchant_user_id?: string;
  phone?: string;
  email?: string;
}

export interface KtpayCreatePaymentInput {
  order: KtpayOrderPayload;
  user?: KtpayUser;
}

export interface KtpayCreatedPayment {
  transactionHash: string;
  /** Doc v2.1; absent before. */
  showCloseButton?: boolean;
}

export interface KtpayCallRecord {
  merchantOrderId: string;
  operation: 'payment' | 'acquirer-options' | 'pdf';
  status: number | 'timeout' | 'network_error';
  durationMs: number;
  /** What was sealed, without `callback_post_url` (it holds the callback capability). */
  request?: Record<string, unknown>;
  response?: unknown;
  error?: string;
}

export interface KtpayClientOptions {
  /** `https://fintech.nplus.tech/api/v1/merchant-widget` (test: `fintech.test.nplus.tech`). */
  apiUrl: string;
  appId: string;
  appKey: string;
  fetch?: typeof fetch;
  /** Default 15000. */
  timeoutMs?: number;
  onCall?: (call: KtpayCallRecord) => void | Promise<void>;
}

export interface KtpayClient {
  createPayment(input: KtpayCreatePaymentInput): Promise<KtpayCreatedPayment>;
  /** `payment_page` of the acquirer (Halyk Epay) for the payer, from `acquirer-options` (§4.2). */
  acquirerPaymentPage(transactionHash: string, merchantOrderId: string): Promise<string>;
  /** The receipt PDF (§4.3) as Ktpay answered it, body unread, for streaming. */
  receipt(transactionHash: string, merchantOrderId: string): Promise<Response>;
}

interface Sent {
  response: Response;
  /** The body, read before the deadline; absent when it is left to stream. */
  text?: string;
  record(fields: Pick<KtpayCallRecord, 'status'> & Partial<KtpayCallRecord>): unknown;
}

const TRANSACTION_HASH = /^[0-9a-f]{40}$/;

export function isKtpayTransactionHash(value: unknown): value is string {
  return typeof value === 'string' && TRANSACTION_HASH.test(value);
}

/**
 * Client for the Ktpay merchant widget API (ktpay.md §3-§4): the create call is a sealed box to
 * `app_key` sent as the raw body with `Auth-Identifier: app_id`; answers are plain JSON envelopes.
 */
export function createKtpayClient(options: KtpayClientOptions): KtpayClient {
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(
    operation: KtpayCallRecord['operation'],
    merchantOrderId: string,
    url: string,
    init: RequestInit,
    shown?: Record<string, unknown>,
    stream = false,
  ): Promise<Sent> {
    const started = performance.now();
    const record = (fields: Pick<KtpayCallRecord, 'status'> & Partial<KtpayCallRecord>) =>
      options.onCall?.({
        merchantOrderId,
        operation,
        durationMs: Math.round(performance.now() - started),
        ...(shown && { request: shown }),
        ...fields,
      });
    try {
      if (stream) {
        // The body streams on after this returns, so its deadline must outlive the call.
        const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        return { response, record };
      }
      return { ...(await fetchGatewayAnswer(doFetch, url, init, timeoutMs)), record };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      await record({
        status: timedOut ? 'timeout' : 'network_error',
        error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error',
      });
      throw new KtpayError(
        'unavailable',
        timedOut ? `Ktpay did not answer within ${timeoutMs} ms` : 'Ktpay could not be reached',
      );
    }
  }

  async function readData({ response, text, record }: Sent): Promise<Record<string, unknown>> {
    let json: unknown;
    try {
      json = JSON.parse(text ?? (await response.text()));
    } catch {
      json = undefined;
    }
    await record({ status: response.status, ...(json !== undefined && { response: json }) });
    const envelope = parseKtpayEnvelope(json);
    if (response.status === 200 && envelope?.ok) return envelope.data;
    throw ktpayErrorFrom(response.status, envelope);
  }

  /** GET `/payment/{hash}/{operation}` (§4.2, §4.3). */
  function getByHash(
    operation: 'acquirer-options' | 'pdf',
    transactionHash: string,
    merchantOrderId: string,
    accept: string,
    stream = false,
  ): Promise<Sent> {
    if (!isKtpayTransactionHash(transactionHash)) {
      throw new RangeError('Not a Ktpay transaction_hash');
    }
    return send(
      operation,
      merchantOrderId,
      `${apiUrl}/payment/${transactionHash}/${operation}`,
      { method: 'GET', headers: { 'auth-identifier': options.appId, accept } },
      undefined,
      stream,
    );
  }

  return {
    async createPayment(input) {
      const body = await sealKtpay(input, options.appKey);
      const { callback_post_url: _capability, ...order } = input.order;
      const sent = await send(
        'payment',
        input.order.order_id,
        `${apiUrl}/payment`,
        {
          method: 'POST',
          // The official JS client's type (§3); the server reads the raw body whatever it is.
          headers: {
            'auth-identifier': options.appId,
            'content-type': 'text/plain',
            accept: 'application/json',
          },
          body,
        },
        { order, ...(input.user && { user: input.user }) },
      );
      const data = await readData(sent);
      if (!isKtpayTransactionHash(data.transaction_hash)) {
        throw new KtpayError('invalid_response', 'Ktpay answered without a transaction_hash', {
          httpStatus: 200,
        });
      }
      return {
        transactionHash: data.transaction_hash,
        ...(typeof data.show_close_button === 'boolean' && {
          showCloseButton: data.show_close_button,
        }),
      };
    },

    async acquirerPaymentPage(transactionHash, merchantOrderId) {
      const sent = await getByHash(
        'acquirer-options',
        transactionHash,
        merchantOrderId,
        'application/json',
      );
      const data = await readData(sent);
      const page = data.payment_page;
      if (
        typeof page !== 'string' ||
        !URL.canParse(page) ||
        !/^https?:$/.test(new URL(page).protocol)
      ) {
        // v1.0 answered a signed Epay form instead (§4.2): superseded, not supported.
        throw new KtpayError('invalid_response', 'Ktpay acquirer-options has no payment_page URL', {
          httpStatus: 200,
        });
      }
      return page;
    },

    async receipt(transactionHash, merchantOrderId) {
      // Streamed: the PDF's body is read by whoever the handler passes it to.
      const sent = await getByHash(
        'pdf',
        transactionHash,
        merchantOrderId,
        'application/pdf',
        true,
      );
      const { response } = sent;
      const type = response.headers.get('content-type') ?? '';
      if (response.status === 200 && type.toLowerCase().startsWith('application/pdf')) {
        await sent.record({ status: 200 });
        return response;
      }
      await readData(sent);
      throw new KtpayError('invalid_response', 'Ktpay answered the receipt without a PDF', {
        httpStatus: response.status,
      });
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
