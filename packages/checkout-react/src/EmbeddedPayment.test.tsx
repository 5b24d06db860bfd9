import { act, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../tests/fake-event-source.ts';
import { useMockApi } from '../tests/msw-server.ts';
import { renderInProvider } from '../tests/render.tsx';
import { Checkout } from './Checkout.tsx';
import { EmbeddedPayment, embeddedTarget } from './EmbeddedPayment.tsx';
import { iframeSessionFixture, KTPAY_WIDGET_ORIGIN, ktpayCard } from './mocks/fixtures.ts';

const TITLE = 'Card (Ktpay) payment form';

function frame(): HTMLIFrameElement {
  return screen.getByTitle(TITLE) as HTMLIFrameElement;
}

/** A message as the browser delivers it from the widget frame (or from `source`). */
function post(
  data: unknown,
  origin = KTPAY_WIDGET_ORIGIN,
  source: Window | null = frame().contentWindow,
) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  });
}

function renderEmbedded(session = iframeSessionFixture()) {
  const onClose = vi.fn();
  const navigate = vi.fn();
  const result = renderInProvider(
    <div className="lp-checkout">
      <EmbeddedPayment session={session} methodLabel="Card (Ktpay)" onClose={onClose} />
    </div>,
    { navigate },
  );
  return { ...result, onClose, navigate };
}

describe('<EmbeddedPayment>', () => {
  it('frames the widget page with an accessible title and no inline styles', async () => {
    const { container } = renderEmbedded();
    const iframe = frame();
    expect(iframe.getAttribute('src')).toBe(
      `${KTPAY_WIDGET_ORIGIN}/payment-card?hash=488c9a8b24d4f3f6ec5611dd37cefc6e4fdb389f`,
    );
    expect(screen.getByRole('heading', { name: TITLE })).toBeTruthy();
    expect(container.querySelector('[style]')).toBeNull();
    // axe cannot reach into jsdom's frames: the frame element itself is what is checked.
    const results = await axe.run(container, {
      iframes: false,
      rules: { region: { enabled: false } },
    });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  it('"close" from the widget closes it; the same text from elsewhere does not', () => {
    const { onClose } = renderEmbedded();
    post('close', 'https://evil.example');
    post('close', KTPAY_WIDGET_ORIGIN, window);
    post({ close: true });
    expect(onClose).not.toHaveBeenCalled();
    post('close');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('navigates the top window only to http(s) URLs from the widget', () => {
    const { navigate } = renderEmbedded();
    post('javascript:alert("http")');
    post('data:text/html,http');
    post('ready');
    post('https://shop.example/order?checkout_session=cs_1', 'https://evil.example');
    expect(navigate).not.toHaveBeenCalled();
    post('https://shop.example/order?checkout_session=cs_1');
    expect(navigate).toHaveBeenCalledWith('https://shop.example/order?checkout_session=cs_1');
  });

  it('the "choose another method" button closes it too', async () => {
    const { onClose } = renderEmbedded();
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Choose another payment method' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('refuses a URL outside its origin or not http(s)', () => {
    const mismatched = iframeSessionFixture({
      next: { type: 'iframe', url: 'https://other.example/pay', origin: KTPAY_WIDGET_ORIGIN },
    });
    expect(embeddedTarget(mismatched)).toBeNull();
    expect(
      embeddedTarget(
        iframeSessionFixture({
          next: { type: 'iframe', url: 'javascript:alert(1)', origin: 'null' },
        }),
      ),
    ).toBeNull();
    renderEmbedded(mismatched);
    expect(screen.queryByTitle(TITLE)).toBeNull();
    expect(screen.getByText('Something went wrong. Please try again.')).toBeTruthy();
  });
});

describe('<Checkout> with an embedded widget', () => {
  async function startPayment() {
    vi.stubGlobal('EventSource', FakeEventSource);
    FakeEventSource.instances = [];
    const user = userEvent.setup();
    renderInProvider(
      <Checkout
        cart={{ items: [{ sku: 'TEA', quantity: 1 }] }}
        currency="KZT"
        returnUrl="https://shop.example/order"
      />,
    );
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'Card (Ktpay)' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    await screen.findByTitle(TITLE);
  }
  const ktpayApi = {
    methods: [ktpayCard],
    createdSession: (id: string) => iframeSessionFixture({ id }),
  };

  it('shows the widget, follows the status and ends on the result', async () => {
    useMockApi(ktpayApi);
    await startPayment();
    const open = FakeEventSource.instances.filter((source) => !source.closed);
    expect(open).toHaveLength(1);
    act(() => open[0]?.emit('status', { id: 'cs_mock_1', status: 'succeeded', updatedAt: 't1' }));
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeTruthy();
    expect(screen.queryByTitle(TITLE)).toBeNull();
  });

  it('a declined card shows the failure', async () => {
    useMockApi(ktpayApi);
    await startPayment();
    const open = FakeEventSource.instances.filter((source) => !source.closed);
    act(() => open[0]?.emit('status', { id: 'cs_mock_1', status: 'failed', updatedAt: 't1' }));
    expect(await screen.findByRole('heading', { name: 'Payment failed' })).toBeTruthy();
  });

  it('"close" goes back to the method list', async () => {
    useMockApi(ktpayApi);
    await startPayment();
    post('close');
    expect(await screen.findByRole('group', { name: 'Payment method' })).toBeTruthy();
    expect(screen.queryByTitle(TITLE)).toBeNull();
  });
});
