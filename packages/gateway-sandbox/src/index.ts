export { SandboxError } from './errors.ts';
export { createFaultInjector, type FaultInjector, type FaultSettings } from './faults.ts';
export {
  createKesspayEmulator,
  KESSPAY_SANDBOX_CREDENTIALS,
  type KesspayEmulator,
  type KesspaySandbox,
  type KesspaySandboxCredentials,
  type KesspaySandboxOptions,
} from './gateways/kesspay/emulator.ts';
export { buildKhqrPayload, type KhqrInput } from './gateways/kesspay/khqr.ts';
export type {
  KesspayOrderKind,
  KesspayOrderStatus,
  KesspaySandboxOrder,
  KesspaySandboxRefund,
} from './gateways/kesspay/orders.ts';
export { type KesspayNotifyDelivery, kesspayNotifyBody } from './gateways/kesspay/webhooks.ts';
export {
  KSHER_DECLINED_AUTH_CODE,
  ksherTestAuthCodes,
} from './gateways/ksher/auth-codes.ts';
export {
  createKsherEmulator,
  KSHER_SANDBOX_TOKEN,
  type KsherEmulator,
  type KsherFinanceSeed,
  type KsherSandbox,
  type KsherSandboxOptions,
} from './gateways/ksher/emulator.ts';
export type {
  KsherCloseReason,
  KsherOrderStatus,
  KsherOrderType,
  KsherSandboxOrder,
  KsherSandboxRefund,
} from './gateways/ksher/orders.ts';
export { type KsherWebhookDelivery, ksherWebhookUrl } from './gateways/ksher/webhooks.ts';
export {
  createKsherPayEmulator,
  KSHERPAY_NOTIFY_RETRY_DELAYS_MS,
  type KsherPayEmulator,
  type KsherPayNotifyDelivery,
  type KsherPaySandbox,
  type KsherPaySandboxOptions,
} from './gateways/ksherpay/emulator.ts';
export {
  KSHER_DEMO_MCH35000_PRIVATE_KEY,
  KSHER_SDK_EXAMPLE_PRIVATE_KEY,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from './gateways/ksherpay/keys.ts';
export type {
  KsherPayOrderKind,
  KsherPayOrderStatus,
  KsherPaySandboxOrder,
  KsherPaySandboxRefund,
} from './gateways/ksherpay/orders.ts';
export {
  type KtpayCallbackDelivery,
  ktpayCallbackBody,
} from './gateways/ktpay/callbacks.ts';
export { KTPAY_3DS_CODE, KTPAY_TEST_CARDS } from './gateways/ktpay/card-page.ts';
export {
  createKtpayEmulator,
  KTPAY_SANDBOX_CREDENTIALS,
  type KtpayEmulator,
  type KtpaySandbox,
  type KtpaySandboxCredentials,
  type KtpaySandboxOptions,
} from './gateways/ktpay/emulator.ts';
export type { KtpaySandboxPayment, KtpaySandboxStatus } from './gateways/ktpay/payments.ts';
export { buildReceiptPdf } from './gateways/ktpay/receipt-pdf.ts';
export {
  type RunningGatewaySandbox,
  type StartGatewaySandboxOptions,
  startGatewaySandbox,
} from './node-server.ts';
export {
  createGatewaySandbox,
  type GatewaySandbox,
  type GatewaySandboxOptions,
} from './sandbox.ts';
