/**
 * Ksher redirect channels (ksher.md §8). Limits are inclusive, in satang; only the minimums the
 * spec documents are set (no maximums are documented). Everything is THB: the currency is decided
 * by the gateway account, not sent with the order.
 */
export interface KsherChannel {
  channel: string;
  label: string;
  minAmount?: number;
}

export const KSHER_CHANNELS: readonly KsherChannel[] = [
  { channel: 'promptpay', label: 'PromptPay' },
  { channel: 'truemoney', label: 'TrueMoney Wallet' },
  { channel: 'airpay', label: 'ShopeePay' },
  { channel: 'card', label: 'Card' },
  { channel: 'linepay', label: 'LINE Pay' },
  { channel: 'alipay', label: 'Alipay' },
  { channel: 'wechat', label: 'WeChat Pay' },
  { channel: 'atome', label: 'Atome', minAmount: 2_000 },
  { channel: 'scb_easy', label: 'SCB Easy', minAmount: 2_000 },
  { channel: 'bbl_deeplink', label: 'Bangkok Bank Mobile Banking', minAmount: 2_000 },
  { channel: 'baybank_deeplink', label: 'Krungsri Mobile Banking', minAmount: 2_000 },
  { channel: 'kplus', label: 'K PLUS', minAmount: 2_000 },
  { channel: 'ktc_instal', label: 'KTC Instalments', minAmount: 300_000 },
  { channel: 'kbank_instal', label: 'KBank Instalments', minAmount: 300_000 },
  // 3,000 THB minimum; 5,000 THB for 10 months or more (chosen on Ksher's page, not by us).
  { channel: 'kcc_instal', label: 'Krungsri Credit Card Instalments', minAmount: 300_000 },
  { channel: 'kfc_instal', label: 'Krungsri First Choice Instalments', minAmount: 300_000 },
  { channel: 'bbl_promptpay', label: 'PromptPay (Bangkok Bank)' },
  { channel: 'ktbcard', label: 'Card (Krungthai)' },
  { channel: 'ktccard', label: 'KTC Card' },
];

/** Redirect (hosted page) channels offered by default: the QR-capable wallets default to QR. */
export const DEFAULT_KSHER_CHANNELS: readonly string[] = ['card'];

/** Channels the C-scan-B API accepts (ksher.md §8): one per order, the payer scans our QR. */
export const KSHER_QR_CHANNELS: readonly string[] = [
  'promptpay',
  'truemoney',
  'airpay',
  'alipay',
  'wechat',
];

/** QR (C scan B) channels offered by default. */
export const DEFAULT_KSHER_QR_CHANNELS: readonly string[] = [...KSHER_QR_CHANNELS];

/** B-scan-C (merchant scans the payer's wallet code) channels (ksher.md §4.3, §8). */
export const KSHER_WALLET_CODE_CHANNELS = [
  'alipay',
  'wechat',
  'linepay',
  'airpay',
  'truemoney',
] as const;
export type KsherWalletCodeChannel = (typeof KSHER_WALLET_CODE_CHANNELS)[number];

/** App-order channels (ksher.md §4.5, §8). */
export const KSHER_APP_CHANNELS = ['alipay', 'wechat', 'linepay', 'airpay'] as const;
export type KsherAppChannel = (typeof KSHER_APP_CHANNELS)[number];

/** Mini-program channels (ksher.md §4.4, §8). */
export const KSHER_MINI_PROGRAM_CHANNELS = ['wechat', 'alipay'] as const;
export type KsherMiniProgramChannel = (typeof KSHER_MINI_PROGRAM_CHANNELS)[number];

export const KSHER_CURRENCY = 'THB';

export function findKsherChannel(channel: string): KsherChannel | undefined {
  return KSHER_CHANNELS.find((entry) => entry.channel === channel);
}
