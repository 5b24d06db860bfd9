import type {
  CheckoutSession,
  CreateSessionRequest,
  ErrorCode,
  MethodsResponse,
  PaymentMethod,
} from './contract.ts';
import { IDEMPOTENCY_HEADER } from './contract.ts';

/**
 * Server codes plus two the client itself produces: `network_error` (the request never got an
 * answer) and `invalid_response` (an answer that is not the JSON the contract promises).
 */
export type CheckoutClientErrorCode = ErrorCode | 'network_error' | 'invalid_response';

export class CheckoutApiError extends Error {
  override readonly name = 'CheckoutApiError';
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: CheckoutClientErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: CheckoutClientErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Whether sending the same request again may succeed (connection, overload, gateway trouble). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface CheckoutClientOptions {
  /** Mount path or absolute URL of the checkout server's browser API. Default `/api/checkout`. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Extra headers sent on every request (e.g. a CSRF token). */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface CreateSessionOptions extends RequestOptions {
  idempotencyKey: string;
}

export interface CheckoutClient {
  readonly baseUrl: string;
  listMethods(currency?: string, options?: RequestOptions): Promise<PaymentMethod[]>;
  createSession(
    request: CreateSessionRequest,
    options: CreateSessionOptions,
  ): Promise<CheckoutSession>;
  getSession(id: string, options?: RequestOptions): Promise<CheckoutSession>;
  cancelSession(id: string, options?: RequestOptions): Promise<CheckoutSession>;
  /** URL of the session's SSE status stream, for `new EventSource(url)`. */
  eventsUrl(id: string): string;
  /**
   * Server clock minus this device's clock in ms, from the `Date` header of the latest answer
   * (0 until one arrived, or when the header is missing or unreadable). Optional for custom
   * clients; QR countdowns use it so a wrong device clock does not shift the expiry.
   */
  clockOffsetMs?(): number;
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'invalid_request',
  404: 'not_found',
  409: 'conflict',
  422: 'invalid_request',
  429: 'rate_limited',
  502: 'provider_error',
  503: 'provider_unavailable',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Maps a non-2xx response to a CheckoutApiError, using the contract's error body when present. */
async function errorFromResponse(response: Response): Promise<CheckoutApiError> {
  const fallbackCode = statusCodes[response.status] ?? 'internal_error';
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new CheckoutApiError(
      response.status,
      error.code as ErrorCode,
      error.message,
      isRecord(error.details) ? error.details : undefined,
    );
  }
  return new CheckoutApiError(
    response.status,
    fallbackCode,
    `Request failed with HTTP ${response.status}`,
  );
}

export function createCheckoutClient(options: CheckoutClientOptions = {}): CheckoutClient {
  const baseUrl = (options.baseUrl ?? '/api/checkout').replace(/\/+$/, '');
  // Looked up per call, not captured: test mocks and polyfills installed later still apply.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const extraHeaders = options.headers ?? {};
  let clockOffsetMs = 0;

  /**
   * `Date` has whole seconds and is stamped before the answer travels, so the server time is
   * taken as the middle of its second; the remaining error is well under the second the
   * countdown shows.
   */
  function noteServerDate(response: Response): void {
    const date = Date.parse(response.headers.get('date') ?? '');
    if (Number.isFinite(date)) clockOffsetMs = date + 500 - Date.now();
  }

  function urlFor(path: string): string {
    const url = `${baseUrl}${path}`;
    // A relative base resolves against the page; outside a page (SSR, Node) it stays relative.
    const href = globalThis.location?.href;
    return href && !/^[a-z][a-z0-9+.-]*:/i.test(url) ? new URL(url, href).toString() : url;
  }

  async function request<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(urlFor(path), {
        ...init,
        headers: { Accept: 'application/json', ...extraHeaders, ...init.headers },
        credentials: 'same-origin',
      });
    } catch (error) {
      // Aborts are the caller's decision, not a failure to report.
      if (isAbortError(error)) throw error;
      throw new CheckoutApiError(
        0,
        'network_error',
        'The payment server could not be reached',
        undefined,
        { cause: error },
      );
    }
    noteServerDate(response);
    if (!response.ok) throw await errorFromResponse(response);
    try {
      return (await response.json()) as T;
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new CheckoutApiError(
        response.status,
        'invalid_response',
        'The payment server sent an unreadable answer',
        undefined,
        { cause: error },
      );
    }
  }

  function sessionPath(id: string): string {
    if (id.length === 0) throw new TypeError('Session id must not be empty');
    return `/sessions/${encodeURIComponent(id)}`;
  }

  return {
    baseUrl,
    async listMethods(currency, requestOptions = {}) {
      const query = currency ? `?currency=${encodeURIComponent(currency)}` : '';
      const body = await request<MethodsResponse>(`/methods${query}`, {
        method: 'GET',
        signal: requestOptions.signal,
      });
      if (!isRecord(body) || !Array.isArray(body.methods)) {
        throw new CheckoutApiError(200, 'invalid_response', 'The methods list is missing');
      }
      return body.methods;
    },
    createSession(sessionRequest, { idempotencyKey, signal }) {
      if (!idempotencyKey) throw new TypeError('idempotencyKey is required');
      return request<CheckoutSession>('/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_HEADER]: idempotencyKey },
        body: JSON.stringify(sessionRequest),
        signal,
      });
    },
    getSession(id, requestOptions = {}) {
      return request<CheckoutSession>(sessionPath(id), {
        method: 'GET',
        signal: requestOptions.signal,
      });
    },
    cancelSession(id, requestOptions = {}) {
      return request<CheckoutSession>(`${sessionPath(id)}/cancel`, {
        method: 'POST',
        signal: requestOptions.signal,
      });
    },
    eventsUrl(id) {
      return urlFor(`${sessionPath(id)}/events`);
    },
    clockOffsetMs() {
      return clockOffsetMs;
    },
  };
}

/** Normalises anything thrown into a CheckoutApiError so UIs have one error shape to render. */
export function toCheckoutApiError(error: unknown): CheckoutApiError {
  if (error instanceof CheckoutApiError) return error;
  return new CheckoutApiError(
    0,
    'internal_error',
    error instanceof Error ? error.message : 'Unexpected error',
    undefined,
    { cause: error },
  );
}
