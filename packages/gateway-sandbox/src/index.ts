export { SandboxError } from './errors.ts';
export { createFaultInjector, type FaultInjector, type FaultSettings } from './faults.ts';
export {
  createKsherEmulator,
  KSHER_SANDBOX_TOKEN,
  type KsherEmulator,
  type KsherSandbox,
  type KsherSandboxOptions,
} from './gateways/ksher/emulator.ts';
export type {
  KsherCloseReason,
  KsherOrderStatus,
  KsherSandboxOrder,
  KsherSandboxRefund,
} from './gateways/ksher/orders.ts';
export { type KsherWebhookDelivery, ksherWebhookUrl } from './gateways/ksher/webhooks.ts';
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
