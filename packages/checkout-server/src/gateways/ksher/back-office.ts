import { randomBytes } from 'node:crypto';
import { ApiError, ConfigError, GatewayError, invalidRequest } from '../../errors.ts';
import { BACK_OFFICE_ID_PREFIX } from '../../sessions/back-office-id.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import type { OrderRecord, OrderStore } from '../../store/order-store.ts';
import { sanitizeGatewayMessage } from '../gateway-message.ts';
import { type KsherAdapter, ksherFailureReason } from './adapter.ts';
import {
  KSHER_APP_CHANNELS,
  KSHER_CURRENCY,
  KSHER_MINI_PROGRAM_CHANNELS,
  KSHER_WALLET_CODE_CHANNELS,
  type KsherAppChannel,
  type KsherMiniProgramChannel,
  type KsherWalletCodeChannel,
} from './channels.ts';
import type { KsherApi, KsherFinanceResponse, KsherOrderResponse } from './client.ts';

/** One row of the transaction report (ksher.md §4.6); fields beyond these are kept as sent. */
export interface KsherTransaction {
  [field: string]: unknown;
  amount?: number;
  transaction_time?: string;
  type?: string;
  channel?: string;
  device_id?: string;
  operator_id?: string;
  operator_name?: string;
  currency?: string;
  order_id?: string;
  ksher_order_id?: string;
}

/** A settlement summary for one day and channel (ksher.md §4.6), as the gateway sends it. */
export interface KsherSettlementSummary {
  [field: string]: unknown;
  reference_id?: string;
  channel?: string;
  currency?: string;
  amount?: number;
  fee?: number;
  net?: number;
  refund?: number;
  refund_fee?: number;
  transfer_amount?: number;
  transfer?: boolean;
  count?: number;
  start?: string;
  end?: string;
}

export interface ChargeWalletCodeInput {
  /** The code shown in the payer's wallet app, as scanned. */
  authCode: string;
  channel: KsherWalletCodeChannel;
  /** THB minor units. */
  amount: number;
  description?: string;
  operatorId?: string;
  deviceId?: string;
}

export interface CreateAppOrderInput {
  channel: KsherAppChannel;
  amount: number;
  /** The merchant's app id at the wallet (e.g. the WeChat open-platform appid). */
  appId: string;
  description?: string;
}

export interface CreateMiniProgramOrderInput {
  channel: KsherMiniProgramChannel;
  amount: number;
  appId: string;
  /** The payer's openid (WeChat) or user id (Alipay) in the mini program. */
  openId: string;
  description?: string;
}

export interface KsherWalletOrder {
  order: OrderRecord;
  /** What the wallet SDK call takes; see `ksherWalletParams`. */
  walletParams: Record<string, string>;
}

/**
 * Server-only Ksher APIs for the merchant's back office (never routed to the browser API).
 * Orders made here are stored like checkout sessions (ids `bo_…`, `gatewayApi` = the API used),
 * follow the same monotonic lifecycle, fire `onSessionSucceeded` when paid, and are refunded with
 * `handler.refund(id, { amount })`.
 */
export interface KsherBackOffice {
  /**
   * B scan C: charges the wallet code the cashier scanned. Resolves with the order `succeeded` or
   * `failed` (`failureReason` from the gateway, e.g. `invalid_payment_code`); `pending` only when
   * the wallet still waits for the payer or the outcome could not be learned yet (it is then
   * re-checked like any pending order). Bad input → ApiError 400 naming the field.
   */
  chargeWalletCode(input: ChargeWalletCodeInput): Promise<OrderRecord>;
  createAppOrder(input: CreateAppOrderInput): Promise<KsherWalletOrder>;
  createMiniProgramOrder(input: CreateMiniProgramOrderInput): Promise<KsherWalletOrder>;
  finance: {
    channels(): Promise<string[]>;
    /** Every page of the day's transactions (`limit` 50 per call). `date` is YYYY-MM-DD. */
    transactions(
      date: string,
      options?: { channel?: string },
    ): Promise<{ total: number; items: KsherTransaction[] }>;
    settlementSummary(date: string, channel: string): Promise<KsherSettlementSummary>;
    /** Every page of one settlement's orders. */
    settlementDetail(
      referenceId: string,
    ): Promise<{ total: number; items: Record<string, unknown>[] }>;
  };
}

export interface KsherBackOfficeDeps {
  adapter: KsherAdapter;
  service: SessionService;
  store: OrderStore;
  /** Lifetime of unpaid app / mini-program / pending B-scan-C orders. */
  ttlSeconds: number;
  now: () => Date;
}

/** Ksher caps a report page at 50 rows (ksher.md §4.6: "must less than 50"; examples use 50). */
export const KSHER_FINANCE_PAGE_SIZE = 50;
/** A safety stop against a gateway whose `total` never shrinks: 50 × 2000 = 100,000 rows. */
const MAX_FINANCE_PAGES = 2_000;

type FieldError = { field: string; message: string };

function checkAmount(value: unknown, errors: FieldError[]): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    errors.push({ field: 'amount', message: 'must be a positive integer in THB minor units' });
  }
}

function checkChannel(value: unknown, allowed: readonly string[], errors: FieldError[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    errors.push({ field: 'channel', message: `must be one of ${allowed.join(', ')}` });
  }
}

/** Ids and codes go into signed JSON and the wallet: printable ASCII, no spaces. */
function checkToken(
  value: unknown,
  field: string,
  errors: FieldError[],
  options: { optional?: boolean; max?: number } = {},
): void {
  if (value === undefined && options.optional) return;
  const max = options.max ?? 64;
  if (typeof value !== 'string' || !new RegExp(`^[\\x21-\\x7E]{1,${max}}$`).test(value)) {
    errors.push({ field, message: `must be 1-${max} visible ASCII characters` });
  }
}

function checkDescription(value: unknown, errors: FieldError[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    errors.push({ field: 'description', message: 'must be 1-100 characters' });
  }
}

function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw invalidRequest(errors);
}

/** YYYY-MM-DD (a real calendar day) → the gateway's yyyymmdd path segment. */
function reportDay(date: unknown): string {
  const match = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const valid =
    match !== null &&
    new Date(`${date as string}T00:00:00Z`).toISOString().startsWith(date as string);
  if (!valid || !match) {
    throw invalidRequest([{ field: 'date', message: 'must be a calendar date as YYYY-MM-DD' }]);
  }
  return `${match[1]}${match[2]}${match[3]}`;
}

/**
 * Wallet SDK parameters from a mini-program or App order answer (ksher.md §4.4, §4.5).
 * Alipay: `reference` is the `orderStr` for `my.tradePay` / the Alipay App SDK.
 * WeChat: `reference` is the prepay id, so `package = "prepay_id=" + reference`. The other fields
 * are unresolved in the spec (§13.6); read here as S9 describes them ("reserved1 = the timeStamp
 * field of the WeChat applet payment parameter, reserved2 = …") continued in the order WeChat's
 * `requestPayment` lists them: reserved1 timeStamp, reserved2 nonceStr, reserved3 signType,
 * reserved4 paySign. Unset ("False"/"") fields are left out rather than guessed.
 * LINE Pay / ShopeePay App orders: `reference` is what the app opens, passed as `reference`.
 */
export function ksherWalletParams(
  channel: string,
  appId: string,
  answer: KsherOrderResponse,
): Record<string, string> {
  const reference = typeof answer.reference === 'string' ? answer.reference : '';
  const text = (key: string) => {
    const value = answer[key];
    return typeof value === 'string' && value !== '' && value !== 'False' ? value : undefined;
  };
  if (channel === 'alipay') return { orderStr: reference };
  if (channel === 'wechat') {
    const params: Record<string, string> = {
      appId,
      prepayId: reference,
      package: `prepay_id=${reference}`,
    };
    const mapping: Array<[string, string]> = [
      ['timeStamp', 'reserved1'],
      ['nonceStr', 'reserved2'],
      ['signType', 'reserved3'],
      ['paySign', 'reserved4'],
    ];
    for (const [name, key] of mapping) {
      const value = text(key);
      if (value !== undefined) params[name] = value;
    }
    return params;
  }
  return { reference };
}

export function createKsherBackOffice(deps: KsherBackOfficeDeps): KsherBackOffice {
  const { adapter, service, store, now } = deps;
  const { client } = adapter;

  async function insert(input: {
    api: KsherApi;
    channel: string;
    amount: number;
    description: string;
  }): Promise<OrderRecord> {
    const createdAt = now();
    const id = `${BACK_OFFICE_ID_PREFIX}${randomBytes(12).toString('hex')}`;
    const inserted = await store.insertOrder({
      id,
      provider: adapter.provider,
      methodId: `${adapter.provider}.${input.channel}`,
      status: 'pending',
      amount: input.amount,
      currency: KSHER_CURRENCY,
      lines: [{ sku: input.api, name: input.description, quantity: 1, unitAmount: input.amount }],
      merchantOrderId: id,
      gatewayApi: input.api,
      expiresAt: new Date(createdAt.getTime() + deps.ttlSeconds * 1000).toISOString(),
      createdAt: createdAt.toISOString(),
    });
    if (!inserted.inserted) throw new Error('A fresh back-office order id collided');
    await service.record(id, 'back_office_order_created', {
      api: input.api,
      channel: input.channel,
      amount: input.amount,
    });
    return inserted.order;
  }

  async function attach(order: OrderRecord, answer: KsherOrderResponse): Promise<OrderRecord> {
    const gatewayOrderId =
      typeof answer.gateway_order_id === 'string' ? answer.gateway_order_id : undefined;
    const reference =
      typeof answer.reference === 'string' &&
      answer.reference !== 'False' &&
      answer.reference !== ''
        ? answer.reference
        : undefined;
    if (gatewayOrderId === undefined && reference === undefined) return order;
    const updated = await store.updateOrder(
      order.id,
      {
        ...(gatewayOrderId !== undefined && { gatewayOrderId }),
        ...(reference !== undefined && { gatewayReference: reference }),
      },
      now(),
    );
    await service.record(order.id, 'gateway_order_created', {
      ...(gatewayOrderId !== undefined && { gatewayOrderId }),
    });
    return updated ?? order;
  }

  /**
   * Persisted first, then created at the gateway. `unavailable` (timeout, network, 5xx) may or may
   * not have reached the gateway: the order is queried before anything is decided.
   */
  async function create(
    order: OrderRecord,
    fields: Record<string, string | number>,
  ): Promise<{ order: OrderRecord; answer?: KsherOrderResponse }> {
    const api = order.gatewayApi as KsherApi;
    try {
      const answer = await client.createOrder(api, {
        merchantOrderId: order.merchantOrderId,
        amount: order.amount,
        fields,
      });
      return { order, answer };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      if (error.kind !== 'unavailable') {
        await service.transition(order, 'failed', { failureReason: 'provider_error' }, 'create');
        throw new ApiError(502, 'provider_error', error.message);
      }
      await service.record(order.id, 'create_outcome_unknown', { error: error.message });
      let answer: KsherOrderResponse;
      try {
        answer = await client.queryOrder(api, order.merchantOrderId);
      } catch (queryError) {
        if (!(queryError instanceof GatewayError)) throw queryError;
        // Still unknown: left pending, re-checked on the next sync and closed at expiry.
        return { order: (await store.getOrder(order.id)) ?? order };
      }
      if (typeof answer.status !== 'string') {
        // The gateway never saw it: nothing was charged.
        const failed = await service.transition(
          order,
          'failed',
          { failureReason: 'provider_unavailable' },
          'create',
        );
        return { order: failed };
      }
      return { order, answer };
    }
  }

  /** Stores what the gateway said and moves the status (monotonic, amount-checked). */
  async function settle(order: OrderRecord, answer: KsherOrderResponse): Promise<OrderRecord> {
    const attached = await attach(order, answer);
    if (typeof answer.status !== 'string') {
      // A refusal without an order record (e.g. a declined wallet code, ksher.md §4.3).
      const reason = ksherFailureReason(answer) ?? 'declined';
      return service.transition(attached, 'failed', { failureReason: reason }, 'create');
    }
    const state = await adapter.orderState(attached, answer);
    return service.applyState(attached, state, 'create');
  }

  async function walletOrder(
    api: 'app' | 'miniapp',
    input: { channel: string; amount: number; appId: string; description?: string },
    fields: Record<string, string | number>,
  ): Promise<KsherWalletOrder> {
    const order = await insert({
      api,
      channel: input.channel,
      amount: input.amount,
      description: input.description ?? (api === 'app' ? 'App order' : 'Mini-program order'),
    });
    const created = await create(order, {
      channel: input.channel,
      ...fields,
      ...(input.description !== undefined && { note: input.description }),
    });
    const answer = created.answer;
    if (!answer) {
      if (created.order.status === 'failed') {
        throw new ApiError(503, 'provider_unavailable', 'Ksher is unavailable; try again', {
          retryable: true,
          orderId: order.id,
        });
      }
      throw new ApiError(
        503,
        'provider_unavailable',
        'Ksher did not answer; the order stays pending and is re-checked',
        { retryable: false, orderId: order.id },
      );
    }
    const reference = typeof answer.reference === 'string' ? answer.reference : '';
    if (
      typeof answer.status !== 'string' ||
      answer.status !== 'Available' ||
      reference === '' ||
      reference === 'False'
    ) {
      const settled = await settle(created.order, answer);
      if (settled.status === 'pending') {
        await service.transition(settled, 'failed', { failureReason: 'provider_error' }, 'create');
      }
      const message = sanitizeGatewayMessage(
        String(answer.error_message ?? answer.error_code ?? 'unknown'),
      );
      throw new ApiError(502, 'provider_error', `Ksher refused the order: ${message}`, {
        orderId: order.id,
      });
    }
    const stored = await settle(created.order, answer);
    return { order: stored, walletParams: ksherWalletParams(input.channel, input.appId, answer) };
  }

  async function pages<T>(
    path: string,
    params: Record<string, string>,
    needsMid: boolean,
  ): Promise<{ total: number; items: T[] }> {
    const items: T[] = [];
    let total = 0;
    for (let page = 0; page < MAX_FINANCE_PAGES; page++) {
      const data = await financeData(
        path,
        { ...params, offset: String(items.length), limit: String(KSHER_FINANCE_PAGE_SIZE) },
        { needsMid },
      );
      const rows = Array.isArray(data.data) ? (data.data as T[]) : [];
      total = typeof data.total === 'number' ? data.total : items.length + rows.length;
      items.push(...rows);
      if (rows.length === 0 || items.length >= total) return { total, items };
    }
    throw new ApiError(502, 'provider_error', 'Ksher report did not end after too many pages');
  }

  /** `data` of a finance answer; anything but SUCCESS is a provider error naming the gateway's words. */
  async function financeData(
    path: string,
    params: Record<string, string>,
    options: { needsMid?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    if (options.needsMid !== false && adapter.mid === undefined) {
      // Channels, transactions and summaries require `mid` (ksher.md §4.6); the client sends it.
      throw new ConfigError(
        'Ksher finance reports need the merchant id: set ksher.mid (KSHER_MID)',
      );
    }
    let answer: KsherFinanceResponse;
    try {
      answer = await client.finance(path, params);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      if (error.kind === 'unavailable') {
        throw new ApiError(503, 'provider_unavailable', 'Ksher is unavailable; try again', {
          retryable: true,
        });
      }
      throw new ApiError(502, 'provider_error', error.message);
    }
    if (answer.error_code !== 'SUCCESS') {
      const message = sanitizeGatewayMessage(
        String(answer.error_message ?? answer.error_code ?? 'unknown'),
      );
      throw new ApiError(502, 'provider_error', `Ksher refused the report: ${message}`);
    }
    const data = answer.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ApiError(502, 'provider_error', 'Ksher answered a report without data');
    }
    return data as Record<string, unknown>;
  }

  return {
    async chargeWalletCode(input) {
      const errors: FieldError[] = [];
      checkToken(input?.authCode, 'authCode', errors);
      checkChannel(input?.channel, KSHER_WALLET_CODE_CHANNELS, errors);
      checkAmount(input?.amount, errors);
      checkDescription(input?.description, errors);
      checkToken(input?.operatorId, 'operatorId', errors, { optional: true });
      checkToken(input?.deviceId, 'deviceId', errors, { optional: true });
      throwIfInvalid(errors);
      const order = await insert({
        api: 'bscanc',
        channel: input.channel,
        amount: input.amount,
        description: input.description ?? 'In-store payment',
      });
      const created = await create(order, {
        auth_code: input.authCode,
        channel: input.channel,
        ...(input.description !== undefined && { note: input.description }),
        ...(input.operatorId !== undefined && { operator_id: input.operatorId }),
        ...(input.deviceId !== undefined && { device_id: input.deviceId }),
      });
      if (!created.answer) return created.order;
      return settle(created.order, created.answer);
    },

    async createAppOrder(input) {
      const errors: FieldError[] = [];
      checkChannel(input?.channel, KSHER_APP_CHANNELS, errors);
      checkAmount(input?.amount, errors);
      checkToken(input?.appId, 'appId', errors);
      checkDescription(input?.description, errors);
      throwIfInvalid(errors);
      return walletOrder('app', input, { app_appid: input.appId });
    },

    async createMiniProgramOrder(input) {
      const errors: FieldError[] = [];
      checkChannel(input?.channel, KSHER_MINI_PROGRAM_CHANNELS, errors);
      checkAmount(input?.amount, errors);
      checkToken(input?.appId, 'appId', errors);
      checkToken(input?.openId, 'openId', errors, { max: 128 });
      checkDescription(input?.description, errors);
      throwIfInvalid(errors);
      return walletOrder('miniapp', input, {
        miniapp_appid: input.appId,
        miniapp_openid: input.openId,
      });
    },

    finance: {
      async channels() {
        const data = await financeData('/channels', {});
        const list = data.channels;
        return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
      },
      async transactions(date, options = {}) {
        const day = reportDay(date);
        const errors: FieldError[] = [];
        checkToken(options.channel, 'channel', errors, { optional: true, max: 32 });
        throwIfInvalid(errors);
        return pages<KsherTransaction>(
          `/order/${day}`,
          { ...(options.channel !== undefined && { channel: options.channel }) },
          true,
        );
      },
      async settlementSummary(date, channel) {
        const day = reportDay(date);
        const errors: FieldError[] = [];
        checkToken(channel, 'channel', errors, { max: 32 });
        throwIfInvalid(errors);
        return (await financeData(`/${day}`, { channel })) as KsherSettlementSummary;
      },
      async settlementDetail(referenceId) {
        const errors: FieldError[] = [];
        checkToken(referenceId, 'referenceId', errors, { max: 128 });
        throwIfInvalid(errors);
        return pages<Record<string, unknown>>(
          '/settlement_order',
          { reference_id: referenceId },
          false,
        );
      },
    },
  };
}
