import { GatewayError } from '../../errors.ts';
import { KSHERPAY_CURRENCY, KSHERPAY_WALLET_CODE_CHANNELS } from './channels.ts';
import type { Fields, KsherPayClient, KsherPayResponse, OrderIds } from './client.ts';

/** A verified KsherPay answer's `data` (`code` 0; see `result`, `err_code`, `err_msg`). */
export type KsherPayData = Record<string, unknown>;

interface OrderBase {
  /** Your order number (unique per order). */
  mchOrderNo: string;
  /** THB satang. */
  amount: number;
  /** Extra KsherPay fields, sent and signed as they are (e.g. `operator_id`, `attach`). */
  fields?: Fields;
}

/**
 * Server-only KsherPay APIs for orders outside the browser checkout (ksherpay.md §4.5-§4.10), as
 * `handler.ksherpay`: POS (B scan C) charges and their reversal, app / mini-program / JSAPI / WAP
 * orders, queries and refunds by any order id. They are not checkout sessions: nothing is stored,
 * your own system keeps these orders. Every answer is signature-verified; a non-zero `code`
 * throws GatewayError `rejected`.
 */
export interface KsherPayBackOffice {
  /** `quick_pay`: charge the payer's wallet code; `result` SUCCESS, FAIL or NOTSURE (then query / reverse). */
  chargeWalletCode(
    input: OrderBase & {
      authCode: string;
      channel?: (typeof KSHERPAY_WALLET_CODE_CHANNELS)[number];
    },
  ): Promise<KsherPayData>;
  /** `order_reverse`: cancels a B-scan-C payment (e.g. one that stayed NOTSURE). */
  reverse(ids: OrderIds, channel?: string): Promise<KsherPayData>;
  /** `order_close`. */
  close(ids: OrderIds, channel?: string): Promise<KsherPayData>;
  /** `app_pay` (`sub_openid`, `channel_sub_appid` in `fields`). */
  createAppOrder(input: OrderBase & { channel: string }): Promise<KsherPayData>;
  /** `mini_program_pay` (`sub_openid`, `channel_sub_appid` in `fields`). */
  createMiniProgramOrder(input: OrderBase & { channel: string }): Promise<KsherPayData>;
  /** `jsapi_pay`. */
  createJsapiOrder(input: OrderBase & { channel: string }): Promise<KsherPayData>;
  /** `wap_pay` (H5; the payer opens `pay_url`). */
  createWapOrder(input: OrderBase & { channel: string; referUrl: string }): Promise<KsherPayData>;
  /** `order_query` by any of the three ids. */
  queryOrder(ids: OrderIds): Promise<KsherPayData>;
  /** `order_refund` by any of the three ids (for hosted-page orders: `ksher_order_no`, §4.7). */
  refund(
    ids: OrderIds,
    input: { totalAmount: number; refundAmount: number; refundNo: string; channel?: string },
  ): Promise<KsherPayData>;
  /** `refund_query`. */
  queryRefund(ids: OrderIds & { mch_refund_no?: string }): Promise<KsherPayData>;
}

function positiveAmount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive integer (satang)`);
  }
  return value;
}

function requireText(value: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} is required`);
  return value;
}

function requireOneId(ids: OrderIds): OrderIds {
  const picked: OrderIds = {};
  for (const key of ['mch_order_no', 'ksher_order_no', 'channel_order_no'] as const) {
    const value = ids[key];
    if (typeof value === 'string' && value !== '') picked[key] = value;
  }
  if (Object.keys(picked).length === 0) {
    throw new TypeError('one of mch_order_no, ksher_order_no, channel_order_no is required');
  }
  return picked;
}

function dataOf(answer: KsherPayResponse, api: string): KsherPayData {
  if (answer.code !== 0) {
    throw new GatewayError('rejected', `KsherPay ${api} answered code ${answer.code}`, 200);
  }
  return answer.data;
}

export function createKsherPayBackOffice(options: {
  client: KsherPayClient;
  notifyUrl: string;
}): KsherPayBackOffice {
  const { client } = options;
  const order = (input: OrderBase) => ({
    ...input.fields,
    mch_order_no: requireText(input.mchOrderNo, 'mchOrderNo'),
    total_fee: positiveAmount(input.amount, 'amount'),
    fee_type: KSHERPAY_CURRENCY,
  });
  const create = async (api: string, input: OrderBase & { channel: string }, extra: Fields = {}) =>
    dataOf(
      await client.call(api, {
        notify_url: options.notifyUrl,
        ...order(input),
        channel: requireText(input.channel, 'channel'),
        ...extra,
      }),
      api,
    );

  return {
    async chargeWalletCode(input) {
      if (input.channel !== undefined && !KSHERPAY_WALLET_CODE_CHANNELS.includes(input.channel)) {
        throw new TypeError(`channel must be one of ${KSHERPAY_WALLET_CODE_CHANNELS.join(', ')}`);
      }
      const answer = await client.quickPay({
        notify_url: options.notifyUrl,
        ...order(input),
        auth_code: requireText(input.authCode, 'authCode'),
        ...(input.channel !== undefined && { channel: input.channel }),
      });
      return dataOf(answer, 'quick_pay');
    },
    async reverse(ids, channel) {
      return dataOf(await client.orderReverse({ ...requireOneId(ids), channel }), 'order_reverse');
    },
    async close(ids, channel) {
      return dataOf(await client.orderClose({ ...requireOneId(ids), channel }), 'order_close');
    },
    createAppOrder: (input) => create('app_pay', input),
    createMiniProgramOrder: (input) => create('mini_program_pay', input),
    createJsapiOrder: (input) => create('jsapi_pay', input),
    // wap_pay: Ksher's PHP docs and Node demo send `local_total_fee` (§4.10); both are sent.
    createWapOrder: (input) =>
      create('wap_pay', input, {
        local_total_fee: input.amount,
        refer_url: requireText(input.referUrl, 'referUrl'),
      }),
    async queryOrder(ids) {
      return dataOf(await client.orderQuery(requireOneId(ids)), 'order_query');
    },
    async refund(ids, input) {
      const answer = await client.orderRefund({
        ...requireOneId(ids),
        total_fee: positiveAmount(input.totalAmount, 'totalAmount'),
        refund_fee: positiveAmount(input.refundAmount, 'refundAmount'),
        mch_refund_no: requireText(input.refundNo, 'refundNo'),
        fee_type: KSHERPAY_CURRENCY,
        channel: input.channel,
      });
      return dataOf(answer, 'order_refund');
    },
    async queryRefund(ids) {
      const { mch_refund_no, ...orderIds } = ids;
      return dataOf(
        await client.refundQuery({ ...requireOneId(orderIds), mch_refund_no }),
        'refund_query',
      );
    },
  };
}
