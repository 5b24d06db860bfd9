import {
  type CheckoutClient,
  type CheckoutSession,
  formatMoney,
  type SessionUpdate,
} from '@localpay/checkout-core';
import { act, render, screen, within } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../tests/axe.ts';
import { FakeEventSource } from '../tests/fake-event-source.ts';
import { testQueryClient } from '../tests/render.tsx';
import { CheckoutProvider } from './context.tsx';
import { qrSessionFixture } from './mocks/fixtures.ts';
import { QrPayment, type QrPaymentProps } from './QrPayment.tsx';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const MINUTE = 60_000;
const amount = formatMoney(89_000, 'THB', 'en');
/** As testing-library reads text: Intl's no-break space normalised to a space. */
const amountText = amount.replace(/\s+/g, ' ');

interface FakeClient extends CheckoutClient {
  reads: Array<{ at: number; signal: AbortSignal | undefined }>;
}

/** A client whose reads answer `read()`; records when each read was made. */
function fakeClient(read: () => CheckoutSession, clockOffsetMs = 0): FakeClient {
  const reads: FakeClient['reads'] = [];
  return {
    reads,
    baseUrl: '/api/checkout',
    listMethods: vi.fn(),
    createSession: vi.fn(),
    cancelSession: vi.fn(),
    async getSession(_id, options) {
      reads.push({ at: Date.now(), signal: options?.signal });
      return read();
    },
    eventsUrl: (id) => `/api/checkout/sessions/${id}/events`,
    clockOffsetMs: () => clockOffsetMs,
  };
}

function renderQr(
  session: CheckoutSession,
  props: Partial<QrPaymentProps> = {},
  client: CheckoutClient = fakeClient(() => session),
) {
  const queryClient = testQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StrictMode>
      <CheckoutProvider client={client} queryClient={queryClient}>
        {children}
      </CheckoutProvider>
    </StrictMode>
  );
  const result = render(
    <div className="lp-checkout">
      <QrPayment session={session} merchantName="Demo Shop" {...props} />
    </div>,
    { wrapper },
  );
  const rerender = (next: CheckoutSession, nextProps: Partial<QrPaymentProps> = props) =>
    result.rerender(
      <div className="lp-checkout">
        <QrPayment session={next} merchantName="Demo Shop" {...nextProps} />
      </div>,
    );
  return { ...result, rerender };
}

function countdown(container: Element): string {
  return container.querySelector('.lp-qr__countdown-time')?.textContent ?? '';
}

function liveRegion(container: Element): HTMLElement {
  const region = container.querySelector<HTMLElement>('.lp-qr > [role="status"]');
  if (!region) throw new Error('no live region');
  return region;
}

function stubMobile(matches: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches,
      media: query,
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    })),
  );
}

/** Blob URL stand-ins for one test (restored in afterEach): jsdom's Blobs are not Node's. */
function stubObjectUrls(create: (blob: Blob) => string, revoke: (url: string) => void) {
  vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => create(object as Blob));
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(revoke);
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  FakeEventSource.instances = [];
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('<QrPayment> with a fixed clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      now: T0,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
  });

  it('renders the server SVG, amount, merchant and instruction, and focuses the heading', async () => {
    const session = qrSessionFixture({}, { now: T0 });
    const { container } = renderQr(session);
    await advance(0);
    const heading = screen.getByRole('heading', { name: 'Scan to pay' });
    expect(document.activeElement).toBe(heading);
    const image = screen.getByRole('img', { name: `QR code to pay ${amount}` });
    const svg = image.querySelector('svg');
    expect(svg?.getAttribute('aria-label')).toBe('PromptPay QR cs_qr_1');
    expect(svg?.querySelectorAll('path').length).toBe(2);
    expect(screen.getByText('Scan with your banking or wallet app')).toBeTruthy();
    expect(screen.getByText(amountText)).toBeTruthy();
    expect(screen.getByText('Demo Shop')).toBeTruthy();
    // No inline styles of our own (the server SVG's own attributes are its business).
    expect(container.querySelectorAll('.lp-qr [style]')).toHaveLength(0);
  });

  it('counts down from the server expiresAt, not from a fixed duration', async () => {
    const { container } = renderQr(qrSessionFixture({}, { now: T0, ttlMs: 3 * MINUTE + 20_000 }));
    await advance(0);
    expect(countdown(container)).toBe('3:20');
    expect(container.querySelector('.lp-qr__countdown')?.getAttribute('aria-hidden')).toBe('true');
    await advance(1000);
    expect(countdown(container)).toBe('3:19');
    await advance(79_000);
    expect(countdown(container)).toBe('2:00');
  });

  it("corrects a wrong device clock with the server's clock offset", async () => {
    // The server is 4 minutes ahead: its expiresAt (server clock) is 10 min after *its* now.
    const session = qrSessionFixture({}, { now: T0 + 4 * MINUTE, ttlMs: 10 * MINUTE });
    const { container } = renderQr(
      session,
      {},
      fakeClient(() => session, 4 * MINUTE),
    );
    await advance(0);
    expect(countdown(container)).toBe('10:00');
  });

  it('polls every 2 s, every 10 s after the first minute, and stops at expiry', async () => {
    const session = qrSessionFixture({}, { now: T0, ttlMs: 3 * MINUTE });
    const client = fakeClient(() => session);
    renderQr(session, {}, client);
    for (let i = 0; i < 40; i++) await advance(5_000);
    // StrictMode's first effect run starts a read that its cleanup aborts; count live reads.
    const times = client.reads.filter((r) => !r.signal?.aborted).map((r) => (r.at - T0) / 1000);
    const fast = Array.from({ length: 31 }, (_, i) => i * 2);
    const slow = Array.from({ length: 12 }, (_, i) => 70 + i * 10);
    expect(times).toEqual([...fast, ...slow]);
    expect(times.at(-1)).toBe(180);
  });

  it('hides the QR while the payment is processing and keeps reading past the expiry', async () => {
    const session = qrSessionFixture({}, { now: T0, ttlMs: MINUTE });
    const client = fakeClient(() => ({ ...session, status: 'processing' }));
    const { container } = renderQr(session, {}, client);
    await advance(0);
    expect(screen.getByRole('heading', { name: 'Waiting for payment confirmation…' })).toBeTruthy();
    expect(container.querySelector('.lp-qr__code')).toBeNull();
    await advance(3 * MINUTE);
    const late = client.reads.filter((r) => !r.signal?.aborted && r.at > T0 + MINUTE);
    expect(late.length).toBeGreaterThanOrEqual(12);
    expect(screen.queryByRole('heading', { name: 'QR code expired' })).toBeNull();
  });

  it('announces the remaining time on schedule, then the expiry, in a polite live region', async () => {
    const { container } = renderQr(qrSessionFixture({}, { now: T0, ttlMs: 10 * MINUTE }));
    const region = liveRegion(container);
    const heard: Array<[number, string]> = [[600, region.textContent ?? '']];
    const observer = new MutationObserver(() => {
      const remaining = Math.round((T0 + 10 * MINUTE - Date.now()) / 1000);
      if (region.textContent) heard.push([remaining, region.textContent]);
    });
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    for (let i = 0; i < 61; i++) await advance(10_000);
    observer.disconnect();
    expect(heard).toEqual([
      [600, '10 minutes left to pay'],
      [360, '6 minutes left to pay'],
      [300, '5 minutes left to pay'],
      [240, '4 minutes left to pay'],
      [180, '3 minutes left to pay'],
      [120, '2 minutes left to pay'],
      [60, '1 minute left to pay'],
      [30, '30 seconds left to pay'],
      [0, 'QR code expired'],
    ]);
    // At expiry the QR is gone and the heading says so.
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('heading', { name: 'QR code expired' })).toBeTruthy();
  });

  it('expires when the server says so, before the local countdown ends', async () => {
    const session = qrSessionFixture({}, { now: T0, ttlMs: 10 * MINUTE });
    const onNewQr = vi.fn();
    const { container, rerender } = renderQr(session, { onNewQr });
    await advance(0);
    rerender({ ...session, status: 'expired', next: undefined }, { onNewQr });
    await advance(0);
    expect(screen.getByRole('heading', { name: 'QR code expired' })).toBeTruthy();
    expect(container.querySelector('svg')).toBeNull();
    expect(liveRegion(container).textContent).toBe('QR code expired');
    expect(
      screen.getByText('This QR code can no longer be paid. You have not been charged.'),
    ).toBeTruthy();
    await act(async () => screen.getByRole('button', { name: 'New QR code' }).click());
    expect(onNewQr).toHaveBeenCalledTimes(1);
  });
});

describe('<QrPayment> live status', () => {
  it('follows SSE to succeeded and hands over to PaymentStatus', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const session = qrSessionFixture();
    const onUpdate = vi.fn<(update: SessionUpdate) => void>();
    const client = fakeClient(() => session);
    const { container } = renderQr(session, { onUpdate }, client);
    const source = FakeEventSource.instances.at(-1) as FakeEventSource;
    expect(source.url).toBe('/api/checkout/sessions/cs_qr_1/events');
    act(() => source.emit('status', { id: session.id, status: 'pending', updatedAt: 't1' }));
    act(() => source.emit('status', { id: session.id, status: 'succeeded', updatedAt: 't2' }));

    const heading = screen.getByRole('heading', { name: 'Payment received' });
    // Focus was on the QR heading, so it follows to the outcome, which its own region reads.
    expect(document.activeElement).toBe(heading);
    expect(liveRegion(container).textContent).toBe('');
    expect(screen.getByText(`Thank you! Your payment of ${amountText} was received.`)).toBeTruthy();
    expect(container.querySelector('svg')).toBeNull();
    expect(onUpdate.mock.calls.map(([update]) => update.status)).toEqual(['pending', 'succeeded']);
    expect(FakeEventSource.instances.every((s) => s.closed)).toBe(true);
    expect(client.reads).toEqual([]);
    await expectNoAxeViolations(container);
  });

  it.each([
    ['failed', 'Payment failed'],
    ['cancelled', 'Payment cancelled'],
  ] as const)('announces %s in its live region when focus is elsewhere', (status, text) => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const session = qrSessionFixture();
    const onRetry = vi.fn();
    const { container } = renderQr(session, { focusOnMount: false, onRetry });
    const source = FakeEventSource.instances.at(-1) as FakeEventSource;
    act(() => source.emit('status', { id: session.id, status, updatedAt: 't1' }));
    expect(liveRegion(container).textContent).toBe(text);
    expect(document.activeElement).toBe(document.body);
    act(() => screen.getByRole('button', { name: 'Try again' }).click());
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('<QrPayment> on phones', () => {
  const deeplink = 'https://wallet.example/pay?order=cs_qr_1';

  it('shows Open app and Save QR image only on mobile', async () => {
    stubMobile(false);
    const { unmount } = renderQr(qrSessionFixture({}, { next: { deeplink } }));
    await act(async () => undefined);
    expect(screen.queryByRole('link')).toBeNull();
    unmount();

    stubMobile(true);
    const created: string[] = [];
    const revoked: string[] = [];
    stubObjectUrls(
      (blob) => {
        const url = `blob:http://localhost:3000/qr-${created.length}`;
        created.push(url);
        expect(blob.type).toBe('image/svg+xml');
        return url;
      },
      (url) => revoked.push(url),
    );
    const mobile = renderQr(qrSessionFixture({}, { next: { deeplink } }));
    await act(async () => undefined);
    expect(screen.getByRole('link', { name: 'Open app' }).getAttribute('href')).toBe(deeplink);
    const save = screen.getByRole('link', { name: 'Save QR image' });
    expect(save.getAttribute('download')).toBe('qr-cs_qr_1.svg');
    const live = created.filter((url) => !revoked.includes(url));
    expect(live).toEqual([save.getAttribute('href')]);
    await expectNoAxeViolations(mobile.container);
    mobile.unmount();
    expect(revoked).toEqual(created);
  });

  it('never offers a javascript: or unknown-scheme deeplink', async () => {
    stubMobile(true);
    stubObjectUrls(
      () => 'blob:http://localhost:3000/qr',
      () => undefined,
    );
    renderQr(qrSessionFixture({}, { next: { deeplink: 'javascript:alert(1)' } }));
    await act(async () => undefined);
    expect(screen.queryByRole('link', { name: 'Open app' })).toBeNull();
  });

  it('saves a well-formed SVG file', async () => {
    stubMobile(true);
    let saved: Blob | null = null;
    stubObjectUrls(
      (blob) => {
        saved = blob;
        return 'blob:http://localhost:3000/qr';
      },
      () => undefined,
    );
    renderQr(qrSessionFixture());
    await act(async () => undefined);
    const text = await (saved as unknown as Blob).text();
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(parsed.querySelector('parsererror')).toBeNull();
    expect(parsed.documentElement.getAttribute('viewBox')).toBe('0 0 41 41');
  });
});

describe('<QrPayment> unsafe or missing QR markup', () => {
  it('never inserts an SVG carrying script; offers a new QR instead', async () => {
    const onNewQr = vi.fn();
    const session = qrSessionFixture(
      {},
      { next: { svg: '<svg onload="alert(1)"><script>alert(2)</script></svg>' } },
    );
    const { container } = renderQr(session, { onNewQr });
    await act(async () => undefined);
    expect(container.querySelector('svg, script')).toBeNull();
    expect(screen.getByText(/The QR code could not be shown/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New QR code' })).toBeTruthy();
  });
});

describe('<QrPayment> accessibility of each state', () => {
  it.each([
    ['pending', qrSessionFixture()],
    ['expiring (< 1 min)', qrSessionFixture({}, { ttlMs: 45_000 })],
    ['expired', qrSessionFixture({ status: 'expired', next: undefined })],
    ['expired locally', qrSessionFixture({}, { ttlMs: -1_000 })],
    ['succeeded', qrSessionFixture({ status: 'succeeded', next: undefined })],
  ])('%s has no axe violations', async (_name, session) => {
    const { container } = renderQr(session, { onNewQr: vi.fn(), onRetry: vi.fn() });
    await act(async () => undefined);
    await expectNoAxeViolations(container);
    expect(within(container).getAllByRole('heading')).toHaveLength(1);
  });
});
