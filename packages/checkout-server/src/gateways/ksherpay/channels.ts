import { findKsherChannel, KSHER_CHANNELS, type KsherChannel } from '../ksher/channels.ts';

/**
 * `gateway_pay` (hosted page) channels (ksherpay.md §7): the same hosted-page channels as Ksher's
 * other gateway, with their documented minimums, plus `alipayplus`.
 */
export const KSHERPAY_CHANNELS: readonly KsherChannel[] = [
  ...KSHER_CHANNELS,
  { channel: 'alipayplus', label: 'Alipay+' },
];

/** `native_pay` (C scan B) channels (§4.4). */
export const KSHERPAY_QR_CHANNELS: readonly string[] = [
  'promptpay',
  'bbl_promptpay',
  'alipay',
  'alipayplus',
  'wechat',
];

/** `quick_pay` (B scan C) channels (§4.5); the gateway can also detect the channel from the code. */
export const KSHERPAY_WALLET_CODE_CHANNELS = [
  'wechat',
  'alipay',
  'alipayplus',
  'truemoney',
  'airpay',
  'linepay',
] as const;

/** KsherPay handles THB accounts here; the method lists THB only, like the `ksher` adapter. */
export const KSHERPAY_CURRENCY = 'THB';

export function findKsherPayChannel(channel: string): KsherChannel | undefined {
  return findKsherChannel(channel) ?? KSHERPAY_CHANNELS.find((entry) => entry.channel === channel);
}
