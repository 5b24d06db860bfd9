import { verifyKsher } from '@localpay/checkout-server/ksher';
import { type Context, Hono } from 'hono';
import { SandboxError } from '../../errors.ts';
import { createFaultInjector, type FaultSettings } from '../../faults.ts';
import { createKsherControlApp } from './control.ts';
import { defaultKsherChannels, handleHostedPage } from './hosted-page.ts';
import { createKsherOrderBook, type KsherCloseReason, type KsherSandboxOrder } from './orders.ts';
import { validateCreateOrder, validateRefund, validateTimestamp } from './validation.ts';
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
  /** Shown on the hosted page. */
  merchantName?: string;
}

export interface KsherSandbox {
  /** `${publicUrl}/ksher`: the server's KSHER_BASE_URL. */
  baseUrl: string;
  token: string;
  configure(settings: { webhookUrl?: string }): void;
  settings(): { webhookUrl: string | undefined };
  pay(merchantOrderId: string, options?: { channel?: string }): Promise<KsherSandboxOrder>;
  decline(merchantOrderId: string): Promise<KsherSandboxOrder>;
  expire(merchantOrderId: string): Promise<KsherSandboxOrder>;
  getOrder(merchantOrderId: string): KsherSandboxOrder | undefined;
  listOrders(): KsherSandboxOrder[];
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
    configure(settings) {
      if (settings.webhookUrl !== undefined) webhookUrl = settings.webhookUrl || undefined;
      log(`ksher webhook URL ${webhookUrl ? `set to ${webhookUrl}` : 'cleared'}`);
    },
    settings: () => ({ webhookUrl }),
    async pay(merchantOrderId, payOptions) {
      const current = requireAvailable(merchantOrderId);
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
    listOrders: () => book.list(),
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

  function signed(c: Context, fields: Params) {
    return c.json(signResponse(prefixOf(c.req.raw), fields, token, nextLogEntryUrl()));
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

  app.post('/api/v1/redirect/orders', async (c) => {
    const params = await authenticate(c, 'body');
    if (params instanceof Response) return params;
    const input = validateCreateOrder(params);
    if (!input.ok) return apiError(c, 400, badRequestDescription(input.errors));
    const existing = book.stored(input.value.merchantOrderId);
    if (existing) {
      // Real behaviour unknown (ksher.md §10.10: "the call fails"). Answer FAIL with the existing
      // record so an idempotent client can recognise its own order and query it.
      return signed(
        c,
        orderRecord(
          existing,
          { errorCode: 'FAIL', errorMessage: 'merchant_order_id already exists' },
          input.value.timestamp,
        ),
      );
    }
    const created = book.create(input.value);
    log(`ksher order ${created.merchantOrderId} created: ${created.amount} THB minor units`);
    const stored = book.stored(created.merchantOrderId);
    return signed(
      c,
      orderRecord(
        stored as NonNullable<typeof stored>,
        { errorCode: 'SUCCESS', errorMessage: 'Successful' },
        input.value.timestamp,
      ),
    );
  });

  app.get('/api/v1/redirect/orders/:id', async (c) => {
    const params = await authenticate(c, 'query');
    if (params instanceof Response) return params;
    const timestamp = validateTimestamp(params);
    if (!timestamp.ok) return apiError(c, 400, badRequestDescription(timestamp.errors));
    const id = c.req.param('id');
    const order = book.stored(id);
    // Unknown id: HTTP 200 + FAIL "Order does not exist" (inferred, ksher.md §6).
    if (!order) return signed(c, unknownOrderRecord(id, timestamp.value));
    return signed(c, orderRecord(order, queryOutcome(order), timestamp.value));
  });

  app.put('/api/v1/redirect/orders/:id', async (c) => {
    const params = await authenticate(c, 'body');
    if (params instanceof Response) return params;
    const input = validateRefund(params);
    if (!input.ok) return apiError(c, 400, badRequestDescription(input.errors));
    const id = c.req.param('id');
    const { refundOrderId, refundAmount, timestamp } = input.value;
    const result = book.refund(id, refundOrderId, refundAmount);
    const order = book.stored(id);
    if (!order) return signed(c, unknownOrderRecord(id, timestamp));
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

  app.delete('/api/v1/redirect/orders/:id', async (c) => {
    const params = await authenticate(c, 'body-or-query');
    if (params instanceof Response) return params;
    const timestamp = validateTimestamp(params);
    if (!timestamp.ok) return apiError(c, 400, badRequestDescription(timestamp.errors));
    const id = c.req.param('id');
    const order = book.stored(id);
    if (!order) return signed(c, unknownOrderRecord(id, timestamp.value));
    if (order.status !== 'Available') {
      return signed(
        c,
        orderRecord(
          order,
          { errorCode: 'FAIL', errorMessage: `Order cannot be cancelled: status ${order.status}` },
          timestamp.value,
        ),
      );
    }
    closeOrder(id, 'cancelled');
    // Cancel is undocumented (ksher.md §4.1): success answers SUCCESS with the now Closed record.
    return signed(
      c,
      orderRecord(
        book.stored(id) as NonNullable<ReturnType<typeof book.stored>>,
        { errorCode: 'SUCCESS', errorMessage: 'Order Closed' },
        timestamp.value,
      ),
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
