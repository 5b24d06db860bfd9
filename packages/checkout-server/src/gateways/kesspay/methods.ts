/**
 * KessPay payment methods. `webpay` is the hosted page (createorder), which offers every method
 * of the merchant account itself; the others are nativePay service codes (BICs from
 * getpaymentmethods, kesspay.md §3) shown as QR methods with the bank app's deeplink.
 */
export const KESSPAY_WEBPAY_METHOD = 'webpay';

/** nativePay codes offered when getpaymentmethods cannot be read and none are configured. */
export const DEFAULT_KESSPAY_QR_SERVICE_CODES: readonly string[] = ['KHQR'];

const LABELS: Record<string, string> = {
  KHQR: 'KHQR',
  KESSKHQR: 'KHQR (KESS)',
  DYNAMICBANK: 'Bank app (KHQR)',
  ABAAKHPP: 'ABA Mobile',
  ACLBKHPP: 'ACLEDA mobile',
  WINGKHPP: 'Wing Bank',
};

/** A service code as written in configuration: uppercase BIC-like text. */
export function isKesspayServiceCode(code: string): boolean {
  return /^[A-Z0-9_]{2,32}$/.test(code);
}

/**
 * Whether nativePay takes this BIC: the KHQR codes, and Cambodian bank BICs (country `KH` at
 * positions 5-6), whose apps open by deeplink. Card and wallet codes (VISA_MASTER, WECHAT,
 * ALIPAY) need directPay/quickpay and stay on the hosted page.
 */
export function isNativePayServiceCode(code: string): boolean {
  return (
    code === 'KHQR' ||
    code === 'KESSKHQR' ||
    code === 'DYNAMICBANK' ||
    /^[A-Z]{4}KH[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(code)
  );
}

export function kesspayMethodLabel(code: string, title?: string): string {
  const clean = title?.replace(/[^\x20-\x7E\u1780-\u17FF]/g, '').trim();
  return clean || LABELS[code] || code;
}
