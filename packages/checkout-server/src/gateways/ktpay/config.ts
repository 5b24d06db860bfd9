import { isIP } from 'node:net';
import {
  anyEnvSet,
  checkIntegerRange,
  envReader,
  missingStrings,
  parseEnvDigits,
  partlyConfiguredError,
  readEnvStrings,
  requireHttpUrl,
  requireNoQueryString,
  splitEnvList,
} from '../../config-fields.ts';
import { ConfigError } from '../../errors.ts';
import { decodeKtpayBase64, KtpaySealingError } from './sealing.ts';

/**
 * How the payer reaches the card form: `widget` redirects to the widget's
 * `payment-card?hash=` page, `payment_page` redirects straight to the acquirer's page from
 * `acquirer-options` (what Ktpay's mobile docs do, §4.2), `iframe` embeds the widget page in the
 * drop-in and follows its postMessage protocol (§4.4).
 */
export type KtpayPayerFlow = 'widget' | 'payment_page' | 'iframe';

/** The `ktpay` option of createCheckoutHandler. */
export interface KtpayOptions {
  /** `https://fintech.nplus.tech/api/v1/merchant-widget` (test: `https://fintech.test.nplus.tech/…`). */
  apiUrl: string;
  /** `https://widget.nplus.tech` (test: `https://widget.test.nplus.tech`). */
  widgetUrl: string;
  /** Sent as `Auth-Identifier`. */
  appId: string;
  /** Ktpay's public Sodium key for the app: 44 characters of standard base64. */
  appKey: string;
  /**
   * Absolute URL of `<basePath>/webhooks/ktpay` as Ktpay reaches it. Each session's
   * `callback_post_url` is this plus `/<capability>`.
   */
  callbackUrl: string;
  /** Key (32+ characters) that makes the per-session callback capabilities unguessable. */
  callbackSecret: string;
  /** Default `widget`. */
  payerFlow?: KtpayPayerFlow;
  /** When set, callbacks are accepted only from these IP addresses (see `clientIpHeader`). */
  callbackIps?: string[];
  /**
   * Header your reverse proxy sets to the caller's IP, read for `callbackIps`; default
   * `x-forwarded-for` (its last entry, the one your proxy appended).
   */
  clientIpHeader?: string;
  /** Per gateway call; default 15000. */
  timeoutMs?: number;
}

export interface ResolvedKtpayConfig {
  apiUrl: string;
  widgetUrl: string;
  widgetOrigin: string;
  appId: string;
  appKey: string;
  callbackUrl: string;
  callbackSecret: string;
  payerFlow: KtpayPayerFlow;
  callbackIps?: string[];
  clientIpHeader: string;
  timeoutMs: number;
}

type Names = Record<keyof KtpayOptions, string>;

export const KTPAY_OPTION_NAMES: Names = {
  apiUrl: 'ktpay.apiUrl',
  widgetUrl: 'ktpay.widgetUrl',
  appId: 'ktpay.appId',
  appKey: 'ktpay.appKey',
  callbackUrl: 'ktpay.callbackUrl',
  callbackSecret: 'ktpay.callbackSecret',
  payerFlow: 'ktpay.payerFlow',
  callbackIps: 'ktpay.callbackIps',
  clientIpHeader: 'ktpay.clientIpHeader',
  timeoutMs: 'ktpay.timeoutMs',
};

export const KTPAY_ENV_NAMES: Names = {
  apiUrl: 'KTPAY_API_URL',
  widgetUrl: 'KTPAY_WIDGET_URL',
  appId: 'KTPAY_APP_ID',
  appKey: 'KTPAY_APP_KEY',
  callbackUrl: 'KTPAY_CALLBACK_URL',
  callbackSecret: 'KTPAY_CALLBACK_SECRET',
  payerFlow: 'KTPAY_PAYER_FLOW',
  callbackIps: 'KTPAY_CALLBACK_IPS',
  clientIpHeader: 'KTPAY_CLIENT_IP_HEADER',
  timeoutMs: 'KTPAY_TIMEOUT_MS',
};

/** Ktpay settings from `KTPAY_*` variables, or undefined when none is set. */
export function ktpayOptionsFromEnv(
  env: Record<string, string | undefined>,
): KtpayOptions | undefined {
  const value = envReader(env);
  const names = KTPAY_ENV_NAMES;
  if (!anyEnvSet(value, Object.values(names))) return undefined;
  const options: Record<string, unknown> = readEnvStrings(value, names, [
    'apiUrl',
    'widgetUrl',
    'appId',
    'appKey',
    'callbackUrl',
    'callbackSecret',
    'clientIpHeader',
  ]);
  const flow = value(names.payerFlow);
  if (flow !== undefined) options.payerFlow = flow.toLowerCase();
  const ips = value(names.callbackIps);
  if (ips !== undefined) options.callbackIps = splitEnvList(ips);
  const timeout = value(names.timeoutMs);
  if (timeout !== undefined)
    options.timeoutMs = parseEnvDigits(timeout, names.timeoutMs, 1, 120_000);
  const result = options as unknown as KtpayOptions;
  validateKtpayOptions(result, names);
  return result;
}

/** Checks and fills defaults. Messages name the option or variable, never a value. */
export function resolveKtpayConfig(
  options: KtpayOptions,
  names: Names = KTPAY_OPTION_NAMES,
): ResolvedKtpayConfig {
  validateKtpayOptions(options, names);
  const widgetUrl = options.widgetUrl.replace(/\/+$/, '');
  const resolved: ResolvedKtpayConfig = {
    apiUrl: options.apiUrl.replace(/\/+$/, ''),
    widgetUrl,
    widgetOrigin: new URL(widgetUrl).origin,
    appId: options.appId,
    appKey: options.appKey.trim(),
    callbackUrl: options.callbackUrl.replace(/\/+$/, ''),
    callbackSecret: options.callbackSecret,
    payerFlow: options.payerFlow ?? 'widget',
    clientIpHeader: (options.clientIpHeader ?? 'x-forwarded-for').toLowerCase(),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  if (options.callbackIps !== undefined) resolved.callbackIps = [...options.callbackIps];
  return resolved;
}

function validateKtpayOptions(options: KtpayOptions, names: Names): void {
  const required: Array<keyof KtpayOptions> = [
    'apiUrl',
    'widgetUrl',
    'appId',
    'appKey',
    'callbackUrl',
    'callbackSecret',
  ];
  const missing = missingStrings(options, required);
  if (missing.length > 0) {
    throw partlyConfiguredError(
      'Ktpay',
      missing.map((key) => names[key]),
    );
  }
  for (const key of ['apiUrl', 'widgetUrl', 'callbackUrl'] as const) {
    requireHttpUrl(options[key], names[key]);
    requireNoQueryString(options[key], names[key]);
  }
  if (!/^[\x21-\x7E]{1,64}$/.test(options.appId)) {
    throw new ConfigError(`${names.appId} must be the app_id from Ktpay (e.g. 32 hex characters)`);
  }
  try {
    decodeKtpayBase64(options.appKey, names.appKey, 32);
  } catch (error) {
    if (!(error instanceof KtpaySealingError)) throw error;
    throw new ConfigError(
      `${error.message} (the app_key from Ktpay is 44 characters of standard base64 ending in =)`,
    );
  }
  if (options.callbackSecret.length < 32) {
    throw new ConfigError(
      `${names.callbackSecret} must be at least 32 random characters (e.g. openssl rand -hex 32)`,
    );
  }
  if (
    options.payerFlow !== undefined &&
    !['widget', 'payment_page', 'iframe'].includes(options.payerFlow)
  ) {
    throw new ConfigError(`${names.payerFlow} must be widget, payment_page or iframe`);
  }
  if (options.callbackIps !== undefined) {
    if (
      !Array.isArray(options.callbackIps) ||
      options.callbackIps.length === 0 ||
      options.callbackIps.some((ip) => typeof ip !== 'string' || isIP(ip) === 0)
    ) {
      throw new ConfigError(`${names.callbackIps} must list IP addresses, e.g. 203.0.113.7`);
    }
  }
  if (
    options.clientIpHeader !== undefined &&
    (typeof options.clientIpHeader !== 'string' ||
      !/^[A-Za-z0-9-]{1,64}$/.test(options.clientIpHeader))
  ) {
    throw new ConfigError(`${names.clientIpHeader} must be a header name such as x-real-ip`);
  }
  if (options.timeoutMs !== undefined) {
    checkIntegerRange(options.timeoutMs, names.timeoutMs, 1, 120_000);
  }
}
