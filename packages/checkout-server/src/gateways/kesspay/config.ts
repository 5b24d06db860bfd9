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
import type { KesspayAuthMode } from './auth.ts';
import { DEFAULT_KESSPAY_QR_SERVICE_CODES, isKesspayServiceCode } from './methods.ts';
import type { KesspaySignType } from './signature.ts';

/** The `kesspay` option of createCheckoutHandler. Values come from the credential package (§1). */
export interface KesspayOptions {
  /** `https://devwebpayment.kesspay.io` (sandbox) or `https://webpay.kesspay.io` (production). */
  baseUrl: string;
  /** `oauth` (v2, default) or `basic` (legacy v1 endpoint). */
  authMode?: KesspayAuthMode;
  /** OAuth only. */
  clientId?: string;
  /** OAuth only. */
  clientSecret?: string;
  username: string;
  password: string;
  /** Signs requests and verifies notifies. Not the client_secret. */
  apiSecretKey: string;
  sellerCode: string;
  /** Absolute URL of `<basePath>/webhooks/kesspay` as KessPay reaches it; sent as `notify_url`. */
  notifyUrl: string;
  /** Default MD5. */
  signType?: KesspaySignType;
  /** nativePay service codes offered when getpaymentmethods fails; default ['KHQR']. */
  qrServiceCodes?: string[];
  /** Per gateway call; default 15000. */
  timeoutMs?: number;
}

export interface ResolvedKesspayConfig {
  baseUrl: string;
  authMode: KesspayAuthMode;
  clientId?: string;
  clientSecret?: string;
  username: string;
  password: string;
  apiSecretKey: string;
  sellerCode: string;
  notifyUrl: string;
  signType: KesspaySignType;
  qrServiceCodes: string[];
  timeoutMs: number;
}

type Names = Record<keyof KesspayOptions, string>;

export const KESSPAY_OPTION_NAMES: Names = {
  baseUrl: 'kesspay.baseUrl',
  authMode: 'kesspay.authMode',
  clientId: 'kesspay.clientId',
  clientSecret: 'kesspay.clientSecret',
  username: 'kesspay.username',
  password: 'kesspay.password',
  apiSecretKey: 'kesspay.apiSecretKey',
  sellerCode: 'kesspay.sellerCode',
  notifyUrl: 'kesspay.notifyUrl',
  signType: 'kesspay.signType',
  qrServiceCodes: 'kesspay.qrServiceCodes',
  timeoutMs: 'kesspay.timeoutMs',
};

export const KESSPAY_ENV_NAMES: Names = {
  baseUrl: 'KESSPAY_BASE_URL',
  authMode: 'KESSPAY_AUTH_MODE',
  clientId: 'KESSPAY_CLIENT_ID',
  clientSecret: 'KESSPAY_CLIENT_SECRET',
  username: 'KESSPAY_USERNAME',
  password: 'KESSPAY_PASSWORD',
  apiSecretKey: 'KESSPAY_API_SECRET_KEY',
  sellerCode: 'KESSPAY_SELLER_CODE',
  notifyUrl: 'KESSPAY_NOTIFY_URL',
  signType: 'KESSPAY_SIGN_TYPE',
  qrServiceCodes: 'KESSPAY_QR_SERVICE_CODES',
  timeoutMs: 'KESSPAY_TIMEOUT_MS',
};

/**
 * KessPay settings from `KESSPAY_*` variables, or undefined when none is set. Secrets are taken
 * as they are (they contain symbols such as `& = < {`), only surrounding whitespace is trimmed.
 */
export function kesspayOptionsFromEnv(
  env: Record<string, string | undefined>,
): KesspayOptions | undefined {
  const value = envReader(env);
  const names = KESSPAY_ENV_NAMES;
  if (!anyEnvSet(value, Object.values(names))) return undefined;
  const options: Record<string, unknown> = readEnvStrings(value, names, [
    'baseUrl',
    'clientId',
    'clientSecret',
    'username',
    'password',
    'apiSecretKey',
    'sellerCode',
    'notifyUrl',
  ]);
  const authMode = value(names.authMode);
  if (authMode !== undefined) options.authMode = authMode.toLowerCase();
  const signType = value(names.signType);
  if (signType !== undefined) options.signType = signType.toUpperCase();
  const codes = value(names.qrServiceCodes);
  if (codes !== undefined) options.qrServiceCodes = splitEnvList(codes);
  const timeout = value(names.timeoutMs);
  if (timeout !== undefined)
    options.timeoutMs = parseEnvDigits(timeout, names.timeoutMs, 1, 120_000);
  const result = options as unknown as KesspayOptions;
  validateKesspayOptions(result, names);
  return result;
}

/** Checks and fills defaults. Messages name the option or variable, never a value. */
export function resolveKesspayConfig(
  options: KesspayOptions,
  names: Names = KESSPAY_OPTION_NAMES,
): ResolvedKesspayConfig {
  validateKesspayOptions(options, names);
  const resolved: ResolvedKesspayConfig = {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    authMode: options.authMode ?? 'oauth',
    username: options.username,
    password: options.password,
    apiSecretKey: options.apiSecretKey,
    sellerCode: options.sellerCode,
    notifyUrl: options.notifyUrl,
    signType: options.signType ?? 'MD5',
    qrServiceCodes: [...new Set(options.qrServiceCodes ?? DEFAULT_KESSPAY_QR_SERVICE_CODES)],
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  if (options.clientId !== undefined) resolved.clientId = options.clientId;
  if (options.clientSecret !== undefined) resolved.clientSecret = options.clientSecret;
  return resolved;
}

function validateKesspayOptions(options: KesspayOptions, names: Names): void {
  const authMode = options.authMode ?? 'oauth';
  if (authMode !== 'oauth' && authMode !== 'basic') {
    throw new ConfigError(`${names.authMode} must be oauth or basic`);
  }
  const required: Array<keyof KesspayOptions> = [
    'baseUrl',
    'username',
    'password',
    'apiSecretKey',
    'sellerCode',
    'notifyUrl',
  ];
  if (authMode === 'oauth') required.push('clientId', 'clientSecret');
  const missing = missingStrings(options, required);
  if (missing.length > 0) {
    throw partlyConfiguredError(
      'KessPay',
      missing.map((key) => names[key]),
    );
  }
  for (const key of ['baseUrl', 'notifyUrl'] as const) requireHttpUrl(options[key], names[key]);
  requireNoQueryString(options.baseUrl, names.baseUrl);
  if (options.apiSecretKey.length < 8) {
    throw new ConfigError(
      `${names.apiSecretKey} must be the api_secret_key from the credential package`,
    );
  }
  // Values are signed raw and Laravel trims inputs (§2.2): padded text could never verify.
  if (
    options.sellerCode !== options.sellerCode.trim() ||
    !/^[\x21-\x7E]{1,64}$/.test(options.sellerCode)
  ) {
    throw new ConfigError(
      `${names.sellerCode} must be the seller_code from the credential package, e.g. CU2211-27962254758514976`,
    );
  }
  if (
    options.signType !== undefined &&
    options.signType !== 'MD5' &&
    options.signType !== 'HMAC-SHA256'
  ) {
    throw new ConfigError(`${names.signType} must be MD5 or HMAC-SHA256`);
  }
  if (options.qrServiceCodes !== undefined) {
    if (!Array.isArray(options.qrServiceCodes)) {
      throw new ConfigError(`${names.qrServiceCodes} must be a list of service codes such as KHQR`);
    }
    for (const code of options.qrServiceCodes) {
      if (typeof code !== 'string' || !isKesspayServiceCode(code)) {
        throw new ConfigError(
          `${names.qrServiceCodes} must list service codes such as KHQR or ABAAKHPP`,
        );
      }
    }
  }
  if (options.timeoutMs !== undefined) {
    checkIntegerRange(options.timeoutMs, names.timeoutMs, 1, 120_000);
  }
}
