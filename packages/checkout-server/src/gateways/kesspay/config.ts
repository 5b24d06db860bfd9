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
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const names = KESSPAY_ENV_NAMES;
  if (!Object.values(names).some((name) => value(name) !== undefined)) return undefined;
  const options: Record<string, unknown> = {};
  for (const key of [
    'baseUrl',
    'clientId',
    'clientSecret',
    'username',
    'password',
    'apiSecretKey',
    'sellerCode',
    'notifyUrl',
  ] as const) {
    const found = value(names[key]);
    if (found !== undefined) options[key] = found;
  }
  const authMode = value(names.authMode);
  if (authMode !== undefined) options.authMode = authMode.toLowerCase();
  const signType = value(names.signType);
  if (signType !== undefined) options.signType = signType.toUpperCase();
  const codes = value(names.qrServiceCodes);
  if (codes !== undefined) options.qrServiceCodes = codes.split(',').map((code) => code.trim());
  const timeout = value(names.timeoutMs);
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout)) {
      throw new ConfigError(`${names.timeoutMs} must be an integer from 1 to 120000`);
    }
    options.timeoutMs = Number(timeout);
  }
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
  const missing = required.filter((key) => typeof options[key] !== 'string' || options[key] === '');
  if (missing.length > 0) {
    throw new ConfigError(
      `KessPay is partly configured: ${missing.map((key) => names[key]).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`,
    );
  }
  for (const key of ['baseUrl', 'notifyUrl'] as const) {
    if (!isHttpUrl(options[key]))
      throw new ConfigError(`${names[key]} must be an absolute http(s) URL`);
  }
  if (new URL(options.baseUrl).search !== '') {
    throw new ConfigError(`${names.baseUrl} must not have a query string`);
  }
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
  if (
    options.timeoutMs !== undefined &&
    (!Number.isInteger(options.timeoutMs) || options.timeoutMs < 1 || options.timeoutMs > 120_000)
  ) {
    throw new ConfigError(`${names.timeoutMs} must be an integer from 1 to 120000`);
  }
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
