'use client';
import type { CartItemInput } from '@localpay/checkout-core';
import { Checkout } from '@localpay/checkout-react';
import { useRouter } from 'next/navigation.js';

/** Client component: callbacks (onSuccess) cannot cross from a Server Component. */
export function CheckoutPanel(props: { items: CartItemInput[]; currency: string; amount: number }) {
  const router = useRouter();
  return (
    <Checkout
      cart={{ items: props.items }}
      currency={props.currency}
      amount={props.amount}
      merchantName="Next.js example shop"
      // Redirect payments come back here; Checkout resolves it against the page's URL on click.
      returnUrl="/order"
      // QR payments finish on this page: show the order as a redirect return would.
      onSuccess={(session) =>
        router.push(`/order?checkout_session=${encodeURIComponent(session.id)}`)
      }
    />
  );
}
