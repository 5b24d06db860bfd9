import type { CheckoutSession, SessionStatus } from '@localpay/checkout-core';
import { Checkout } from '@localpay/checkout-react';
import { useState } from 'react';
import { useCart } from '../cart-store.ts';
import { useCatalog } from '../catalog.ts';
import { useShopCurrency } from '../currency-store.ts';
import { navigate } from '../router.tsx';
import { EmptyPage } from './EmptyPage.tsx';

/**
 * The sandbox's KessPay payer page of a waiting KHQR session: there is no bank app, so the
 * emulator's `deeplink` is that page. Shown only in sandbox mode, where the link is the emulator's.
 */
function kesspayPayerPage(status: SessionStatus, session: CheckoutSession): string | undefined {
  if (status !== 'pending' || session.provider !== 'kesspay') return undefined;
  return session.next?.type === 'qr' ? session.next.deeplink : undefined;
}

export function CheckoutPage() {
  const lines = useCart((state) => state.lines);
  const currency = useShopCurrency((state) => state.currency);
  const catalog = useCatalog();
  const [payerPage, setPayerPage] = useState<string | undefined>();
  // Shown on the Pay button and used to grey out methods whose limits exclude it; the server
  // prices the cart again (in the same currency) and its amount is the one charged.
  const amount = catalog.data?.products.reduce((sum, product) => {
    const line = lines.find((l) => l.sku === product.sku);
    return line ? sum + product.unitAmount * line.quantity : sum;
  }, 0);

  if (lines.length === 0) {
    return <EmptyPage heading="Checkout" message="Your cart is empty." />;
  }

  const sandbox = catalog.data?.sandbox;
  return (
    <section aria-labelledby="checkout-heading">
      <h1 id="checkout-heading">Checkout</h1>
      <Checkout
        cart={{ items: lines }}
        // Not keyed by currency: a switch must not unmount a QR that can still be paid. A method
        // chosen before a switch that cannot take the new currency gets the server's 400.
        currency={currency}
        amount={catalog.data?.currency === currency ? amount : undefined}
        merchantName="Siam Crafts"
        onStatusChange={(status, session) => setPayerPage(kesspayPayerPage(status, session))}
        // QR payments complete on this page: show the order like a redirect return would.
        onSuccess={(session) =>
          navigate(`/order?checkout_session=${encodeURIComponent(session.id)}`)
        }
        returnUrl="/order"
      />
      {sandbox && payerPage && (
        <p className="sandbox-hint">
          Sandbox: pay this KHQR code on the{' '}
          <a href={payerPage} target="_blank" rel="noreferrer">
            KessPay payer page
          </a>{' '}
          (stands in for the bank app; opens in a new tab).
        </p>
      )}
      {sandbox && !payerPage && currency === 'THB' && (
        <p className="sandbox-hint">
          Sandbox: pay a QR code from the{' '}
          <a href={sandbox.phoneUrl} target="_blank" rel="noreferrer">
            simulated payer's phone
          </a>{' '}
          (opens in a new tab).
        </p>
      )}
    </section>
  );
}
