import type { SessionStatus } from '@localpay/checkout-core';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../tests/axe.ts';
import { renderInProvider, testQueryClient } from '../tests/render.tsx';
import { CheckoutProvider } from './context.tsx';
import { sessionFixture } from './mocks/fixtures.ts';
import { PaymentStatus } from './PaymentStatus.tsx';

const headings: Record<SessionStatus, string> = {
  pending: 'Waiting for payment confirmation…',
  processing: 'Waiting for payment confirmation…',
  succeeded: 'Payment received',
  failed: 'Payment failed',
  cancelled: 'Payment cancelled',
  expired: 'Payment expired',
  refunded: 'Payment refunded',
  partially_refunded: 'Payment partially refunded',
};

describe('<PaymentStatus>', () => {
  it.each(Object.entries(headings) as Array<[SessionStatus, string]>)(
    '%s: heading inside a polite live region, accessible',
    async (status, heading) => {
      const onRetry = vi.fn();
      const { container } = renderInProvider(
        <PaymentStatus session={sessionFixture({ status })} onRetry={onRetry} />,
      );
      const region = screen.getByRole('status');
      expect(region.querySelector('h2')?.textContent).toBe(heading);
      expect(region.querySelector('h2')?.tabIndex).toBe(-1);
      const retry = screen.queryByRole('button', { name: 'Try again' });
      expect(retry !== null).toBe(['failed', 'cancelled', 'expired'].includes(status));
      if (retry) {
        await userEvent.setup().click(retry);
        expect(onRetry).toHaveBeenCalledTimes(1);
      }
      await expectNoAxeViolations(container);
    },
  );

  it('shows the amount on success', () => {
    renderInProvider(
      <PaymentStatus session={sessionFixture({ status: 'succeeded', amount: 89_000 })} />,
    );
    expect(screen.getByRole('status').textContent).toMatch(
      /Your payment of .*890\.00 was received/,
    );
  });

  it('keeps one live region across changes and moves focus to the new heading', async () => {
    const queryClient = testQueryClient();
    const view = (status: SessionStatus) => (
      <StrictMode>
        <CheckoutProvider queryClient={queryClient}>
          <PaymentStatus session={sessionFixture({ status })} />
        </CheckoutProvider>
      </StrictMode>
    );
    const { rerender } = renderInProvider(null);
    rerender(view('pending'));
    const region = screen.getByRole('status');
    expect(document.activeElement).toBe(document.body);
    rerender(view('succeeded'));
    expect(screen.getByRole('status')).toBe(region);
    const heading = screen.getByRole('heading', { name: 'Payment received' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });
});
