import type { PaymentMethod, QrNextAction } from '@localpay/checkout-core';
import { GatewayError } from '../../errors.ts';
import { isHttpUrl } from '../../http-url.ts';
import type { Logger } from '../../logger.ts';
import { renderQrSvg } from '../../qr/qr-svg.ts';
import type { OrderLine, OrderRecord } from '../../store/order-store.ts';
import type { GatewayAdapter, GatewayPaymentState } from '../gateway.ts';
import { sanitizeGatewayMessage } from '../gateway-message.ts';
import { orderDescription } from '../order-description.ts';
import { createKesspayBasicAuth, createKesspayOAuth, type KesspayAuth } from './auth.ts';
import {
  createKesspayClient,
  type KesspayCallRecord,
  KesspayError,
  type KesspayOrderInfo,
} from './client.ts';
import type { ResolvedKesspayConfig } from './config.ts';
import { isNativePayServiceCode, KESSPAY_WEBPAY_METHOD, kesspayMethodLabel } from './methods.ts';
import { KESSPAY_CURRENCIES, kesspayMinorAmount } from './money.ts';
import { mapKesspayStatus } from './status.ts';
import { readKesspayNotify, verifyKesspayNotify } from './webhook.ts';

export const KESSPAY_PROVIDER = 'kesspay';

export interface KesspayAdapterOptions {
  config: ResolvedKesspayConfig;
  fetch?: typeof fetch;
  now: () => Date;
  logger?: Logger;
  onCall?: (call: KesspayCallRecord) => void | Promise<void>;
  /** How long a getpaymentmethods answer is used; default 600000 (10 minutes). */
  methodsCacheMs?: number;
}

/** A KessPay adapter also refreshes its method list from getpaymentmethods. */
export interface KesspayAdapter extends GatewayAdapter {
  refreshMethods(): Promise<void>;
}

/**
 * `out_trade_no` must be at most 32 of `[A-Za-z0-9-]` (kesspay.md §3, the stricter of the two
 * sources), so the session id's `_` becomes `-` (`cs_ab12…` → `cs-ab12…`), reversibly.
 */
export function kesspayOutTradeNo(merchantOrderId: string): string {
  return merchantOrderId.replaceAll('_', '-');
}

export function merchantOrderIdFromOutTradeNo(outTradeNo: string): string {
  return /^cs-[0-9a-f]+$/.test(outTradeNo) ? `cs_${outTradeNo.slice(3)}` : outTradeNo;
}

export function createKesspayAdapter(options: KesspayAdapterOptions): KesspayAdapter {
  const { config, now } = options;
  const cacheMs = options.methodsCacheMs ?? 600_000;
  const auth: KesspayAuth =
    config.authMode === 'basic'
      ? createKesspayBasicAuth(config)
      : createKesspayOAuth({
          baseUrl: config.baseUrl,
          clientId: config.clientId as string,
          clientSecret: config.clientSecret as string,
          username: config.username,
          password: config.password,
          timeoutMs: config.timeoutMs,
          now,
          ...(options.fetch && { fetch: options.fetch }),
          ...(options.onCall && {
            onTokenCall: (call) =>
              options.onCall?.({ merchantOrderId: '', service: 'oauth/token', ...call }),
          }),
        });
  const client = createKesspayClient({
    baseUrl: config.baseUrl,
    auth,
    apiSecretKey: config.apiSecretKey,
    sellerCode: config.sellerCode,
    signType: config.signType,
    timeoutMs: config.timeoutMs,
    ...(options.fetch && { fetch: options.fetch }),
    // The client knows out_trade_no; the event log is keyed by our merchantOrderId.
    ...(options.onCall && {
      onCall: (call: KesspayCallRecord) =>
        options.onCall?.({
          ...call,
          merchantOrderId: merchantOrderIdFromOutTradeNo(call.merchantOrderId),
        }),
    }),
  });

  const webpay: PaymentMethod = {
    id: `${KESSPAY_PROVIDER}.${KESSPAY_WEBPAY_METHOD}`,
    provider: KESSPAY_PROVIDER,
    flow: 'redirect',
    label: 'KessPay (card, KHQR, bank apps)',
    currencies: [...KESSPAY_CURRENCIES],
  };
  const qrMethod = (code: string, title?: string): PaymentMethod => ({
    id: `${KESSPAY_PROVIDER}.${code.toLowerCase()}`,
    provider: KESSPAY_PROVIDER,
    flow: 'qr',
    label: kesspayMethodLabel(code, title),
    currencies: [...KESSPAY_CURRENCIES],
  });
  // Method id → nativePay service code.
  let serviceCodes = new Map<string, string>();
  let methods: PaymentMethod[] = [];
  function adoptServiceCodes(entries: Array<{ code: string; title?: string }>) {
    serviceCodes = new Map(entries.map(({ code }) => [qrMethod(code).id, code]));
    methods = [webpay, ...entries.map(({ code, title }) => qrMethod(code, title))];
  }
  adoptServiceCodes(config.qrServiceCodes.map((code) => ({ code })));
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let refreshing: Promise<void> | undefined;

  async function loadMethods(): Promise<void> {
    try {
      const listed = await client.getPaymentMethods();
      const entries: Array<{ code: string; title?: string }> = [];
      for (const entry of listed) {
        const code = typeof entry.bic === 'string' ? entry.bic.trim().toUpperCase() : '';
        if (!isNativePayServiceCode(code) || entries.some((e) => e.code === code)) continue;
        entries.push({ code, ...(typeof entry.title === 'string' && { title: entry.title }) });
      }
      adoptServiceCodes(entries);
      fetchedAt = now().getTime();
    } catch (error) {
      // Keep what we had (the configured list at first); retried on the next listing.
      options.logger?.log(
        'warn',
        'KessPay getpaymentmethods failed; offering the configured kesspay.qrServiceCodes',
        { error: error instanceof Error ? error.message : 'unknown error' },
      );
    }
  }

  function toState(order: OrderRecord, answer: KesspayOrderInfo): GatewayPaymentState {
    if (answer.out_trade_no !== kesspayOutTradeNo(order.merchantOrderId)) {
      throw new GatewayError('invalid_response', 'KessPay answered about a different order', 200);
    }
    const status = typeof answer.status === 'string' ? answer.status : undefined;
    const state: GatewayPaymentState = { exists: true, raw: status ?? 'no status' };
    const mapped = mapKesspayStatus({
      status,
      cancelRequested: order.cancelRequested,
      pastExpiry: now().getTime() > Date.parse(order.expiresAt),
    });
    if (mapped) {
      state.status = mapped.status;
      if (mapped.failureReason !== undefined) state.failureReason = mapped.failureReason;
    }
    if (typeof answer.currency === 'string') {
      state.currency = answer.currency;
      const amount = kesspayMinorAmount(answer.total_amount, answer.currency);
      if (amount !== undefined) state.amount = amount;
    }
    if (typeof answer.transaction_id === 'string' && answer.transaction_id !== '') {
      state.gatewayOrderId = answer.transaction_id;
    }
    // Only the hosted page can be resumed from a query: a nativePay QR is not in OrderInfo.
    if (
      order.methodId === webpay.id &&
      typeof answer.payment_link === 'string' &&
      isHttpUrl(answer.payment_link)
    ) {
      state.gatewayReference = answer.payment_link;
      if (mapped?.status === 'pending') state.next = { type: 'redirect', url: answer.payment_link };
    }
    return state;
  }

  const adapter: KesspayAdapter = {
    provider: KESSPAY_PROVIDER,

    listMethods: () => methods.map((method) => ({ ...method, currencies: [...method.currencies] })),

    refreshMethods() {
      if (now().getTime() - fetchedAt < cacheMs) return Promise.resolve();
      refreshing ??= loadMethods().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },

    async createPayment(order, urls) {
      const outTradeNo = kesspayOutTradeNo(order.merchantOrderId);
      const expiresInSeconds = Math.max(
        60,
        Math.floor((Date.parse(order.expiresAt) - now().getTime()) / 1000),
      );
      const common = {
        outTradeNo,
        body: kesspayOrderBody(order.lines, order.id),
        amount: order.amount,
        currency: order.currency,
        notifyUrl: config.notifyUrl,
        expiresInSeconds,
      };
      try {
        if (order.methodId === webpay.id) {
          // The session service requires a returnUrl for every redirect method.
          if (!urls) throw new Error('A KessPay WebPay order needs a return URL');
          const answer = await client.createOrder({
            ...common,
            redirectUrl: urls.successUrl,
            detail: order.lines.map((line, index) => ({
              no: index + 1,
              name: line.name,
              price: line.unitAmount,
              qty: line.quantity,
            })),
          });
          if (typeof answer.payment_link !== 'string' || !isHttpUrl(answer.payment_link)) {
            throw new GatewayError(
              'invalid_response',
              'KessPay answered without a payment_link',
              200,
            );
          }
          return {
            next: { type: 'redirect', url: answer.payment_link },
            gatewayReference: answer.payment_link,
            ...(typeof answer.transaction_id === 'string' &&
              answer.transaction_id !== '' && { gatewayOrderId: answer.transaction_id }),
          };
        }
        const serviceCode = serviceCodes.get(order.methodId);
        if (!serviceCode) {
          throw new GatewayError(
            'rejected',
            `KessPay method ${order.methodId} is no longer offered`,
          );
        }
        const answer = await client.nativePay({ ...common, serviceCode });
        const qrText = [answer.qrcode, answer.deeplink, answer.qrcode_link].find(
          (value): value is string => typeof value === 'string' && value !== '',
        );
        if (!qrText) {
          throw new GatewayError(
            'invalid_response',
            'KessPay answered nativePay without a QR code',
            200,
          );
        }
        const next: QrNextAction = {
          type: 'qr',
          svg: await renderQrSvg(qrText, {
            title: `${kesspayMethodLabel(serviceCode)} payment QR code`,
          }),
          payload: qrText,
          expiresAt: qrExpiry(order.expiresAt, answer.expires_in, now()),
        };
        if (typeof answer.deeplink === 'string' && isAppLink(answer.deeplink)) {
          next.deeplink = answer.deeplink;
        }
        const transactionId = answer.order_info?.transaction_id;
        return {
          next,
          ...(typeof transactionId === 'string' &&
            transactionId !== '' && { gatewayOrderId: transactionId }),
        };
      } catch (error) {
        if (!(error instanceof KesspayError) || error.code !== 'DUPLICATED') throw error;
        // 409: an earlier attempt got through (the create is retried with the same out_trade_no).
        const existing = toState(order, await client.queryOrder(outTradeNo));
        if (
          existing.next &&
          existing.amount === order.amount &&
          existing.currency === order.currency
        ) {
          return {
            next: existing.next,
            ...(existing.gatewayReference !== undefined && {
              gatewayReference: existing.gatewayReference,
            }),
            ...(existing.gatewayOrderId !== undefined && {
              gatewayOrderId: existing.gatewayOrderId,
            }),
          };
        }
        throw error;
      }
    },

    async queryPayment(order) {
      try {
        return toState(order, await client.queryOrder(kesspayOutTradeNo(order.merchantOrderId)));
      } catch (error) {
        if (error instanceof KesspayError && error.code === 'NOT_FOUND') {
          return { exists: false, raw: error.message };
        }
        throw error;
      }
    },

    async cancelPayment(order) {
      try {
        const answer = await client.closeOrder(kesspayOutTradeNo(order.merchantOrderId));
        const status = String(answer.status ?? '').toUpperCase();
        return status === 'CLOSED' || status === 'EXPIRED';
      } catch (error) {
        // 419: the order expired at the gateway, so it can no longer be paid either.
        if (error instanceof KesspayError && error.code === 'EXPIRED') return true;
        if (
          error instanceof GatewayError &&
          error.kind === 'rejected' &&
          error.httpStatus !== 401 &&
          error.httpStatus !== 403
        ) {
          return false;
        }
        throw error;
      }
    },

    async refundPayment(order, input) {
      try {
        const answer = await client.refund({
          outTradeNo: kesspayOutTradeNo(order.merchantOrderId),
          reason: `Refund ${input.refundId}`,
          currency: order.currency,
          merchantReference: input.refundId,
          // Always explicit unless the whole order is refunded at once: what "no amount" means
          // after an earlier partial refund is not documented.
          ...(input.amount !== order.amount && { partialAmount: input.amount }),
        });
        const status = String(answer.status ?? '').toUpperCase();
        if (
          ['FAILED', 'REJECTED', 'DECLINED'].includes(status) ||
          (typeof answer.rejected_reason === 'string' && answer.rejected_reason !== '')
        ) {
          return {
            refunded: false,
            message: sanitizeGatewayMessage(String(answer.rejected_reason || status)),
          };
        }
        return { refunded: true };
      } catch (error) {
        if (error instanceof GatewayError && error.kind === 'rejected') {
          return { refunded: false, message: error.message };
        }
        throw error;
      }
    },

    webhook: {
      path: '/webhooks/kesspay',
      method: 'POST',
      // Any 2xx stops the re-pushes; the body is ignored (kesspay.md §5).
      successBody: { success: true },
      async verify(request) {
        const read = await readKesspayNotify(request);
        if (!read.ok) return { valid: false, reason: read.reason, params: {} };
        const result = verifyKesspayNotify(read.params, config.apiSecretKey);
        if (!result.valid) {
          return {
            valid: false,
            reason: result.reason,
            params: result.params,
            ...(result.outTradeNo !== undefined && {
              merchantOrderId: merchantOrderIdFromOutTradeNo(result.outTradeNo),
            }),
          };
        }
        return {
          valid: true,
          merchantOrderId: merchantOrderIdFromOutTradeNo(result.outTradeNo),
          dedupeKey: result.dedupeKey,
          hint: result.status,
          params: result.params,
        };
      },
    },
  };
  return adapter;
}

/**
 * `body` (order description): the line names, Khmer kept, control characters removed and no
 * surrounding spaces (Laravel trims inputs before checking the sign, §2.2); at most 100 characters.
 */
export function kesspayOrderBody(lines: OrderLine[], orderId: string): string {
  return orderDescription(lines, orderId, 100);
}

/** The QR is valid until the earlier of our session's end and the gateway's `expires_in`. */
function qrExpiry(sessionExpiresAt: string, expiresIn: unknown, at: Date): string {
  const seconds = Number(expiresIn);
  const session = Date.parse(sessionExpiresAt);
  if (!Number.isFinite(seconds) || seconds <= 0) return new Date(session).toISOString();
  return new Date(Math.min(session, at.getTime() + seconds * 1000)).toISOString();
}

/** A deeplink the browser may open: http(s) or a bank app scheme, never javascript:/data:. */
function isAppLink(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const scheme = new URL(value).protocol.slice(0, -1).toLowerCase();
  return !['javascript', 'data', 'vbscript', 'file', 'blob'].includes(scheme);
}
