import { formatMoney } from '@localpay/checkout-core';
import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../tests/axe.ts';
import { FakeEventSource } from '../tests/fake-event-source.ts';
import { useMockApi } from '../tests/msw-server.ts';
import { renderInProvider } from '../tests/render.tsx';
import { Checkout, type CheckoutProps } from './Checkout.tsx';
import { GATEWAY_URL, promptPay, promptPayQr, qrSessionFixture } from './mocks/fixtures.ts';
import { apiError } from './mocks/handlers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const returnUrl = 'https://shop.example/order';

function stubNavigation() {
  const assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, assign });
  return assign;
}

function renderCheckout(props: Partial<CheckoutProps> = {}) {
  return renderInProvider(
    <Checkout
      cart={{ items: [{ sku: 'SCARF', quantity: 2 }] }}
      currency="THB"
      returnUrl={returnUrl}
      {...props}
    />,
  );
}

function postedSessions(api: ReturnType<typeof useMockApi>) {
  return api.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/sessions'));
}

describe('<Checkout>', () => {
  it('shows a busy loading state, then the methods as a radio group', async () => {
    const api = useMockApi();
    const { container } = renderCheckout();
    expect(screen.getByRole('status').textContent).toBe('Loading payment methods…');
    expect(container.querySelector('.lp-checkout')?.getAttribute('aria-busy')).toBe('true');
    await expectNoAxeViolations(container);

    const group = await screen.findByRole('group', { name: 'Payment method' });
    expect(container.querySelector('.lp-checkout')?.getAttribute('aria-busy')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['ksher.promptpay', 'ksher.truemoney', 'ksher.airpay', 'ksher.card']);
    expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', false);
    expect(api.requests[0]?.path).toBe('/api/checkout/methods?currency=THB');
    await expectNoAxeViolations(container);
  });

  it('offers Retry when the methods cannot be loaded, and Retry loads them', async () => {
    useMockApi({ methodsErrors: [apiError(503, 'provider_unavailable', 'Down')] });
    const user = userEvent.setup();
    const { container } = renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Payment methods could not be loaded.'),
    );
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('radio', { name: 'PromptPay' })).toBeTruthy();
  });

  it('works with the keyboard only: Tab, arrows, Space, Enter on Pay', async () => {
    const assign = stubNavigation();
    const api = useMockApi();
    const user = userEvent.setup();
    renderCheckout();
    await screen.findByRole('radio', { name: 'PromptPay' });

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'PromptPay' }));
    await user.keyboard(' ');
    expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const shopee = screen.getByRole('radio', { name: 'ShopeePay' });
    expect(document.activeElement).toBe(shopee);
    expect(shopee).toHaveProperty('checked', true);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Pay' }));
    await user.keyboard('{Enter}');

    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(postedSessions(api).map((r) => (r.body as { methodId: string }).methodId)).toEqual([
      'ksher.airpay',
    ]);
  });

  it('asks for a method when Pay is pressed without one, and sends nothing', async () => {
    const api = useMockApi();
    const user = userEvent.setup();
    renderCheckout();
    await screen.findByRole('radio', { name: 'PromptPay' });
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    expect(screen.getByText('Choose a payment method to continue.')).toBeTruthy();
    expect(
      screen.getByRole('group', { name: 'Payment method' }).getAttribute('aria-describedby'),
    ).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'PromptPay' }));
    expect(postedSessions(api)).toEqual([]);
  });

  it('POSTs only SKUs and quantities with an Idempotency-Key, exactly once on a double click', async () => {
    // The answer never comes, so the second click lands while the first request is in flight.
    const api = useMockApi({ createDelay: 'infinite' });
    const user = userEvent.setup();
    const items = [
      { sku: 'SCARF', quantity: 2, price: 1, name: 'Silk scarf' },
      { sku: 'COFFEE', quantity: 1, unitAmount: 5 },
    ];
    renderCheckout({ cart: { items } });
    await user.click(await screen.findByRole('radio', { name: 'PromptPay' }));
    await user.dblClick(screen.getByRole('button', { name: 'Pay' }));
    await waitFor(() => expect(postedSessions(api)).not.toHaveLength(0));

    const posts = postedSessions(api);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({
      methodId: 'ksher.promptpay',
      cart: {
        items: [
          { sku: 'SCARF', quantity: 2 },
          { sku: 'COFFEE', quantity: 1 },
        ],
      },
      returnUrl,
      locale: 'en',
      currency: 'THB',
    });
    expect(posts[0]?.headers['idempotency-key']).toMatch(UUID);
    expect(posts[0]?.headers['content-type']).toBe('application/json');
  });

  it('resolves a relative returnUrl against the page', async () => {
    stubNavigation();
    const api = useMockApi({ methods: [promptPay] });
    const user = userEvent.setup();
    renderCheckout({ returnUrl: '/order' });
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    await screen.findByRole('heading', { name: 'Redirecting to PromptPay' });
    expect(postedSessions(api)[0]?.body).toMatchObject({
      returnUrl: 'http://localhost:3000/order',
    });
  });

  it('shows an accessible creating state while the session is being created', async () => {
    const api = useMockApi({ methods: [promptPay], createDelay: 'infinite' });
    const user = userEvent.setup();
    const { container } = renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    const pay = screen.getByRole('button', { name: 'Pay' });
    await user.click(pay);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Starting your payment…'),
    );
    expect(pay.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(pay);
    expect(container.querySelector('.lp-checkout')?.getAttribute('aria-busy')).toBe('true');
    await user.click(pay);
    await user.keyboard('{Enter}');
    expect(postedSessions(api)).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it('never creates a session on mount, even under StrictMode', async () => {
    const api = useMockApi({ methods: [promptPay] });
    renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    expect(postedSessions(api)).toEqual([]);
  });

  it('redirects to next.url once, announces it, focuses the heading and offers a link', async () => {
    const assign = stubNavigation();
    useMockApi({ methods: [promptPay] });
    const user = userEvent.setup();
    const { container } = renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));

    const heading = await screen.findByRole('heading', { name: 'Redirecting to PromptPay' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(assign.mock.calls).toEqual([[`${GATEWAY_URL}/cs_mock_1`]]);
    expect(screen.getByRole('link', { name: 'Continue to payment' }).getAttribute('href')).toBe(
      `${GATEWAY_URL}/cs_mock_1`,
    );
    expect(
      screen
        .getAllByRole('status')
        .some((s) => s.textContent?.includes('Redirecting to PromptPay')),
    ).toBe(true);
    await expectNoAxeViolations(container);
  });

  it('refuses to navigate to a non-http next.url', async () => {
    const assign = stubNavigation();
    useMockApi({
      methods: [promptPay],
      createdSession: { next: { type: 'redirect', url: 'javascript:alert(1)' } },
    });
    const user = userEvent.setup();
    renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    await screen.findByRole('heading', { name: 'Redirecting to PromptPay' });
    expect(assign).not.toHaveBeenCalled();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it.each([
    [
      400,
      apiError(
        400,
        'invalid_request',
        'cart.items[0].quantity: must be an integer from 1 to 10000',
      ),
    ],
    [503, apiError(503, 'provider_unavailable', 'Ksher is not answering. Try again in a minute.')],
  ])('shows the server message of a %i and retries with the same key', async (_status, failure) => {
    const assign = stubNavigation();
    const api = useMockApi({ methods: [promptPay], createErrors: [failure] });
    const user = userEvent.setup();
    const { container } = renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));

    const heading = await screen.findByRole('heading', {
      name: 'The payment could not be started',
    });
    expect(screen.getByText(failure.body.error.message)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    const keys = postedSessions(api).map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('a network failure gets a connection message; another method is a new attempt with a new key', async () => {
    stubNavigation();
    const api = useMockApi({
      createErrors: [apiError(502, 'provider_error', 'PromptPay refused the order')],
    });
    const user = userEvent.setup();
    renderCheckout();
    await user.click(await screen.findByRole('radio', { name: 'PromptPay' }));
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    await screen.findByText('PromptPay refused the order');
    await user.click(screen.getByRole('radio', { name: 'TrueMoney Wallet' }));
    expect(screen.queryByText('PromptPay refused the order')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    await screen.findByRole('heading', { name: 'Redirecting to TrueMoney Wallet' });
    const [first, second] = postedSessions(api).map((r) => r.headers['idempotency-key']);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
  });

  it('says the server could not be reached when the network fails', async () => {
    useMockApi({ methods: [promptPay] });
    const user = userEvent.setup();
    const { server } = await import('../tests/msw-server.ts');
    const { http, HttpResponse } = await import('msw');
    server.use(http.post('*/api/checkout/sessions', () => HttpResponse.error()));
    renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    expect(
      await screen.findByText(
        'The payment server could not be reached. Check your connection and try again.',
      ),
    ).toBeTruthy();
  });

  it('disables methods whose limits exclude a known total and shows the total on Pay', async () => {
    useMockApi();
    renderCheckout({ amount: 1_500 });
    const card = await screen.findByRole('radio', { name: 'Credit or debit card' });
    expect(card).toHaveProperty('disabled', true);
    expect(screen.getByText('Not available for this amount').id).toBe(
      card.getAttribute('aria-describedby'),
    );
    expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('disabled', false);
    const hint = screen.getByRole('radio', { name: 'PromptPay' }).getAttribute('aria-describedby');
    expect(document.getElementById(hint ?? '')?.textContent).toBe(
      `For amounts from ${formatMoney(100, 'THB', 'en')} to ${formatMoney(5_000_000, 'THB', 'en')}`,
    );
    expect(
      screen.getByRole('button', { name: `Pay ${formatMoney(1_500, 'THB', 'en')}` }),
    ).toBeTruthy();
  });

  it('waits on the page for an in-page next action (QR) and reports success once', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const onSuccess = vi.fn();
    const onStatusChange = vi.fn();
    useMockApi({ methods: [promptPayQr], createdSession: (id) => qrSessionFixture({ id }) });
    const user = userEvent.setup();
    renderCheckout({ onSuccess, onStatusChange, merchantName: 'Demo Shop' });
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    const heading = await screen.findByRole('heading', { name: 'Scan to pay' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('Demo Shop')).toBeTruthy();
    expect(screen.getByRole('img', { name: /^QR code to pay / })).toBeTruthy();
    // One live stream: QrPayment follows the session, the drop-in does not open a second one.
    const open = FakeEventSource.instances.filter((source) => !source.closed);
    expect(open.map((source) => source.url)).toEqual([
      'http://localhost:3000/api/checkout/sessions/cs_mock_1/events',
    ]);
    act(() => open[0]?.emit('status', { id: 'cs_mock_1', status: 'succeeded', updatedAt: 't1' }));

    const done = await screen.findByRole('heading', { name: 'Payment received' });
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ id: 'cs_mock_1', status: 'succeeded' });
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['pending', 'succeeded']);
  });
});

describe('<Checkout> QR expiry and a new QR code', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  async function payWithQr(api: ReturnType<typeof useMockApi>) {
    const user = userEvent.setup();
    const view = renderCheckout();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'PromptPay' })).toHaveProperty('checked', true),
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    await waitFor(() => expect(postedSessions(api)).toHaveLength(1));
    return { user, ...view };
  }

  function shownQrLabel(container: Element) {
    return container.querySelector('.lp-qr__code svg')?.getAttribute('aria-label');
  }

  it('server says expired → New QR code → one new POST with a new key → the new QR', async () => {
    const api = useMockApi({
      methods: [promptPayQr],
      createdSession: (id) => qrSessionFixture({ id }),
    });
    const { user, container } = await payWithQr(api);
    await screen.findByRole('heading', { name: 'Scan to pay' });
    expect(shownQrLabel(container)).toBe('PromptPay QR cs_mock_1');

    const source = FakeEventSource.instances.filter((s) => !s.closed)[0];
    act(() => source?.emit('status', { id: 'cs_mock_1', status: 'expired', updatedAt: 't1' }));
    expect(await screen.findByRole('heading', { name: 'QR code expired' })).toBeTruthy();
    expect(container.querySelector('.lp-qr__code')).toBeNull();
    await expectNoAxeViolations(container);

    await user.dblClick(screen.getByRole('button', { name: 'New QR code' }));
    await screen.findByRole('heading', { name: 'Scan to pay' });
    expect(shownQrLabel(container)).toBe('PromptPay QR cs_mock_2');

    const posts = postedSessions(api);
    expect(posts).toHaveLength(2);
    const [first, second] = posts.map((r) => r.headers['idempotency-key']);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    expect(posts[1]?.body).toEqual(posts[0]?.body);
    // Already final on the server: nothing to cancel.
    expect(api.requests.filter((r) => r.path.endsWith('/cancel'))).toEqual([]);
  });

  it('expired on this device first: the old session is cancelled before the new one is made', async () => {
    let made = 0;
    const api = useMockApi({
      methods: [promptPayQr],
      // The first QR is already past its expiry; the second has ten minutes.
      createdSession: (id) => qrSessionFixture({ id }, { ttlMs: made++ === 0 ? -1000 : 600_000 }),
    });
    const { user, container } = await payWithQr(api);
    await user.click(await screen.findByRole('button', { name: 'New QR code' }));
    await screen.findByRole('heading', { name: 'Scan to pay' });
    expect(shownQrLabel(container)).toBe('PromptPay QR cs_mock_2');
    const writes = api.requests.filter((r) => r.method === 'POST').map((r) => r.path);
    expect(writes).toEqual([
      '/api/checkout/sessions',
      '/api/checkout/sessions/cs_mock_1/cancel',
      '/api/checkout/sessions',
    ]);
  });

  it("counts down against the server's clock (Date header), not the device's", async () => {
    const skew = 3 * 60_000;
    const api = useMockApi({
      methods: [promptPayQr],
      serverClockOffsetMs: skew,
      // The server stamps expiresAt on its own clock: ten minutes after its now.
      createdSession: (id) => qrSessionFixture({ id }, { now: Date.now() + skew }),
    });
    const { container } = await payWithQr(api);
    await screen.findByRole('heading', { name: 'Scan to pay' });
    await waitFor(() =>
      expect(container.querySelector('.lp-qr__countdown-time')?.textContent).toMatch(
        /^(10:00|9:5\d)$/,
      ),
    );
  });
});
