import { randomBytes } from 'node:crypto';
import type { CheckoutOptions, KtpayPayerFlow } from '@localpay/checkout-server';
import {
  createGatewaySandbox,
  type GatewaySandbox,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';

/** What the storefront may show about the sandbox: links that stand in for the payer's phone. */
export interface SandboxInfo {
  /** Ksher's simulated phone (lists the open PromptPay QR orders). */
  phoneUrl: string;
}

export interface DemoGateways {
  /** Gateway settings for createCheckoutHandler. */
  options: Pick<CheckoutOptions, 'ksher' | 'kesspay' | 'ktpay' | 'ksherpay'>;
  /** Present in sandbox mode. */
  sandbox: GatewaySandbox | undefined;
  sandboxInfo: SandboxInfo | undefined;
}

export interface DemoGatewaysInput {
  /** Settings read from the environment (`checkoutOptionsFromEnv`). */
  fromEnv: Partial<CheckoutOptions>;
  /** The shop's public origin, e.g. `http://127.0.0.1:5180`. */
  origin: string;
  checkoutBase: string;
  sandboxBase: string;
  merchantName: string;
  /** Sandbox webhook / notify retry delay; tests shorten it. */
  webhookRetryDelayMs?: number;
  /** How the sandbox Ktpay card widget is shown: `widget` (redirect, default) or `iframe`. */
  ktpayPayerFlow?: KtpayPayerFlow;
  /**
   * Which Ksher API the sandbox mode uses for the `ksher.*` methods: the vip HMAC gateway
   * (`ksher`, default) or the RSA-signed KsherPay API (`ksherpay`, env `DEMO_KSHER_API`).
   */
  ksherApi?: 'ksher' | 'ksherpay';
  log: (line: string) => void;
}

/** Where KessPay posts notifies when KESSPAY_NOTIFY_URL is not set: this shop's own endpoint. */
export function defaultKesspayNotifyUrl(origin: string, checkoutBase: string): string {
  return `${origin}${checkoutBase}/webhooks/kesspay`;
}

/**
 * Real gateways where the environment configures them; otherwise (no gateway configured at all)
 * every gateway runs against the built-in sandbox. Never a mix: a shop with real credentials must
 * not also offer an emulator that "pays" without money.
 */
export function configureDemoGateways(input: DemoGatewaysInput): DemoGateways {
  const { fromEnv, origin, checkoutBase, sandboxBase } = input;
  if (fromEnv.ksher || fromEnv.kesspay || fromEnv.ktpay || fromEnv.ksherpay) {
    return {
      options: {
        ...(fromEnv.ksher && { ksher: fromEnv.ksher }),
        ...(fromEnv.ksherpay && { ksherpay: fromEnv.ksherpay }),
        ...(fromEnv.kesspay && { kesspay: fromEnv.kesspay }),
        ...(fromEnv.ktpay && { ktpay: fromEnv.ktpay }),
      },
      sandbox: undefined,
      sandboxInfo: undefined,
    };
  }

  const retry = input.webhookRetryDelayMs;
  const ksherWebhookUrl = `${origin}${checkoutBase}/webhooks/ksher`;
  const sandbox = createGatewaySandbox({
    publicUrl: `${origin}${sandboxBase}`,
    ksher: {
      webhookUrl: ksherWebhookUrl,
      merchantName: input.merchantName,
      ...(retry !== undefined && { webhookRetryDelayMs: retry }),
    },
    kesspay: {
      merchantName: input.merchantName,
      ...(retry !== undefined && { notifyRetryDelayMs: retry }),
    },
    ktpay: {
      merchantName: input.merchantName,
      ...(retry !== undefined && { callbackRetryDelaysMs: [retry, retry, retry] }),
    },
    ksherpay: {
      merchantName: input.merchantName,
      ...(retry !== undefined && { notifyRetryDelaysMs: [retry, retry, retry] }),
    },
    log: (line) => input.log(`[sandbox] ${line}`),
  });
  const { credentials } = sandbox.kesspay;
  const ksherPay = input.ksherApi === 'ksherpay';
  return {
    options: {
      ...(ksherPay
        ? {
            ksherpay: {
              appid: sandbox.ksherpay.appid,
              privateKey: KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
              publicKey: sandbox.ksherpay.publicKey,
              apiBaseUrl: sandbox.ksherpay.apiBaseUrl,
              gatewayBaseUrl: sandbox.ksherpay.gatewayBaseUrl,
              notifyUrl: `${origin}${checkoutBase}/webhooks/ksherpay`,
              channels: ['card'],
              qrChannels: ['promptpay', 'alipay', 'wechat'],
            },
          }
        : {
            ksher: {
              baseUrl: sandbox.ksher.baseUrl,
              token: sandbox.ksher.token,
              webhookUrl: ksherWebhookUrl,
              mid: sandbox.ksher.mid,
            },
          }),
      kesspay: {
        baseUrl: sandbox.kesspay.baseUrl,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
        apiSecretKey: credentials.apiSecretKey,
        sellerCode: credentials.sellerCode,
        notifyUrl: defaultKesspayNotifyUrl(origin, checkoutBase),
      },
      ktpay: {
        apiUrl: sandbox.ktpay.apiUrl,
        widgetUrl: sandbox.ktpay.widgetUrl,
        appId: sandbox.ktpay.credentials.appId,
        appKey: sandbox.ktpay.credentials.appKey,
        callbackUrl: `${origin}${checkoutBase}/webhooks/ktpay`,
        // Sandbox only: a fresh key per start (the emulator forgets its payments on restart too).
        callbackSecret: randomBytes(32).toString('hex'),
        payerFlow: input.ktpayPayerFlow ?? 'widget',
      },
    },
    sandbox,
    sandboxInfo: { phoneUrl: `${sandboxBase}/${ksherPay ? 'ksherpay' : 'ksher'}/phone` },
  };
}
