import '@localpay/checkout-react/styles.css';
import './shop.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers.tsx';

export const metadata: Metadata = {
  title: 'LocalPay checkout – Next.js example',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <main>
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
