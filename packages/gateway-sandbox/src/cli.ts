#!/usr/bin/env node
// `pnpm sandbox`: serves every gateway emulator on one port for local development.
import { startGatewaySandbox } from './node-server.ts';

const env = process.env;
const port = Number(env.SANDBOX_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`SANDBOX_PORT must be a port number, got ${env.SANDBOX_PORT}`);
  process.exit(1);
}
const hostname = env.SANDBOX_HOST ?? '127.0.0.1';
const webhookUrl = env.KSHER_WEBHOOK_URL || undefined;

const running = await startGatewaySandbox({
  port,
  hostname,
  ...(env.SANDBOX_PUBLIC_URL && { publicUrl: env.SANDBOX_PUBLIC_URL }),
  ksher: { ...(webhookUrl && { webhookUrl }) },
  log: (line) => console.log(`[sandbox] ${line}`),
});
const { ksher } = running.sandbox;

console.log(`Gateway sandbox listening on ${running.url}

Ksher (vip HMAC gateway emulator)
  KSHER_BASE_URL=${ksher.baseUrl}
  KSHER_API_TOKEN=${ksher.token}   (public sandbox token; it only works here)
  webhook URL setting: ${webhookUrl ?? '(none: set KSHER_WEBHOOK_URL or PUT /_control/settings)'}
  hosted payment page: the "reference" link of each created order

Control API (JSON, unsigned) under ${ksher.baseUrl}/_control
  GET    /orders                      list orders
  GET    /orders/:merchantOrderId     one order
  POST   /orders/:merchantOrderId/pay     body {"channel"?}
  POST   /orders/:merchantOrderId/decline
  POST   /orders/:merchantOrderId/expire
  GET|PUT|DELETE /faults              latencyMs, failNext {status,count}, timeoutNext, webhooks, webhookDelayMs
  GET    /webhooks                    webhook delivery log
  PUT    /settings                    {"webhookUrl": "..."}

Press Ctrl+C to stop.`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the gateway sandbox`);
  await running.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
