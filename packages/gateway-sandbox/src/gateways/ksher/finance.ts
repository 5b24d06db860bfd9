import { createHash } from 'node:crypto';
import type { KsherSandboxOrder } from './orders.ts';

/**
 * Finance reports (ksher.md §4.6) computed from the emulator's paid orders. Amounts stay in minor
 * units like every other Ksher amount; the report's own units are not documented.
 */

/** Channel names of the finance API: PromptPay reads `promptpay2` there (ksher.md §8). */
export const ksherFinanceChannels = [
  'alipay',
  'wechat',
  'promptpay2',
  'truemoney',
  'airpay',
  'linepay',
  'card',
];

export function financeChannelName(channel: string): string {
  return channel === 'promptpay' ? 'promptpay2' : channel;
}

/** Sandbox merchant discount rate: 1.5 %, rounded per settlement. */
const FEE_PER_MILLE = 15;
const BANGKOK_OFFSET_MS = 7 * 3600_000;

/** `20220310` → whether it is a real calendar date. */
export function isReportDate(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  const date = new Date(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10).replaceAll('-', '') === text
  );
}

/** `yyyy-MM-dd HH:mm:ss` in Bangkok time. */
function bangkokTime(date: Date): string {
  return new Date(date.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The Bangkok calendar day of an instant, as `yyyymmdd`. */
export function bangkokReportDate(date: Date): string {
  return bangkokTime(date).slice(0, 10).replaceAll('-', '');
}

/** An instant on a Bangkok day: `secondOfDay` seconds after its midnight. */
export function bangkokInstant(reportDate: string, secondOfDay: number): Date {
  const midnightUtc = Date.parse(
    `${reportDate.slice(0, 4)}-${reportDate.slice(4, 6)}-${reportDate.slice(6, 8)}T00:00:00Z`,
  );
  return new Date(midnightUtc - BANGKOK_OFFSET_MS + secondOfDay * 1000);
}

function dashed(reportDate: string): string {
  return `${reportDate.slice(0, 4)}-${reportDate.slice(4, 6)}-${reportDate.slice(6, 8)}`;
}

/** One row of the transaction report (ksher.md §4.6 item shape). */
export interface KsherTransactionItem {
  amount: number;
  transaction_time: string;
  type: 'PAY';
  channel: string;
  device_id: string;
  operator_id: string;
  operator_name: string;
  currency: string;
  order_id: string;
  ksher_order_id: string;
}

/** Orders paid on that Bangkok day (refunded ones included: the payment happened), oldest first. */
export function paidOnDay(
  orders: KsherSandboxOrder[],
  reportDate: string,
  financeChannel?: string,
): KsherSandboxOrder[] {
  return orders
    .filter(
      (order) =>
        order.paidAt !== undefined &&
        bangkokReportDate(new Date(order.paidAt)) === reportDate &&
        (financeChannel === undefined || financeChannelName(order.channel) === financeChannel),
    )
    .sort(
      (a, b) =>
        (a.paidAt as string).localeCompare(b.paidAt as string) || Number(a.id) - Number(b.id),
    );
}

export function transactionItem(order: KsherSandboxOrder): KsherTransactionItem {
  return {
    amount: order.amount,
    transaction_time: bangkokTime(new Date(order.paidAt as string)),
    type: 'PAY',
    channel: financeChannelName(order.channel),
    // Terminal and cashier are not kept by the emulator: empty like a web payment's.
    device_id: '',
    operator_id: '',
    operator_name: '',
    currency: order.currency,
    order_id: order.merchantOrderId,
    ksher_order_id: order.acquirerOrderId,
  };
}

export function page<T>(items: T[], offset: number, limit: number): { total: number; data: T[] } {
  return { total: items.length, data: items.slice(offset, offset + limit) };
}

/** `20220310_35618_XVHNDY` (ksher.md §4.6): stable per day, channel and mid, so detail calls resolve. */
export function settlementReferenceId(reportDate: string, channel: string, mid: string): string {
  const digest = createHash('sha256').update(`${reportDate}|${channel}|${mid}`).digest();
  const letters = [...digest.subarray(0, 6)]
    .map((byte) => String.fromCharCode(65 + (byte % 26)))
    .join('');
  return `${reportDate}_${mid}_${letters}`;
}

/** Reverses settlementReferenceId for this merchant; undefined for an unknown id. */
export function parseSettlementReferenceId(
  referenceId: string,
  mid: string,
): { reportDate: string; channel: string } | undefined {
  const match = /^(\d{8})_([^_]+)_([A-Z]{6})$/.exec(referenceId);
  if (!match || match[2] !== mid || !isReportDate(match[1] as string)) return undefined;
  const reportDate = match[1] as string;
  const channel = ksherFinanceChannels.find(
    (candidate) => settlementReferenceId(reportDate, candidate, mid) === referenceId,
  );
  return channel ? { reportDate, channel } : undefined;
}

/** Settlement summary of one channel and day (ksher.md §4.6 field set), settled T+1 at 10:00. */
export function settlementSummary(
  orders: KsherSandboxOrder[],
  reportDate: string,
  channel: string,
  mid: string,
  today: string,
) {
  const paid = paidOnDay(orders, reportDate, channel);
  const amount = paid.reduce((sum, order) => sum + order.amount, 0);
  const refund = paid.reduce((sum, order) => sum + order.refundedAmount, 0);
  const fee = Math.round((amount * FEE_PER_MILLE) / 1000);
  const net = amount - refund - fee;
  const settledAt = bangkokInstant(reportDate, 24 * 3600 + 10 * 3600);
  return {
    transfer_amount: net,
    amount,
    balance: 0,
    other_fee: 0,
    channel,
    transfer: reportDate < today,
    refund,
    count: paid.length,
    fee,
    currency: 'THB',
    refund_fee: 0,
    end: `${dashed(reportDate)} 23:59:59`,
    net,
    reference_id: settlementReferenceId(reportDate, channel, mid),
    start: `${dashed(reportDate)} 00:00:00`,
    adjustment: 0,
    time: bangkokTime(settledAt),
  };
}
