/**
 * The browser ↔ server wire contract. Both sides import these types; nothing here runs.
 * Money is always an integer amount in the currency's minor unit (satang, cents, riel, tiyn).
 */

export type CurrencyCode = 'THB' | 'USD' | 'KHR' | 'KZT' | (string & {});

export interface Money {
  /** Integer, minor units of `currency`. */
  amount: number;
  currency: CurrencyCode;
}

export type ProviderId = 'ksher' | 'kesspay' | 'ktpay' | (string & {});

/** How the payer completes the payment once a session exists. */
export type PaymentFlow = 'redirect' | 'qr';

export interface PaymentMethod {
  /** `<provider>.<channel>`, e.g. `ksher.promptpay`. */
  id: string;
  provider: ProviderId;
  flow: PaymentFlow;
  /** English label; the UI translates by `id` when its catalog knows the method. */
  label: string;
  currencies: CurrencyCode[];
  /** Inclusive limits in minor units, when the gateway has them. */
  minAmount?: number;
  maxAmount?: number;
}

export interface MethodsResponse {
  methods: PaymentMethod[];
}

export interface CartItemInput {
  sku: string;
  quantity: number;
}

export interface CreateSessionRequest {
  methodId: string;
  cart: { items: CartItemInput[] };
  /** Absolute URL the payer comes back to after a redirect flow; `checkout_session=<id>` is appended. */
  returnUrl?: string;
  locale?: string;
  /**
   * The currency the shopper chose (the Checkout's `currency`), passed to the merchant's price
   * hook. A request, not a price: the server's hook decides the currency it charges in.
   */
  currency?: CurrencyCode;
}

export type SessionStatus =
  | 'pending'
  | 'processing'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'refunded'
  | 'partially_refunded';

export interface RedirectNextAction {
  type: 'redirect';
  url: string;
}

export interface QrNextAction {
  type: 'qr';
  /** Server-rendered SVG markup of the QR code: the browser never encodes QR itself. */
  svg: string;
  payload?: string;
  deeplink?: string;
  expiresAt: string;
}

/**
 * A gateway page embedded in the checkout (Ktpay's card widget). Only `message` events from
 * `origin` are listened to; the page may ask to close or to navigate the top window.
 */
export interface IframeNextAction {
  type: 'iframe';
  url: string;
  /** Origin of `url`, e.g. `https://widget.nplus.tech`. */
  origin: string;
}

export type NextAction = RedirectNextAction | QrNextAction | IframeNextAction;

export interface CheckoutSession {
  id: string;
  status: SessionStatus;
  /** Integer minor units. */
  amount: number;
  currency: CurrencyCode;
  methodId: string;
  provider: ProviderId;
  /** ISO 8601. */
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  /** Present while the payer still has something to do (status `pending`). */
  next?: NextAction;
  /** Short machine-readable reason for `failed` / `cancelled` / `expired`, when known. */
  failureReason?: string;
}

/** One message on `GET /sessions/:id/events` (SSE `event: status`, `data:` is this JSON). */
export interface SessionStatusEvent {
  id: string;
  status: SessionStatus;
  updatedAt: string;
}

export type ErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'provider_error'
  | 'provider_unavailable'
  | 'unsupported'
  | 'internal_error';

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: Record<string, unknown>;
  };
}

/** Query parameter appended to `returnUrl` after a redirect flow. It proves nothing: re-read the session. */
export const RETURN_SESSION_PARAM = 'checkout_session';
/**
 * Set to `fail` on the gateway's "not completed" return URL. Only a hint: the UI may ask the
 * server to cancel, and the server checks with the gateway before it does.
 */
export const RETURN_RESULT_PARAM = 'checkout_result';
/** Header for idempotent `POST /sessions`. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
