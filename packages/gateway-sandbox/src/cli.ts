#!/usr/bin/env node
// `pnpm sandbox`: serves every gateway emulator on one port for local development.
import { KSHERPAY_SANDBOX_CREDENTIALS } from './gateways/ksherpay/keys.ts';
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
const { ksher, kesspay, ktpay } = running.sandbox;
const kess = kesspay.credentials;

console.log(`Gateway sandbox listening on ${running.url}

Ksher (vip HMAC gateway emulator)
  KSHER_BASE_URL=${ksher.baseUrl}
  KSHER_API_TOKEN=${ksher.token}   (public sandbox token; it only works here)
  webhook URL setting: ${webhookUrl ?? '(none: set KSHER_WEBHOOK_URL or PUT /_control/settings)'}
  hosted payment page: the "reference" link of each created order
  payer's phone (scan and pay QR orders): ${ksher.phoneUrl()}
  finance mid: ${ksher.mid}

Control API (JSON, unsigned) under ${ksher.baseUrl}/_control
  GET    /orders                      list orders
  GET    /orders/:merchantOrderId     one order
  POST   /orders/:merchantOrderId/pay     body {"channel"?}
  POST   /orders/:merchantOrderId/decline
  POST   /orders/:merchantOrderId/expire
  GET|PUT|DELETE /faults              latencyMs, failNext {status,count}, timeoutNext, webhooks, webhookDelayMs
  GET    /webhooks                    webhook delivery log
  PUT    /settings                    {"webhookUrl": "..."}
  GET    /auth-codes                  B scan C test wallet codes (accepted / declined)
  POST   /finance/seed                {"date":"yyyymmdd","count":N,"channel":"promptpay","amount"?}
  faults also take networkErrorNext, tamperResponseNext, overrideResponse {fields,count}

KessPay (WebPay emulator; public sandbox credentials, they only work here)
  KESSPAY_BASE_URL=${kesspay.baseUrl}
  KESSPAY_CLIENT_ID=${kess.clientId}
  KESSPAY_CLIENT_SECRET='${kess.clientSecret}'
  KESSPAY_USERNAME=${kess.username}
  KESSPAY_PASSWORD='${kess.password}'
  KESSPAY_API_SECRET_KEY='${kess.apiSecretKey}'
  KESSPAY_SELLER_CODE=${kess.sellerCode}
  notifies go to each order's notify_url (KESSPAY_NOTIFY_URL on the server)
  control API under ${kesspay.baseUrl}/_control: /orders, /orders/:outTradeNo/{pay,decline,expire},
    /faults, /webhooks, POST /tokens/revoke

Ktpay (KTWidget emulator; public sandbox keys, they only work here)
  KTPAY_API_URL=${ktpay.apiUrl}
  KTPAY_WIDGET_URL=${ktpay.widgetUrl}
  KTPAY_APP_ID=${ktpay.credentials.appId}
  KTPAY_APP_KEY='${ktpay.credentials.appKey}'
  callbacks go to each payment's callback_post_url (KTPAY_CALLBACK_URL/<capability> on the server)
  test cards: ${ktpay.testCards.success} pays, ${ktpay.testCards.declined} is declined,
    ${ktpay.testCards.threeDSecure} asks for 3-D Secure code ${ktpay.threeDsCode}
  control API under ${running.sandbox.ktpay.apiUrl.replace('/api/v1/merchant-widget', '')}/_control:
    /payments, /payments/:hash/{pay,decline,fail}, /faults, /callbacks

KsherPay (Ksher's RSA-signed API; public test keys, they only work here)
  KSHERPAY_APPID=${running.sandbox.ksherpay.appid}
  KSHERPAY_API_BASE_URL=${running.sandbox.ksherpay.apiBaseUrl}
  KSHERPAY_GATEWAY_BASE_URL=${running.sandbox.ksherpay.gatewayBaseUrl}
  KSHERPAY_PRIVATE_KEY='${KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey.trim().replaceAll('\n', '\\n')}'
  KSHERPAY_PUBLIC_KEY='${running.sandbox.ksherpay.publicKey.trim().replaceAll('\n', '\\n')}'
  notifications go to each order's notify URL (KSHERPAY_NOTIFY_URL on the server)
  payer's phone (QR orders): ${running.sandbox.ksherpay.phoneUrl()}
  control API under ${running.sandbox.ksherpay.baseUrl}/_control: /orders, /orders/:mchOrderNo/{pay,decline,expire},
    /faults, /webhooks

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
