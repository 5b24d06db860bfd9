export {
  createKsherPayAdapter,
  KSHERPAY_METHOD_PREFIX,
  KSHERPAY_PROVIDER,
  type KsherPayAdapter,
  type KsherPayAdapterOptions,
  type KsherPayOrderApi,
} from './adapter.ts';
export {
  createKsherPayBackOffice,
  type KsherPayBackOffice,
  type KsherPayData,
} from './back-office.ts';
export {
  findKsherPayChannel,
  KSHERPAY_CHANNELS,
  KSHERPAY_CURRENCY,
  KSHERPAY_QR_CHANNELS,
  KSHERPAY_WALLET_CODE_CHANNELS,
} from './channels.ts';
export {
  createKsherPayClient,
  type KsherPayCallRecord,
  type KsherPayClient,
  type KsherPayClientOptions,
  type KsherPayResponse,
  ksherPayMessage,
  type OrderIds as KsherPayOrderIds,
} from './client.ts';
export {
  KSHERPAY_DEFAULT_API_BASE_URL,
  KSHERPAY_DEFAULT_GATEWAY_BASE_URL,
  type KsherPayOptions,
  type KsherPaySignVersion,
  ksherPayOptionsFromEnv,
  type ResolvedKsherPayConfig,
  resolveKsherPayConfig,
} from './config.ts';
export {
  KSHERPAY_PUBLIC_KEY_V1,
  KSHERPAY_PUBLIC_KEY_V2,
  KSHERPAY_SIGNED_SUBSETS,
  ksherPaySigningString,
  renderKsherPayValue,
  signKsherPay,
  verifyKsherPay,
} from './signature.ts';
export {
  type KsherPayMappedStatus,
  type KsherPayStatusInput,
  mapKsherPayResult,
} from './status.ts';
export { KSHERPAY_NOTIFY_REPLY, verifyKsherPayNotify } from './webhook.ts';
