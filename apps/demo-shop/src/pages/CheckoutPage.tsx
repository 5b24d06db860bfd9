import { Checkout } from '@localpay/checkout-react';
import { useCart } from '../cart-store.ts';
import { useCatalog } from '../catalog.ts';
import { navigate } from '../router.tsx';
import { EmptyPage } from './EmptyPage.tsx';

export function CheckoutPage() {
  const lines = useCart((state) => state.lines);
  const catalog = useCatalog();
  // Shown on the Pay button and used to grey out methods whose limits exclude it; the server
  // prices the cart again and its amount is the one charged.
  const amount = catalog.data?.products.reduce((sum, product) => {
    const line = lines.find((l) => l.sku === product.sku);
    return line ? sum + product.unitAmount * line.quantity : sum;
  }, 0);

  if (lines.length === 0) {
    return <EmptyPage heading="Checkout" message="Your cart is empty." />;
  }

  return (
    <section aria-labelledby="checkout-heading">
      <h1 id="checkout-heading">Checkout</h1>
      <Checkout
        cart={{ items: lines }}
        currency="THB"
        amount={amount}
        merchantName="Siam Crafts"
        // QR payments complete on this page: show the order like a redirect return would.
        onSuccess={(session) =>
          navigate(`/order?checkout_session=${encodeURIComponent(session.id)}`)
        }
        returnUrl="/order"
      />
      {catalog.data?.sandbox && (
        <p className="sandbox-hint">
          Sandbox: pay a QR code from the{' '}
          <a href={catalog.data.sandbox.phoneUrl} target="_blank" rel="noreferrer">
            simulated payer's phone
          </a>{' '}
          (opens in a new tab).
        </p>
      )}
    </section>
  );
}
