// @vitest-environment node
import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Checkout } from '../src/Checkout.tsx';
import { CheckoutProvider } from '../src/context.tsx';
import { PaymentReturn } from '../src/PaymentReturn.tsx';

describe('server rendering', () => {
  it('runs with no window at all', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders <Checkout> in its loading state', () => {
    const html = renderToString(
      <CheckoutProvider queryClient={new QueryClient()}>
        <Checkout cart={{ items: [{ sku: 'SCARF', quantity: 1 }] }} currency="THB" />
      </CheckoutProvider>,
    );
    expect(html).toContain('Loading payment methods…');
    expect(html).toContain('aria-busy="true"');
  });

  it('renders <PaymentReturn> as an inert loading state', () => {
    const html = renderToString(
      <CheckoutProvider>
        <PaymentReturn />
      </CheckoutProvider>,
    );
    expect(html).toContain('Checking your payment…');
    expect(html).toContain('role="status"');
  });
});
