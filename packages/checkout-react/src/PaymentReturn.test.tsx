import type { SessionStatus } from '@localpay/checkout-core';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../tests/axe.ts';
import { FakeEventSource } from '../tests/fake-event-source.ts';
import { server, useMockApi } from '../tests/msw-server.ts';
import { renderInProvider } from '../tests/render.tsx';
import { sessionFixture } from './mocks/fixtures.ts';
import { apiError } from './mocks/handlers.ts';
import { PaymentReturn } from './PaymentReturn.tsx';

function returnTo(search: string) {
  vi.stubGlobal('location', { ...window.location, search });
}

function reads(api: ReturnType<typeof useMockApi>) {
  return api.requests.filter(
    (r) => r.method === 'GET' && r.path.startsWith('/api/checkout/sessions/'),
  );
}

function cancels(api: ReturnType<typeof useMockApi>) {
  return api.requests.filter((r) => r.path.endsWith('/cancel'));
}

beforeEach(() => {
  FakeEventSource.instances = [];
});

describe('<PaymentReturn>', () => {
  it.each<[SessionStatus, string, string]>([
    ['succeeded', 'Payment received', 'was received'],
    ['failed', 'Payment failed', 'not completed'],
    ['cancelled', 'Payment cancelled', 'was cancelled'],
    ['expired', 'Payment expired', 'time to pay ran out'],
  ])('re-reads a %s session and shows it in the live region', async (status, heading, body) => {
    returnTo('?checkout_session=cs_1');
    const api = useMockApi({ sessions: [sessionFixture({ id: 'cs_1', status, next: undefined })] });
    const onSuccess = vi.fn();
    const { container } = renderInProvider(<PaymentReturn onSuccess={onSuccess} />);
    expect(screen.getByRole('status').textContent).toContain('Checking your payment…');
    await expectNoAxeViolations(container);

    const title = await screen.findByRole('heading', { name: heading });
    expect(screen.getByRole('status').textContent).toContain(body);
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(onSuccess).toHaveBeenCalledTimes(status === 'succeeded' ? 1 : 0);
    expect(reads(api).length).toBeGreaterThanOrEqual(1);
    expect(cancels(api)).toEqual([]);
    await expectNoAxeViolations(container);
  });

  it('offers Try again on a failed payment when the page gives onRetry', async () => {
    returnTo('?checkout_session=cs_1&checkout_result=fail');
    useMockApi({ sessions: [sessionFixture({ id: 'cs_1', status: 'failed', next: undefined })] });
    const onRetry = vi.fn();
    const user = userEvent.setup();
    renderInProvider(<PaymentReturn onRetry={onRetry} />);
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('follows a pending session to succeeded by polling when there is no EventSource', async () => {
    returnTo('?checkout_session=cs_1');
    const api = useMockApi({
      sessions: [sessionFixture({ id: 'cs_1' })],
      statusTimeline: ['pending', 'pending', 'succeeded'],
    });
    const onSuccess = vi.fn();
    const onStatusChange = vi.fn();
    renderInProvider(<PaymentReturn onSuccess={onSuccess} onStatusChange={onStatusChange} />);
    expect(
      await screen.findByRole('heading', { name: 'Waiting for payment confirmation…' }),
    ).toBeTruthy();
    const done = await screen.findByRole('heading', { name: 'Payment received' });
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['pending', 'succeeded']);
    const count = reads(api).length;
    expect(count).toBeGreaterThanOrEqual(3);
    // Final: polling stopped.
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(reads(api).length).toBe(count);
  });

  it('follows a pending session over SSE when EventSource exists', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    returnTo('?checkout_session=cs_1');
    const api = useMockApi({ sessions: [sessionFixture({ id: 'cs_1' })] });
    renderInProvider(<PaymentReturn />);
    await screen.findByRole('heading', { name: 'Waiting for payment confirmation…' });
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const es = FakeEventSource.instances.at(-1) as FakeEventSource;
    expect(es.url).toBe('http://localhost:3000/api/checkout/sessions/cs_1/events');
    es.emit('status', { id: 'cs_1', status: 'processing', updatedAt: '2026-01-01T00:01:00Z' });
    expect(await screen.findByText(/being processed/)).toBeTruthy();
    es.emit('status', { id: 'cs_1', status: 'succeeded', updatedAt: '2026-01-01T00:02:00Z' });
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeTruthy();
    expect(es.closed).toBe(true);
    expect(FakeEventSource.instances.every((source) => source.closed)).toBe(true);
    expect(reads(api)).toHaveLength(1);
  });

  it('asks the server to cancel once when the gateway said "not completed" and it is still pending', async () => {
    returnTo('?checkout_session=cs_1&checkout_result=fail');
    const api = useMockApi({ sessions: [sessionFixture({ id: 'cs_1' })] });
    renderInProvider(<PaymentReturn />);
    expect(await screen.findByRole('heading', { name: 'Payment cancelled' })).toBeTruthy();
    expect(cancels(api)).toHaveLength(1);
    expect(cancels(api)[0]?.path).toBe('/api/checkout/sessions/cs_1/cancel');
  });

  it('shows the payment as paid when the cancel finds it was paid after all', async () => {
    returnTo('?checkout_session=cs_1&checkout_result=fail');
    const api = useMockApi({ sessions: [sessionFixture({ id: 'cs_1' })] });
    server.use(
      http.post('*/api/checkout/sessions/:id/cancel', () => {
        api.setStatus('cs_1', 'succeeded');
        const { status, body } = apiError(409, 'conflict', 'Session is already succeeded');
        return HttpResponse.json(body, { status });
      }),
    );
    const onSuccess = vi.fn();
    renderInProvider(<PaymentReturn onSuccess={onSuccess} />);
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeTruthy();
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('does not cancel when the gateway said "not completed" but the session is final', async () => {
    returnTo('?checkout_session=cs_1&checkout_result=fail');
    const api = useMockApi({
      sessions: [sessionFixture({ id: 'cs_1', status: 'succeeded', next: undefined })],
    });
    renderInProvider(<PaymentReturn />);
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeTruthy();
    expect(cancels(api)).toEqual([]);
  });

  it('says so when there is no session in the URL, and reads the search prop', async () => {
    returnTo('');
    const { unmount } = renderInProvider(<PaymentReturn />);
    expect(
      await screen.findByRole('heading', { name: 'There is no payment to show.' }),
    ).toBeTruthy();
    unmount();
    useMockApi({ sessions: [sessionFixture({ id: 'cs_9', status: 'expired', next: undefined })] });
    renderInProvider(<PaymentReturn search="?checkout_session=cs_9" />);
    expect(await screen.findByRole('heading', { name: 'Payment expired' })).toBeTruthy();
  });

  it('offers Retry when the session cannot be read', async () => {
    returnTo('?checkout_session=cs_404');
    useMockApi({ sessions: [] });
    const user = userEvent.setup();
    const { container } = renderInProvider(<PaymentReturn />);
    expect(
      await screen.findByRole('heading', { name: 'We could not check your payment right now.' }),
    ).toBeTruthy();
    await expectNoAxeViolations(container);
    useMockApi({
      sessions: [sessionFixture({ id: 'cs_404', status: 'succeeded', next: undefined })],
    });
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeTruthy();
  });
});
