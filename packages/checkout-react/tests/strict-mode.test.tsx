import { render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode, useEffect } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Checkout } from '../src/Checkout.tsx';
import { CheckoutProvider } from '../src/context.tsx';
import {
  iframeSessionFixture,
  ktpayCard,
  promptPay,
  promptPayQr,
  qrSessionFixture,
} from '../src/mocks/fixtures.ts';
import type { MockCheckoutApiOptions } from '../src/mocks/handlers.ts';
import { FakeEventSource } from './fake-event-source.ts';
import { useMockApi } from './msw-server.ts';
import { testQueryClient } from './render.tsx';

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});

const effects: string[] = [];
function EffectProbe() {
  useEffect(() => {
    effects.push('run');
    return () => void effects.push('cleanup');
  }, []);
  return null;
}

it('the test setup renders every tree in StrictMode (effects run, are cleaned up, run again)', () => {
  render(<EffectProbe />);
  expect(effects).toEqual(['run', 'cleanup', 'run']);
});

/** Each kind of next action, and what shows once the one session exists. */
const flows: Array<{
  name: string;
  api: MockCheckoutApiOptions;
  currency: 'THB' | 'KZT';
  shows: { heading?: string; title?: string };
  /** Live status streams the page keeps open while waiting (the redirect leaves the page). */
  streams: number;
}> = [
  {
    name: 'redirect',
    api: { methods: [promptPay] },
    currency: 'THB',
    shows: { heading: 'Redirecting to PromptPay' },
    streams: 0,
  },
  {
    name: 'QR',
    api: { methods: [promptPayQr], createdSession: (id) => qrSessionFixture({ id }) },
    currency: 'THB',
    shows: { heading: 'Scan to pay' },
    streams: 1,
  },
  {
    name: 'embedded iframe',
    api: { methods: [ktpayCard], createdSession: (id) => iframeSessionFixture({ id }) },
    currency: 'KZT',
    shows: { title: 'Card (Ktpay) payment form' },
    streams: 1,
  },
];

describe('StrictMode double mount and unmount', () => {
  it.each(flows.map((flow) => [flow.name, flow] as const))(
    '%s: one session, one stream, one navigation; unmount closes everything',
    async (_name, flow) => {
      const api = useMockApi(flow.api);
      const navigate = vi.fn();
      const view = render(
        <StrictMode>
          <CheckoutProvider queryClient={testQueryClient()} navigate={navigate} pollIntervalMs={20}>
            <Checkout cart={{ items: [{ sku: 'SCARF', quantity: 1 }] }} currency={flow.currency} />
          </CheckoutProvider>
        </StrictMode>,
      );
      await waitFor(() => expect(screen.getByRole('radio')).toHaveProperty('checked', true));
      await userEvent.setup().click(screen.getByRole('button', { name: 'Pay' }));
      if (flow.shows.heading) await screen.findByRole('heading', { name: flow.shows.heading });
      if (flow.shows.title) await screen.findByTitle(flow.shows.title);

      const posts = api.requests.filter((r) => r.method === 'POST');
      expect(posts.map((r) => r.path)).toEqual(['/api/checkout/sessions']);
      expect(FakeEventSource.instances.filter((source) => !source.closed)).toHaveLength(
        flow.streams,
      );
      expect(navigate).toHaveBeenCalledTimes(flow.name === 'redirect' ? 1 : 0);

      view.unmount();
      expect(FakeEventSource.instances.every((source) => source.closed)).toBe(true);
      expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    },
  );
});
