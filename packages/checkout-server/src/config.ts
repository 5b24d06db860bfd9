import type { CartItemInput, CurrencyCode, PaymentMethod } from '@localpay/checkout-core';
import {
  anyEnvSet,
  checkIntegerRange,
  envReader,
  missingStrings,
  parseEnvInteger,
  partlyConfiguredError,
  requireHttpUrl,
  requireNoQueryString,
  requireOriginList,
  splitEnvList,
} from './config-fields.ts';
import { ConfigError } from './errors.ts';
import {
  type KesspayOptions,
  kesspayOptionsFromEnv,
  type ResolvedKesspayConfig,
  resolveKesspayConfig,
} from './gateways/kesspay/config.ts';
import {
  DEFAULT_KSHER_CHANNELS,
  DEFAULT_KSHER_QR_CHANNELS,
  findKsherChannel,
  KSHER_CHANNELS,
  KSHER_QR_CHANNELS,
} from './gateways/ksher/channels.ts';
import {
  type KsherPayOptions,
  ksherPayOptionsFromEnv,
  type ResolvedKsherPayConfig,
  resolveKsherPayConfig,
} from './gateways/ksherpay/config.ts';
import {
  type KtpayOptions,
  ktpayOptionsFromEnv,
  type ResolvedKtpayConfig,
  resolveKtpayConfig,
} from './gateways/ktpay/config.ts';
import type { Logger } from './logger.ts';
import {
  type ResolvedSecurityConfig,
  resolveSecurityConfig,
  type SecurityOptions,
  securityOptionsFromEnv,
} from './security/security-config.ts';
import type { SessionEvents } from './session-events.ts';
import type { OrderRecord, OrderStore } from './store/order-store.ts';

export interface ResolvedCartLine {
  sku: string;
  name: string;
  quantity: number;
  /** Integer minor units. */
  unitAmount: number;
}

export interface ResolvedCart {
  currency: CurrencyCode;
  lines: ResolvedCartLine[];
}

/** What the merchant's `resolveCart` hook learns about the request besides the items. */
export interface ResolveCartContext {
  locale?: string;
  /** The currency the shopper chose, validated as 3 uppercase letters. */
  currency?: CurrencyCode;
  /** The chosen payment method (a copy). */
  method: PaymentMethod;
}

export interface KsherOptions {
  /** Gateway base URL, e.g. `https://s12345.vip.ksher.net` (a path, as in the sandbox's, is kept). */
  baseUrl: string;
  token: string;
  /** Exactly the webhook URL entered in the Ksher portal: webhooks are verified against it. */
  webhookUrl: string;
  /** Redirect (hosted page) channels; default `['card']`. */
  channels?: string[];
  /** QR (C scan B) channels; default promptpay, truemoney, airpay, alipay, wechat. */
  qrChannels?: string[];
  /** Lifetime of a QR session (Ksher's QR has no expiry: this server closes it); default 600. */
  qrTtlSeconds?: number;
  mid?: string;
  provider?: string;
  /** Per gateway call; default 15000. */
  timeoutMs?: number;
}

export interface CheckoutOptions {
  /** Mount path of every route, e.g. `/api/checkout`; default ''. */
  basePath?: string;
  /**
   * Prices the cart. `ctx.currency` is the shopper's choice (absent from older browsers), `method`
   * the chosen payment method; the returned currency is what is charged and must be one of
   * `method.currencies`.
   */
  resolveCart(
    items: CartItemInput[],
    ctx: ResolveCartContext,
  ): Promise<ResolvedCart> | ResolvedCart;
  /**
   * Fired once per paid session; again only when a crash left it unmarked, after
   * `successHookLeaseMs`, so it must be idempotent.
   */
  onSessionSucceeded?(order: OrderRecord): Promise<void> | void;
  store?: OrderStore;
  /** Default `.data/checkout.sqlite`; folders are created. */
  databasePath?: string;
  /** Default 1800. */
  sessionTtlSeconds?: number;
  /** When set, `returnUrl` must have one of these origins. */
  allowedReturnOrigins?: string[];
  /** Used when the browser sends no `returnUrl`. */
  defaultReturnUrl?: string;
  ksher?: KsherOptions;
  /** KessPay (Cambodia): hosted WebPay page and KHQR / bank-app QR. */
  kesspay?: KesspayOptions;
  /** Ktpay (Kazakhstan): card payments through the sealed-box widget API, KZT only. */
  ktpay?: KtpayOptions;
  /**
   * Ksher's RSA-signed KsherPay API (for merchants Ksher no longer puts on the vip gateway): the
   * same `ksher.*` method ids; it may run beside `ksher` only with different channels.
   */
  ksherpay?: KsherPayOptions;
  logger?: Logger;
  /** Used for gateway calls (tests inject one). */
  fetch?: typeof fetch;
  now?: () => Date;
  /** SSE heartbeat comment interval; default 15000. */
  heartbeatMs?: number;
  /** Minimum time between gateway queries for one pending session on reads; default 3000. */
  syncIntervalMs?: number;
  /** A success-hook claim older than this is considered abandoned by a crashed process; default 600000. */
  successHookLeaseMs?: number;
  /** Status fan-out for SSE; default in-process, or LISTEN/NOTIFY with `databaseUrl`. */
  sessionEvents?: SessionEvents;
  /**
   * PostgreSQL (`DATABASE_URL`), e.g. `postgres://user:pw@db:5432/shop`: the order store and
   * the status fan-out then live there, shared by every instance. Without it: SQLite.
   */
  databaseUrl?: string;
  /** PostgreSQL schema of the tables (`CHECKOUT_DATABASE_SCHEMA`); default `public`. */
  databaseSchema?: string;
  /** Runs reconcile() this often, in ms (`CHECKOUT_RECONCILE_INTERVAL_MS`); default off. */
  reconcileIntervalMs?: number;
  /** Sessions pending longer than this are queried by the scheduled reconcile; default 10. */
  reconcileOlderThanMinutes?: number;
  /** CORS allow-list, Origin check, body limit, rate limits and the trusted proxy header. */
  security?: SecurityOptions;
}

export interface ResolvedKsherConfig {
  baseUrl: string;
  token: string;
  webhookUrl: string;
  channels: string[];
  qrChannels: string[];
  qrTtlSeconds: number;
  mid?: string;
  provider?: string;
  timeoutMs: number;
}

export interface ResolvedConfig {
  basePath: string;
  databasePath: string;
  sessionTtlSeconds: number;
  allowedReturnOrigins?: string[];
  defaultReturnUrl?: string;
  ksher?: ResolvedKsherConfig;
  kesspay?: ResolvedKesspayConfig;
  ktpay?: ResolvedKtpayConfig;
  ksherpay?: ResolvedKsherPayConfig;
  heartbeatMs: number;
  syncIntervalMs: number;
  successHookLeaseMs: number;
  security: ResolvedSecurityConfig;
  databaseUrl?: string;
  databaseSchema: string;
  /** 0: no scheduled reconciliation. */
  reconcileIntervalMs: number;
  reconcileOlderThanMinutes: number;
}

type Env = Record<string, string | undefined>;

const KSHER_REQUIRED = ['KSHER_BASE_URL', 'KSHER_API_TOKEN', 'KSHER_WEBHOOK_URL'] as const;

/**
 * Gateway and store settings from environment variables. Only what is set is returned, so the
 * result can be spread under explicit options. Throws ConfigError naming the variable.
 */
export function checkoutOptionsFromEnv(env: Env = process.env): Partial<CheckoutOptions> {
  const value = envReader(env);
  const options: Partial<CheckoutOptions> = {};

  const ksherKeys = [
    ...KSHER_REQUIRED,
    'KSHER_CHANNELS',
    'KSHER_QR_CHANNELS',
    'KSHER_QR_TTL_SECONDS',
    'KSHER_MID',
    'KSHER_PROVIDER',
    'KSHER_TIMEOUT_MS',
  ];
  if (anyEnvSet(value, ksherKeys)) {
    const missing = KSHER_REQUIRED.filter((name) => value(name) === undefined);
    if (missing.length > 0) throw partlyConfiguredError('Ksher', missing);
    const ksher: KsherOptions = {
      baseUrl: value('KSHER_BASE_URL') as string,
      token: value('KSHER_API_TOKEN') as string,
      webhookUrl: value('KSHER_WEBHOOK_URL') as string,
    };
    const channels = value('KSHER_CHANNELS');
    if (channels !== undefined) ksher.channels = splitEnvList(channels);
    const qrChannels = value('KSHER_QR_CHANNELS');
    if (qrChannels !== undefined) ksher.qrChannels = splitEnvList(qrChannels);
    const qrTtl = value('KSHER_QR_TTL_SECONDS');
    if (qrTtl !== undefined) {
      ksher.qrTtlSeconds = parseEnvInteger(qrTtl, 'KSHER_QR_TTL_SECONDS', 60, 86_400);
    }
    const mid = value('KSHER_MID');
    if (mid !== undefined) ksher.mid = mid;
    const provider = value('KSHER_PROVIDER');
    if (provider !== undefined) ksher.provider = provider;
    const timeout = value('KSHER_TIMEOUT_MS');
    if (timeout !== undefined)
      ksher.timeoutMs = parseEnvInteger(timeout, 'KSHER_TIMEOUT_MS', 1, 120_000);
    validateKsher(ksher, envNames);
    options.ksher = ksher;
  }

  const kesspay = kesspayOptionsFromEnv(env);
  if (kesspay) options.kesspay = kesspay;
  const ktpay = ktpayOptionsFromEnv(env);
  if (ktpay) options.ktpay = ktpay;
  const ksherpay = ksherPayOptionsFromEnv(env);
  if (ksherpay) options.ksherpay = ksherpay;

  const databasePath = value('CHECKOUT_DATABASE_PATH');
  if (databasePath !== undefined) options.databasePath = databasePath;
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined) options.databaseUrl = databaseUrl;
  const databaseSchema = value('CHECKOUT_DATABASE_SCHEMA');
  if (databaseSchema !== undefined) options.databaseSchema = databaseSchema;
  const reconcileInterval = value('CHECKOUT_RECONCILE_INTERVAL_MS');
  if (reconcileInterval !== undefined) {
    options.reconcileIntervalMs = parseEnvInteger(
      reconcileInterval,
      'CHECKOUT_RECONCILE_INTERVAL_MS',
      0,
      86_400_000,
    );
  }
  const ttl = value('CHECKOUT_SESSION_TTL_SECONDS');
  if (ttl !== undefined) {
    options.sessionTtlSeconds = parseEnvInteger(ttl, 'CHECKOUT_SESSION_TTL_SECONDS', 60, 86_400);
  }
  const security = securityOptionsFromEnv(env);
  if (security) options.security = security;
  const origins = value('CHECKOUT_ALLOWED_RETURN_ORIGINS');
  if (origins !== undefined) {
    options.allowedReturnOrigins = splitEnvList(origins);
    requireOriginList(options.allowedReturnOrigins, 'CHECKOUT_ALLOWED_RETURN_ORIGINS');
  }
  return options;
}

const envNames = {
  baseUrl: 'KSHER_BASE_URL',
  token: 'KSHER_API_TOKEN',
  webhookUrl: 'KSHER_WEBHOOK_URL',
  channels: 'KSHER_CHANNELS',
  qrChannels: 'KSHER_QR_CHANNELS',
  qrTtlSeconds: 'KSHER_QR_TTL_SECONDS',
  timeoutMs: 'KSHER_TIMEOUT_MS',
  mid: 'KSHER_MID',
  provider: 'KSHER_PROVIDER',
};
const optionNames = {
  baseUrl: 'ksher.baseUrl',
  token: 'ksher.token',
  webhookUrl: 'ksher.webhookUrl',
  channels: 'ksher.channels',
  qrChannels: 'ksher.qrChannels',
  qrTtlSeconds: 'ksher.qrTtlSeconds',
  timeoutMs: 'ksher.timeoutMs',
  mid: 'ksher.mid',
  provider: 'ksher.provider',
};

/** Validates merged options and fills defaults. Messages name options, never print secret values. */
export function resolveCheckoutConfig(options: CheckoutOptions): ResolvedConfig {
  if (typeof options.resolveCart !== 'function') {
    throw new ConfigError('resolveCart must be a function that prices the cart on the server');
  }
  if (
    options.onSessionSucceeded !== undefined &&
    typeof options.onSessionSucceeded !== 'function'
  ) {
    throw new ConfigError('onSessionSucceeded must be a function');
  }
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath !== '' && !/^\/[A-Za-z0-9._~\-/]*$/.test(basePath)) {
    throw new ConfigError('basePath must be a path starting with "/", e.g. "/api/checkout"');
  }
  const config: ResolvedConfig = {
    basePath,
    databasePath: options.databasePath ?? '.data/checkout.sqlite',
    sessionTtlSeconds: checkIntegerRange(
      options.sessionTtlSeconds ?? 1800,
      'sessionTtlSeconds',
      60,
      86_400,
    ),
    heartbeatMs: checkIntegerRange(options.heartbeatMs ?? 15_000, 'heartbeatMs', 1, 3_600_000),
    syncIntervalMs: checkIntegerRange(
      options.syncIntervalMs ?? 3_000,
      'syncIntervalMs',
      0,
      3_600_000,
    ),
    successHookLeaseMs: checkIntegerRange(
      options.successHookLeaseMs ?? 600_000,
      'successHookLeaseMs',
      1,
      86_400_000,
    ),
    security: resolveSecurityConfig(options.security),
    databaseSchema: options.databaseSchema ?? 'public',
    reconcileIntervalMs: checkIntegerRange(
      options.reconcileIntervalMs ?? 0,
      'reconcileIntervalMs',
      0,
      86_400_000,
    ),
    reconcileOlderThanMinutes: checkIntegerRange(
      options.reconcileOlderThanMinutes ?? 10,
      'reconcileOlderThanMinutes',
      0,
      525_600,
    ),
  };
  if (typeof config.databasePath !== 'string' || config.databasePath === '') {
    throw new ConfigError('databasePath must be a file path');
  }
  if (options.databaseUrl !== undefined) {
    if (
      typeof options.databaseUrl !== 'string' ||
      !/^postgres(?:ql)?:\/\//.test(options.databaseUrl)
    ) {
      // The URL holds the database password: never quoted back.
      throw new ConfigError('databaseUrl (DATABASE_URL) must be a postgres:// URL');
    }
    config.databaseUrl = options.databaseUrl;
  }
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.databaseSchema)) {
    throw new ConfigError('databaseSchema must be a lower-case SQL identifier such as "checkout"');
  }
  if (options.allowedReturnOrigins !== undefined) {
    config.allowedReturnOrigins = requireOriginList(
      options.allowedReturnOrigins,
      'allowedReturnOrigins',
    );
  }
  if (options.defaultReturnUrl !== undefined) {
    requireHttpUrl(options.defaultReturnUrl, 'defaultReturnUrl');
    config.defaultReturnUrl = options.defaultReturnUrl;
  }
  if (options.ksher !== undefined) config.ksher = validateKsher(options.ksher, optionNames);
  if (options.kesspay !== undefined) config.kesspay = resolveKesspayConfig(options.kesspay);
  if (options.ktpay !== undefined) config.ktpay = resolveKtpayConfig(options.ktpay);
  if (options.ksherpay !== undefined) config.ksherpay = resolveKsherPayConfig(options.ksherpay);
  if (config.ksher && config.ksherpay) {
    // Both Ksher adapters offer `ksher.<channel>` ids: one id must belong to exactly one of them.
    const ids = new Set([...config.ksher.channels, ...config.ksher.qrChannels]);
    const shared = [...config.ksherpay.channels, ...config.ksherpay.qrChannels].filter((c) =>
      ids.has(c),
    );
    if (shared.length > 0) {
      throw new ConfigError(
        `ksher and ksherpay are both configured for ${shared.map((c) => `ksher.${c}`).join(', ')}: give each Ksher API its own channels (KSHER_CHANNELS / KSHER_QR_CHANNELS vs KSHERPAY_CHANNELS / KSHERPAY_QR_CHANNELS)`,
      );
    }
  }
  if (!config.ksher && !config.kesspay && !config.ktpay && !config.ksherpay) {
    throw new ConfigError(
      'No payment gateway is configured: set ksher (KSHER_BASE_URL, KSHER_API_TOKEN, KSHER_WEBHOOK_URL), ksherpay (KSHERPAY_*), kesspay (KESSPAY_*) or ktpay (KTPAY_*)',
    );
  }
  return config;
}

function validateKsher(ksher: KsherOptions, names: typeof optionNames): ResolvedKsherConfig {
  const missing = missingStrings(ksher, ['baseUrl', 'token', 'webhookUrl'] as const);
  if (missing.length > 0) {
    // Worded without is/are, unlike partlyConfiguredError: the message text is kept as it was.
    throw new ConfigError(
      `Ksher is partly configured: ${missing.map((key) => names[key]).join(', ')} missing`,
    );
  }
  requireHttpUrl(ksher.baseUrl, names.baseUrl);
  requireNoQueryString(ksher.baseUrl, names.baseUrl);
  requireHttpUrl(ksher.webhookUrl, names.webhookUrl);
  // Ksher appends `?code=…` itself; a URL with its own query could not be verified reliably.
  requireNoQueryString(ksher.webhookUrl, names.webhookUrl);
  if (ksher.token.length < 16 || /\s/.test(ksher.token)) {
    throw new ConfigError(
      `${names.token} must be the API token from the Ksher portal (16+ characters, no spaces)`,
    );
  }
  const channels = ksher.channels ?? [...DEFAULT_KSHER_CHANNELS];
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new ConfigError(`${names.channels} must list at least one channel`);
  }
  for (const channel of channels) {
    if (!findKsherChannel(channel)) {
      throw new ConfigError(
        `${names.channels} has an unknown channel ${JSON.stringify(channel)}; known: ${KSHER_CHANNELS.map((c) => c.channel).join(', ')}`,
      );
    }
  }
  const qrChannels = ksher.qrChannels ?? [...DEFAULT_KSHER_QR_CHANNELS];
  if (!Array.isArray(qrChannels)) {
    throw new ConfigError(`${names.qrChannels} must be a list of channels`);
  }
  for (const channel of qrChannels) {
    if (!KSHER_QR_CHANNELS.includes(channel)) {
      throw new ConfigError(
        `${names.qrChannels} has a channel without C-scan-B QR ${JSON.stringify(channel)}; known: ${KSHER_QR_CHANNELS.join(', ')}`,
      );
    }
    if (channels.includes(channel)) {
      // One method id per channel: it cannot be both a redirect and a QR method.
      throw new ConfigError(
        `${JSON.stringify(channel)} is in both ${names.channels} and ${names.qrChannels}; keep it in one`,
      );
    }
  }
  const resolved: ResolvedKsherConfig = {
    baseUrl: ksher.baseUrl.replace(/\/+$/, ''),
    token: ksher.token,
    webhookUrl: ksher.webhookUrl,
    channels: [...new Set(channels)],
    qrChannels: [...new Set(qrChannels)],
    qrTtlSeconds: checkIntegerRange(ksher.qrTtlSeconds ?? 600, names.qrTtlSeconds, 60, 86_400),
    timeoutMs: checkIntegerRange(ksher.timeoutMs ?? 15_000, names.timeoutMs, 1, 120_000),
  };
  if (ksher.mid !== undefined) {
    if (typeof ksher.mid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(ksher.mid)) {
      throw new ConfigError(`${names.mid} must be a sub-merchant id such as mch35618`);
    }
    resolved.mid = ksher.mid;
  }
  if (ksher.provider !== undefined) {
    if (typeof ksher.provider !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(ksher.provider)) {
      throw new ConfigError(`${names.provider} must be a provider name such as Ksher`);
    }
    resolved.provider = ksher.provider;
  }
  return resolved;
}
