import type { CheckoutSession, SessionStatus } from '@localpay/checkout-core';
import { act, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Checkout } from '../src/Checkout.tsx';
import {
  allMethods,
  card,
  iframeSessionFixture,
  ktpayCard,
  promptPay,
  promptPayQr,
  qrSessionFixture,
  sessionFixture,
} from '../src/mocks/fixtures.ts';
import {
  apiError,
  createMockCheckoutApi,
  type MockCheckoutApiOptions,
} from '../src/mocks/handlers.ts';
import { PaymentReturn } from '../src/PaymentReturn.tsx';
import { expectNoAxeViolations } from './axe.ts';
import { FakeEventSource } from './fake-event-source.ts';
import { server } from './msw-server.ts';
import { renderInProvider } from './render.tsx';

/**
 * Every state of the drop-in, reached the way a shopper reaches it, and checked the same way:
 * no axe violations, the change announced in a live region, focus where a keyboard user expects
 * it, and nothing a strict CSP would block (no style attribute, no inline script).
 */
interface StateCase {
  name: string;
  /** Renders and drives the UI into the state; resolves once the state shows. */
  reach: () => Promise<HTMLElement>;
  /** Text one of the live regions holds in this state. */
  announced: string | RegExp;
  /** The focused element's text, or `null`: focus stays on the page (nothing replaced it). */
  focused: string | RegExp | null;
}

const THB_CART = { items: [{ sku: 'SCARF', quantity: 1 }] };

function checkout(
  options: MockCheckoutApiOptions,
  currency: 'THB' | 'KZT' = 'THB',
  amount?: number,
) {
  server.use(...createMockCheckoutApi(options).handlers);
  return renderInProvider(
    <Checkout cart={THB_CART} currency={currency} amount={amount} merchantName="Demo Shop" />,
    { navigate: vi.fn() },
  ).container;
}

/** Chooses the only (or first) method if needed and presses Pay, as a shopper would. */
async function pay(container: HTMLElement): Promise<HTMLElement> {
  const user = userEvent.setup();
  const radio = await screen.findAllByRole('radio');
  if (radio.length > 1) await user.click(radio[0] as HTMLElement);
  await user.click(screen.getByRole('button', { name: /^Pay/ }));
  return container;
}

function returnPage(session: CheckoutSession, options: MockCheckoutApiOptions = {}, fail = false) {
  server.use(...createMockCheckoutApi({ sessions: [session], ...options }).handlers);
  const search = `?checkout_session=${session.id}${fail ? '&checkout_result=fail' : ''}`;
  return renderInProvider(<PaymentReturn search={search} onRetry={vi.fn()} />).container;
}

function finalSession(status: SessionStatus): CheckoutSession {
  const session = sessionFixture({ id: `cs_${status}`, status });
  delete session.next;
  return session;
}

const STATUS_HEADINGS: Array<[SessionStatus, string]> = [
  ['succeeded', 'Payment received'],
  ['failed', 'Payment failed'],
  ['cancelled', 'Payment cancelled'],
  ['expired', 'Payment expired'],
  ['refunded', 'Payment refunded'],
  ['partially_refunded', 'Payment partially refunded'],
];

const states: StateCase[] = [
  {
    name: 'loading',
    reach: async () => checkout({ methodsDelay: 'infinite' }),
    announced: 'Loading payment methods…',
    focused: null,
  },
  {
    name: 'methods error',
    reach: async () => {
      const container = checkout({
        methodsErrors: [apiError(503, 'provider_unavailable', 'Down')],
      });
      await screen.findByRole('button', { name: 'Retry' });
      return container;
    },
    announced: 'Payment methods could not be loaded.',
    focused: null,
  },
  {
    name: 'no methods for the currency',
    reach: async () => {
      const container = checkout({ methods: [] });
      await screen.findByText('No payment method is available for THB.');
      return container;
    },
    announced: 'No payment method is available for THB.',
    focused: null,
  },
  {
    name: 'one method (chosen for the shopper)',
    reach: async () => {
      const container = checkout({ methods: [promptPay] });
      await waitFor(() => expect(screen.getByRole('radio')).toHaveProperty('checked', true));
      return container;
    },
    announced: '',
    focused: null,
  },
  {
    name: 'many methods',
    reach: async () => {
      const container = checkout({ methods: allMethods });
      await screen.findAllByRole('radio');
      return container;
    },
    announced: '',
    focused: null,
  },
  {
    name: 'methods with limits, some excluded by the total',
    reach: async () => {
      const container = checkout({ methods: [promptPayQr, card] }, 'THB', 50);
      await screen.findAllByRole('radio');
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('disabled', true);
      return container;
    },
    announced: '',
    focused: null,
  },
  {
    name: 'Pay without a method',
    reach: async () => {
      const container = checkout({ methods: allMethods });
      await screen.findAllByRole('radio');
      await userEvent.setup().click(screen.getByRole('button', { name: 'Pay' }));
      return container;
    },
    announced: '',
    focused: 'PromptPay',
  },
  {
    name: 'creating',
    reach: async () => {
      const container = await pay(checkout({ methods: [promptPay], createDelay: 'infinite' }));
      await screen.findByText('Starting your payment…');
      return container;
    },
    announced: 'Starting your payment…',
    focused: 'Pay',
  },
  {
    name: 'create error',
    reach: async () => {
      const container = await pay(
        checkout({
          methods: [promptPay],
          createErrors: [apiError(503, 'provider_unavailable', 'Ksher is not answering.')],
        }),
      );
      await screen.findByRole('heading', { name: 'The payment could not be started' });
      return container;
    },
    announced: '',
    focused: 'The payment could not be started',
  },
  {
    name: 'redirecting',
    reach: async () => {
      const container = await pay(checkout({ methods: [promptPay] }));
      await screen.findByRole('heading', { name: 'Redirecting to PromptPay' });
      return container;
    },
    announced: /Redirecting to PromptPay/,
    focused: 'Redirecting to PromptPay',
  },
  {
    name: 'QR pending',
    reach: async () => {
      const container = await pay(
        checkout({ methods: [promptPayQr], createdSession: (id) => qrSessionFixture({ id }) }),
      );
      await screen.findByRole('heading', { name: 'Scan to pay' });
      return container;
    },
    announced: /left to pay/,
    focused: 'Scan to pay',
  },
  {
    name: 'QR expiring (under a minute left)',
    reach: async () => {
      const container = await pay(
        checkout({
          methods: [promptPayQr],
          createdSession: (id) => qrSessionFixture({ id }, { ttlMs: 45_000 }),
        }),
      );
      await screen.findByRole('heading', { name: 'Scan to pay' });
      await screen.findByText(/seconds? left to pay/);
      return container;
    },
    announced: /seconds? left to pay/,
    focused: 'Scan to pay',
  },
  {
    name: 'QR expired',
    reach: async () => {
      const container = await pay(
        checkout({
          methods: [promptPayQr],
          createdSession: (id) => qrSessionFixture({ id }, { ttlMs: -1_000 }),
        }),
      );
      await screen.findByRole('heading', { name: 'QR code expired' });
      return container;
    },
    announced: 'QR code expired',
    focused: 'QR code expired',
  },
  {
    name: 'QR paid on the page',
    reach: async () => {
      FakeEventSource.instances = [];
      vi.stubGlobal('EventSource', FakeEventSource);
      const container = await pay(
        checkout({ methods: [promptPayQr], createdSession: (id) => qrSessionFixture({ id }) }),
      );
      await screen.findByRole('heading', { name: 'Scan to pay' });
      const stream = FakeEventSource.instances.find((source) => !source.closed);
      act(() => stream?.emit('status', { id: 'cs_mock_1', status: 'succeeded', updatedAt: 't1' }));
      await screen.findByRole('heading', { name: 'Payment received' });
      return container;
    },
    announced: /Payment received/,
    focused: 'Payment received',
  },
  {
    name: 'embedded iframe',
    reach: async () => {
      const container = await pay(
        checkout(
          { methods: [ktpayCard], createdSession: (id) => iframeSessionFixture({ id }) },
          'KZT',
        ),
      );
      await screen.findByTitle('Card (Ktpay) payment form');
      return container;
    },
    announced: 'Card (Ktpay) payment form',
    focused: 'Card (Ktpay) payment form',
  },
  ...STATUS_HEADINGS.map(
    ([status, heading]): StateCase => ({
      name: `return page: ${status}`,
      reach: async () => {
        const container = returnPage(finalSession(status));
        await screen.findByRole('heading', { name: heading });
        return container;
      },
      announced: new RegExp(heading),
      focused: heading,
    }),
  ),
  {
    name: 'return page: cancel unsupported (Ktpay)',
    reach: async () => {
      const container = returnPage(
        iframeSessionFixture({ id: 'cs_ktpay' }),
        {
          cancelErrors: [
            apiError(501, 'unsupported', 'Cancelling a Ktpay payment is not supported'),
          ],
        },
        true,
      );
      await screen.findByText(/cannot be cancelled from here/);
      return container;
    },
    announced: /Waiting for payment confirmation….*cannot be cancelled from here/,
    focused: 'Waiting for payment confirmation…',
  },
];

/** The text of every live region, one line each. */
function liveText(container: HTMLElement): string {
  return [...container.querySelectorAll('[role="status"], [role="alert"], [aria-live]')]
    .map((region) => region.textContent ?? '')
    .join('\n');
}

/** The focused element's text (a form control's: its label's), or null for the page itself. */
function focusedText(): string | null {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  if (active instanceof HTMLInputElement) return active.labels?.[0]?.textContent ?? '';
  return active.textContent ?? '';
}

describe('every component state', () => {
  it.each(states.map((state) => [state.name, state] as const))('%s', async (_name, state) => {
    const container = await state.reach();

    // axe cannot reach into jsdom's frames: for the embedded state the frame element is checked.
    await expectNoAxeViolations(container);

    const live = liveText(container);
    if (state.announced === '') {
      // Nothing changed that needs saying: the live regions are present and quiet.
      expect(container.querySelector('[role="status"]')).not.toBeNull();
    } else if (typeof state.announced === 'string') {
      expect(live.split('\n')).toContain(state.announced);
    } else {
      expect(live.replace(/\n/g, ' ')).toMatch(state.announced);
    }

    const focused = focusedText();
    if (state.focused === null) expect(focused).toBeNull();
    else if (typeof state.focused === 'string') expect(focused).toBe(state.focused);
    else expect(focused).toMatch(state.focused);

    // A strict CSP (no 'unsafe-inline') blocks style attributes and inline scripts.
    expect(container.innerHTML).not.toMatch(/\sstyle=/);
    expect(container.innerHTML).not.toContain('<script');
  });
});
