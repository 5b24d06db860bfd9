import type { CheckoutSession } from '@localpay/checkout-core';
import type { OrderRecord } from '../store/order-store.ts';

const REASON_STATUSES = new Set(['failed', 'cancelled', 'expired']);

/** The browser's view of an order: no lines, gateway ids, events or hook state. */
export function toCheckoutSession(order: OrderRecord): CheckoutSession {
  const session: CheckoutSession = {
    id: order.id,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    methodId: order.methodId,
    provider: order.provider,
    expiresAt: order.expiresAt,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
  if (order.status === 'pending' && order.next) session.next = order.next;
  if (REASON_STATUSES.has(order.status) && order.failureReason) {
    session.failureReason = order.failureReason;
  }
  return session;
}
