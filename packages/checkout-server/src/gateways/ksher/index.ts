// Types only from the adapter and back office: this subpath stays light for the sandbox.
export type { KsherAdapter } from './adapter.ts';
export type {
  ChargeWalletCodeInput,
  CreateAppOrderInput,
  CreateMiniProgramOrderInput,
  KsherBackOffice,
  KsherSettlementSummary,
  KsherTransaction,
  KsherWalletOrder,
} from './back-office.ts';
export {
  DEFAULT_KSHER_CHANNELS,
  DEFAULT_KSHER_QR_CHANNELS,
  KSHER_APP_CHANNELS,
  KSHER_CHANNELS,
  KSHER_MINI_PROGRAM_CHANNELS,
  KSHER_QR_CHANNELS,
  KSHER_WALLET_CODE_CHANNELS,
  type KsherAppChannel,
  type KsherChannel,
  type KsherMiniProgramChannel,
  type KsherWalletCodeChannel,
} from './channels.ts';
export {
  type CreateRedirectOrderInput,
  createKsherClient,
  KSHER_APIS,
  type KsherApi,
  type KsherCallRecord,
  type KsherClient,
  type KsherClientOptions,
  type KsherFinanceResponse,
  type KsherOrderResponse,
} from './client.ts';
export { ksherSigningString, renderKsherValue, signKsher, verifyKsher } from './signature.ts';
export { type KsherStatusInput, type MappedStatus, mapKsherStatus } from './status.ts';
export { type KsherWebhookResult, verifyKsherWebhook } from './webhook.ts';
