import { timingSafeEqual } from 'node:crypto';
import { KtpaySealingError, openKtpay } from '@localpay/checkout-server/ktpay';
import { Hono } from 'hono';
import { SandboxError } from '../../errors.ts';
import { createFaultInjector, type FaultSettings } from '../../faults.ts';
import {
  createKtpayCallbackDispatcher,
  KTPAY_CALLBACK_RETRY_DELAYS_MS,
  type KtpayCallbackDelivery,
} from './callbacks.ts';
import {
  handleCardPage,
  handleThreeDsPage,
  KTPAY_3DS_CODE,
  KTPAY_TEST_CARDS,
  KTPAY_WIDGET_SCRIPT,
  type KtpayPageContext,
} from './card-page.ts';
import { createKtpayControlApp } from './control.ts';
import { createKtpayPaymentBook, type KtpaySandboxPayment } from './payments.ts';
import { buildReceiptPdf } from './receipt-pdf.ts';
import { validateKtpayPayment } from './validation.ts';

export interface KtpaySandboxCredentials {
  /** `Auth-Identifier`. */
  appId: string;
  /** The app's public key given to the merchant (standard base64). */
  appKey: string;
  /** The emulator's secret half; never needed by a merchant. */
  secretKey: string;
}

/**
 * Fixed, documented sandbox credentials. Public on purpose: they only unlock this emulator. Both
 * keys contain `+` and `/`, so a URL-safe base64 mix-up fails here as it would at Ktpay.
 */
export const KTPAY_SANDBOX_CREDENTIALS: Readonly<KtpaySandboxCredentials> = {
  appId: '614bfa2bc5ea32b4c35dc6157f565541',
  appKey: 'Yc/02oNZDbcP2XiS76WpW++LXyGYaJSalYCyMjTYMUM=',
  secretKey: '+jxv29QTIGDgKjf/mjqfKEoGVvF/42x4nEoZCU8GN/M=',
};

export interface KtpaySandboxOptions {
  credentials?: Partial<KtpaySandboxCredentials>;
  /** Gaps between callback attempts; default 15 s, 60 s, 3 min, 10 min, 30 min, 60 min (§8). */
  callbackRetryDelaysMs?: number[];
  /** Shown on the pages. */
  merchantName?: string;
  /** `merchant_id` in callbacks (Ktpay's internal id); default 1. */
  merchantId?: number;
}

export interface KtpaySandbox {
  /** `${publicUrl}/ktpay/api/v1/merchant-widget`: the server's KTPAY_API_URL. */
  apiUrl: string;
  /** `${publicUrl}/ktpay/widget`: the server's KTPAY_WIDGET_URL. */
  widgetUrl: string;
  credentials: KtpaySandboxCredentials;
  testCards: typeof KTPAY_TEST_CARDS;
  threeDsCode: string;
  /** Ends a pending payment as `completed` (paid and cleared) and sends the callback. */
  pay(transactionHash: string): KtpaySandboxPayment;
  /** Ends it as `denied` (acquirer decline). */
  decline(transactionHash: string): KtpaySandboxPayment;
  /** Ends it as `error` (processing error). */
  fail(transactionHash: string): KtpaySandboxPayment;
  getPayment(transactionHash: string): KtpaySandboxPayment | undefined;
  findByOrderId(orderId: string): KtpaySandboxPayment | undefined;
  listPayments(): KtpaySandboxPayment[];
  faults: { set(faults: FaultSettings): void; reset(): void; get(): FaultSettings };
  callbackDeliveries(): KtpayCallbackDelivery[];
  /** Resolves when no callback delivery is pending or scheduled. */
  idle(): Promise<void>;
}

export interface KtpayEmulator {
  sandbox: KtpaySandbox;
  /** Answers requests whose path starts with `{mountPath}/ktpay`. */
  fetch(request: Request): Promise<Response>;
  close(): void;
}

const HINTS = {
  support: 'Для решения проблемы обратитесь в тех. поддержку с указанием кода ошибки.',
  data: 'Проверки корректность данных, их формат и содержимое или обратиться в тех. поддержку.',
  validation: 'Исправьте указанные замечания по валидации.',
  server:
    'Неполадки в работе сервера, попробуйте сделать запрос позднее или обратиться в тех. поддержку.',
};

/**
 * The failure envelope (ktpay.md §6, INFERRED from the current success shape): `error` filled,
 * `response.success` false; the HTTP status is the code's first three digits.
 */
function failure(
  code: number,
  messages: Record<string, string[]>,
  hint: string,
  status = Number(String(code).slice(0, 3)),
): Response {
  return Response.json(
    { error: { code, messages, hint }, response: { success: false, data: [] } },
    { status },
  );
}

function success(data: Record<string, unknown>): Response {
  return Response.json({ error: [], response: { success: true, data } });
}

function sameText(a: string | null, b: string): boolean {
  if (a === null) return false;
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function compactStamp(iso: string): string {
  return iso.replace(/\D/g, '').slice(0, 14);
}

export function createKtpayEmulator(options: {
  publicUrl: string;
  mountPath: string;
  ktpay: KtpaySandboxOptions;
  fetch: typeof fetch;
  log: (line: string) => void;
}): KtpayEmulator {
  const { log } = options;
  const baseUrl = `${options.publicUrl}/ktpay`;
  const basePath = `${options.mountPath}/ktpay`;
  const credentials: KtpaySandboxCredentials = {
    ...KTPAY_SANDBOX_CREDENTIALS,
    ...options.ktpay.credentials,
  };
  const merchantName = options.ktpay.merchantName ?? 'Sandbox merchant';
  const now = () => new Date();
  const faults = createFaultInjector();
  const callbacks = createKtpayCallbackDispatcher({
    merchantId: options.ktpay.merchantId ?? 1,
    retryDelaysMs: options.ktpay.callbackRetryDelaysMs ?? KTPAY_CALLBACK_RETRY_DELAYS_MS,
    faults,
    fetch: options.fetch,
    log,
  });
  const book = createKtpayPaymentBook(now);

  function requirePending(hash: string): KtpaySandboxPayment {
    const payment = book.get(hash);
    if (!payment) throw new SandboxError('not_found', `No Ktpay sandbox payment ${hash}`);
    if (payment.status !== 'pending') {
      throw new SandboxError('conflict', `Ktpay sandbox payment ${hash} is ${payment.status}`);
    }
    return payment;
  }

  function end(
    payment: KtpaySandboxPayment,
    status: 'completed' | 'denied' | 'error',
    error?: KtpaySandboxPayment['error'],
  ) {
    book.finish(payment, status, error);
    log(`ktpay payment ${payment.orderId} (${payment.transactionHash}) → ${status}`);
    callbacks.send(payment);
    return payment;
  }
  const decline = (payment: KtpaySandboxPayment) =>
    end(payment, 'denied', {
      type: 'ERROR_PAYMENT',
      message: 'KKB rejected payment: 51 Недостаточно средств на карте',
    });

  const sandbox: KtpaySandbox = {
    apiUrl: `${baseUrl}/api/v1/merchant-widget`,
    widgetUrl: `${baseUrl}/widget`,
    credentials,
    testCards: KTPAY_TEST_CARDS,
    threeDsCode: KTPAY_3DS_CODE,
    pay: (hash) => end(requirePending(hash), 'completed'),
    decline: (hash) => decline(requirePending(hash)),
    fail: (hash) =>
      end(requirePending(hash), 'error', { type: 'ERROR_SYSTEM', message: 'Processing error' }),
    getPayment: (hash) => book.get(hash),
    findByOrderId: (orderId) => book.findByOrderId(orderId),
    listPayments: () => book.list(),
    faults: { set: faults.set, reset: faults.reset, get: faults.get },
    callbackDeliveries: () => callbacks.deliveries(),
    idle: () => callbacks.idle(),
  };

  // --- merchant widget API (§4) --------------------------------------------------------------

  async function createPayment(request: Request): Promise<Response> {
    if (!sameText(request.headers.get('auth-identifier'), credentials.appId)) {
      return failure(
        4010103,
        { error: ['Неверный/несуществующий идентификатор приложения мерчанта.'] },
        HINTS.support,
      );
    }
    // The raw body whatever the Content-Type (§3).
    const body = await request.text();
    let payload: unknown;
    try {
      payload = await openKtpay(body, credentials.appKey, credentials.secretKey);
    } catch (error) {
      const detail = error instanceof KtpaySealingError ? error.message : 'unreadable body';
      log(`ktpay create refused (4220101): ${detail}`);
      return failure(
        4220101,
        { error: ['Некорректный формат или содержимое данных.'], detail: [detail] },
        HINTS.data,
      );
    }
    const checked = validateKtpayPayment(payload);
    if (!checked.ok) return failure(4220002, checked.messages, HINTS.validation);
    if (book.findByOrderId(checked.value.orderId)) {
      return failure(
        4220002,
        { 'order.order_id': ['Значение order_id уже используется.'] },
        HINTS.validation,
      );
    }
    const payment = book.create(checked.value);
    log(`ktpay payment ${payment.orderId} created: ${payment.wireAmount} KZT`);
    return success({
      transaction_hash: payment.transactionHash,
      show_close_button: payment.showCloseButton,
    });
  }

  function unknownTransaction(): Response {
    // No documented code for an unknown hash: 5000107 ("while reading the transaction") as 404.
    return Response.json(
      {
        error: {
          code: 5000107,
          messages: {
            error: ['Непредвиденная ошибка во время получения информации о транзакции мерчанта.'],
          },
          hint: HINTS.server,
        },
        response: { success: false, data: [] },
      },
      { status: 404 },
    );
  }

  function acquirerOptions(hash: string): Response {
    const payment = book.get(hash);
    if (!payment) return unknownTransaction();
    return success({ payment_page: `${baseUrl}/epay/payform?hash=${payment.transactionHash}` });
  }

  function receipt(hash: string): Response {
    const payment = book.get(hash);
    if (!payment) return unknownTransaction();
    if (payment.status !== 'completed') {
      return failure(
        4220002,
        { transaction_hash: ['Чек доступен только для завершённого платежа.'] },
        HINTS.validation,
      );
    }
    const pdf = buildReceiptPdf([
      'Ktpay sandbox receipt',
      `Merchant: ${merchantName}`,
      `Order: ${payment.orderId}`,
      `Amount: ${payment.wireAmount.toFixed(2)} KZT`,
      `Card: **** ${payment.cardLast4 ?? '0000'}`,
      `Transaction: ${payment.transactionHash}`,
      `Paid at: ${payment.statusAt}`,
    ]);
    const name = `payment${payment.orderId.replace(/[^A-Za-z0-9_-]/g, '')}-${compactStamp(payment.statusAt)}.pdf`;
    // The headers of §4.3.
    return new Response(pdf, {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${name}`,
        'access-control-allow-origin': 'https://ktpay.kz',
        'access-control-allow-credentials': 'true',
        pragma: 'public',
        expires: '0',
        'cache-control': 'must-revalidate, post-check=0, pre-check=0, private',
        'content-transfer-encoding': 'binary',
      },
    });
  }

  // --- widget pages ---------------------------------------------------------------------------

  const pageContext: KtpayPageContext = {
    merchantName,
    cssUrl: `${options.mountPath}/assets/sandbox.css`,
    scriptUrl: `${basePath}/widget/widget.js`,
    formAction: `${basePath}/widget/payment-card`,
    threeDsAction: `${basePath}/widget/3ds`,
    find: (hash) => book.get(hash),
    submitCard(payment, cardNumber) {
      payment.cardLast4 = cardNumber.slice(-4);
      if (cardNumber === KTPAY_TEST_CARDS.threeDSecure) {
        payment.awaiting3ds = true;
        return '3ds';
      }
      if (cardNumber === KTPAY_TEST_CARDS.declined) {
        decline(payment);
        return 'denied';
      }
      // Any other well-formed number pays, like a permissive test acquirer.
      end(payment, 'completed');
      return 'completed';
    },
    submit3ds(payment, code) {
      if (code === KTPAY_3DS_CODE) {
        end(payment, 'completed');
        return 'completed';
      }
      end(payment, 'denied', {
        type: 'ERROR_PAYMENT',
        message: '3-D Secure authentication failed',
      });
      return 'denied';
    },
  };

  const app = new Hono({ strict: false }).basePath(basePath);
  app.post('/api/v1/merchant-widget/payment', (c) => createPayment(c.req.raw));
  app.get('/api/v1/merchant-widget/payment/:hash/acquirer-options', (c) =>
    acquirerOptions(c.req.param('hash')),
  );
  app.get('/api/v1/merchant-widget/payment/:hash/pdf', (c) => receipt(c.req.param('hash')));
  app.all('/api/*', () => unknownTransaction());
  app.get(
    '/widget/widget.js',
    () =>
      new Response(KTPAY_WIDGET_SCRIPT, {
        headers: {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'public, max-age=300',
          'x-content-type-options': 'nosniff',
        },
      }),
  );
  app.on(['GET', 'POST'], '/widget/payment-card', (c) => handleCardPage(c.req.raw, pageContext));
  app.on(['GET', 'POST'], '/epay/payform', (c) => handleCardPage(c.req.raw, pageContext));
  app.post('/widget/3ds', (c) => handleThreeDsPage(c.req.raw, pageContext));
  app.route('/_control', createKtpayControlApp(sandbox));
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: 'Unknown Ktpay sandbox path' } }, 404),
  );

  return {
    sandbox,
    async fetch(request) {
      const path = new URL(request.url).pathname.slice(basePath.length);
      const dispatch = async () => app.fetch(request);
      // Faults hit the gateway API only, never pages or the control API.
      if (!path.startsWith('/api/')) return dispatch();
      return faults.run(request, dispatch, (status) =>
        failure(
          status >= 500 ? 5000001 : 4220101,
          { error: [`Injected fault: HTTP ${status}`] },
          HINTS.server,
          status,
        ),
      );
    },
    close() {
      callbacks.close();
      faults.close(() =>
        failure(5000001, { error: ['Gateway Timeout: the sandbox closed.'] }, HINTS.server, 504),
      );
    },
  };
}
