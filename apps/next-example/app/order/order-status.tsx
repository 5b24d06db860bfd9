'use client';
import { PaymentReturn } from '@localpay/checkout-react';
import { useRouter } from 'next/navigation.js';

/**
 * The return page's status. PaymentReturn reads `checkout_session` from the URL after mount (never
 * during render), so this page prerenders statically and needs no Suspense around search params.
 */
export function OrderStatus() {
  const router = useRouter();
  return <PaymentReturn onRetry={() => router.push('/')} />;
}
