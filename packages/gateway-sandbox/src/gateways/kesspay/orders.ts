import { randomBytes } from 'node:crypto';

/** WAITING → SUCCESS | CLOSED | FAILED | EXPIRED; SUCCESS → PARTIAL_REFUNDED → REFUNDED (kesspay.md §4). */
export type KesspayOrderStatus =
  | 'WAITING'
  | 'SUCCESS'
  | 'CLOSED'
  | 'FAILED'
  | 'EXPIRED'
  | 'PARTIAL_REFUNDED'
  | 'REFUNDED';

export type KesspayOrderKind = 'webpay' | 'nativepay';

export interface KesspaySandboxRefund {
  transactionId: string;
  merchantReference: string | null;
  /** Minor units. */
  amount: number;
  reason: string;
  createdAt: string;
}

export interface KesspaySandboxOrder {
  outTradeNo: string;
  /** Random id in the payment link. */
  token: string;
  kind: KesspayOrderKind;
  body: string;
  /** Minor units: cents for USD, riel for KHR. */
  amount: number;
  currency: 'USD' | 'KHR';
  status: KesspayOrderStatus;
  serviceCode: string | null;
  notifyUrl: string | null;
  redirectUrl: string | null;
  signType: 'MD5' | 'HMAC-SHA256';
  transactionId: string | null;
  detail: unknown;
  qrcode: string | null;
  createdAt: string;
  expiredAt: string;
  paidAt: string | null;
  paymentMethodBic: string | null;
  refunds: KesspaySandboxRefund[];
}

export interface NewKesspayOrder {
  outTradeNo: string;
  kind: KesspayOrderKind;
  body: string;
  amount: number;
  currency: 'USD' | 'KHR';
  serviceCode: string | null;
  notifyUrl: string | null;
  redirectUrl: string | null;
  signType: 'MD5' | 'HMAC-SHA256';
  detail: unknown;
  expiresInSeconds: number;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC+7 (Phnom Penh), the Laravel format of §4/§9. */
export function kesspayTimestamp(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `onExpired` runs when a read finds a WAITING order past its expired_at (lazy expiry). */
export function createKesspayOrderBook(
  now: () => Date,
  onExpired: (order: KesspaySandboxOrder) => void,
) {
  const orders = new Map<string, KesspaySandboxOrder>();
  let sequence = 0;
  const transactionId = () => {
    sequence += 1;
    return `KP${kesspayTimestamp(now()).replace(/\D/g, '')}${String(sequence).padStart(6, '0')}`;
  };

  /** Lazy expiry: a WAITING order past expired_at is EXPIRED on the next read. */
  function refresh(order: KesspaySandboxOrder | undefined): KesspaySandboxOrder | undefined {
    if (order && order.status === 'WAITING' && now().getTime() > Date.parse(order.expiredAt)) {
      order.status = 'EXPIRED';
      onExpired(order);
    }
    return order;
  }

  return {
    get: (outTradeNo: string) => refresh(orders.get(outTradeNo)),
    getByToken(token: string) {
      for (const order of orders.values()) if (order.token === token) return refresh(order);
      return undefined;
    },
    list: () => [...orders.values()].map((order) => refresh(order) as KesspaySandboxOrder),
    create(input: NewKesspayOrder): KesspaySandboxOrder {
      const at = now();
      const order: KesspaySandboxOrder = {
        outTradeNo: input.outTradeNo,
        token: randomBytes(16).toString('hex'),
        kind: input.kind,
        body: input.body,
        amount: input.amount,
        currency: input.currency,
        status: 'WAITING',
        serviceCode: input.serviceCode,
        notifyUrl: input.notifyUrl,
        redirectUrl: input.redirectUrl,
        signType: input.signType,
        transactionId: null,
        detail: input.detail,
        qrcode: null,
        createdAt: at.toISOString(),
        expiredAt: new Date(at.getTime() + input.expiresInSeconds * 1000).toISOString(),
        paidAt: null,
        paymentMethodBic: null,
        refunds: [],
      };
      orders.set(order.outTradeNo, order);
      return order;
    },
    pay(order: KesspaySandboxOrder, bic: string) {
      order.status = 'SUCCESS';
      order.transactionId = transactionId();
      order.paidAt = now().toISOString();
      order.paymentMethodBic = bic;
    },
    setStatus(order: KesspaySandboxOrder, status: KesspayOrderStatus) {
      order.status = status;
    },
    refund(
      order: KesspaySandboxOrder,
      input: { amount: number; reason: string; merchantReference: string | null },
    ): KesspaySandboxRefund {
      const refund: KesspaySandboxRefund = {
        transactionId: transactionId(),
        merchantReference: input.merchantReference,
        amount: input.amount,
        reason: input.reason,
        createdAt: now().toISOString(),
      };
      order.refunds.push(refund);
      const refunded = order.refunds.reduce((sum, entry) => sum + entry.amount, 0);
      order.status = refunded >= order.amount ? 'REFUNDED' : 'PARTIAL_REFUNDED';
      return refund;
    },
    findRefund(query: { transactionId?: string; merchantReference?: string }) {
      for (const order of orders.values()) {
        for (const refund of order.refunds) {
          if (
            (query.transactionId && refund.transactionId === query.transactionId) ||
            (query.merchantReference && refund.merchantReference === query.merchantReference)
          ) {
            return { order, refund };
          }
        }
      }
      return undefined;
    },
  };
}

export type KesspayOrderBook = ReturnType<typeof createKesspayOrderBook>;
