import { createPublicKey, randomBytes } from 'node:crypto';
import {
  findKsherPayChannel,
  KSHERPAY_QR_CHANNELS,
  signKsherPay,
  verifyKsherPay,
} from '@localpay/checkout-server/ksherpay';
import { Hono } from 'hono';
import { createCallbackDelivery, type DeliveryAttempt } from '../../callback-delivery.ts';
import { createControlApp } from '../../control-api.ts';
import { SandboxError } from '../../errors.ts';
import { createFaultInjector, type FaultSettings } from '../../faults.ts';
import { buildKsherQrPayload, qrPngDataUri } from '../ksher/qr.ts';
import { KSHER_SDK_EXAMPLE_PRIVATE_KEY, KSHERPAY_SANDBOX_CREDENTIALS } from './keys.ts';
import {
  createKsherPayOrderBook,
  type KsherPayOrderKind,
  type KsherPaySandboxOrder,
  refundedAmount,
} from './orders.ts';
import { handleKsherPayHostedPage, handleKsherPayPhonePage } from './pages.ts';

/** Ksher's documented notify retries (§5): 12 after the first try, "within 29 hours". */
export const KSHERPAY_NOTIFY_RETRY_DELAYS_MS: readonly number[] = [
  1_000, 2_000, 2_000, 10_000, 30_000, 60_000, 600_000, 3_600_000, 10_800_000, 18_000_000,
  28_800_000, 43_200_000,
];

export interface KsherPaySandboxOptions {
  /** Default `mch35000`. */
  appid?: string;
  /** Checks request signatures; default the public half of KSHERPAY_SANDBOX_CREDENTIALS' key. */
  merchantPublicKey?: string;
  /** Signs answers and notifications; default the SDK example key (not Ksher's). */
  signingKey?: string;
  /**
   * Waits between notify attempts; default KSHERPAY_NOTIFY_RETRY_DELAYS_MS. Tests compress it,
   * e.g. `[20, 20]` (then 3 attempts in all).
   */
  notifyRetryDelaysMs?: number[];
  merchantName?: string;
}

export interface KsherPayNotifyDelivery {
  url: string;
  mchOrderNo: string;
  result: string;
}

export interface KsherPaySandbox {
  /** `${publicUrl}/ksherpay`. */
  baseUrl: string;
  /** The server's `ksherpay.apiBaseUrl` (stands in for `https://api.mch.ksher.net/KsherPay`). */
  apiBaseUrl: string;
  /** The server's `ksherpay.gatewayBaseUrl` (stands in for `https://gateway.ksher.com/api`). */
  gatewayBaseUrl: string;
  appid: string;
  /** The public key the server verifies this sandbox's answers with (`ksherpay.publicKey`). */
  publicKey: string;
  /** The payer's phone page: all open QR orders, or one. */
  phoneUrl(mchOrderNo?: string): string;
  pay(mchOrderNo: string, options?: { channel?: string }): Promise<KsherPaySandboxOrder>;
  decline(mchOrderNo: string): Promise<KsherPaySandboxOrder>;
  expire(mchOrderNo: string): Promise<KsherPaySandboxOrder>;
  getOrder(mchOrderNo: string): KsherPaySandboxOrder | undefined;
  listOrders(): KsherPaySandboxOrder[];
  faults: { set(faults: FaultSettings): void; reset(): void; get(): FaultSettings };
  notifyDeliveries(): DeliveryAttempt<KsherPayNotifyDelivery>[];
  /** Resolves when no notification is pending or scheduled. */
  idle(): Promise<void>;
}

export interface KsherPayEmulator {
  sandbox: KsherPaySandbox;
  fetch(request: Request): Promise<Response>;
  close(): void;
}

type Params = Record<string, string>;

/** Fields every request signs besides the API's own (§4). */
const COMMON = ['appid', 'nonce_str', 'time_stamp', 'sign'];

export function createKsherPayEmulator(options: {
  publicUrl: string;
  mountPath: string;
  ksherpay: KsherPaySandboxOptions;
  fetch: typeof fetch;
  log: (line: string) => void;
}): KsherPayEmulator {
  const { log } = options;
  const baseUrl = `${options.publicUrl}/ksherpay`;
  const basePath = `${options.mountPath}/ksherpay`;
  const appid = options.ksherpay.appid ?? KSHERPAY_SANDBOX_CREDENTIALS.appid;
  const merchantPublicKey =
    options.ksherpay.merchantPublicKey ??
    (createPublicKey(KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey).export({
      type: 'pkcs1',
      format: 'pem',
    }) as string);
  const signingKey = options.ksherpay.signingKey ?? KSHER_SDK_EXAMPLE_PRIVATE_KEY;
  const publicKey = createPublicKey(signingKey).export({ type: 'pkcs1', format: 'pem' }) as string;
  const merchantName = options.ksherpay.merchantName ?? 'Sandbox merchant';
  const retryDelays = options.ksherpay.notifyRetryDelaysMs ?? [...KSHERPAY_NOTIFY_RETRY_DELAYS_MS];
  const now = () => new Date();
  const book = createKsherPayOrderBook(now);
  const faults = createFaultInjector();

  const deliveries = createCallbackDelivery<KsherPayNotifyDelivery>({
    describe: (entry) => `ksherpay notify ${entry.result} for ${entry.mchOrderNo}`,
    // "If the merchant does not return correct format, we will try to callback again" (§5).
    isDelivered(status, body) {
      if (status !== 200) return false;
      try {
        const reply = JSON.parse(body) as { result?: unknown };
        return typeof reply.result === 'string' && reply.result.toUpperCase() === 'SUCCESS';
      } catch {
        return false;
      }
    },
    retryDelayAfter: (attempt) => retryDelays[attempt - 1],
    attemptTimeoutMs: 10_000,
    faults,
    fetch: options.fetch,
    log,
  });

  const nonce = () => randomBytes(16).toString('hex');

  /** Signs `data`, honouring the override and tamper faults (signed first, changed after). */
  function signedData(data: Record<string, unknown>): {
    data: Record<string, unknown>;
    sign: string;
  } {
    const override = faults.takeOverride();
    const final = override ? { ...data, ...override } : data;
    const sign = signKsherPay(final, signingKey);
    if (faults.takeTamper()) {
      const field = 'total_fee' in final ? 'total_fee' : 'result';
      return {
        data: { ...final, [field]: field === 'total_fee' ? Number(final[field]) + 1 : 'SUCCESS' },
        sign,
      };
    }
    return { data: final, sign };
  }

  /** The `api.mch` envelope (§3). */
  function apiAnswer(data: Record<string, unknown>): Response {
    const signed = signedData(data);
    return Response.json({
      code: 0,
      data: signed.data,
      msg: 'ok',
      sign: signed.sign,
      status_code: '',
      status_msg: '',
      time_stamp: new Date(now().getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00'),
      version: '3.0.0',
    });
  }

  /** The `gateway.ksher.com` envelope (§3). */
  function gatewayAnswer(data: Record<string, unknown>, message = 'SUCCESS'): Response {
    const signed = signedData(data);
    return Response.json({ code: 0, msg: message, data: signed.data, sign: signed.sign, message });
  }

  /** A refused call: FAIL with a reason, signed like any answer. */
  const fail = (answer: typeof apiAnswer, errCode: string, errMsg: string) =>
    answer({ appid, err_code: errCode, err_msg: errMsg, nonce_str: nonce(), result: 'FAIL' });

  /** What `gateway_order_query` and the `mch_notify_url` notification carry (§4.2, V3). */
  function gatewayOrderData(order: KsherPaySandboxOrder): Record<string, unknown> {
    const paid = order.status !== 'NOTPAY';
    return {
      appid,
      attach: order.attach,
      cash_fee: paid ? String(order.amount) : '',
      cash_fee_type: paid ? order.feeType : '',
      channel: paid ? order.channel : '',
      channel_order_no: order.channelOrderNo,
      fee_type: order.feeType,
      ksher_order_no: order.ksherOrderNo,
      mch_order_no: order.mchOrderNo,
      nonce_str: nonce(),
      openid: '',
      pay_mch_order_no: order.payMchOrderNo,
      rate: paid ? '1.000000' : '',
      result: order.status === 'NOTPAY' ? 'NOTSURE' : order.status,
      time_end: order.timeEnd,
      total_fee: order.amount,
    };
  }

  /** What `order_query` and the `notify_url` notification carry (INFERRED shape, §4.6). */
  function apiOrderData(order: KsherPaySandboxOrder): Record<string, unknown> {
    return {
      appid,
      attach: order.attach,
      cash_fee: order.status === 'NOTPAY' ? '' : order.amount,
      cash_fee_type: order.status === 'NOTPAY' ? '' : order.feeType,
      channel: order.channel,
      channel_order_no: order.channelOrderNo,
      device_id: '',
      fee_type: order.feeType,
      ksher_order_no: order.ksherOrderNo,
      mch_order_no: order.kind === 'gateway_pay' ? order.payMchOrderNo : order.mchOrderNo,
      nonce_str: nonce(),
      openid: '',
      operation: 'ORDER-QUERY',
      operator_id: '',
      rate: '1.000000',
      raw_total_fee: order.amount,
      result: order.status,
      time_end: order.timeEnd,
      total_fee: order.amount,
    };
  }

  /** Ksher notifies successful payments only (§5), as text/plain JSON. */
  function notify(order: KsherPaySandboxOrder) {
    if (order.status !== 'SUCCESS' || !order.notifyUrl) return;
    const gateway = order.kind === 'gateway_pay';
    const data = gateway ? gatewayOrderData(order) : apiOrderData(order);
    const body = gateway
      ? {
          code: 0,
          msg: '操作成功',
          data,
          sign: signKsherPay(data, signingKey),
          message: '操作成功',
        }
      : {
          code: 0,
          data,
          msg: 'ok',
          sign: signKsherPay(data, signingKey),
          status_code: '',
          status_msg: '',
          version: '3.0.0',
        };
    deliveries.send(
      { url: order.notifyUrl, mchOrderNo: order.mchOrderNo, result: order.status },
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=utf-8' },
        body: JSON.stringify(body),
      },
    );
  }

  function requireOpen(mchOrderNo: string): KsherPaySandboxOrder {
    const order = book.get(mchOrderNo);
    if (!order) throw new SandboxError('not_found', `No KsherPay sandbox order ${mchOrderNo}`);
    if (order.status !== 'NOTPAY') {
      throw new SandboxError('conflict', `KsherPay sandbox order ${mchOrderNo} is ${order.status}`);
    }
    return order;
  }

  const sandbox: KsherPaySandbox = {
    baseUrl,
    apiBaseUrl: `${baseUrl}/KsherPay`,
    gatewayBaseUrl: `${baseUrl}/api`,
    appid,
    publicKey,
    phoneUrl: (mchOrderNo) =>
      mchOrderNo === undefined
        ? `${baseUrl}/phone`
        : `${baseUrl}/phone/${encodeURIComponent(mchOrderNo)}`,
    async pay(mchOrderNo, payOptions) {
      const order = requireOpen(mchOrderNo);
      const channel = payOptions?.channel ?? order.channelList[0] ?? order.channel;
      book.pay(order, channel);
      log(`ksherpay order ${mchOrderNo} paid with ${channel}`);
      notify(order);
      return order;
    },
    async decline(mchOrderNo) {
      const order = requireOpen(mchOrderNo);
      book.setStatus(order, 'PAYERROR');
      log(`ksherpay order ${mchOrderNo} declined`);
      return order;
    },
    async expire(mchOrderNo) {
      const order = requireOpen(mchOrderNo);
      book.setStatus(order, 'CLOSED');
      log(`ksherpay order ${mchOrderNo} expired (CLOSED)`);
      return order;
    },
    getOrder: (mchOrderNo) => book.get(mchOrderNo),
    listOrders: () => book.list(),
    faults: { set: faults.set, reset: faults.reset, get: faults.get },
    notifyDeliveries: () => deliveries.deliveries(),
    idle: () => deliveries.idle(),
  };

  // --- request checks --------------------------------------------------------------------------

  async function readParams(request: Request): Promise<Params> {
    const url = new URL(request.url);
    // Ksher's Python tools send queries as GET with a query string (§1): accepted too.
    if (request.method === 'GET') return Object.fromEntries(url.searchParams);
    return Object.fromEntries(new URLSearchParams(await request.text()));
  }

  function amountField(params: Params, name: string): number | string {
    const raw = params[name];
    if (raw === undefined || raw === '') return `${name} is required`;
    if (!/^\d{1,12}$/.test(raw) || Number(raw) <= 0)
      return `${name} must be a positive integer (cents)`;
    return Number(raw);
  }

  /** Checks appid, the common fields and the RSA-MD5 signature with the merchant's public key. */
  function checkRequest(params: Params): string | undefined {
    for (const field of COMMON) {
      if (params[field] === undefined || params[field] === '') return `${field} is required`;
    }
    if (params.appid !== appid) return 'appid is invalid';
    if (!verifyKsherPay(params, params.sign as string, merchantPublicKey)) {
      return 'VERIFY_SIGN_FAIL';
    }
    return undefined;
  }

  // --- gateway.ksher.com/api -------------------------------------------------------------------

  const gatewayApis: Record<string, (params: Params) => Promise<Response> | Response> = {
    gateway_pay(params) {
      for (const field of [
        'mch_order_no',
        'channel_list',
        'fee_type',
        'mch_redirect_url',
        'mch_redirect_url_fail',
        'product_name',
      ]) {
        if (!params[field]) return fail(gatewayAnswer, 'PARAM_ERROR', `${field} is required`);
      }
      const amount = amountField(params, 'total_fee');
      if (typeof amount === 'string') return fail(gatewayAnswer, 'PARAM_ERROR', amount);
      const channels = (params.channel_list as string).split(',').filter((c) => c !== '');
      const unknown = channels.find((channel) => !findKsherPayChannel(channel));
      if (unknown !== undefined || channels.length === 0) {
        return fail(
          gatewayAnswer,
          'PARAM_ERROR',
          `channel_list has an unknown channel ${unknown ?? ''}`,
        );
      }
      for (const field of ['mch_redirect_url', 'mch_redirect_url_fail', 'mch_notify_url']) {
        const value = params[field];
        if (value && !URL.canParse(value))
          return fail(gatewayAnswer, 'PARAM_ERROR', `${field} is not a URL`);
      }
      const existing = book.get(params.mch_order_no as string);
      if (existing) {
        // Ksher's own plugin reads `code` 1 as "Order is Paid" (§3).
        if (existing.status === 'SUCCESS') {
          return Response.json({
            code: 1,
            msg: 'Order is Paid',
            data: {},
            message: 'Order is Paid',
          });
        }
        return fail(gatewayAnswer, 'ORDERNOTEXIST', 'mch_order_no already used');
      }
      const order = book.create({
        kind: 'gateway_pay',
        mchOrderNo: params.mch_order_no as string,
        channel: channels[0] as string,
        channelList: channels,
        amount,
        feeType: params.fee_type as string,
        notifyUrl: params.mch_notify_url || null,
        redirectUrl: params.mch_redirect_url as string,
        redirectUrlFail: params.mch_redirect_url_fail as string,
        productName: params.product_name as string,
        attach: params.attach ?? '',
      });
      log(`ksherpay gateway_pay order ${order.mchOrderNo} created: ${amount} ${order.feeType}`);
      const lang = ['en', 'th', 'cn'].includes(params.lang ?? '') ? params.lang : 'en';
      return gatewayAnswer({ pay_content: `${baseUrl}/ua?order_uuid=${order.uuid}&lang=${lang}` });
    },
    gateway_order_query(params) {
      const order = book.get(params.mch_order_no ?? '');
      if (order?.kind !== 'gateway_pay')
        return fail(gatewayAnswer, 'ORDERNOTEXIST', 'order does not exist');
      return gatewayAnswer(gatewayOrderData(order), '操作成功');
    },
    cancel_order(params) {
      const order = book.get(params.mch_order_no ?? '');
      if (order?.kind !== 'gateway_pay')
        return fail(gatewayAnswer, 'ORDERNOTEXIST', 'order does not exist');
      if (order.status !== 'NOTPAY' && order.status !== 'CLOSED') {
        return fail(gatewayAnswer, 'ORDERPAID', `order is ${order.status}`);
      }
      book.setStatus(order, 'CLOSED');
      return gatewayAnswer({
        appid,
        mch_order_no: order.mchOrderNo,
        nonce_str: nonce(),
        result: 'SUCCESS',
      });
    },
  };

  // --- api.mch.ksher.net/KsherPay --------------------------------------------------------------

  async function createApiOrder(kind: KsherPayOrderKind, params: Params): Promise<Response> {
    for (const field of ['mch_order_no', 'fee_type']) {
      if (!params[field]) return fail(apiAnswer, 'PARAM_ERROR', `${field} is required`);
    }
    // wap_pay / mini_program_pay may carry `local_total_fee` instead (§4.10).
    const amount = amountField(
      params.total_fee === undefined && params.local_total_fee !== undefined
        ? { ...params, total_fee: params.local_total_fee }
        : params,
      'total_fee',
    );
    if (typeof amount === 'string') return fail(apiAnswer, 'PARAM_ERROR', amount);
    const channel = params.channel ?? '';
    if (kind !== 'quick_pay' && channel === '')
      return fail(apiAnswer, 'PARAM_ERROR', 'channel is required');
    if (kind === 'native_pay' && !KSHERPAY_QR_CHANNELS.includes(channel)) {
      return fail(apiAnswer, 'PARAM_ERROR', `channel ${channel} does not support native_pay`);
    }
    if (kind === 'quick_pay' && !params.auth_code)
      return fail(apiAnswer, 'PARAM_ERROR', 'auth_code is required');
    if (book.get(params.mch_order_no as string)) {
      return fail(apiAnswer, 'ORDERPAID', 'mch_order_no already used');
    }
    const order = book.create({
      kind,
      mchOrderNo: params.mch_order_no as string,
      // quick_pay detects the wallet from the code when no channel is given (§4.5).
      channel: channel || 'alipay',
      amount,
      feeType: params.fee_type as string,
      notifyUrl: params.notify_url || null,
      redirectUrl: params.redirect_url || null,
      productName: params.product ?? params.product_name ?? '',
      attach: params.attach ?? '',
    });
    log(`ksherpay ${kind} order ${order.mchOrderNo} created: ${amount} ${order.feeType}`);
    const base = { appid, mch_order_no: order.mchOrderNo, nonce_str: nonce() };
    switch (kind) {
      case 'native_pay': {
        order.codeUrl = buildKsherQrPayload({
          channel,
          amount,
          merchantName,
          merchantOrderId: order.mchOrderNo,
          ksherOrderNumber: order.ksherOrderNo,
        });
        return apiAnswer({
          PaymentCode: order.codeUrl,
          PaymentID: order.ksherOrderNo,
          ...base,
          code_url: order.codeUrl,
          device_id: params.device_id ?? '',
          fee_type: order.feeType,
          imgdat: await qrPngDataUri(order.codeUrl),
          ksher_order_no: order.ksherOrderNo,
          result: 'SUCCESS',
          stalls_name: appid.replace(/^mch/, '700'),
          total_fee: amount,
          trade_type: 'NATIVE',
        });
      }
      case 'quick_pay': {
        // Sandbox rule: a code ending in 0 is declined, one ending in 1 waits for the PIN.
        const code = params.auth_code as string;
        if (code.endsWith('1')) {
          return apiAnswer({
            err_code: 'PAYMENT_IN_PROCESS',
            err_msg: 'payment in process',
            ksher_order_no: order.ksherOrderNo,
            ...base,
            result: 'NOTSURE',
          });
        }
        if (code.endsWith('0')) {
          book.setStatus(order, 'PAYERROR');
          return apiAnswer({
            err_code: 'AUTH_CODE_INVALID',
            err_msg: 'auth code invalid',
            ksher_order_no: order.ksherOrderNo,
            ...base,
            result: 'FAIL',
          });
        }
        book.pay(order, order.channel);
        notify(order);
        return apiAnswer({ ...apiOrderData(order), operation: 'QUICK-PAY' });
      }
      case 'wap_pay':
        return apiAnswer({
          ...base,
          ksher_order_no: order.ksherOrderNo,
          pay_url: sandbox.phoneUrl(order.mchOrderNo),
          result: 'SUCCESS',
        });
      default:
        // app_pay / mini_program_pay / jsapi_pay: their answers are not sourced (§11 Q6).
        return apiAnswer({
          ...base,
          ksher_order_no: order.ksherOrderNo,
          result: 'SUCCESS',
          trade_type: kind.toUpperCase(),
        });
    }
  }

  function findApiOrder(params: Params): KsherPaySandboxOrder | undefined {
    return book.findForApi(params);
  }

  const payApis: Record<string, (params: Params) => Promise<Response> | Response> = {
    native_pay: (params) => createApiOrder('native_pay', params),
    quick_pay: (params) => createApiOrder('quick_pay', params),
    app_pay: (params) => createApiOrder('app_pay', params),
    mini_program_pay: (params) => createApiOrder('mini_program_pay', params),
    jsapi_pay: (params) => createApiOrder('jsapi_pay', params),
    wap_pay: (params) => createApiOrder('wap_pay', params),
    async order_query(params) {
      const order = findApiOrder(params);
      if (!order) return fail(apiAnswer, 'ORDERNOTEXIST', 'order does not exist');
      // Ksher's own test expects the QR image back for a native order (§4.6, INFERRED).
      if (order.kind === 'native_pay' && order.codeUrl !== null) {
        return apiAnswer({ ...apiOrderData(order), imgdat: await qrPngDataUri(order.codeUrl) });
      }
      return apiAnswer(apiOrderData(order));
    },
    order_close(params) {
      const order = findApiOrder(params);
      if (!order) return fail(apiAnswer, 'ORDERNOTEXIST', 'order does not exist');
      if (order.status !== 'NOTPAY' && order.status !== 'CLOSED') {
        return fail(apiAnswer, 'ORDERPAID', `order is ${order.status}`);
      }
      book.setStatus(order, 'CLOSED');
      return apiAnswer({
        appid,
        mch_order_no: order.mchOrderNo,
        nonce_str: nonce(),
        result: 'SUCCESS',
      });
    },
    order_reverse(params) {
      const order = findApiOrder(params);
      if (!order) return fail(apiAnswer, 'ORDERNOTEXIST', 'order does not exist');
      if (order.status === 'REFUND' || order.refunds.length > 0) {
        return fail(apiAnswer, 'ORDERREFUNDED', 'order has refunds');
      }
      // Reversing a paid B-scan-C payment gives the money back: modelled as a full refund.
      if (order.status === 'SUCCESS')
        book.refund(order, `reverse-${order.mchOrderNo}`, order.amount);
      else book.setStatus(order, 'CLOSED');
      return apiAnswer({
        appid,
        mch_order_no: order.mchOrderNo,
        nonce_str: nonce(),
        result: 'SUCCESS',
      });
    },
    order_refund(params) {
      const order = findApiOrder(params);
      if (!order) {
        // §4.7: a hosted-page order is not known here by the merchant's own mch_order_no.
        return fail(
          apiAnswer,
          'ORDERNOTEXIST',
          'order does not exist; refund gateway orders by pay_mch_order_no or ksher_order_no',
        );
      }
      if (!params.mch_refund_no) return fail(apiAnswer, 'PARAM_ERROR', 'mch_refund_no is required');
      const amount = amountField(params, 'refund_fee');
      if (typeof amount === 'string') return fail(apiAnswer, 'PARAM_ERROR', amount);
      const total = amountField(params, 'total_fee');
      if (total !== order.amount)
        return fail(apiAnswer, 'PARAM_ERROR', 'total_fee does not match the order');
      if (order.status !== 'SUCCESS')
        return fail(apiAnswer, 'ORDERNOTPAID', `order is ${order.status}`);
      if (order.refunds.some((refund) => refund.mchRefundNo === params.mch_refund_no)) {
        return fail(apiAnswer, 'REFUNDNOEXIST', 'mch_refund_no already used');
      }
      if (amount > order.amount - refundedAmount(order)) {
        return fail(apiAnswer, 'REFUND_FEE_INVALID', 'refund_fee exceeds the refundable amount');
      }
      const refund = book.refund(order, params.mch_refund_no, amount);
      log(`ksherpay order ${order.mchOrderNo} refunded ${amount}`);
      return apiAnswer({
        appid,
        channel_order_no: order.channelOrderNo,
        channel_refund_no: refund.channelRefundNo,
        fee_type: order.feeType,
        ksher_order_no: order.ksherOrderNo,
        ksher_refund_no: refund.ksherRefundNo,
        mch_order_no: params.mch_order_no ?? '',
        mch_refund_no: refund.mchRefundNo,
        nonce_str: nonce(),
        refund_fee: amount,
        result: 'SUCCESS',
        total_fee: order.amount,
      });
    },
    refund_query(params) {
      const order = findApiOrder(params);
      if (!order) return fail(apiAnswer, 'ORDERNOTEXIST', 'order does not exist');
      const refunds = order.refunds.filter(
        (refund) =>
          (!params.mch_refund_no || refund.mchRefundNo === params.mch_refund_no) &&
          (!params.ksher_refund_no || refund.ksherRefundNo === params.ksher_refund_no),
      );
      if (refunds.length === 0) return fail(apiAnswer, 'REFUNDNOTEXIST', 'no refund');
      // Shapes as in the published sample (V5): counts and fees as strings, refunds nested.
      return apiAnswer({
        appid,
        cash_fee: String(order.amount),
        cash_fee_type: order.feeType,
        channel_order_no: order.channelOrderNo,
        fee_type: order.feeType,
        ksher_order_no: order.ksherOrderNo,
        mch_order_no: params.mch_order_no ?? order.mchOrderNo,
        nonce_str: nonce(),
        refund_count: String(refunds.length),
        refund_fee: String(refunds.reduce((sum, refund) => sum + refund.amount, 0)),
        refund_orders: refunds.map((refund) => ({
          channel_refund_no: refund.channelRefundNo,
          ksher_refund_no: refund.ksherRefundNo,
          mch_refund_fee: refund.amount,
          mch_refund_no: refund.mchRefundNo,
          refund_state: 'REFUNDSUCCESS',
          refund_time: refund.refundTime,
        })),
        result: 'SUCCESS',
        time_end: order.timeEnd,
        total_fee: order.amount,
      });
    },
  };

  async function serve(
    request: Request,
    api: string,
    table: typeof payApis,
    answer: typeof apiAnswer,
  ): Promise<Response> {
    const handler = Object.hasOwn(table, api) ? table[api] : undefined;
    if (!handler)
      return Response.json({ code: 404, msg: `Unknown API ${api}`, data: {} }, { status: 404 });
    const params = await readParams(request);
    const problem = checkRequest(params);
    if (problem === 'VERIFY_SIGN_FAIL') {
      // The real reply to a bad signature is unknown (§11 Q5): a FAIL with a non-zero code.
      return Response.json({
        code: 1,
        msg: 'VERIFY_SIGN_FAIL',
        data: {
          err_code: 'VERIFY_SIGN_FAIL',
          err_msg: 'signature verification failed',
          result: 'FAIL',
        },
      });
    }
    if (problem !== undefined) return fail(answer, 'PARAM_ERROR', problem);
    return handler(params);
  }

  const pageContext = {
    merchantName,
    cssUrl: `${options.mountPath}/assets/sandbox.css`,
    phonePath: `${basePath}/phone`,
    findByUuid: (uuid: string) => book.getByUuid(uuid),
    getOrder: (mchOrderNo: string) => book.get(mchOrderNo),
    listOrders: () => book.list(),
    pay: (mchOrderNo: string, channel?: string) =>
      sandbox.pay(mchOrderNo, channel === undefined ? {} : { channel }),
    decline: (mchOrderNo: string) => sandbox.decline(mchOrderNo),
  };

  const app = new Hono({ strict: false }).basePath(basePath);
  app.on(['GET', 'POST'], '/KsherPay/:api', (c) =>
    serve(c.req.raw, c.req.param('api'), payApis, apiAnswer),
  );
  app.on(['GET', 'POST'], '/api/:api', (c) =>
    serve(c.req.raw, c.req.param('api'), gatewayApis, gatewayAnswer),
  );
  app.on(['GET', 'POST'], '/ua', (c) => handleKsherPayHostedPage(c.req.raw, pageContext));
  app.get('/phone', (c) => handleKsherPayPhonePage(c.req.raw, undefined, pageContext));
  app.on(['GET', 'POST'], '/phone/:id', (c) =>
    handleKsherPayPhonePage(c.req.raw, c.req.param('id'), pageContext),
  );
  app.route(
    '/_control',
    createControlApp<KsherPaySandboxOrder, { channel?: string }>(
      {
        listOrders: () => book.list(),
        getOrder: (id) => book.get(id),
        pay: (id, payOptions) => sandbox.pay(id, payOptions),
        decline: (id) => sandbox.decline(id),
        expire: (id) => sandbox.expire(id),
        faults: sandbox.faults,
        deliveries: () => deliveries.deliveries(),
      },
      {
        parsePayOptions(body) {
          if (body.channel === undefined) return {};
          return typeof body.channel === 'string' && findKsherPayChannel(body.channel)
            ? { channel: body.channel }
            : 'channel must be a KsherPay channel';
        },
      },
    ),
  );
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: 'Unknown KsherPay sandbox path' } }, 404),
  );

  return {
    sandbox,
    async fetch(request) {
      const path = new URL(request.url).pathname.slice(basePath.length);
      const dispatch = async () => app.fetch(request);
      // Faults hit the two gateway APIs only, never pages or the control API.
      if (!path.startsWith('/KsherPay/') && !path.startsWith('/api/')) return dispatch();
      return faults.run(request, dispatch, (status) =>
        Response.json(
          { code: status, msg: `Injected fault: HTTP ${status}`, data: {} },
          { status },
        ),
      );
    },
    close() {
      deliveries.close();
      faults.close(() =>
        Response.json({ code: 504, msg: 'Gateway Timeout', data: {} }, { status: 504 }),
      );
    },
  };
}
