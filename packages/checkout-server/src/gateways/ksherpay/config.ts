import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  anyEnvSet,
  checkIntegerRange,
  envReader,
  missingStrings,
  parseEnvInteger,
  partlyConfiguredError,
  readEnvStrings,
  requireHttpUrl,
  requireNoQueryString,
  splitEnvList,
} from '../../config-fields.ts';
import { ConfigError } from '../../errors.ts';
import { KSHERPAY_CHANNELS, KSHERPAY_QR_CHANNELS } from './channels.ts';
import { KSHERPAY_PUBLIC_KEY_V1, KSHERPAY_PUBLIC_KEY_V2 } from './signature.ts';

export type KsherPaySignVersion = 'V1' | 'V2';

/**
 * The `ksherpay` option of createCheckoutHandler: Ksher's RSA-signed KsherPay API, the one Ksher
 * gives new merchants (ksherpay.md). Its methods use the same ids as the `ksher` adapter's
 * (`ksher.card`, `ksher.promptpay`), so the browser and the drop-in do not change.
 */
export interface KsherPayOptions {
  /** `mch` + merchant number, e.g. `mch35000`. */
  appid: string;
  /** The merchant's `Mchxxxxx_PrivateKey.pem` (PKCS#1 or PKCS#8 PEM). */
  privateKey: string;
  /** Absolute URL of `<basePath>/webhooks/ksherpay` as Ksher reaches it. */
  notifyUrl: string;
  /** Payment API base; default `https://api.mch.ksher.net/KsherPay`. */
  apiBaseUrl?: string;
  /** Hosted-page API base; default `https://gateway.ksher.com/api`. */
  gatewayBaseUrl?: string;
  /** `V1` (default) or `V2`: which of Ksher's keys signs answers (V2 sends `ksher-sign-version`). */
  signVersion?: KsherPaySignVersion;
  /** Overrides the built-in Ksher public key of `signVersion` (e.g. the sandbox's). */
  publicKey?: string;
  /** Hosted-page (`gateway_pay`) channels, one redirect method each; default `['card']`. */
  channels?: string[];
  /** `native_pay` (QR) channels; default `['promptpay']`. */
  qrChannels?: string[];
  /** Lifetime of a QR session (this server closes the order after it); default 600. */
  qrTtlSeconds?: number;
  /** Hosted-page language: en, th or cn; default en. */
  lang?: 'en' | 'th' | 'cn';
  /** Per gateway call; default 15000. */
  timeoutMs?: number;
}

export interface ResolvedKsherPayConfig {
  appid: string;
  privateKey: string;
  notifyUrl: string;
  apiBaseUrl: string;
  gatewayBaseUrl: string;
  signVersion: KsherPaySignVersion;
  publicKey: string;
  channels: string[];
  qrChannels: string[];
  qrTtlSeconds: number;
  lang: 'en' | 'th' | 'cn';
  timeoutMs: number;
}

type Names = Record<keyof KsherPayOptions, string>;

export const KSHERPAY_OPTION_NAMES: Names = {
  appid: 'ksherpay.appid',
  privateKey: 'ksherpay.privateKey',
  notifyUrl: 'ksherpay.notifyUrl',
  apiBaseUrl: 'ksherpay.apiBaseUrl',
  gatewayBaseUrl: 'ksherpay.gatewayBaseUrl',
  signVersion: 'ksherpay.signVersion',
  publicKey: 'ksherpay.publicKey',
  channels: 'ksherpay.channels',
  qrChannels: 'ksherpay.qrChannels',
  qrTtlSeconds: 'ksherpay.qrTtlSeconds',
  lang: 'ksherpay.lang',
  timeoutMs: 'ksherpay.timeoutMs',
};

export const KSHERPAY_ENV_NAMES: Names = {
  appid: 'KSHERPAY_APPID',
  privateKey: 'KSHERPAY_PRIVATE_KEY',
  notifyUrl: 'KSHERPAY_NOTIFY_URL',
  apiBaseUrl: 'KSHERPAY_API_BASE_URL',
  gatewayBaseUrl: 'KSHERPAY_GATEWAY_BASE_URL',
  signVersion: 'KSHERPAY_SIGN_VERSION',
  publicKey: 'KSHERPAY_PUBLIC_KEY',
  channels: 'KSHERPAY_CHANNELS',
  qrChannels: 'KSHERPAY_QR_CHANNELS',
  qrTtlSeconds: 'KSHERPAY_QR_TTL_SECONDS',
  lang: 'KSHERPAY_LANG',
  timeoutMs: 'KSHERPAY_TIMEOUT_MS',
};

export const KSHERPAY_DEFAULT_API_BASE_URL = 'https://api.mch.ksher.net/KsherPay';
export const KSHERPAY_DEFAULT_GATEWAY_BASE_URL = 'https://gateway.ksher.com/api';

/** PEM in a variable: `\n` escapes (one-line .env files) become newlines. */
function pemFromEnv(raw: string): string {
  return raw.includes('\\n') ? raw.replaceAll('\\n', '\n') : raw;
}

/** KsherPay settings from `KSHERPAY_*` variables, or undefined when none is set. */
export function ksherPayOptionsFromEnv(
  env: Record<string, string | undefined>,
): KsherPayOptions | undefined {
  const value = envReader(env);
  const names = KSHERPAY_ENV_NAMES;
  if (!anyEnvSet(value, Object.values(names))) return undefined;
  const options: Record<string, unknown> = readEnvStrings(value, names, [
    'appid',
    'notifyUrl',
    'apiBaseUrl',
    'gatewayBaseUrl',
  ]);
  for (const key of ['privateKey', 'publicKey'] as const) {
    const pem = value(names[key]);
    if (pem !== undefined) options[key] = pemFromEnv(pem);
  }
  const signVersion = value(names.signVersion);
  if (signVersion !== undefined) options.signVersion = signVersion.toUpperCase();
  const lang = value(names.lang);
  if (lang !== undefined) options.lang = lang.toLowerCase();
  const channels = value(names.channels);
  if (channels !== undefined) options.channels = splitEnvList(channels);
  const qrChannels = value(names.qrChannels);
  if (qrChannels !== undefined) options.qrChannels = splitEnvList(qrChannels);
  const ttl = value(names.qrTtlSeconds);
  if (ttl !== undefined)
    options.qrTtlSeconds = parseEnvInteger(ttl, names.qrTtlSeconds, 60, 86_400);
  const timeout = value(names.timeoutMs);
  if (timeout !== undefined)
    options.timeoutMs = parseEnvInteger(timeout, names.timeoutMs, 1, 120_000);
  const result = options as unknown as KsherPayOptions;
  resolveKsherPayConfig(result, names);
  return result;
}

function checkChannels(
  list: unknown,
  name: string,
  known: readonly string[],
  allowEmpty: boolean,
): string[] {
  if (!Array.isArray(list) || (!allowEmpty && list.length === 0)) {
    throw new ConfigError(`${name} must list at least one channel`);
  }
  for (const channel of list) {
    if (typeof channel !== 'string' || !known.includes(channel)) {
      throw new ConfigError(
        `${name} has an unknown channel ${JSON.stringify(channel)}; known: ${known.join(', ')}`,
      );
    }
  }
  return [...new Set(list as string[])];
}

/** Checks and fills defaults. Messages name the option or variable, never a value. */
export function resolveKsherPayConfig(
  options: KsherPayOptions,
  names: Names = KSHERPAY_OPTION_NAMES,
): ResolvedKsherPayConfig {
  const missing = missingStrings(options, ['appid', 'privateKey', 'notifyUrl'] as const);
  if (missing.length > 0) {
    throw partlyConfiguredError(
      'KsherPay',
      missing.map((key) => names[key]),
    );
  }
  if (!/^mch\d+$/.test(options.appid)) {
    throw new ConfigError(`${names.appid} must be "mch" and the merchant number, e.g. mch35000`);
  }
  try {
    if (createPrivateKey(options.privateKey).asymmetricKeyType !== 'rsa')
      throw new Error('not rsa');
  } catch {
    throw new ConfigError(
      `${names.privateKey} must be the RSA private key PEM downloaded from the Ksher merchant portal`,
    );
  }
  requireHttpUrl(options.notifyUrl, names.notifyUrl);
  const apiBaseUrl = options.apiBaseUrl ?? KSHERPAY_DEFAULT_API_BASE_URL;
  const gatewayBaseUrl = options.gatewayBaseUrl ?? KSHERPAY_DEFAULT_GATEWAY_BASE_URL;
  for (const [url, name] of [
    [apiBaseUrl, names.apiBaseUrl],
    [gatewayBaseUrl, names.gatewayBaseUrl],
  ] as const) {
    requireHttpUrl(url, name);
    requireNoQueryString(url, name);
  }
  const signVersion = options.signVersion ?? 'V1';
  if (signVersion !== 'V1' && signVersion !== 'V2') {
    throw new ConfigError(`${names.signVersion} must be V1 or V2`);
  }
  const publicKey =
    options.publicKey ?? (signVersion === 'V2' ? KSHERPAY_PUBLIC_KEY_V2 : KSHERPAY_PUBLIC_KEY_V1);
  try {
    if (createPublicKey(publicKey).asymmetricKeyType !== 'rsa') throw new Error('not rsa');
  } catch {
    throw new ConfigError(`${names.publicKey} must be an RSA public key PEM`);
  }
  const lang = options.lang ?? 'en';
  if (lang !== 'en' && lang !== 'th' && lang !== 'cn') {
    throw new ConfigError(`${names.lang} must be en, th or cn`);
  }
  const channels = checkChannels(
    options.channels ?? ['card'],
    names.channels,
    KSHERPAY_CHANNELS.map((entry) => entry.channel),
    true,
  );
  const qrChannels = checkChannels(
    options.qrChannels ?? ['promptpay'],
    names.qrChannels,
    KSHERPAY_QR_CHANNELS,
    true,
  );
  if (channels.length + qrChannels.length === 0) {
    throw new ConfigError(`${names.channels} and ${names.qrChannels} are both empty`);
  }
  // One method id per channel: `ksher.<channel>` cannot be both a redirect and a QR method.
  const both = channels.find((channel) => qrChannels.includes(channel));
  if (both !== undefined) {
    throw new ConfigError(
      `${names.channels} and ${names.qrChannels} both list ${JSON.stringify(both)}; a channel is either a hosted-page or a QR method`,
    );
  }
  return {
    appid: options.appid,
    privateKey: options.privateKey,
    notifyUrl: options.notifyUrl,
    apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''),
    gatewayBaseUrl: gatewayBaseUrl.replace(/\/+$/, ''),
    signVersion,
    publicKey,
    channels,
    qrChannels,
    qrTtlSeconds: checkIntegerRange(options.qrTtlSeconds ?? 600, names.qrTtlSeconds, 60, 86_400),
    lang,
    timeoutMs: checkIntegerRange(options.timeoutMs ?? 15_000, names.timeoutMs, 1, 120_000),
  };
}
