import type { NextAction, PaymentMethod } from '@localpay/checkout-core';
import { GatewayError } from '../../errors.ts';
import { isHttpUrl } from '../../http-url.ts';
import { decodeQrPng } from '../../qr/decode-qr-png.ts';
import { renderQrSvg } from '../../qr/qr-svg.ts';
import type { OrderRecord } from '../../store/order-store.ts';
import type { GatewayAdapter, GatewayPaymentState, GatewayReturnUrls } from '../gateway.ts';
import { orderDescription } from '../order-description.ts';
import { findKsherPayChannel, KSHERPAY_CURRENCY } from './channels.ts';
import {
  createKsherPayClient,
  type KsherPayCallRecord,
  type KsherPayClient,
  type KsherPayResponse,
  ksherPayMessage,
} from './client.ts';
import type { ResolvedKsherPayConfig } from './config.ts';
import { mapKsherPayResult } from './status.ts';
import { KSHERPAY_NOTIFY_REPLY, verifyKsherPayNotify } from './webhook.ts';

export interface KsherPayAdapterOptions {
  config: ResolvedKsherPayConfig;
  fetch?: typeof fetch;
  now: () => Date;
  onCall?: (call: KsherPayCallRecord) => void | Promise<void>;
}

export interface KsherPayAdapter extends GatewayAdapter {
  readonly client: KsherPayClient;
}

/** The adapter's own provider id (store, webhook path); its methods keep Ksher's `ksher.*` ids. */
export const KSHERPAY_PROVIDER = 'ksherpay';
/** Method ids are the `ksher` adapter's, so a storefront switches API by configuration only. */
export const KSHERPAY_METHOD_PREFIX = 'ksher';

/** The KsherPay API a session's order was created through. */
export type KsherPayOrderApi = 'gateway_pay' | 'native_pay';

export function ksherPayApiOf(order: Pick<OrderRecord, 'gatewayApi'>): KsherPayOrderApi {
  const api = order.gatewayApi ?? 'gateway_pay';
  if (api !== 'gateway_pay' && api !== 'native_pay') {
    throw new Error(`Unknown KsherPay API ${JSON.stringify(api)} on a stored order`);
  }
  return api;
}

/**
 * `product_name` / `product`: UTF-8 is fine (Thai included, §4.1), but whether the server decodes
 * some fields twice is unknown (§11 Q3), so `%` and `+` are left out; 100 characters at most.
 */
export function ksherPayProductName(order: Pick<OrderRecord, 'lines' | 'id'>): string {
  return orderDescription(order.lines, order.id, 100)
    .replace(/[%+]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const ksherPayChannelOf = (methodId: string) =>
  methodId.slice(KSHERPAY_METHOD_PREFIX.length + 1);

function amountOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function createKsherPayAdapter(options: KsherPayAdapterOptions): KsherPayAdapter {
  const { config, now } = options;
  const client = createKsherPayClient({
    appid: config.appid,
    privateKey: config.privateKey,
    publicKey: config.publicKey,
    apiBaseUrl: config.apiBaseUrl,
    gatewayBaseUrl: config.gatewayBaseUrl,
    signVersion: config.signVersion,
    timeoutMs: config.timeoutMs,
    now,
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.onCall && { onCall: options.onCall }),
  });

  const method = (channel: string, flow: PaymentMethod['flow']): PaymentMethod => {
    const known = findKsherPayChannel(channel);
    return {
      id: `${KSHERPAY_METHOD_PREFIX}.${channel}`,
      provider: KSHERPAY_PROVIDER,
      flow,
      label: known?.label ?? channel,
      currencies: [KSHERPAY_CURRENCY],
      ...(known?.minAmount !== undefined && { minAmount: known.minAmount }),
    };
  };
  const methods: PaymentMethod[] = [
    ...config.channels.map((channel) => method(channel, 'redirect')),
    ...config.qrChannels.map((channel) => method(channel, 'qr')),
  ];

  /** `code_url` is the QR payload (EMVCo for PromptPay, §4.4); `imgdat` is read when it is missing. */
  async function qrNext(order: OrderRecord, data: Record<string, unknown>): Promise<NextAction> {
    let payload = text(data.code_url);
    if (payload === undefined && typeof data.imgdat === 'string') {
      try {
        payload = decodeQrPng(data.imgdat);
      } catch {
        payload = undefined;
      }
    }
    if (payload === undefined) {
      throw new GatewayError('invalid_response', 'KsherPay answered without a QR code', 200);
    }
    const label = findKsherPayChannel(ksherPayChannelOf(order.methodId))?.label ?? 'Payment';
    return {
      type: 'qr',
      svg: await renderQrSvg(payload, { title: `${label} QR code` }),
      payload,
      expiresAt: order.expiresAt,
    };
  }

  function query(order: OrderRecord): Promise<KsherPayResponse> {
    return ksherPayApiOf(order) === 'gateway_pay'
      ? client.gatewayOrderQuery(order.merchantOrderId)
      : client.orderQuery({ mch_order_no: order.merchantOrderId });
  }

  async function orderState(
    order: OrderRecord,
    answer: KsherPayResponse,
  ): Promise<GatewayPaymentState> {
    const { data } = answer;
    const result = text(data.result);
    const raw = `${result ?? `code ${answer.code}`} ${ksherPayMessage(answer)}`.trim();
    // FAIL = "the query failed, e.g. the order could not be found" (§3).
    if (answer.code !== 0 || result === undefined || result === 'FAIL')
      return { exists: false, raw };
    const echoed = text(data.mch_order_no);
    if (echoed !== undefined && echoed !== order.merchantOrderId) {
      throw new GatewayError('invalid_response', 'KsherPay answered about a different order', 200);
    }
    const state: GatewayPaymentState = { exists: true, raw };
    const mapped = mapKsherPayResult({
      result,
      cancelRequested: order.cancelRequested,
      pastExpiry: now().getTime() > Date.parse(order.expiresAt),
    });
    if (mapped) {
      state.status = mapped.status;
      if (mapped.failureReason !== undefined) state.failureReason = mapped.failureReason;
    }
    const amount = amountOf(data.total_fee);
    if (amount !== undefined) state.amount = amount;
    const currency = text(data.fee_type);
    if (currency !== undefined) state.currency = currency;
    const ksherOrderNo = text(data.ksher_order_no);
    if (ksherOrderNo !== undefined) state.gatewayOrderId = ksherOrderNo;
    if (
      ksherPayApiOf(order) === 'gateway_pay' &&
      mapped?.status === 'pending' &&
      isHttpUrl(order.gatewayReference)
    ) {
      state.next = { type: 'redirect', url: order.gatewayReference };
      state.gatewayReference = order.gatewayReference;
    }
    // Ksher's own test expects the QR back from order_query (§4.6): then an earlier attempt's
    // order can be adopted; without it the retry fails and the shopper starts over.
    if (
      ksherPayApiOf(order) === 'native_pay' &&
      mapped?.status === 'pending' &&
      (text(data.code_url) !== undefined || text(data.imgdat) !== undefined)
    ) {
      try {
        state.next = await qrNext(order, data);
      } catch {
        // No readable QR: nothing to adopt.
      }
    }
    return state;
  }

  async function createGatewayOrder(order: OrderRecord, urls: GatewayReturnUrls) {
    const ttlMinutes = Math.max(
      1,
      Math.ceil((Date.parse(order.expiresAt) - now().getTime()) / 60_000),
    );
    return client.gatewayPay({
      mch_order_no: order.merchantOrderId,
      total_fee: order.amount,
      fee_type: KSHERPAY_CURRENCY,
      channel_list: ksherPayChannelOf(order.methodId),
      mch_code: order.merchantOrderId,
      mch_redirect_url: urls.successUrl,
      mch_redirect_url_fail: urls.failUrl,
      mch_notify_url: config.notifyUrl,
      product_name: ksherPayProductName(order),
      refer_url: new URL(urls.successUrl).origin,
      // Whether `device` is enforced is unknown (§11 Q7): H5 is the page that works everywhere.
      device: 'H5',
      lang: config.lang,
      expire_time: ttlMinutes,
    });
  }

  const adapter: KsherPayAdapter = {
    provider: KSHERPAY_PROVIDER,
    client,
    listMethods: () => methods.map((entry) => ({ ...entry, currencies: [...entry.currencies] })),
    sessionSettings(chosen) {
      if (chosen.flow === 'qr')
        return { gatewayApi: 'native_pay', ttlSeconds: config.qrTtlSeconds };
      return { gatewayApi: 'gateway_pay' };
    },
    async createPayment(order, urls) {
      const api = ksherPayApiOf(order);
      if (api === 'gateway_pay') {
        // The session service requires a returnUrl for every redirect method.
        if (!urls) throw new Error('A KsherPay hosted-page order needs return URLs');
        const answer = await createGatewayOrder(order, urls);
        const url = answer.data.pay_content;
        if (answer.code === 0 && isHttpUrl(url)) {
          return { next: { type: 'redirect', url }, gatewayReference: url };
        }
        // `code` 1 is "order is paid" in Ksher's own plugin (§3): fall through to the query.
      } else {
        const answer = await client.nativePay({
          mch_order_no: order.merchantOrderId,
          total_fee: order.amount,
          fee_type: KSHERPAY_CURRENCY,
          channel: ksherPayChannelOf(order.methodId),
          notify_url: config.notifyUrl,
          product: ksherPayProductName(order),
        });
        if (answer.code === 0 && answer.data.result === 'SUCCESS') {
          const echoed = text(answer.data.mch_order_no);
          if (echoed !== undefined && echoed !== order.merchantOrderId) {
            throw new GatewayError(
              'invalid_response',
              'KsherPay answered about a different order',
              200,
            );
          }
          const ksherOrderNo = text(answer.data.ksher_order_no);
          return {
            next: await qrNext(order, answer.data),
            ...(ksherOrderNo !== undefined && { gatewayOrderId: ksherOrderNo }),
          };
        }
        const existing = await orderState(order, await query(order));
        if (existing.exists && existing.next && existing.amount === order.amount) {
          return {
            next: existing.next,
            ...(existing.gatewayOrderId !== undefined && {
              gatewayOrderId: existing.gatewayOrderId,
            }),
          };
        }
        throw new GatewayError(
          'rejected',
          `KsherPay refused the order: ${ksherPayMessage(answer)}`,
          200,
        );
      }
      const existing = await orderState(order, await query(order));
      if (existing.exists && existing.next && existing.amount === order.amount) {
        return {
          next: existing.next,
          ...(existing.gatewayReference !== undefined && {
            gatewayReference: existing.gatewayReference,
          }),
        };
      }
      throw new GatewayError('rejected', 'KsherPay refused the hosted-page order', 200);
    },
    async queryPayment(order) {
      return orderState(order, await query(order));
    },
    async cancelPayment(order) {
      const answer =
        ksherPayApiOf(order) === 'gateway_pay'
          ? await client.cancelOrder(order.merchantOrderId)
          : await client.orderClose({
              mch_order_no: order.merchantOrderId,
              channel: ksherPayChannelOf(order.methodId),
            });
      // cancel_order's answer is undocumented (§4.3): `code` 0 without a FAIL result counts.
      return answer.code === 0 && answer.data.result !== 'FAIL';
    },
    async refundPayment(order, input) {
      const api = ksherPayApiOf(order);
      // §4.7: a hosted-page order is refunded by its KsherPay order (`ksher_order_no`, which card
      // refunds require, else `pay_mch_order_no` as mch_order_no), never by our own order number.
      let ids: { mch_order_no?: string; ksher_order_no?: string } = {
        mch_order_no: order.merchantOrderId,
      };
      if (api === 'gateway_pay') {
        const paid = await client.gatewayOrderQuery(order.merchantOrderId);
        const ksherOrderNo = text(paid.data.ksher_order_no);
        const payMchOrderNo = text(paid.data.pay_mch_order_no);
        if (paid.code === 0 && ksherOrderNo !== undefined) ids = { ksher_order_no: ksherOrderNo };
        else if (paid.code === 0 && payMchOrderNo !== undefined)
          ids = { mch_order_no: payMchOrderNo };
        else return { refunded: false, message: 'KsherPay did not return the paid order number' };
      }
      const answer = await client.orderRefund({
        ...ids,
        total_fee: order.amount,
        refund_fee: input.amount,
        mch_refund_no: input.refundId,
        fee_type: KSHERPAY_CURRENCY,
        ...(api === 'native_pay' && { channel: ksherPayChannelOf(order.methodId) }),
      });
      if (answer.code === 0 && answer.data.result === 'SUCCESS') return { refunded: true };
      return { refunded: false, message: ksherPayMessage(answer) };
    },
    webhook: {
      path: '/webhooks/ksherpay',
      method: 'POST',
      successBody: KSHERPAY_NOTIFY_REPLY,
      async verify(request) {
        return verifyKsherPayNotify(await request.text(), config.publicKey);
      },
    },
  };
  return adapter;
}
