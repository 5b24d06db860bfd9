import { createHmac, randomBytes } from 'node:crypto';
import { minorToDecimalString } from '@localpay/checkout-core';
import type { KsherWireFields } from './orders.ts';

/** Channels of the mini-program and App APIs (ksher.md §4.4, §4.5, §8). */
export const ksherMiniappChannels = ['wechat', 'alipay'];
export const ksherAppChannels = ['alipay', 'wechat', 'linepay', 'airpay'];

// Public sandbox keys: the wallet parameters look real but no wallet would accept them.
const SANDBOX_ALIPAY_PARTNER = '2088000000000000';
const SANDBOX_SIGN_KEY = 'localpay ksher sandbox wallet key';

export interface WalletOrder {
  kind: 'miniapp' | 'app';
  channel: string;
  merchantOrderId: string;
  amount: number;
  /** KsherPay order number, the wallet-side `out_trade_no`. */
  ksherOrderNumber: string;
  /** `miniapp_appid` / `app_appid`. */
  appId: string;
  productName: string | undefined;
  /** Link a non-Alipay/WeChat App order opens: the sandbox phone page stands in for the wallet app. */
  phoneUrl: string;
  now: Date;
}

function sandboxSign(text: string): string {
  return createHmac('sha256', SANDBOX_SIGN_KEY).update(text).digest('hex').toUpperCase();
}

/**
 * Alipay-style `orderStr` (global cross-border form, like S9's `create_forex_trade_wap` reference):
 * what `my.tradePay({orderStr})` (mini-program) or the Alipay App SDK takes.
 */
function alipayOrderStr(order: WalletOrder): string {
  const fields: Array<[string, string]> = [
    ['_input_charset', 'utf-8'],
    ['app_id', order.appId],
    ['currency', 'THB'],
    ['out_trade_no', order.ksherOrderNumber],
    ['partner', SANDBOX_ALIPAY_PARTNER],
    ['product_code', 'NEW_WAP_OVERSEAS_SELLER'],
    ['service', order.kind === 'app' ? 'mobile.securitypay.pay' : 'create_forex_trade_wap'],
    ['subject', order.productName || order.merchantOrderId],
    ['total_fee', minorToDecimalString(order.amount, 'THB')],
  ];
  const content = fields.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  return `${content}&sign=${sandboxSign(content)}&sign_type=HMAC-SHA256`;
}

/** WeChat Pay prepay id: "wx" + yyyyMMddHHmmss (Beijing time) + 16 hex + "0000", as real ids look. */
function wechatPrepayId(now: Date): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const stamp = beijing.slice(0, 19).replace(/[-T:]/g, '');
  return `wx${stamp}${randomBytes(8).toString('hex')}0000`;
}

/**
 * The `reference` and `reserved1..4` of a mini-program or App order (ksher.md §4.4-§4.5).
 * WeChat: the mapping is unresolved (§13.6). Reading chosen here: `reference` = prepay_id (the
 * client builds `package = "prepay_id=" + reference`), and, following S9's "reserved1 = the
 * timeStamp field …", reserved1 = timeStamp, reserved2 = nonceStr, reserved3 = signType,
 * reserved4 = paySign. Alipay: `reference` = orderStr. LINE Pay / ShopeePay (App only): the payment
 * URL the app opens; in the sandbox that is the phone page of the order.
 */
export function walletWireFields(order: WalletOrder): KsherWireFields {
  if (order.channel === 'alipay') return { reference: alipayOrderStr(order) };
  if (order.channel === 'wechat') {
    const prepayId = wechatPrepayId(order.now);
    const timeStamp = String(Math.floor(order.now.getTime() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    const signType = 'HMAC-SHA256';
    const paySign = sandboxSign(
      `appId=${order.appId}&nonceStr=${nonceStr}&package=prepay_id=${prepayId}&signType=${signType}&timeStamp=${timeStamp}`,
    );
    return {
      reference: prepayId,
      reserved1: timeStamp,
      reserved2: nonceStr,
      reserved3: signType,
      reserved4: paySign,
    };
  }
  return { reference: order.phoneUrl };
}
