import type { PaymentMethod } from '@localpay/checkout-core';
import type { ResolvedKsherConfig } from '../../config.ts';
import { GatewayError } from '../../errors.ts';
import type { OrderLine, OrderRecord } from '../../store/order-store.ts';
import type { GatewayAdapter, GatewayPaymentState } from '../gateway.ts';
import { findKsherChannel, KSHER_CURRENCY } from './channels.ts';
import {
  createKsherClient,
  type KsherCallRecord,
  type KsherOrderResponse,
  sanitizeGatewayMessage,
} from './client.ts';
import { mapKsherStatus } from './status.ts';
import { verifyKsherWebhook } from './webhook.ts';

export interface KsherAdapterOptions {
  config: ResolvedKsherConfig;
  fetch?: typeof fetch;
  now: () => Date;
  onCall?: (call: KsherCallRecord) => void | Promise<void>;
}

export const KSHER_PROVIDER = 'ksher';

export function createKsherAdapter(options: KsherAdapterOptions): GatewayAdapter {
  const { config, now } = options;
  const client = createKsherClient({
    baseUrl: config.baseUrl,
    token: config.token,
    timeoutMs: config.timeoutMs,
    now,
    ...(options.fetch && { fetch: options.fetch }),
    ...(config.mid !== undefined && { mid: config.mid }),
    ...(config.provider !== undefined && { provider: config.provider }),
    ...(options.onCall && { onCall: options.onCall }),
  });

  const methods: PaymentMethod[] = config.channels.map((channel) => {
    const known = findKsherChannel(channel);
    return {
      id: `${KSHER_PROVIDER}.${channel}`,
      provider: KSHER_PROVIDER,
      flow: 'redirect',
      label: known?.label ?? channel,
      currencies: [KSHER_CURRENCY],
      ...(known?.minAmount !== undefined && { minAmount: known.minAmount }),
    };
  });

  function toState(
    order: OrderRecord,
    answer: KsherOrderResponse,
    hint?: string,
  ): GatewayPaymentState {
    if (typeof answer.status !== 'string') {
      // "Order does not exist" comes back as HTTP 200 FAIL without an order record.
      return {
        exists: false,
        raw: `${answer.error_code ?? ''} ${answer.error_message ?? ''}`.trim(),
      };
    }
    if (answer.merchant_order_id !== order.merchantOrderId) {
      throw new GatewayError('invalid_response', 'Ksher answered about a different order', 200);
    }
    const mapped = mapKsherStatus({
      status: answer.status,
      errorMessage: answer.error_message,
      webhookMessage: hint,
      cancelRequested: order.cancelRequested,
      pastExpiry: now().getTime() > Date.parse(order.expiresAt),
    });
    const state: GatewayPaymentState = {
      exists: true,
      raw: `${answer.status} ${answer.error_code ?? ''} ${answer.error_message ?? ''}`.trim(),
    };
    if (mapped) {
      state.status = mapped.status;
      if (mapped.failureReason !== undefined) state.failureReason = mapped.failureReason;
    }
    if (typeof answer.amount === 'number') state.amount = answer.amount;
    if (typeof answer.currency === 'string') state.currency = answer.currency;
    if (typeof answer.gateway_order_id === 'string') state.gatewayOrderId = answer.gateway_order_id;
    if (typeof answer.reference === 'string' && isHttpUrl(answer.reference)) {
      state.gatewayReference = answer.reference;
      if (answer.status === 'Available') state.next = { type: 'redirect', url: answer.reference };
    }
    return state;
  }

  const adapter: GatewayAdapter = {
    provider: KSHER_PROVIDER,

    listMethods: () => methods.map((method) => ({ ...method })),

    async createPayment(order, urls) {
      const answer = await client.createRedirectOrder({
        merchantOrderId: order.merchantOrderId,
        amount: order.amount,
        redirectUrl: urls.successUrl,
        redirectUrlFail: urls.failUrl,
        productName: ksherProductName(order.lines, order.id),
        channel: order.methodId.slice(KSHER_PROVIDER.length + 1),
      });
      if (
        answer.error_code === 'SUCCESS' &&
        answer.merchant_order_id === order.merchantOrderId &&
        typeof answer.reference === 'string' &&
        isHttpUrl(answer.reference)
      ) {
        return {
          next: { type: 'redirect', url: answer.reference },
          gatewayReference: answer.reference,
          ...(typeof answer.gateway_order_id === 'string' && {
            gatewayOrderId: answer.gateway_order_id,
          }),
        };
      }
      // A FAIL can mean "merchant_order_id already exists" (an earlier attempt got through, §10.10):
      // adopt that order if it is ours (same amount) and still payable.
      const existing = toState(order, await client.queryRedirectOrder(order.merchantOrderId));
      if (existing.exists && existing.next && existing.amount === order.amount) {
        return {
          next: existing.next,
          ...(existing.gatewayReference !== undefined && {
            gatewayReference: existing.gatewayReference,
          }),
          ...(existing.gatewayOrderId !== undefined && { gatewayOrderId: existing.gatewayOrderId }),
        };
      }
      const message = sanitizeGatewayMessage(
        String(answer.error_message ?? answer.error_code ?? 'unknown'),
      );
      throw new GatewayError('rejected', `Ksher refused the order: ${message}`, 200);
    },

    async queryPayment(order, hint) {
      return toState(order, await client.queryRedirectOrder(order.merchantOrderId), hint);
    },

    async cancelPayment(order) {
      const answer = await client.cancelRedirectOrder(order.merchantOrderId);
      return answer.error_code !== 'FAIL';
    },

    async refundPayment(order, input) {
      const answer = await client.refundRedirectOrder(order.merchantOrderId, {
        refundOrderId: input.refundId,
        refundAmount: input.amount,
      });
      if (answer.error_code === 'REFUNDED') return { refunded: true };
      return {
        refunded: false,
        message: sanitizeGatewayMessage(
          String(answer.error_message ?? answer.error_code ?? 'unknown'),
        ),
      };
    },

    webhook: {
      path: '/webhooks/ksher',
      method: 'GET',
      successBody: { success: true },
      async verify(request) {
        const result = verifyKsherWebhook(
          new URL(request.url).searchParams,
          config.webhookUrl,
          config.token,
        );
        if (!result.valid) return result;
        return {
          valid: true,
          merchantOrderId: result.merchantOrderId,
          dedupeKey: result.dedupeKey,
          hint: result.message,
          params: result.params,
        };
      },
    },
  };
  return adapter;
}

/**
 * `product_name` for Ksher: plain English characters only, none of `+&/$%` (ksher.md §4.1, §10.11),
 * at most 100 characters. Accents are dropped, other scripts removed; falls back to the order id.
 */
export function ksherProductName(lines: OrderLine[], orderId: string): string {
  const text = lines
    .map((line) => (line.quantity > 1 ? `${line.name} x${line.quantity}` : line.name))
    .join(', ')
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/[+&/$%]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .trim();
  const name = text.length > 100 ? `${text.slice(0, 97).trimEnd()}...` : text;
  return name.replace(/^[\s,]*$/, '') || `Order ${orderId}`;
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
