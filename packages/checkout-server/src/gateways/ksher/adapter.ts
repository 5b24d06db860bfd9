import type { NextAction, PaymentMethod } from '@localpay/checkout-core';
import type { ResolvedKsherConfig } from '../../config.ts';
import { GatewayError } from '../../errors.ts';
import { isHttpUrl } from '../../http-url.ts';
import { decodeQrPng } from '../../qr/decode-qr-png.ts';
import { renderQrSvg } from '../../qr/qr-svg.ts';
import type { OrderLine, OrderRecord } from '../../store/order-store.ts';
import type { GatewayAdapter, GatewayPaymentState, GatewayReturnUrls } from '../gateway.ts';
import { sanitizeGatewayMessage } from '../gateway-message.ts';
import { orderLinesText } from '../order-description.ts';
import { findKsherChannel, KSHER_CURRENCY } from './channels.ts';
import {
  createKsherClient,
  KSHER_APIS,
  type KsherApi,
  type KsherCallRecord,
  type KsherClient,
  type KsherOrderResponse,
} from './client.ts';
import { mapKsherStatus } from './status.ts';
import { verifyKsherWebhook } from './webhook.ts';

export interface KsherAdapterOptions {
  config: ResolvedKsherConfig;
  fetch?: typeof fetch;
  now: () => Date;
  onCall?: (call: KsherCallRecord) => void | Promise<void>;
}

/** The Ksher adapter, plus what the server-only back office builds on. */
export interface KsherAdapter extends GatewayAdapter {
  readonly client: KsherClient;
  /** The configured sub-merchant id (`ksher.mid`); the finance API requires one. */
  readonly mid: string | undefined;
  /** Maps an order-API answer about `order` to the unified state (throws for another order). */
  orderState(
    order: OrderRecord,
    answer: KsherOrderResponse,
    hint?: string,
  ): Promise<GatewayPaymentState>;
}

export const KSHER_PROVIDER = 'ksher';

/** The Ksher API an order was created through; orders stored before `gatewayApi` are redirect. */
export function ksherApiOf(order: Pick<OrderRecord, 'gatewayApi'>): KsherApi {
  const api = order.gatewayApi ?? 'redirect';
  if (!(KSHER_APIS as readonly string[]).includes(api)) {
    throw new Error(`Unknown Ksher API ${JSON.stringify(api)} on a stored order`);
  }
  return api as KsherApi;
}

const channelOf = (methodId: string) => methodId.slice(KSHER_PROVIDER.length + 1);

export function createKsherAdapter(options: KsherAdapterOptions): KsherAdapter {
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

  const method = (channel: string, flow: PaymentMethod['flow']): PaymentMethod => {
    const known = findKsherChannel(channel);
    return {
      id: `${KSHER_PROVIDER}.${channel}`,
      provider: KSHER_PROVIDER,
      flow,
      label: known?.label ?? channel,
      currencies: [KSHER_CURRENCY],
      ...(known?.minAmount !== undefined && { minAmount: known.minAmount }),
    };
  };
  const methods: PaymentMethod[] = [
    ...config.channels.map((channel) => method(channel, 'redirect')),
    ...config.qrChannels.map((channel) => method(channel, 'qr')),
  ];

  /**
   * The C-scan-B answer carries the QR only as a PNG data URI (`reserved1`, ksher.md §4.2): read the
   * payload back and render our own SVG. Ksher gives no deeplink and no expiry for it: `expiresAt`
   * is the session's, enforced by this server (a DELETE at the gateway once it has passed).
   */
  async function qrNext(order: OrderRecord, image: string): Promise<NextAction> {
    let payload: string;
    try {
      payload = decodeQrPng(image);
    } catch {
      throw new GatewayError('invalid_response', 'Ksher answered with an unreadable QR image', 200);
    }
    const label = findKsherChannel(channelOf(order.methodId))?.label ?? 'Payment';
    return {
      type: 'qr',
      svg: await renderQrSvg(payload, { title: `${label} QR code` }),
      payload,
      expiresAt: order.expiresAt,
    };
  }

  async function orderState(
    order: OrderRecord,
    answer: KsherOrderResponse,
    hint?: string,
  ): Promise<GatewayPaymentState> {
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
    const api = ksherApiOf(order);
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
      // A refused wallet code says why (e.g. invalid_payment_code, ksher.md §4.3).
      if (mapped.status === 'failed' && api === 'bscanc') {
        state.failureReason = ksherFailureReason(answer) ?? 'declined';
      }
    }
    if (typeof answer.amount === 'number') state.amount = answer.amount;
    if (typeof answer.currency === 'string') state.currency = answer.currency;
    if (typeof answer.gateway_order_id === 'string') state.gatewayOrderId = answer.gateway_order_id;
    if (api === 'redirect' && typeof answer.reference === 'string' && isHttpUrl(answer.reference)) {
      state.gatewayReference = answer.reference;
      if (answer.status === 'Available') state.next = { type: 'redirect', url: answer.reference };
    }
    if (
      api === 'cscanb' &&
      answer.status === 'Available' &&
      typeof answer.reserved1 === 'string' &&
      answer.reserved1.startsWith('data:image/png;base64,')
    ) {
      state.next = await qrNext(order, answer.reserved1);
    }
    return state;
  }

  async function createRedirect(order: OrderRecord, urls: GatewayReturnUrls | undefined) {
    // The session service requires a returnUrl for every redirect method.
    if (!urls) throw new Error('A Ksher redirect order needs return URLs');
    return client.createOrder('redirect', {
      merchantOrderId: order.merchantOrderId,
      amount: order.amount,
      fields: {
        redirect_url: urls.successUrl,
        redirect_url_fail: urls.failUrl,
        product_name: ksherProductName(order.lines, order.id),
        channel: channelOf(order.methodId),
      },
    });
  }

  const adapter: KsherAdapter = {
    provider: KSHER_PROVIDER,
    client,
    mid: config.mid,
    orderState,
    listMethods: () => methods.map((entry) => ({ ...entry })),
    sessionSettings(chosen) {
      if (chosen.flow === 'qr') return { gatewayApi: 'cscanb', ttlSeconds: config.qrTtlSeconds };
      return { gatewayApi: 'redirect' };
    },
    async createPayment(order, urls) {
      const api = ksherApiOf(order);
      if (api !== 'redirect' && api !== 'cscanb') {
        throw new Error(`createPayment is for checkout sessions, not ${api} orders`);
      }
      const answer =
        api === 'cscanb'
          ? await client.createOrder('cscanb', {
              merchantOrderId: order.merchantOrderId,
              amount: order.amount,
              fields: { channel: channelOf(order.methodId) },
            })
          : await createRedirect(order, urls);
      if (answer.error_code === 'SUCCESS' && answer.merchant_order_id === order.merchantOrderId) {
        if (api === 'cscanb' && typeof answer.reserved1 === 'string') {
          return {
            next: await qrNext(order, answer.reserved1),
            ...(typeof answer.gateway_order_id === 'string' && {
              gatewayOrderId: answer.gateway_order_id,
            }),
          };
        }
        if (
          api === 'redirect' &&
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
      }
      // A FAIL can mean "merchant_order_id already exists" (an earlier attempt got through, §10.10):
      // adopt that order if it is ours (same amount) and still payable.
      const existing = await orderState(order, await client.queryOrder(api, order.merchantOrderId));
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
      return orderState(
        order,
        await client.queryOrder(ksherApiOf(order), order.merchantOrderId),
        hint,
      );
    },
    async cancelPayment(order) {
      const answer = await client.cancelOrder(ksherApiOf(order), order.merchantOrderId);
      return answer.error_code !== 'FAIL';
    },
    async refundPayment(order, input) {
      const answer = await client.refundOrder(ksherApiOf(order), order.merchantOrderId, {
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
  const text = orderLinesText(lines)
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/[+&/$%]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .trim();
  const name = text.length > 100 ? `${text.slice(0, 97).trimEnd()}...` : text;
  return name.replace(/^[\s,]*$/, '') || `Order ${orderId}`;
}

/**
 * Why Ksher refused an order, from the first meaningful text field: a declined wallet code puts it
 * in `reserved3` (`invalid_payment_code`, ksher.md §4.3); unset text fields read "False" (§10.9).
 */
export function ksherFailureReason(answer: KsherOrderResponse): string | undefined {
  for (const key of ['reserved3', 'reserved2', 'reserved4', 'error_message']) {
    const value = answer[key];
    if (typeof value !== 'string') continue;
    const text = sanitizeGatewayMessage(value);
    if (text !== '' && text !== 'False' && text !== 'Fail' && text !== 'FAIL') {
      return text.slice(0, 100);
    }
  }
  return undefined;
}
