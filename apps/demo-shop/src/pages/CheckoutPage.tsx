import { Checkout } from '@localpay/checkout-react';
import { useCart } from '../cart-store.ts';
import { Link } from '../router.tsx';

export function CheckoutPage() {
  const lines = useCart((state) => state.lines);

  if (lines.length === 0) {
    return (
      <section aria-labelledby="checkout-heading">
        <h1 id="checkout-heading">Checkout</h1>
        <p>Your cart is empty.</p>
        <Link to="/">Browse products</Link>
      </section>
    );
  }

  return (
    <section aria-labelledby="checkout-heading">
      <h1 id="checkout-heading">Checkout</h1>
      <Checkout
        cart={{ items: lines }}
        currency="THB"
        returnUrl={`${window.location.origin}/order`}
      />
    </section>
  );
}
