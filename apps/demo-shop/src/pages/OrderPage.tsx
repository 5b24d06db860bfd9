import { type CheckoutSession, formatMoney, RETURN_SESSION_PARAM } from '@localpay/checkout-core';
import { PaymentReturn } from '@localpay/checkout-react';
import { useQuery } from '@tanstack/react-query';
import { useCart } from '../cart-store.ts';
import { Link, useLocation } from '../router.tsx';
import { EmptyPage } from './EmptyPage.tsx';

interface OrderSummary {
  id: string;
  status: string;
  amount: number;
  currency: string;
  lines: Array<{ sku: string; name: string; quantity: number; unitAmount: number }>;
}

export function OrderPage() {
  const { search } = useLocation();
  const sessionId = new URLSearchParams(search).get(RETURN_SESSION_PARAM);
  const clearCart = useCart((state) => state.clear);
  const order = useQuery({
    queryKey: ['order', sessionId],
    enabled: sessionId !== null,
    queryFn: async (): Promise<OrderSummary> => {
      const response = await fetch(`/api/orders/${encodeURIComponent(sessionId ?? '')}`);
      if (!response.ok) throw new Error(`Order failed: HTTP ${response.status}`);
      return response.json();
    },
  });

  if (!sessionId) {
    return <EmptyPage heading="Order" message="No order to show." />;
  }

  return (
    <section aria-labelledby="order-heading">
      <h1 id="order-heading">Your order</h1>
      <PaymentReturn
        onSuccess={(_session: CheckoutSession) => {
          clearCart();
          void order.refetch();
        }}
      />
      {order.data && (
        <table className="cart">
          <caption>Order {order.data.id}</caption>
          <tbody>
            {order.data.lines.map((line) => (
              <tr key={line.sku}>
                <th scope="row">
                  {line.name} × {line.quantity}
                </th>
                <td className="numeric">
                  {formatMoney(line.unitAmount * line.quantity, order.data.currency)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="numeric">{formatMoney(order.data.amount, order.data.currency)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      <p>
        <Link to="/">Continue shopping</Link>
      </p>
    </section>
  );
}
