import type { NextAction, PaymentMethod, ProviderId, SessionStatus } from '@localpay/checkout-core';
import type { OrderRecord } from '../store/order-store.ts';

export interface GatewayReturnUrls {
  successUrl: string;
  failUrl: string;
}

/** What a gateway says about an order, already mapped to the unified status. */
export interface GatewayPaymentState {
  /** false when the gateway does not know the order. */
  exists: boolean;
  /** Mapped status; undefined when the gateway's state is unknown to the adapter. */
  status?: SessionStatus;
  failureReason?: string;
  /** What the gateway says was charged, for the amount/currency check before `succeeded`. */
  amount?: number;
  currency?: string;
  /** Present while the payer can still pay (adopting an order created by an earlier attempt). */
  next?: NextAction;
  gatewayOrderId?: string;
  gatewayReference?: string;
  /** Gateway status text, for the event log. */
  raw: string;
}

export interface GatewayCreateResult {
  next: NextAction;
  gatewayOrderId?: string;
  gatewayReference?: string;
}

export type GatewayWebhookResult =
  | {
      valid: true;
      merchantOrderId: string;
      dedupeKey: string;
      hint?: string;
      params: Record<string, string>;
    }
  | { valid: false; reason: string; merchantOrderId?: string; params: Record<string, string> };

/**
 * One payment gateway (Ksher now; KessPay and Ktpay later implement the same shape). Methods
 * throw GatewayError for failed calls; `createPayment` also throws `rejected` for a refusal.
 */
export interface GatewayAdapter {
  readonly provider: ProviderId;
  listMethods(): PaymentMethod[];
  /**
   * Optional: brings `listMethods` up to date from the gateway (cached by the adapter; never
   * throws). Awaited before `GET /methods` answers.
   */
  refreshMethods?(): Promise<void>;
  /**
   * Optional settings fixed when a session for `method` is persisted: which gateway API its
   * order uses (stored as `gatewayApi`) and its lifetime (default: sessionTtlSeconds).
   */
  sessionSettings?(method: PaymentMethod): { gatewayApi?: string; ttlSeconds?: number };
  /**
   * `urls` is where the gateway sends the payer back; it is undefined for an in-page flow (QR)
   * whose browser gave no returnUrl. Redirect methods always get it.
   */
  createPayment(
    order: OrderRecord,
    urls: GatewayReturnUrls | undefined,
  ): Promise<GatewayCreateResult>;
  /** `hint` is the webhook's own text (e.g. "Order Timeout"), when a webhook triggered it. */
  queryPayment(order: OrderRecord, hint?: string): Promise<GatewayPaymentState>;
  /** Returns false when the gateway refused (e.g. the order is no longer cancellable). */
  cancelPayment(order: OrderRecord): Promise<boolean>;
  refundPayment(
    order: OrderRecord,
    input: { refundId: string; amount: number },
  ): Promise<{ refunded: true } | { refunded: false; message: string }>;
  /** How the gateway calls us back. */
  readonly webhook: {
    path: string;
    method: 'GET' | 'POST';
    /** The body the gateway expects on success. */
    successBody: unknown;
    verify(request: Request): Promise<GatewayWebhookResult>;
  };
}
