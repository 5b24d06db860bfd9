// @vitest-environment node

import type { CheckoutSession, PaymentMethod, SessionStatus } from '@localpay/checkout-core';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Checkout } from '../src/Checkout.tsx';
import { CheckoutProvider } from '../src/context.tsx';
import { EmbeddedPayment } from '../src/EmbeddedPayment.tsx';
import { methodsQueryKey } from '../src/hooks.ts';
import {
  allMethods,
  card,
  iframeSessionFixture,
  promptPay,
  promptPayQr,
  qrSessionFixture,
  sessionFixture,
} from '../src/mocks/fixtures.ts';
import { PaymentReturn } from '../src/PaymentReturn.tsx';
import { PaymentStatus } from '../src/PaymentStatus.tsx';
import { ProviderPicker } from '../src/ProviderPicker.tsx';
import { QrPayment } from '../src/QrPayment.tsx';
import { RedirectPayment } from '../src/RedirectPayment.tsx';

/**
 * A strict CSP (`style-src 'self' 'nonce-…'`, `script-src 'self'`, no 'unsafe-inline') blocks
 * style attributes, inline scripts and inline event handlers. Every state the server can render
 * is checked, in every theme, with and without appearance variables and a nonce.
 */
const noop = () => undefined;

function checkoutWithMethods(methods: PaymentMethod[] | null, amount?: number) {
  return (queryClient: QueryClient) => {
    if (methods) queryClient.setQueryData(methodsQueryKey('/api/checkout', 'THB'), methods);
    return (
      <Checkout cart={{ items: [{ sku: 'SCARF', quantity: 1 }] }} currency="THB" amount={amount} />
    );
  };
}

function finalSession(status: SessionStatus): CheckoutSession {
  const session = sessionFixture({ status });
  delete session.next;
  return session;
}

const STATUSES: SessionStatus[] = [
  'pending',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
  'expired',
  'refunded',
  'partially_refunded',
];

/** Name, the tree, and a piece of markup proving the state rendered. */
const states: Array<[string, (queryClient: QueryClient) => ReactNode, string]> = [
  ['checkout: loading', checkoutWithMethods(null), 'Loading payment methods…'],
  ['checkout: one method', checkoutWithMethods([promptPay]), 'value="ksher.promptpay"'],
  ['checkout: many methods', checkoutWithMethods(allMethods), 'value="ksher.card"'],
  ['checkout: methods with limits', checkoutWithMethods([promptPayQr, card], 50), 'disabled=""'],
  ['checkout: no methods', checkoutWithMethods([]), 'No payment method is available for THB.'],
  [
    'picker',
    () => (
      <ProviderPicker methods={allMethods} value={promptPay.id} onChange={noop} currency="THB" />
    ),
    'type="radio"',
  ],
  [
    'redirecting',
    () => <RedirectPayment session={sessionFixture()} methodLabel="PromptPay" />,
    'Redirecting to PromptPay',
  ],
  [
    'QR pending',
    () => <QrPayment session={qrSessionFixture()} merchantName="Demo Shop" />,
    'Scan to pay',
  ],
  [
    'QR expiring',
    () => <QrPayment session={qrSessionFixture({}, { ttlMs: 45_000 })} />,
    'Scan to pay',
  ],
  [
    'QR expired',
    () => (
      <QrPayment
        session={qrSessionFixture({ status: 'expired', next: undefined })}
        onNewQr={noop}
      />
    ),
    'QR code expired',
  ],
  [
    'embedded iframe',
    () => <EmbeddedPayment session={iframeSessionFixture()} methodLabel="Card" onClose={noop} />,
    '<iframe',
  ],
  [
    'return page: loading',
    () => <PaymentReturn search="?checkout_session=cs_1" />,
    'Checking your payment…',
  ],
  ...STATUSES.map((status): [string, () => ReactNode, string] => [
    `status: ${status}`,
    () => <PaymentStatus session={finalSession(status)} onRetry={noop} />,
    '<h2',
  ]),
];

const THEMES = ['light', 'dark', 'minimal', 'none'] as const;

describe('CSP: server-rendered markup of every state', () => {
  it.each(states)('%s', (_name, ui, shows) => {
    for (const theme of THEMES) {
      for (const nonce of [undefined, 'r4nd0m']) {
        const queryClient = new QueryClient();
        const html = renderToString(
          <CheckoutProvider
            queryClient={queryClient}
            nonce={nonce}
            appearance={{ theme, variables: { '--lp-color-primary': '#123456' } }}
          >
            {ui(queryClient)}
          </CheckoutProvider>,
        );
        expect(html).toContain(shows);
        expect(html).not.toMatch(/\sstyle=/);
        expect(html).not.toContain('<script');
        expect(html).not.toMatch(/\son[a-z]+=/i);
        // The one element the drop-in creates for styles carries the nonce, and only with one.
        const styleTags = html.match(/<style[^>]*>/g) ?? [];
        expect(styleTags).toEqual(nonce === undefined ? [] : [`<style nonce="${nonce}">`]);
      }
    }
  });
});
