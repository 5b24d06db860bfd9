// @vitest-environment node

import type { CheckoutClient } from '@localpay/checkout-core';
import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { Checkout } from '../src/Checkout.tsx';
import { CheckoutProvider } from '../src/context.tsx';
import { qrSessionFixture } from '../src/mocks/fixtures.ts';
import { PaymentReturn } from '../src/PaymentReturn.tsx';
import { QrPayment } from '../src/QrPayment.tsx';

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

  it('renders a QR session inertly: markup only, no timer, request or stream', () => {
    const client: CheckoutClient = {
      baseUrl: '/api/checkout',
      listMethods: vi.fn(),
      createSession: vi.fn(),
      getSession: vi.fn(),
      cancelSession: vi.fn(),
      eventsUrl: vi.fn((id: string) => `/api/checkout/sessions/${id}/events`),
    };
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const intervals = vi.spyOn(globalThis, 'setInterval');
    const session = qrSessionFixture({}, { next: { deeplink: 'https://wallet.example/pay' } });
    const html = renderToString(
      <CheckoutProvider client={client} queryClient={new QueryClient()}>
        <QrPayment session={session} merchantName="Demo Shop" />
      </CheckoutProvider>,
    );
    expect(html).toContain('Scan to pay');
    expect(html).toContain('aria-label="PromptPay QR cs_qr_1"');
    expect(html).toContain('Demo Shop');
    // The countdown, the live region and the phone-only links are filled in by effects.
    expect(html).toMatch(/<span class="lp-qr__countdown-time"><\/span>/);
    expect(html).toMatch(/<p role="status" class="lp-visually-hidden"><\/p>/);
    expect(html).not.toContain('Open app');
    expect(html).not.toContain('<script');
    expect(timers).not.toHaveBeenCalled();
    expect(intervals).not.toHaveBeenCalled();
    expect(client.getSession).not.toHaveBeenCalled();
    expect(client.eventsUrl).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
