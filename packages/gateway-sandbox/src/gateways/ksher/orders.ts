import { randomBytes, randomInt } from 'node:crypto';

/** Order states of the vip gateway (ksher.md §6). A timed-out order is `Closed` (its spelling is unknown). */
export type KsherOrderStatus = 'Available' | 'Paid' | 'Closed' | 'Refunded';
export type KsherCloseReason = 'declined' | 'expired' | 'cancelled';
/** The API an order was created through: its path segment `/api/v1/{type}/orders` (ksher.md §4). */
export type KsherOrderType = 'redirect' | 'cscanb' | 'bscanc' | 'miniapp' | 'app';

/** Text fields of the wire record that depend on the order type; unset ones go out as "False". */
export interface KsherWireFields {
  reference?: string;
  reserved1?: string;
  reserved2?: string;
  reserved3?: string;
  reserved4?: string;
}

export interface KsherSandboxRefund {
  refundOrderId: string;
  id: string;
  amount: number;
  createdAt: string;
}

/** A snapshot of one emulated order; changing it changes nothing in the sandbox. */
export interface KsherSandboxOrder {
  merchantOrderId: string;
  type: KsherOrderType;
  /** Gateway record id (`id` on the wire). */
  id: string;
  gatewayOrderId: string;
  orderUuid: string;
  /** `reference` on the wire: hosted page (redirect), orderStr / prepay_id (miniapp, app), else ''. */
  reference: string;
  /** C scan B: the EMVCo text inside the QR image. */
  qrPayload: string | undefined;
  amount: number;
  currency: 'THB';
  status: KsherOrderStatus;
  closeReason: KsherCloseReason | undefined;
  /** Channels the order was created with (`channel` request field, split on commas). */
  channels: string[];
  /** The paying channel; `''` until paid (or the single requested channel). */
  channel: string;
  acquirerOrderId: string;
  channelOrderId: string;
  redirectUrl: string;
  redirectUrlFail: string;
  note: string | undefined;
  mid: string | undefined;
  productName: string | undefined;
  refundedAmount: number;
  refunds: KsherSandboxRefund[];
  createdAt: string;
  paidAt: string | undefined;
}

export interface KsherOrderInput {
  /** Default `redirect`. */
  type?: KsherOrderType;
  merchantOrderId: string;
  amount: number;
  /** '' for the types without a browser return (every type but redirect). */
  redirectUrl: string;
  redirectUrlFail: string;
  channels: string[];
  /** Overrides the redirect defaults (hosted page link, KsherPay order number). */
  wire?: KsherWireFields;
  qrPayload?: string;
  note?: string | undefined;
  mid?: string | undefined;
  productName?: string | undefined;
}

export type KsherRefundResult =
  | { ok: true; order: KsherSandboxOrder; refund: KsherSandboxRefund }
  | { ok: false; message: string };

export interface KsherOrderBook {
  create(input: KsherOrderInput): KsherSandboxOrder;
  get(merchantOrderId: string): KsherSandboxOrder | undefined;
  getByUuid(orderUuid: string): KsherSandboxOrder | undefined;
  list(): KsherSandboxOrder[];
  /** Available → Paid. Undefined when the order is missing or no longer Available. */
  markPaid(merchantOrderId: string, channel: string, at?: Date): KsherSandboxOrder | undefined;
  /** The open or closed C scan B order whose QR carries exactly this payload. */
  getByQrPayload(payload: string): KsherSandboxOrder | undefined;
  /** Available → Closed. Undefined when the order is missing or no longer Available. */
  close(merchantOrderId: string, reason: KsherCloseReason): KsherSandboxOrder | undefined;
  refund(merchantOrderId: string, refundOrderId: string, amount: number): KsherRefundResult;
}

/** Formats a Date like the gateway's `order_date`: UTC with microseconds (ksher.md §5). */
export function ksherOrderDate(date: Date): string {
  const iso = date.toISOString(); // 2021-08-12T10:49:20.949Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** yyMMddHHmmss in Bangkok time + 4 digits, the KsherPay-side order number seen in `reserved1`. */
export function ksherPayOrderNumber(date: Date): string {
  const bangkok = new Date(date.getTime() + 7 * 3600_000).toISOString();
  const stamp = bangkok.slice(2, 19).replace(/[-T:]/g, '');
  return `${stamp}${String(randomInt(10_000)).padStart(4, '0')}`;
}

export function digits(count: number): string {
  let out = '';
  while (out.length < count) out += String(randomInt(1_000_000_000)).padStart(9, '0');
  return out.slice(0, count);
}

export interface KsherStoredOrder extends KsherSandboxOrder {
  reserved1: string;
  reserved2: string;
  reserved3: string;
  reserved4: string;
  orderDate: string;
}

export function createKsherOrderBook(options: {
  baseUrl: string;
  hostLabel: string;
  now?: () => Date;
}): KsherOrderBook & { stored(merchantOrderId: string): KsherStoredOrder | undefined } {
  const now = options.now ?? (() => new Date());
  const orders = new Map<string, KsherStoredOrder>();
  const byUuid = new Map<string, KsherStoredOrder>();
  const byQrPayload = new Map<string, KsherStoredOrder>();
  const refundIds = new Set<string>();
  let nextId = 1;

  const snapshot = (order: KsherStoredOrder): KsherSandboxOrder => {
    const {
      reserved1: _r1,
      reserved2: _r2,
      reserved3: _r3,
      reserved4: _r4,
      orderDate: _d,
      ...pub
    } = order;
    return { ...pub, channels: [...order.channels], refunds: order.refunds.map((r) => ({ ...r })) };
  };

  function pay(order: KsherStoredOrder, channel: string, at: Date) {
    order.status = 'Paid';
    order.paidAt = at.toISOString();
    order.channel = channel;
    order.acquirerOrderId = `900${ksherPayOrderNumber(at)}${digits(4)}`;
    order.channelOrderId = digits(28);
  }

  return {
    create(input) {
      const at = now();
      const id = String(nextId++);
      const orderUuid = randomBytes(16).toString('hex');
      const type = input.type ?? 'redirect';
      const order: KsherStoredOrder = {
        merchantOrderId: input.merchantOrderId,
        type,
        id,
        gatewayOrderId: `${options.hostLabel}${id}`,
        orderUuid,
        reference:
          input.wire?.reference ??
          (type === 'redirect' ? `${options.baseUrl}/ua?order_uuid=${orderUuid}` : ''),
        qrPayload: input.qrPayload,
        amount: input.amount,
        currency: 'THB',
        status: 'Available',
        closeReason: undefined,
        channels: [...input.channels],
        // One requested channel skips the gateway's channel picker, so it is the paying channel.
        channel: input.channels.length === 1 ? (input.channels[0] as string) : '',
        acquirerOrderId: '',
        channelOrderId: '',
        redirectUrl: input.redirectUrl,
        redirectUrlFail: input.redirectUrlFail,
        note: input.note,
        mid: input.mid,
        productName: input.productName,
        refundedAmount: 0,
        refunds: [],
        createdAt: at.toISOString(),
        paidAt: undefined,
        reserved1: input.wire?.reserved1 ?? ksherPayOrderNumber(at),
        reserved2: input.wire?.reserved2 ?? 'False',
        reserved3: input.wire?.reserved3 ?? 'False',
        reserved4: input.wire?.reserved4 ?? 'False',
        orderDate: ksherOrderDate(at),
      };
      orders.set(order.merchantOrderId, order);
      // Only redirect orders have a hosted page to look up by uuid.
      if (type === 'redirect') byUuid.set(orderUuid, order);
      if (input.qrPayload) byQrPayload.set(input.qrPayload, order);
      return snapshot(order);
    },
    get(merchantOrderId) {
      const order = orders.get(merchantOrderId);
      return order && snapshot(order);
    },
    stored: (merchantOrderId) => orders.get(merchantOrderId),
    getByUuid(orderUuid) {
      const order = byUuid.get(orderUuid);
      return order && snapshot(order);
    },
    getByQrPayload(payload) {
      const order = byQrPayload.get(payload);
      return order && snapshot(order);
    },
    list: () => [...orders.values()].map(snapshot),
    markPaid(merchantOrderId, channel, at) {
      const order = orders.get(merchantOrderId);
      if (order?.status !== 'Available') return undefined;
      pay(order, channel, at ?? now());
      return snapshot(order);
    },
    close(merchantOrderId, reason) {
      const order = orders.get(merchantOrderId);
      if (order?.status !== 'Available') return undefined;
      order.status = 'Closed';
      order.closeReason = reason;
      return snapshot(order);
    },
    refund(merchantOrderId, refundOrderId, amount) {
      const order = orders.get(merchantOrderId);
      if (!order) return { ok: false, message: 'Order does not exist' };
      if (order.status !== 'Paid') {
        return { ok: false, message: `Order is not refundable: status ${order.status}` };
      }
      if (refundIds.has(refundOrderId)) {
        return { ok: false, message: 'refund_order_id already exists' };
      }
      const remaining = order.amount - order.refundedAmount;
      if (amount > remaining) {
        return {
          ok: false,
          message: `Refund amount ${amount} exceeds the refundable amount ${remaining}`,
        };
      }
      refundIds.add(refundOrderId);
      const refund: KsherSandboxRefund = {
        refundOrderId,
        id: String(nextId++),
        amount,
        createdAt: now().toISOString(),
      };
      order.refunds.push(refund);
      order.refundedAmount += amount;
      // Partial refunds keep the order Paid (real behaviour unknown); a full refund makes it Refunded.
      if (order.refundedAmount === order.amount) order.status = 'Refunded';
      return { ok: true, order: snapshot(order), refund: { ...refund } };
    },
  };
}
