import { kesspayMinorAmount } from '@localpay/checkout-server/kesspay';
import { isHttpUrl } from '../../urls.ts';

type Params = Record<string, unknown>;

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

export interface KesspayOrderFields {
  outTradeNo: string;
  body: string;
  amount: number;
  currency: 'USD' | 'KHR';
  notifyUrl: string | null;
  redirectUrl: string | null;
  expiresInSeconds: number;
  detail: unknown;
}

/** nativePay service codes the emulator knows (a subset of getpaymentmethods' BICs). */
export const KESSPAY_SANDBOX_METHODS = [
  { id: 1, bic: 'KHQR', title: 'KHQR', app_name: 'Bakong' },
  { id: 2, bic: 'ABAAKHPP', title: 'ABA Mobile', app_name: 'ABA Mobile' },
  { id: 3, bic: 'ACLBKHPP', title: 'ACLEDA mobile', app_name: 'ACLEDA mobile' },
  { id: 4, bic: 'VISA_MASTER', title: 'Visa / Mastercard', app_name: null },
] as const;

const NATIVE_CODES = new Set(['KHQR', 'ABAAKHPP', 'ACLBKHPP']);

/** The fields createorder and nativePay share (kesspay.md §3). */
export function validateOrderFields(params: Params): Validated<KesspayOrderFields> {
  const outTradeNo = params.out_trade_no;
  // S6: "alphanumeric + dash, ≤32 chars" (S1 says String(64)); the stricter rule is enforced.
  if (typeof outTradeNo !== 'string' || !/^[A-Za-z0-9-]{1,32}$/.test(outTradeNo)) {
    return { ok: false, message: 'The out_trade_no must be 1-32 letters, digits or dashes.' };
  }
  if (typeof params.body !== 'string' || params.body.length > 255) {
    return { ok: false, message: 'The body field is required (at most 255 characters).' };
  }
  const currency = params.currency;
  if (currency !== 'USD' && currency !== 'KHR') {
    return { ok: false, message: 'The selected currency is invalid (USD or KHR).' };
  }
  const amount = kesspayMinorAmount(params.total_amount, currency);
  if (amount === undefined || amount <= 0) {
    return {
      ok: false,
      message: `The total_amount must be a positive amount with at most ${currency === 'USD' ? 2 : 0} decimals.`,
    };
  }
  for (const key of ['notify_url', 'redirect_url'] as const) {
    if (params[key] !== undefined && params[key] !== null && !isHttpUrl(params[key])) {
      return { ok: false, message: `The ${key} must be a valid URL.` };
    }
  }
  let expiresInSeconds = 1800;
  if (params.expires_in !== undefined && params.expires_in !== null) {
    const value = Number(params.expires_in);
    if (!Number.isInteger(value) || value < 1 || value > 30 * 86_400) {
      return { ok: false, message: 'The expires_in must be an integer number of seconds.' };
    }
    expiresInSeconds = value;
  }
  const loginType = params.login_type;
  if (
    loginType !== undefined &&
    loginType !== null &&
    !['GENERAL', 'FACEBOOK', 'ANONYMOUS'].includes(loginType as string)
  ) {
    return { ok: false, message: 'The selected login_type is invalid.' };
  }
  return {
    ok: true,
    value: {
      outTradeNo,
      body: params.body,
      amount,
      currency,
      notifyUrl: (params.notify_url as string | null | undefined) ?? null,
      redirectUrl: (params.redirect_url as string | null | undefined) ?? null,
      expiresInSeconds,
      detail: params.detail,
    },
  };
}

export function validateServiceCode(params: Params): Validated<string> {
  const code = params.service_code;
  if (typeof code !== 'string' || !NATIVE_CODES.has(code.toUpperCase())) {
    return { ok: false, message: 'Invalid payment method bic.' };
  }
  return { ok: true, value: code.toUpperCase() };
}

export interface KesspayRefundFields {
  outTradeNo: string;
  reason: string;
  partialAmount: string | number | null;
  partialCurrency: string | null;
  merchantReference: string | null;
}

export function validateRefund(params: Params): Validated<KesspayRefundFields> {
  if (typeof params.out_trade_no !== 'string') {
    return { ok: false, message: 'The out_trade_no field is required.' };
  }
  if (typeof params.reason !== 'string')
    return { ok: false, message: 'The reason field is required.' };
  const partial = params.partial_refund_amount;
  if (
    partial !== undefined &&
    partial !== null &&
    typeof partial !== 'number' &&
    typeof partial !== 'string'
  ) {
    return { ok: false, message: 'The partial_refund_amount must be a number.' };
  }
  const currency = params.partial_refund_amount_ccy;
  if (partial !== undefined && partial !== null && typeof currency !== 'string') {
    return {
      ok: false,
      message: 'The partial_refund_amount_ccy field is required with partial_refund_amount.',
    };
  }
  return {
    ok: true,
    value: {
      outTradeNo: params.out_trade_no,
      reason: params.reason,
      partialAmount: (partial as string | number | null | undefined) ?? null,
      partialCurrency: (currency as string | undefined) ?? null,
      merchantReference:
        typeof params.merchant_reference === 'string' ? params.merchant_reference : null,
    },
  };
}
