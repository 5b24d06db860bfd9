import { verifyKsher } from '@localpay/checkout-server/ksher';
import { type Context, Hono } from 'hono';
import { SandboxError } from '../../errors.ts';
import { createFaultInjector, type FaultSettings } from '../../faults.ts';
import { isAcceptedAuthCode, ksherBscancChannels } from './auth-codes.ts';
import { createKsherControlApp } from './control.ts';
import {
  bangkokInstant,
  bangkokReportDate,
  financeChannelName,
  isReportDate,
  ksherFinanceChannels,
  page as pageOf,
  paidOnDay,
  parseSettlementReferenceId,
  settlementSummary,
  transactionItem,
} from './finance.ts';
import { defaultKsherChannels, handleHostedPage } from './hosted-page.ts';
import {
  createKsherOrderBook,
  type KsherCloseReason,
  type KsherOrderType,
  type KsherSandboxOrder,
  type KsherStoredOrder,
  type KsherWireFields,
  ksherPayOrderNumber,
} from './orders.ts';
import { handlePhonePage } from './phone-page.ts';
import { buildKsherQrPayload, ksherCscanbChannels, qrPngDataUri } from './qr.ts';
import {
  type KsherTypedOrderInput,
  validateCreateOrder,
  validatePage,
  validateRefund,
  validateRequiredStrings,
  validateTimestamp,
  validateTypedCreate,
} from './validation.ts';
import { ksherAppChannels, ksherMiniappChannels, walletWireFields } from './wallet-params.ts';
import {
  createKsherWebhookDispatcher,
  type KsherWebhookDelivery,
  type KsherWebhookMessage,
} from './webhooks.ts';
import {
  badRequestDescription,
  errorBody,
  orderRecord,
  queryOutcome,
  refundRecord,
  signResponse,
  tamperSignedField,
  unknownOrderRecord,
} from './wire.ts';

/**
 * Fixed, documented sandbox API token (64 lowercase hex like real tokens). It is public on purpose:
 * it only unlocks this emulator. SHA-256 of "localpay ksher sandbox".
 */
export const KSHER_SANDBOX_TOKEN =
  'a57650bf2c9e8f67633ceae39e2358993ba3b549130d513a5d28f1e806aa2a1f';

export interface KsherSandboxOptions {
  token?: string;
  /** The webhook URL "configured in the gateway portal". */
  webhookUrl?: string;
  /** Default 5000 (ksher.md §7: repeated every 5 seconds). */
  webhookRetryDelayMs?: number;
  /** Default 6 attempts in total. */
  webhookMaxAttempts?: number;
  /** Shown on the hosted page and the phone page; tag 59 of QR payloads. */
  merchantName?: string;
  /** The merchant's mid, required by the finance API (default "35618"; "mch35618" is accepted too). */
  mid?: string;
}

export interface KsherFinanceSeed {
  /** Bangkok calendar day, `yyyymmdd`. */
  date: string;
  count: number;
  /** An order channel (`promptpay`, not the finance name `promptpay2`). */
  channel: string;
  /** Minor units per order; default 10000 + 100 × index, so totals are easy to check. */
  amount?: number;
}

export interface KsherSandbox {
  /** `${publicUrl}/ksher`: the server's KSHER_BASE_URL. */
  baseUrl: string;
  token: string;
  /** The merchant's mid for the finance API. */
  mid: string;
  /** The payer's phone page of one order (`{baseUrl}/phone/{id}`); `{baseUrl}/phone` lists them. */
  phoneUrl(merchantOrderId?: string): string;
  configure(settings: { webhookUrl?: string }): void;
  settings(): { webhookUrl: string | undefined };
  pay(merchantOrderId: string, options?: { channel?: string }): Promise<KsherSandboxOrder>;
  decline(merchantOrderId: string): Promise<KsherSandboxOrder>;
  expire(merchantOrderId: string): Promise<KsherSandboxOrder>;
  getOrder(merchantOrderId: string): KsherSandboxOrder | undefined;
  /** The C scan B order whose QR code carries exactly this payload. */
  findByQrPayload(payload: string): KsherSandboxOrder | undefined;
  listOrders(): KsherSandboxOrder[];
  /**
   * Adds `count` synthetic paid B scan C orders (`seed-{date}-{n}`, no webhooks) on that Bangkok
   * day, so finance clients can test pagination. Numbering continues across calls.
   */
  seedFinance(seed: KsherFinanceSeed): KsherSandboxOrder[];
  faults: { set(faults: FaultSettings): void; reset(): void; get(): FaultSettings };
  webhookDeliveries(): KsherWebhookDelivery[];
  /** Resolves when no webhook delivery is pending or scheduled. */
  idle(): Promise<void>;
}

export interface KsherEmulator {
  sandbox: KsherSandbox;
  /** Answers requests whose path starts with `{mountPath}/ksher`. */
  fetch(request: Request): Promise<Response>;
  close(): void;
}

type Params = Record<string, unknown>;

function decodePath(pathname: string): string {
  // The gateway is a WSGI app: it sees (and signs) the percent-decoded path.
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function queryParams(url: URL): Params {
  const params: Params = {};
  // Repeated keys: the first value wins (unspecified by Ksher).
  for (const [key, value] of url.searchParams) if (!(key in params)) params[key] = value;
  return params;
}

async function jsonParams(request: Request): Promise<Params | undefined> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as Params;
  } catch {
    return undefined;
  }
}

export function createKsherEmulator(options: {
  publicUrl: string;
  mountPath: string;
  ksher: KsherSandboxOptions;
  fetch: typeof fetch;
  log: (line: string) => void;
}): KsherEmulator {
  const { log } = options;
  const baseUrl = `${options.publicUrl}/ksher`;
  const basePath = `${options.mountPath}/ksher`;
  const token = options.ksher.token ?? KSHER_SANDBOX_TOKEN;
  const merchantName = options.ksher.merchantName ?? 'Sandbox merchant';
  const mid = (options.ksher.mid ?? '35618').replace(/^mch/, '');
  const phonePath = `${basePath}/phone`;
  const seeded = new Map<string, number>();
  let webhookUrl = options.ksher.webhookUrl || undefined;
  let logEntry = 1000;
  const nextLogEntryUrl = () =>
    `${baseUrl}/web#action=153&view_type=form&model=rest.log&id=${logEntry++}`;

  const faults = createFaultInjector();
  const book = createKsherOrderBook({ baseUrl, hostLabel: 'sandbox' });
  const webhooks = createKsherWebhookDispatcher({
    webhookUrl: () => webhookUrl,
    token,
    retryDelayMs: options.ksher.webhookRetryDelayMs ?? 5000,
    maxAttempts: options.ksher.webhookMaxAttempts ?? 6,
    faults,
    fetch: options.fetch,
    log,
  });

  function statusChanged(order: KsherSandboxOrder, message: KsherWebhookMessage) {
    log(`ksher order ${order.merchantOrderId} → ${order.status} (${message})`);
    webhooks.notify(order.merchantOrderId, message);
  }

  function requireAvailable(merchantOrderId: string): KsherSandboxOrder {
    const order = book.get(merchantOrderId);
    if (!order) throw new SandboxError('not_found', `No Ksher sandbox order ${merchantOrderId}`);
    if (order.status !== 'Available') {
      throw new SandboxError(
        'conflict',
        `Ksher sandbox order ${merchantOrderId} is ${order.status}, not Available`,
      );
    }
    return order;
  }

  const closeMessages: Record<KsherCloseReason, KsherWebhookMessage> = {
    declined: 'Order Closed',
    expired: 'Order Timeout',
    cancelled: 'Order Closed',
  };

  function closeOrder(merchantOrderId: string, reason: KsherCloseReason): KsherSandboxOrder {
    requireAvailable(merchantOrderId);
    const order = book.close(merchantOrderId, reason) as KsherSandboxOrder;
    statusChanged(order, closeMessages[reason]);
    return order;
  }

  const sandbox: KsherSandbox = {
    baseUrl,
    token,
    mid,
    phoneUrl: (merchantOrderId) =>
      merchantOrderId === undefined
        ? `${baseUrl}/phone`
        : `${baseUrl}/phone/${encodeURIComponent(merchantOrderId)}`,
    configure(settings) {
      if (settings.webhookUrl !== undefined) webhookUrl = settings.webhookUrl || undefined;
      log(`ksher webhook URL ${webhookUrl ? `set to ${webhookUrl}` : 'cleared'}`);
    },
    settings: () => ({ webhookUrl }),
    async pay(merchantOrderId, payOptions) {
      const current = requireAvailable(merchantOrderId);
      // Every type but redirect is created for exactly one channel.
      if (
        current.type !== 'redirect' &&
        payOptions?.channel &&
        payOptions.channel !== current.channel
      ) {
        throw new SandboxError(
          'conflict',
          `Ksher sandbox order ${merchantOrderId} is a ${current.channel} order`,
        );
      }
      const channel =
        payOptions?.channel ||
        current.channel ||
        current.channels[0] ||
        (defaultKsherChannels[0] as string);
      const order = book.markPaid(merchantOrderId, channel) as KsherSandboxOrder;
      statusChanged(order, 'Order Paid');
      return order;
    },
    decline: async (merchantOrderId) => closeOrder(merchantOrderId, 'declined'),
    expire: async (merchantOrderId) => closeOrder(merchantOrderId, 'expired'),
    getOrder: (merchantOrderId) => book.get(merchantOrderId),
    findByQrPayload: (payload) => book.getByQrPayload(payload),
    listOrders: () => book.list(),
    seedFinance(seed) {
      if (!isReportDate(seed.date)) throw new RangeError(`date must be yyyymmdd, got ${seed.date}`);
      const seededOrders: KsherSandboxOrder[] = [];
      let index = seeded.get(seed.date) ?? 0;
      while (seededOrders.length < seed.count) {
        const merchantOrderId = `seed-${seed.date}-${String(index + 1).padStart(4, '0')}`;
        // Never replace an order a client created under the same id.
        if (!book.get(merchantOrderId)) {
          book.create({
            type: 'bscanc',
            merchantOrderId,
            amount: seed.amount ?? 10_000 + 100 * index,
            redirectUrl: '',
            redirectUrlFail: '',
            channels: [seed.channel],
          });
          // Spread over the day from 09:00 Bangkok, one minute apart (wrapping after 900).
          const at = bangkokInstant(seed.date, 9 * 3600 + (index % 900) * 60);
          seededOrders.push(book.markPaid(merchantOrderId, seed.channel, at) as KsherSandboxOrder);
        }
        index += 1;
      }
      seeded.set(seed.date, index);
      log(`ksher finance: seeded ${seed.count} paid ${seed.channel} orders on ${seed.date}`);
      return seededOrders;
    },
    faults: { set: faults.set, reset: faults.reset, get: faults.get },
    webhookDeliveries: () => webhooks.deliveries(),
    idle: () => webhooks.idle(),
  };

  // --- gateway API -------------------------------------------------------------------------

  /** Signing prefix: the path as requested, minus `{mount}/ksher` (ksher.md §10.1). */
  const prefixOf = (request: Request) =>
    decodePath(new URL(request.url).pathname).slice(basePath.length);

  function apiError(c: Context, status: 400 | 401 | 404, description: string) {
    return c.json(errorBody(status, description, nextLogEntryUrl()), status);
  }

  /** A signed order response, under the `overrideResponse` and `tamperResponseNext` faults. */
  function signed(c: Context, fields: Params) {
    const override = faults.takeOverride();
    const body = signResponse(
      prefixOf(c.req.raw),
      override ? { ...fields, ...override } : fields,
      token,
      nextLogEntryUrl(),
    );
    return c.json(faults.takeTamper() ? tamperSignedField(body) : body);
  }

  /** Reads the call's parameters and checks the signature; a Response means "answer this". */
  async function authenticate(
    c: Context,
    source: 'query' | 'body' | 'body-or-query',
  ): Promise<Params | Response> {
    const request = c.req.raw;
    let params: Params | undefined;
    if (source === 'query') params = queryParams(new URL(request.url));
    else {
      params = await jsonParams(request);
      // PHP/.NET SDKs send DELETE parameters as a JSON body, the others in the query string.
      if (source === 'body-or-query' && params && Object.keys(params).length === 0) {
        params = queryParams(new URL(request.url));
      }
    }
    if (!params) return apiError(c, 400, 'BadRequest The request body is not a JSON object.');
    if (!verifyKsher(prefixOf(request), params, token)) {
      // The real 401 body is undocumented (only the 400 shape is, ksher.md §2): same shape here.
      return apiError(c, 401, 'Unauthorized: the signature does not match the request.');
    }
    return params;
  }

  const app = new Hono({ strict: false }).basePath(basePath);

  /** The type's order with this merchant_order_id; another type's order is "unknown" here. */
  function storedOfType(type: KsherOrderType, merchantOrderId: string) {
    const order = book.stored(merchantOrderId);
    return order?.type === type ? order : undefined;
  }

  /** Existing merchant_order_id (any type): FAIL with its record (ksher.md §10.10, inferred). */
  function duplicate(c: Context, merchantOrderId: string, timestamp: string) {
    const existing = book.stored(merchantOrderId);
    if (!existing) return undefined;
    return signed(
      c,
      orderRecord(
        existing,
        { errorCode: 'FAIL', errorMessage: 'merchant_order_id already exists' },
        timestamp,
      ),
    );
  }

  function created(c: Context, merchantOrderId: string, timestamp: string) {
    const order = book.stored(merchantOrderId) as KsherStoredOrder;
    log(`ksher ${order.type} order ${merchantOrderId} created: ${order.amount} THB minor units`);
    return signed(
      c,
      orderRecord(order, { errorCode: 'SUCCESS', errorMessage: 'Successful' }, timestamp),
    );
  }

  app.post('/api/v1/redirect/orders', async (c) => {
    const params = await authenticate(c, 'body');
    if (params instanceof Response) return params;
    const input = validateCreateOrder(params);
    if (!input.ok) return apiError(c, 400, badRequestDescription(input.errors));
    const { merchantOrderId, timestamp } = input.value;
    const existing = duplicate(c, merchantOrderId, timestamp);
    if (existing) return existing;
    book.create(input.value);
    return created(c, merchantOrderId, timestamp);
  });

  /** Create of the one-channel types: validates, rejects duplicates, stores, answers the record. */
  function typedCreate(
    type: Exclude<KsherOrderType, 'redirect'>,
    shape: {
      channels: readonly string[];
      required: readonly string[];
      optional?: readonly string[];
    },
    wireFields: (
      input: KsherTypedOrderInput,
      ksherOrderNumber: string,
    ) => Promise<{
      wire: KsherWireFields;
      qrPayload?: string;
    }>,
  ) {
    app.post(`/api/v1/${type}/orders`, async (c) => {
      const params = await authenticate(c, 'body');
      if (params instanceof Response) return params;
      const input = validateTypedCreate(params, shape);
      if (!input.ok) return apiError(c, 400, badRequestDescription(input.errors));
      const { merchantOrderId, timestamp } = input.value;
      const existing = duplicate(c, merchantOrderId, timestamp);
      if (existing) return existing;
      const ksherOrderNumber = ksherPayOrderNumber(new Date());
      const { wire, qrPayload } = await wireFields(input.value, ksherOrderNumber);
      // The await above yields: a concurrent create of the same id may have landed meanwhile.
      const raced = duplicate(c, merchantOrderId, timestamp);
      if (raced) return raced;
      book.create({
        type,
        merchantOrderId,
        amount: input.value.amount,
        redirectUrl: '',
        redirectUrlFail: '',
        channels: [input.value.channel],
        note: input.value.note,
        mid: input.value.mid,
        productName: input.value.productName,
        wire: { reserved1: ksherOrderNumber, ...wire },
        ...(qrPayload !== undefined && { qrPayload }),
      });
      if (type !== 'bscanc') return created(c, merchantOrderId, timestamp);
      // B scan C is synchronous (ksher.md §4.3): the wallet answers during the call.
      const authCode = input.value.extra.auth_code as string;
      if (isAcceptedAuthCode(input.value.channel, authCode)) {
        const order = book.markPaid(merchantOrderId, input.value.channel) as KsherSandboxOrder;
        statusChanged(order, 'Order Paid');
        return created(c, merchantOrderId, timestamp);
      }
      // Declined in the same call: the order never was open, so no webhook is sent (inferred).
      book.close(merchantOrderId, 'declined');
      log(`ksher bscanc order ${merchantOrderId} declined: invalid_payment_code`);
      return signed(
        c,
        orderRecord(
          book.stored(merchantOrderId) as KsherStoredOrder,
          { errorCode: 'FAIL', errorMessage: 'Fail' },
          timestamp,
        ),
      );
    });
  }

  typedCreate('cscanb', { channels: ksherCscanbChannels, required: [] }, async (input, number) => {
    const qrPayload = buildKsherQrPayload({
      channel: input.channel,
      amount: input.amount,
      merchantName,
      merchantOrderId: input.merchantOrderId,
      ksherOrderNumber: number,
    });
    // reserved1 is the QR image itself (ksher.md §4.2); the payload is only inside the PNG.
    return { wire: { reserved1: await qrPngDataUri(qrPayload) }, qrPayload };
  });

  typedCreate(
    'bscanc',
    {
      channels: ksherBscancChannels,
      required: ['auth_code'],
      optional: ['device_id', 'operator_id'],
    },
    async (input) => ({
      wire: isAcceptedAuthCode(input.channel, input.extra.auth_code as string)
        ? {}
        : { reserved3: 'invalid_payment_code' },
    }),
  );

  for (const [type, channels, appIdField, required] of [
    ['miniapp', ksherMiniappChannels, 'miniapp_appid', ['miniapp_openid', 'miniapp_appid']],
    ['app', ksherAppChannels, 'app_appid', ['app_appid']],
  ] as const) {
    typedCreate(type, { channels, required }, async (input, number) => ({
      wire: walletWireFields({
        kind: type,
        channel: input.channel,
        merchantOrderId: input.merchantOrderId,
        amount: input.amount,
        ksherOrderNumber: number,
        appId: input.extra[appIdField] as string,
        productName: input.productName,
        phoneUrl: sandbox.phoneUrl(input.merchantOrderId),
        now: new Date(),
      }),
    }));
  }

  for (const type of ['redirect', 'cscanb', 'bscanc', 'miniapp', 'app'] as const) {
    const path = `/api/v1/${type}/orders/:id`;

    app.get(path, async (c) => {
      const params = await authenticate(c, 'query');
      if (params instanceof Response) return params;
      const timestamp = validateTimestamp(params);
      if (!timestamp.ok) return apiError(c, 400, badRequestDescription(timestamp.errors));
      const id = c.req.param('id') as string;
      const order = storedOfType(type, id);
      // Unknown id: HTTP 200 + FAIL "Order does not exist" (inferred, ksher.md §6).
      if (!order) return signed(c, unknownOrderRecord(id, timestamp.value));
      return signed(c, orderRecord(order, queryOutcome(order), timestamp.value));
    });

    app.put(path, async (c) => {
      const params = await authenticate(c, 'body');
      if (params instanceof Response) return params;
      const input = validateRefund(params);
      if (!input.ok) return apiError(c, 400, badRequestDescription(input.errors));
      const id = c.req.param('id') as string;
      const { refundOrderId, refundAmount, timestamp } = input.value;
      if (!storedOfType(type, id)) return signed(c, unknownOrderRecord(id, timestamp));
      const result = book.refund(id, refundOrderId, refundAmount);
      const order = book.stored(id) as KsherStoredOrder;
      if (!result.ok) {
        return signed(
          c,
          orderRecord(order, { errorCode: 'FAIL', errorMessage: result.message }, timestamp),
        );
      }
      // Every refund, partial or full, is a status change (ksher.md §7: "partial refund/full refund").
      statusChanged(result.order, 'Order Refunded');
      return signed(c, refundRecord(order, result.refund, timestamp));
    });

    app.delete(path, async (c) => {
      const params = await authenticate(c, 'body-or-query');
      if (params instanceof Response) return params;
      const timestamp = validateTimestamp(params);
      if (!timestamp.ok) return apiError(c, 400, badRequestDescription(timestamp.errors));
      const id = c.req.param('id') as string;
      const order = storedOfType(type, id);
      if (!order) return signed(c, unknownOrderRecord(id, timestamp.value));
      if (order.status !== 'Available') {
        return signed(
          c,
          orderRecord(
            order,
            {
              errorCode: 'FAIL',
              errorMessage: `Order cannot be cancelled: status ${order.status}`,
            },
            timestamp.value,
          ),
        );
      }
      closeOrder(id, 'cancelled');
      // Cancel is undocumented (ksher.md §4.1): success answers SUCCESS with the now Closed record.
      return signed(
        c,
        orderRecord(
          book.stored(id) as KsherStoredOrder,
          { errorCode: 'SUCCESS', errorMessage: 'Order Closed' },
          timestamp.value,
        ),
      );
    });
  }

  // --- finance (ksher.md §4.6) -------------------------------------------------------------

  /**
   * Finance envelope. Its signature scheme is unknown (ksher.md §3.3, §13.1): like S9's settlement
   * example it echoes the request's signature, so clients must not verify finance responses.
   */
  function finance(
    c: Context,
    params: Params,
    outcome: { errorCode: string; errorMessage: string },
    data: unknown,
  ) {
    return c.json({
      error_code: outcome.errorCode,
      error_message: outcome.errorMessage,
      data,
      signature: String(params.signature ?? ''),
      timestamp: String(params.timestamp ?? ''),
      mid,
    });
  }

  const successful = { errorCode: 'SUCCESS', errorMessage: 'Successful' };

  /** Reads a finance call: signature, required fields, the merchant's own mid. */
  async function financeCall(
    c: Context,
    required: readonly string[],
  ): Promise<{ params: Params; fields: Record<string, string> } | Response> {
    const params = await authenticate(c, 'query');
    if (params instanceof Response) return params;
    const fields = validateRequiredStrings(params, ['timestamp', ...required]);
    if (!fields.ok) return apiError(c, 400, badRequestDescription(fields.errors));
    const requested = fields.value.mid ?? (typeof params.mid === 'string' ? params.mid : undefined);
    if (requested !== undefined && requested.replace(/^mch/, '') !== mid) {
      return finance(
        c,
        params,
        { errorCode: 'UNKNOWN', errorMessage: `${requested} is NOT allowed mid for this account` },
        {},
      );
    }
    return { params, fields: fields.value };
  }

  function reportDate(c: Context): string | Response {
    const date = c.req.param('date') as string;
    if (!isReportDate(date)) {
      return apiError(c, 400, badRequestDescription({ date: ['Not a valid date (yyyymmdd).'] }));
    }
    return date;
  }

  /** `promptpay2` (finance name) or `promptpay`; undefined = invalid. */
  function financeChannel(channel: string): string | undefined {
    const name = financeChannelName(channel);
    return ksherFinanceChannels.includes(name) ? name : undefined;
  }

  const channelError = (c: Context) =>
    apiError(
      c,
      400,
      badRequestDescription({ channel: [`Must be one of: ${ksherFinanceChannels.join(', ')}.`] }),
    );

  const settlements = '/api/v1/finance/settlements';

  app.get(`${settlements}/channels`, async (c) => {
    const call = await financeCall(c, ['mid']);
    if (call instanceof Response) return call;
    return finance(c, call.params, successful, { channels: ksherFinanceChannels });
  });

  app.get(`${settlements}/order/:date`, async (c) => {
    const call = await financeCall(c, ['mid']);
    if (call instanceof Response) return call;
    const date = reportDate(c);
    if (date instanceof Response) return date;
    const range = validatePage(call.params);
    if (!range.ok) return apiError(c, 400, badRequestDescription(range.errors));
    const requested = call.params.channel;
    let channel: string | undefined;
    if (typeof requested === 'string' && requested !== '') {
      channel = financeChannel(requested);
      if (!channel) return channelError(c);
    }
    const items = paidOnDay(book.list(), date, channel).map(transactionItem);
    return finance(
      c,
      call.params,
      successful,
      pageOf(items, range.value.offset, range.value.limit),
    );
  });

  app.get(`${settlements}/settlement_order`, async (c) => {
    const call = await financeCall(c, ['reference_id']);
    if (call instanceof Response) return call;
    const range = validatePage(call.params);
    if (!range.ok) return apiError(c, 400, badRequestDescription(range.errors));
    const settlement = parseSettlementReferenceId(call.fields.reference_id as string, mid);
    if (!settlement) {
      // Real answer unknown: FAIL like an unknown order, with an empty page.
      return finance(
        c,
        call.params,
        { errorCode: 'FAIL', errorMessage: 'Settlement does not exist' },
        { total: 0, data: [] },
      );
    }
    const items = paidOnDay(book.list(), settlement.reportDate, settlement.channel).map(
      transactionItem,
    );
    return finance(
      c,
      call.params,
      successful,
      pageOf(items, range.value.offset, range.value.limit),
    );
  });

  app.get(`${settlements}/:date`, async (c) => {
    const call = await financeCall(c, ['mid', 'channel']);
    if (call instanceof Response) return call;
    const date = reportDate(c);
    if (date instanceof Response) return date;
    const channel = financeChannel(call.fields.channel as string);
    if (!channel) return channelError(c);
    const today = bangkokReportDate(new Date());
    return finance(
      c,
      call.params,
      successful,
      settlementSummary(book.list(), date, channel, mid, today),
    );
  });

  // --- hosted payment page and control API -----------------------------------------------

  const page = (c: Context) =>
    handleHostedPage(c.req.raw, {
      merchantName,
      cssUrl: `${options.mountPath}/assets/sandbox.css`,
      findByUuid: (uuid) => book.getByUuid(uuid),
      operations: {
        pay: (id, channel) => sandbox.pay(id, { channel }),
        decline: (id) => sandbox.decline(id),
      },
    });
  app.get('/ua', page);
  app.post('/ua', page);

  const phone = (c: Context) =>
    // The raw (still percent-encoded) path: the page decodes the order id itself.
    handlePhonePage(c.req.raw, new URL(c.req.url).pathname.slice(phonePath.length), {
      merchantName,
      cssUrl: `${options.mountPath}/assets/sandbox.css`,
      phonePath,
      listOrders: () => book.list(),
      findByQrPayload: (payload) => book.getByQrPayload(payload),
      getOrder: (id) => book.get(id),
      pay: (id) => sandbox.pay(id),
      decline: (id) => sandbox.decline(id),
    });
  app.all('/phone', phone);
  app.all('/phone/*', phone);

  app.route('/_control', createKsherControlApp(sandbox));

  app.all('/api/*', (c) => apiError(c, 404, 'Not Found: no such gateway API.'));
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: 'Unknown Ksher sandbox path' } }, 404),
  );

  return {
    sandbox,
    async fetch(request) {
      const path = decodePath(new URL(request.url).pathname).slice(basePath.length);
      const dispatch = async () => app.fetch(request);
      // Faults hit the gateway API only, never the hosted page or the control API.
      if (!path.startsWith('/api/')) return dispatch();
      return faults.run(request, dispatch, (status) =>
        Response.json(errorBody(status, `Injected fault: HTTP ${status}`, nextLogEntryUrl()), {
          status,
        }),
      );
    },
    close() {
      webhooks.close();
      faults.close(() =>
        Response.json(errorBody(504, 'Gateway Timeout: the sandbox closed.', nextLogEntryUrl()), {
          status: 504,
        }),
      );
    },
  };
}
