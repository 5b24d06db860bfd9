import type { NextAction, PaymentMethod } from '@localpay/checkout-core';
import { ApiError, GatewayError } from '../../errors.ts';
import type { OrderLine, OrderRecord } from '../../store/order-store.ts';
import type { GatewayAdapter, GatewayPaymentState } from '../gateway.ts';
import { orderDescription } from '../order-description.ts';
import {
  ktpayCallbackCapability,
  ktpayCallerIp,
  parseKtpayCallback,
  readKtpayCallbackBody,
  verifyKtpayCallbackCapability,
} from './callback.ts';
import { createKtpayClient, type KtpayCallRecord, type KtpayCreatePaymentInput } from './client.ts';
import type { ResolvedKtpayConfig } from './config.ts';
import { KTPAY_CURRENCY, ktpayMinorAmount, ktpayWireAmount } from './money.ts';
import { mapKtpayStatus } from './status.ts';

export const KTPAY_PROVIDER = 'ktpay';
export const KTPAY_CARD_METHOD_ID = `${KTPAY_PROVIDER}.card`;

/** Shown for status, cancel and refund, which Ktpay does not document (ktpay.md §4.5). */
export const KTPAY_UNSUPPORTED_MESSAGE =
  'Ktpay has no documented API for this; use the Ktpay merchant cabinet (or widget@ktpay.kz)';

export interface KtpayAdapterOptions {
  config: ResolvedKtpayConfig;
  fetch?: typeof fetch;
  now: () => Date;
  onCall?: (call: KtpayCallRecord) => void | Promise<void>;
  /** Reads a session by merchantOrderId, so callbacks are checked against what was stored. */
  findOrder(merchantOrderId: string): Promise<OrderRecord | undefined>;
}

/** A Ktpay adapter also streams receipts. */
export interface KtpayAdapter extends GatewayAdapter {
  /** The receipt PDF of a paid session, streamed from `…/payment/{hash}/pdf` (§4.3). */
  fetchReceipt(order: OrderRecord): Promise<Response>;
}

/** What the verified callback says, passed from `webhook.verify` to `queryPayment` as the hint. */
interface CallbackHint {
  status: string;
  amount: unknown;
  transactionHash: string;
  errorType?: string;
}

export function createKtpayAdapter(options: KtpayAdapterOptions): KtpayAdapter {
  const { config, now } = options;
  const client = createKtpayClient({
    apiUrl: config.apiUrl,
    appId: config.appId,
    appKey: config.appKey,
    timeoutMs: config.timeoutMs,
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.onCall && { onCall: options.onCall }),
  });
  const card: PaymentMethod = {
    id: KTPAY_CARD_METHOD_ID,
    provider: KTPAY_PROVIDER,
    flow: 'redirect',
    label: 'Card (Ktpay)',
    currencies: [KTPAY_CURRENCY],
  };
  const widgetPage = (hash: string) =>
    `${config.widgetUrl}/payment-card?hash=${encodeURIComponent(hash)}`;

  function unsupported(what: string): ApiError {
    return new ApiError(501, 'unsupported', `${what}: ${KTPAY_UNSUPPORTED_MESSAGE}`, {
      provider: KTPAY_PROVIDER,
    });
  }

  function parseHint(order: OrderRecord, hint: string | undefined): CallbackHint | undefined {
    if (hint === undefined) return undefined;
    try {
      const parsed = JSON.parse(hint) as CallbackHint;
      return parsed.transactionHash === order.gatewayOrderId ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  const adapter: KtpayAdapter = {
    provider: KTPAY_PROVIDER,

    listMethods: () => [{ ...card, currencies: [...card.currencies] }],

    async createPayment(order, urls) {
      if (order.currency !== KTPAY_CURRENCY) {
        throw new GatewayError('rejected', `Ktpay takes KZT only, not ${order.currency}`);
      }
      const input: KtpayCreatePaymentInput = {
        order: {
          amount: ktpayWireAmount(order.amount),
          order_id: order.merchantOrderId,
          description: ktpayOrderDescription(order.lines, order.id),
          type: 'ecom',
          callback_post_url: `${config.callbackUrl}/${ktpayCallbackCapability(config.callbackSecret, order.merchantOrderId)}`,
          // The return page re-reads the session: these URLs only bring the payer back.
          ...(urls && {
            callback_success_url: urls.successUrl,
            callback_failed_url: urls.failUrl,
            callback_back_url: urls.failUrl,
          }),
          ...(config.payerFlow === 'iframe' && { show_close_button: true }),
        },
      };
      const created = await client.createPayment(input);
      const hash = created.transactionHash;
      let next: NextAction;
      if (config.payerFlow === 'payment_page') {
        next = {
          type: 'redirect',
          url: await client.acquirerPaymentPage(hash, order.merchantOrderId),
        };
      } else if (config.payerFlow === 'iframe') {
        next = { type: 'iframe', url: widgetPage(hash), origin: config.widgetOrigin };
      } else {
        next = { type: 'redirect', url: widgetPage(hash) };
      }
      return { next, gatewayOrderId: hash, gatewayReference: widgetPage(hash) };
    },

    /**
     * Ktpay has no status API (§4.5): the state is what a verified callback said (the hint), and
     * otherwise "still pending", which makes a session past its expiresAt expire.
     */
    async queryPayment(order, hint) {
      if (order.gatewayOrderId === undefined) {
        return { exists: false, raw: 'no transaction_hash stored (Ktpay has no status API)' };
      }
      const callback = parseHint(order, hint);
      if (!callback) return { exists: true, status: 'pending', raw: 'no callback yet' };
      const state: GatewayPaymentState = {
        exists: true,
        raw: callback.status,
        currency: KTPAY_CURRENCY,
        gatewayOrderId: callback.transactionHash,
      };
      const mapped = mapKtpayStatus(callback.status);
      if (mapped) {
        state.status = mapped.status;
        const reason = callback.errorType ? callback.errorType.toLowerCase() : mapped.failureReason;
        if (mapped.failureReason !== undefined && reason !== undefined)
          state.failureReason = reason;
      }
      const amount = ktpayMinorAmount(callback.amount);
      if (amount !== undefined) state.amount = amount;
      return state;
    },

    async cancelPayment(order) {
      // Expiry (status-sync) asks to cancel a session past its expiresAt: nothing can be sent to
      // Ktpay, so the session simply ends here. A payer's cancel is refused as unsupported.
      if (now().getTime() >= Date.parse(order.expiresAt)) return true;
      throw unsupported('Cancelling a Ktpay payment is not supported');
    },

    async refundPayment() {
      throw unsupported('Refunding a Ktpay payment is not supported');
    },

    async fetchReceipt(order) {
      if (order.gatewayOrderId === undefined) throw new ApiError(404, 'not_found', 'No receipt');
      return client.receipt(order.gatewayOrderId, order.merchantOrderId);
    },

    webhook: {
      path: '/webhooks/ktpay/:capability',
      method: 'POST',
      // The reply Ktpay checks (§8); anything else is retried.
      successBody: { status: 'ok' },
      async verify(request) {
        if (config.callbackIps) {
          const ip = ktpayCallerIp(request, config.clientIpHeader);
          if (!ip || !config.callbackIps.includes(ip)) {
            return { valid: false, reason: 'caller IP is not in ktpay.callbackIps', params: {} };
          }
        }
        const segment = decodeURIComponent(new URL(request.url).pathname.split('/').at(-1) ?? '');
        const merchantOrderId = verifyKtpayCallbackCapability(config.callbackSecret, segment);
        if (!merchantOrderId) {
          return { valid: false, reason: 'unknown callback capability', params: {} };
        }
        const read = await readKtpayCallbackBody(request);
        if (!read.ok) return { valid: false, reason: read.reason, merchantOrderId, params: {} };
        const parsed = parseKtpayCallback(read.json);
        if (!parsed.ok) return { valid: false, reason: parsed.reason, merchantOrderId, params: {} };
        const { callback } = parsed;
        const params: Record<string, string> = {
          order_id: callback.orderId,
          amount: String(callback.amount),
          transaction_hash: callback.transactionHash,
          status: callback.status,
          ...(callback.errorType !== undefined && { error_type: callback.errorType }),
        };
        const reject = (reason: string) =>
          ({ valid: false, reason, merchantOrderId, params }) as const;
        if (callback.orderId !== merchantOrderId) return reject('order_id does not match');
        const order = await options.findOrder(merchantOrderId);
        if (!order) return reject('unknown order');
        if (order.gatewayOrderId !== callback.transactionHash) {
          return reject('transaction_hash does not match');
        }
        if (ktpayMinorAmount(callback.amount) !== order.amount) {
          return reject('amount does not match');
        }
        const hint: CallbackHint = {
          status: callback.status,
          amount: callback.amount,
          transactionHash: callback.transactionHash,
          ...(callback.errorType !== undefined && { errorType: callback.errorType }),
        };
        return {
          valid: true,
          merchantOrderId,
          dedupeKey: `${callback.status}|${callback.transactionHash}`,
          hint: JSON.stringify(hint),
          params,
        };
      },
    },
  };
  return adapter;
}

/** `description`: the line names, control characters removed, at most 200 characters. */
export function ktpayOrderDescription(lines: OrderLine[], orderId: string): string {
  return orderDescription(lines, orderId, 200);
}
