import { randomBytes, randomInt } from 'node:crypto';

/**
 * KsherPay order states as `gateway_order_query` / `order_query` report them (ksherpay.md §3).
 * NOTPAY is what this sandbox reports for an unpaid API order (INFERRED); an unpaid hosted-page
 * order reports NOTSURE, as Ksher's own sample does.
 */
export type KsherPayOrderStatus = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'REFUND';

export type KsherPayOrderKind =
  | 'gateway_pay'
  | 'native_pay'
  | 'quick_pay'
  | 'app_pay'
  | 'mini_program_pay'
  | 'jsapi_pay'
  | 'wap_pay';

export interface KsherPaySandboxRefund {
  mchRefundNo: string;
  ksherRefundNo: string;
  channelRefundNo: string;
  amount: number;
  refundTime: string;
}

export interface KsherPaySandboxOrder {
  kind: KsherPayOrderKind;
  mchOrderNo: string;
  /** The hosted page's id (`order_uuid`) and the phone page's. */
  uuid: string;
  /** Chosen (API orders) or offered (hosted page, comma list) channels. */
  channel: string;
  channelList: string[];
  amount: number;
  feeType: string;
  status: KsherPayOrderStatus;
  ksherOrderNo: string;
  /** Hosted-page orders: the KsherPay-side order number, set when paid (§4.2, §4.7). */
  payMchOrderNo: string;
  channelOrderNo: string;
  notifyUrl: string | null;
  redirectUrl: string | null;
  redirectUrlFail: string | null;
  productName: string;
  attach: string;
  codeUrl: string | null;
  timeEnd: string;
  createdAt: string;
  refunds: KsherPaySandboxRefund[];
}

const digits = (length: number) =>
  Array.from({ length }, (_, index) => (index === 0 ? randomInt(1, 10) : randomInt(0, 10))).join(
    '',
  );

/** Ksher's `time_end` form, in Thai time: `2021-05-27 10:18:07`. */
export function ksherTime(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function refundedAmount(order: KsherPaySandboxOrder): number {
  return order.refunds.reduce((sum, refund) => sum + refund.amount, 0);
}

/** In-memory orders, by `mch_order_no`, by `order_uuid` and by the KsherPay-side numbers. */
export function createKsherPayOrderBook(now: () => Date) {
  const orders = new Map<string, KsherPaySandboxOrder>();
  return {
    create(input: {
      kind: KsherPayOrderKind;
      mchOrderNo: string;
      channel: string;
      channelList?: string[];
      amount: number;
      feeType: string;
      notifyUrl: string | null;
      redirectUrl?: string | null;
      redirectUrlFail?: string | null;
      productName?: string;
      attach?: string;
    }): KsherPaySandboxOrder {
      const order: KsherPaySandboxOrder = {
        kind: input.kind,
        mchOrderNo: input.mchOrderNo,
        uuid: randomBytes(16).toString('hex'),
        channel: input.channel,
        channelList: input.channelList ?? [input.channel],
        amount: input.amount,
        feeType: input.feeType,
        status: 'NOTPAY',
        // Hosted-page orders get theirs when paid, like the unpaid sample (empty ksher_order_no).
        ksherOrderNo: input.kind === 'gateway_pay' ? '' : `900${digits(20)}`,
        payMchOrderNo: '',
        channelOrderNo: '',
        notifyUrl: input.notifyUrl,
        redirectUrl: input.redirectUrl ?? null,
        redirectUrlFail: input.redirectUrlFail ?? null,
        productName: input.productName ?? '',
        attach: input.attach ?? '',
        codeUrl: null,
        timeEnd: '',
        createdAt: now().toISOString(),
        refunds: [],
      };
      orders.set(order.mchOrderNo, order);
      return order;
    },
    get: (mchOrderNo: string) => orders.get(mchOrderNo),
    getByUuid: (uuid: string) => [...orders.values()].find((order) => order.uuid === uuid),
    /**
     * An order as the payment API (`api.mch`) sees it: by `ksher_order_no`, `channel_order_no`, or
     * `mch_order_no` — which for a hosted-page order is its `pay_mch_order_no`, never the
     * merchant's own number (§4.7).
     */
    findForApi(ids: Record<string, unknown>): KsherPaySandboxOrder | undefined {
      const pick = (key: string) =>
        typeof ids[key] === 'string' && ids[key] !== '' ? (ids[key] as string) : undefined;
      const ksherOrderNo = pick('ksher_order_no');
      const channelOrderNo = pick('channel_order_no');
      const mchOrderNo = pick('mch_order_no');
      for (const order of orders.values()) {
        if (ksherOrderNo !== undefined && order.ksherOrderNo === ksherOrderNo) return order;
        if (channelOrderNo !== undefined && order.channelOrderNo === channelOrderNo) return order;
        if (mchOrderNo === undefined) continue;
        if (
          order.kind === 'gateway_pay'
            ? order.payMchOrderNo === mchOrderNo
            : order.mchOrderNo === mchOrderNo
        ) {
          return order;
        }
      }
      return undefined;
    },
    list: () => [...orders.values()],
    pay(order: KsherPaySandboxOrder, channel: string) {
      order.status = 'SUCCESS';
      order.channel = channel;
      order.timeEnd = ksherTime(now());
      order.channelOrderNo = digits(16);
      if (order.kind === 'gateway_pay') {
        order.ksherOrderNo = `900${digits(20)}`;
        order.payMchOrderNo = digits(16);
      }
    },
    setStatus(order: KsherPaySandboxOrder, status: KsherPayOrderStatus) {
      order.status = status;
    },
    refund(
      order: KsherPaySandboxOrder,
      mchRefundNo: string,
      amount: number,
    ): KsherPaySandboxRefund {
      const refund: KsherPaySandboxRefund = {
        mchRefundNo,
        ksherRefundNo: `700${digits(20)}`,
        channelRefundNo: digits(29),
        amount,
        refundTime: ksherTime(now()),
      };
      order.refunds.push(refund);
      if (refundedAmount(order) >= order.amount) order.status = 'REFUND';
      return refund;
    },
  };
}

export type KsherPayOrderBook = ReturnType<typeof createKsherPayOrderBook>;
