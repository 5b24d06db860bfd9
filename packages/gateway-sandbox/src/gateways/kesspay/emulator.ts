import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  kesspayMinorAmount,
  kesspaySignType,
  verifyKesspay,
} from '@localpay/checkout-server/kesspay';
import { type Context, Hono } from 'hono';
import { SandboxError } from '../../errors.ts';
import { createFaultInjector, type FaultSettings } from '../../faults.ts';
import { createKesspayControlApp } from './control.ts';
import { handleHostedPage, handlePayerPage, type KesspayPageContext } from './hosted-page.ts';
import { buildKhqrPayload } from './khqr.ts';
import { createKesspayOrderBook, type KesspaySandboxOrder } from './orders.ts';
import {
  KESSPAY_SANDBOX_METHODS,
  validateOrderFields,
  validateRefund,
  validateServiceCode,
} from './validation.ts';
import { createKesspayNotifyDispatcher, type KesspayNotifyDelivery } from './webhooks.ts';
import {
  envelope,
  errorResponse,
  laravelInput,
  orderInfo,
  refundedAmount,
  refundHistory,
} from './wire.ts';

export interface KesspaySandboxCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  apiSecretKey: string;
  sellerCode: string;
}

/**
 * Fixed, documented sandbox credentials. Public on purpose: they only unlock this emulator. The
 * secrets hold the symbols real ones do (`& = < { ^ $ | ! ~`), so raw appending is exercised.
 */
export const KESSPAY_SANDBOX_CREDENTIALS: Readonly<KesspaySandboxCredentials> = {
  clientId: '6f1c2b0e-5d7a-4c3e-9b1a-0c5e8d7f2a61',
  clientSecret: 'sandbox-client-secret<{^$&|!~}>',
  username: 'merchant@sandbox.localpay.test',
  password: 'sandbox-password&=1',
  apiSecretKey: 'sandbox-api_secret_key&=<{^$|!~}',
  sellerCode: 'CU2211-00000000000000001',
};

export interface KesspaySandboxOptions {
  credentials?: Partial<KesspaySandboxCredentials>;
  /** Access-token lifetime; default 1800 (kesspay.md §1). */
  tokenTtlSeconds?: number;
  /** Delay between notify attempts; default 5000. */
  notifyRetryDelayMs?: number;
  /** Default 6 attempts in total. */
  notifyMaxAttempts?: number;
  /** Shown on the pages and in the KHQR. */
  merchantName?: string;
}

export interface KesspaySandbox {
  /** `${publicUrl}/kesspay`: the server's KESSPAY_BASE_URL. */
  baseUrl: string;
  credentials: KesspaySandboxCredentials;
  pay(outTradeNo: string, options?: { bic?: string }): Promise<KesspaySandboxOrder>;
  decline(outTradeNo: string): Promise<KesspaySandboxOrder>;
  expire(outTradeNo: string): Promise<KesspaySandboxOrder>;
  getOrder(outTradeNo: string): KesspaySandboxOrder | undefined;
  listOrders(): KesspaySandboxOrder[];
  /** Invalidates every access token: the next gateway call answers 401. */
  revokeTokens(): void;
  /** Access tokens issued so far (password and refresh grants). */
  tokensIssued(): number;
  faults: { set(faults: FaultSettings): void; reset(): void; get(): FaultSettings };
  notifyDeliveries(): KesspayNotifyDelivery[];
  /** Resolves when no notify delivery is pending or scheduled. */
  idle(): Promise<void>;
}

export interface KesspayEmulator {
  sandbox: KesspaySandbox;
  /** Answers requests whose path starts with `{mountPath}/kesspay`. */
  fetch(request: Request): Promise<Response>;
  close(): void;
}

type Params = Record<string, unknown>;

function sameText(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

async function readParams(request: Request): Promise<Params | undefined> {
  const text = await request.text();
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Params)
      : undefined;
  } catch {
    return undefined;
  }
}

export function createKesspayEmulator(options: {
  publicUrl: string;
  mountPath: string;
  kesspay: KesspaySandboxOptions;
  fetch: typeof fetch;
  log: (line: string) => void;
}): KesspayEmulator {
  const { log } = options;
  const baseUrl = `${options.publicUrl}/kesspay`;
  const basePath = `${options.mountPath}/kesspay`;
  const credentials: KesspaySandboxCredentials = {
    ...KESSPAY_SANDBOX_CREDENTIALS,
    ...options.kesspay.credentials,
  };
  const merchantName = options.kesspay.merchantName ?? 'Sandbox merchant';
  const tokenTtlSeconds = options.kesspay.tokenTtlSeconds ?? 1800;
  const now = () => new Date();
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Set<string>();
  let issued = 0;

  const faults = createFaultInjector();
  const notifies = createKesspayNotifyDispatcher({
    apiSecretKey: credentials.apiSecretKey,
    sellerCode: credentials.sellerCode,
    merchantName,
    retryDelayMs: options.kesspay.notifyRetryDelayMs ?? 5000,
    maxAttempts: options.kesspay.notifyMaxAttempts ?? 6,
    faults,
    fetch: options.fetch,
    log,
  });
  const changed = (order: KesspaySandboxOrder) => {
    log(`kesspay order ${order.outTradeNo} → ${order.status}`);
    notifies.notify(order);
  };
  const book = createKesspayOrderBook(now, changed);
  const paymentLink = (order: KesspaySandboxOrder) => `${baseUrl}/pay/${order.token}`;
  const payerLink = (order: KesspaySandboxOrder) => `${baseUrl}/qr/${order.token}`;
  const infoOf = (order: KesspaySandboxOrder) =>
    orderInfo(order, {
      paymentLink: paymentLink(order),
      sellerCode: credentials.sellerCode,
      merchantName,
    });

  function requireWaiting(outTradeNo: string): KesspaySandboxOrder {
    const order = book.get(outTradeNo);
    if (!order) throw new SandboxError('not_found', `No KessPay sandbox order ${outTradeNo}`);
    if (order.status !== 'WAITING') {
      throw new SandboxError(
        'conflict',
        `KessPay sandbox order ${outTradeNo} is ${order.status}, not WAITING`,
      );
    }
    return order;
  }

  const sandbox: KesspaySandbox = {
    baseUrl,
    credentials,
    async pay(outTradeNo, payOptions) {
      const order = requireWaiting(outTradeNo);
      book.pay(order, payOptions?.bic ?? order.serviceCode ?? 'KHQR');
      changed(order);
      return order;
    },
    async decline(outTradeNo) {
      const order = requireWaiting(outTradeNo);
      book.setStatus(order, 'FAILED');
      changed(order);
      return order;
    },
    async expire(outTradeNo) {
      const order = requireWaiting(outTradeNo);
      book.setStatus(order, 'EXPIRED');
      changed(order);
      return order;
    },
    getOrder: (outTradeNo) => book.get(outTradeNo),
    listOrders: () => book.list(),
    revokeTokens() {
      accessTokens.clear();
      log('kesspay access tokens revoked');
    },
    tokensIssued: () => issued,
    faults: { set: faults.set, reset: faults.reset, get: faults.get },
    notifyDeliveries: () => notifies.deliveries(),
    idle: () => notifies.idle(),
  };

  // --- OAuth ---------------------------------------------------------------------------------

  function issueToken(): Response {
    const accessToken = randomBytes(32).toString('hex');
    const refreshToken = randomBytes(32).toString('hex');
    accessTokens.set(accessToken, now().getTime() + tokenTtlSeconds * 1000);
    refreshTokens.add(refreshToken);
    issued += 1;
    // `expires_in` as a string, like the doc example (§1).
    return Response.json({
      token_type: 'Bearer',
      expires_in: String(tokenTtlSeconds),
      access_token: accessToken,
      refresh_token: refreshToken,
    });
  }

  // Laravel Passport's error shapes (§6, INFERRED).
  const oauthError = (status: 400 | 401, error: string, description: string) =>
    Response.json({ error, error_description: description, message: description }, { status });

  async function token(request: Request): Promise<Response> {
    const params = await readParams(request);
    if (!params) return oauthError(400, 'invalid_request', 'The request body is not valid.');
    if (
      !sameText(params.client_id, credentials.clientId) ||
      !sameText(params.client_secret, credentials.clientSecret)
    ) {
      return oauthError(401, 'invalid_client', 'Client authentication failed');
    }
    if (params.grant_type === 'password') {
      if (
        !sameText(params.username, credentials.username) ||
        !sameText(params.password, credentials.password)
      ) {
        return oauthError(400, 'invalid_grant', 'The user credentials were incorrect.');
      }
      return issueToken();
    }
    if (params.grant_type === 'refresh_token') {
      const refresh = params.refresh_token;
      if (typeof refresh !== 'string' || !refreshTokens.delete(refresh)) {
        return oauthError(400, 'invalid_grant', 'The refresh token is invalid.');
      }
      return issueToken();
    }
    return oauthError(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported.',
    );
  }

  function authenticated(request: Request, version: 'v1' | 'v2'): boolean {
    const header = request.headers.get('authorization') ?? '';
    if (version === 'v1') {
      const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
      return sameText(header, expected);
    }
    const match = /^Bearer (\S+)$/.exec(header);
    const expiresAt = match ? accessTokens.get(match[1] as string) : undefined;
    return expiresAt !== undefined && now().getTime() < expiresAt;
  }

  // --- gateway services ------------------------------------------------------------------------

  type Signed = { params: Params; signType: 'MD5' | 'HMAC-SHA256' };
  const ok = (data: unknown, signType: Signed['signType']) =>
    Response.json(envelope(data, signType, credentials.apiSecretKey));

  const services: Record<string, (input: Signed) => Promise<Response> | Response> = {
    createorder: ({ params, signType }) => createOrder(params, signType, 'webpay'),
    nativepay: ({ params, signType }) => createOrder(params, signType, 'nativepay'),
    queryorder({ params, signType }) {
      const order = book.get(String(params.out_trade_no ?? ''));
      if (!order) return errorResponse(404, 'Order not found.');
      return ok(infoOf(order), signType);
    },
    closeorder({ params, signType }) {
      const order = book.get(String(params.out_trade_no ?? ''));
      if (!order) return errorResponse(404, 'Order not found.');
      if (order.status === 'EXPIRED') return errorResponse(419, 'The order has expired.');
      if (order.status === 'WAITING') {
        book.setStatus(order, 'CLOSED');
        changed(order);
      } else if (order.status !== 'CLOSED') {
        return errorResponse(422, `The order cannot be closed: status ${order.status}.`);
      }
      return ok(infoOf(order), signType);
    },
    v2refund({ params, signType }) {
      const input = validateRefund(params);
      if (!input.ok) return errorResponse(400, input.message);
      const order = book.get(input.value.outTradeNo);
      if (!order) return errorResponse(404, 'Order not found.');
      if (order.status !== 'SUCCESS' && order.status !== 'PARTIAL_REFUNDED') {
        return errorResponse(422, `The order cannot be refunded: status ${order.status}.`);
      }
      const remaining = order.amount - refundedAmount(order);
      let amount = remaining;
      if (input.value.partialAmount !== null) {
        if (input.value.partialCurrency !== order.currency) {
          return errorResponse(400, 'The partial_refund_amount_ccy must be the order currency.');
        }
        const partial = kesspayMinorAmount(input.value.partialAmount, order.currency);
        if (partial === undefined || partial <= 0) {
          return errorResponse(400, 'The partial_refund_amount is invalid.');
        }
        if (partial > remaining)
          return errorResponse(422, 'The refund amount exceeds the refundable amount.');
        amount = partial;
      }
      const refund = book.refund(order, {
        amount,
        reason: input.value.reason,
        merchantReference: input.value.merchantReference,
      });
      log(`kesspay order ${order.outTradeNo} refunded ${amount} (${order.status})`);
      // No notify: refund callbacks go to `callback_url`, whose payload is unknown (§12.6).
      return ok(refundHistory(order, refund), signType);
    },
    queryrefund({ params, signType }) {
      const found = book.findRefund({
        ...(typeof params.transaction_id === 'string' && { transactionId: params.transaction_id }),
        ...(typeof params.merchant_reference === 'string' && {
          merchantReference: params.merchant_reference,
        }),
      });
      if (!found) return errorResponse(404, 'Refund not found.');
      return ok(refundHistory(found.order, found.refund), signType);
    },
    getpaymentmethods: ({ signType }) =>
      Response.json({
        success: true,
        data: KESSPAY_SANDBOX_METHODS.map((method) => ({
          ...method,
          img_url: null,
          storelink: { ios: null, android: null },
        })),
        sign: null,
        sign_type: signType,
      }),
  };

  async function createOrder(
    params: Params,
    signType: Signed['signType'],
    kind: 'webpay' | 'nativepay',
  ): Promise<Response> {
    const fields = validateOrderFields(params);
    if (!fields.ok) return errorResponse(400, fields.message);
    let serviceCode: string | null = null;
    if (kind === 'nativepay') {
      const code = validateServiceCode(params);
      if (!code.ok) return errorResponse(400, code.message);
      serviceCode = code.value;
    }
    if (book.get(fields.value.outTradeNo)) {
      return errorResponse(409, 'The out_trade_no has already been taken.');
    }
    const order = book.create({ ...fields.value, kind, serviceCode, signType });
    log(
      `kesspay ${kind} order ${order.outTradeNo} created: ${order.amount} ${order.currency} minor units`,
    );
    if (kind === 'webpay') return ok(infoOf(order), signType);
    order.qrcode = buildKhqrPayload({
      amount: order.amount,
      currency: order.currency,
      billNumber: order.outTradeNo,
      merchantName,
      bakongAccountId: 'kesspay_sandbox@devb',
      merchantId: credentials.sellerCode,
      acquiringBank: 'KessPay Sandbox',
      createdAt: new Date(order.createdAt),
      expiresAt: new Date(order.expiredAt),
    });
    const method = KESSPAY_SANDBOX_METHODS.find((entry) => entry.bic === serviceCode);
    return ok(
      {
        qrcode: order.qrcode,
        qrcode_link: payerLink(order),
        // The sandbox has no bank app: its deeplink opens the payer page instead.
        deeplink: payerLink(order),
        expires_in: Math.max(0, Math.floor((Date.parse(order.expiredAt) - now().getTime()) / 1000)),
        for_ios: false,
        brand_logo: null,
        app_name: method?.app_name ?? null,
        service_code: serviceCode,
        order_info: infoOf(order),
      },
      signType,
    );
  }

  async function gateway(c: Context, version: 'v1' | 'v2'): Promise<Response> {
    const request = c.req.raw;
    if (!authenticated(request, version)) return errorResponse(401, 'Unauthenticated.');
    const raw = await readParams(request);
    if (!raw) return errorResponse(400, 'The request body must be a JSON object.');
    const params = laravelInput(raw);
    if (!sameText(params.seller_code, credentials.sellerCode)) {
      return errorResponse(400, 'The seller_code is invalid.');
    }
    const signType = kesspaySignType(params.sign_type);
    if (!signType) return errorResponse(400, 'The selected sign_type is invalid.');
    // Every received top-level scalar is signed (§2.2): no per-service field list.
    if (!verifyKesspay(params, credentials.apiSecretKey)) {
      return errorResponse(400, 'Invalid signature.');
    }
    const service = String(params.service ?? '').toLowerCase();
    const name = service.startsWith('webpay.acquire.')
      ? service.slice('webpay.acquire.'.length)
      : '';
    const handler = services[name];
    if (!handler) return errorResponse(400, 'The selected service is invalid.');
    return handler({ params, signType });
  }

  const app = new Hono({ strict: false }).basePath(basePath);
  app.post('/oauth/token', (c) => token(c.req.raw));
  app.post('/api/mch/v2/gateway', (c) => gateway(c, 'v2'));
  app.post('/api/mch/v1/gateway', (c) => gateway(c, 'v1'));
  app.all('/api/*', () => errorResponse(404, 'Not Found.'));

  const pageContext: KesspayPageContext = {
    merchantName,
    cssUrl: `${options.mountPath}/assets/sandbox.css`,
    findByToken: (value) => book.getByToken(value),
    pay: (outTradeNo, bic) => sandbox.pay(outTradeNo, { bic }),
    decline: (outTradeNo) => sandbox.decline(outTradeNo),
  };
  app.on(['GET', 'POST'], '/pay/:token', (c) =>
    handleHostedPage(c.req.raw, c.req.param('token'), pageContext),
  );
  app.on(['GET', 'POST'], '/qr/:token', (c) =>
    handlePayerPage(c.req.raw, c.req.param('token'), pageContext),
  );
  app.route('/_control', createKesspayControlApp(sandbox));
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: 'Unknown KessPay sandbox path' } }, 404),
  );

  return {
    sandbox,
    async fetch(request) {
      const path = new URL(request.url).pathname.slice(basePath.length);
      const dispatch = async () => app.fetch(request);
      // Faults hit the gateway API and the token endpoint only, never pages or the control API.
      if (!path.startsWith('/api/') && !path.startsWith('/oauth/')) return dispatch();
      return faults.run(request, dispatch, (status) =>
        errorResponse(status, `Injected fault: HTTP ${status}`),
      );
    },
    close() {
      notifies.close();
      faults.close(() => errorResponse(504, 'Gateway Timeout: the sandbox closed.'));
    },
  };
}
