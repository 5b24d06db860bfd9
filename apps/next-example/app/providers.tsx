'use client';
import { CheckoutProvider } from '@localpay/checkout-react';
import type { ReactNode } from 'react';

/** The drop-in's context lives in a client component; the layout around it stays on the server. */
export function Providers({ children }: { children: ReactNode }) {
  return <CheckoutProvider apiBase="/api/checkout">{children}</CheckoutProvider>;
}
