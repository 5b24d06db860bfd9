export {
  createKesspayBasicAuth,
  createKesspayOAuth,
  type KesspayAuth,
  type KesspayAuthMode,
  type KesspayTokenOptions,
} from './auth.ts';
export {
  createKesspayClient,
  type KesspayCallRecord,
  type KesspayClient,
  type KesspayClientOptions,
  type KesspayCreateOrderInput,
  type KesspayDetailLine,
  KesspayError,
  type KesspayErrorCode,
  type KesspayNativePayData,
  type KesspayNativePayInput,
  type KesspayOrderInfo,
  type KesspayPaymentMethodInfo,
  type KesspayRefundHistory,
  type KesspayRefundInput,
} from './client.ts';
export {
  DEFAULT_KESSPAY_QR_SERVICE_CODES,
  isNativePayServiceCode,
  KESSPAY_WEBPAY_METHOD,
} from './methods.ts';
export { KESSPAY_CURRENCIES, kesspayMinorAmount, kesspayWireAmount } from './money.ts';
export {
  type KesspaySignType,
  kesspaySigningString,
  kesspaySignType,
  renderKesspayValue,
  signKesspay,
  verifyKesspay,
} from './signature.ts';
export { type KesspayMappedStatus, type KesspayStatusInput, mapKesspayStatus } from './status.ts';
export {
  type KesspayNotifyResult,
  parsePhpForm,
  readKesspayNotify,
  verifyKesspayNotify,
} from './webhook.ts';
