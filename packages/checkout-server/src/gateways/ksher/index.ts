export { DEFAULT_KSHER_CHANNELS, KSHER_CHANNELS, type KsherChannel } from './channels.ts';
export {
  type CreateRedirectOrderInput,
  createKsherClient,
  type KsherCallRecord,
  type KsherClient,
  type KsherClientOptions,
  type KsherOrderResponse,
} from './client.ts';
export { ksherSigningString, renderKsherValue, signKsher, verifyKsher } from './signature.ts';
export { type KsherStatusInput, type MappedStatus, mapKsherStatus } from './status.ts';
export { type KsherWebhookResult, verifyKsherWebhook } from './webhook.ts';
