export {
  createKtpayAdapter,
  KTPAY_CARD_METHOD_ID,
  KTPAY_PROVIDER,
  KTPAY_UNSUPPORTED_MESSAGE,
  type KtpayAdapter,
  ktpayOrderDescription,
} from './adapter.ts';
export {
  type KtpayCallback,
  ktpayCallbackCapability,
  ktpayCallerIp,
  parseKtpayCallback,
  verifyKtpayCallbackCapability,
} from './callback.ts';
export {
  createKtpayClient,
  isKtpayTransactionHash,
  KTPAY_ERROR_CODES,
  type KtpayCallRecord,
  type KtpayClient,
  type KtpayCreatedPayment,
  type KtpayCreatePaymentInput,
  type KtpayEnvelope,
  KtpayError,
  type KtpayOrderPayload,
  type KtpayUser,
  ktpayErrorFrom,
  parseKtpayEnvelope,
} from './client.ts';
export type { KtpayOptions, KtpayPayerFlow } from './config.ts';
export { KTPAY_CURRENCY, ktpayMinorAmount, ktpayWireAmount } from './money.ts';
export {
  createKtpayKeyPair,
  decodeKtpayBase64,
  KtpaySealingError,
  openKtpay,
  sealKtpay,
} from './sealing.ts';
export {
  KTPAY_STATUSES,
  type KtpayMappedStatus,
  type KtpayStatus,
  mapKtpayStatus,
} from './status.ts';
