import { OrderStatus } from './order-status.tsx';

export default function OrderPage() {
  return (
    <section aria-labelledby="order-heading">
      <h1 id="order-heading">Your order</h1>
      <OrderStatus />
      <p>
        <a href="/">Back to the shop</a>
      </p>
    </section>
  );
}
