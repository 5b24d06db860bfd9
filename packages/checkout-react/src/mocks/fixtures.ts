import type { CheckoutSession, PaymentMethod, QrNextAction } from '@localpay/checkout-core';

export const promptPay: PaymentMethod = {
  id: 'ksher.promptpay',
  provider: 'ksher',
  flow: 'redirect',
  label: 'PromptPay',
  currencies: ['THB'],
  minAmount: 100,
  maxAmount: 5_000_000,
};

export const trueMoney: PaymentMethod = {
  id: 'ksher.truemoney',
  provider: 'ksher',
  flow: 'redirect',
  label: 'TrueMoney Wallet',
  currencies: ['THB'],
  minAmount: 100,
  maxAmount: 30_000,
};

export const shopeePay: PaymentMethod = {
  id: 'ksher.airpay',
  provider: 'ksher',
  flow: 'redirect',
  label: 'ShopeePay',
  currencies: ['THB'],
};

export const card: PaymentMethod = {
  id: 'ksher.card',
  provider: 'ksher',
  flow: 'redirect',
  label: 'Credit or debit card',
  currencies: ['THB'],
  minAmount: 2_000,
};

export const allMethods: PaymentMethod[] = [promptPay, trueMoney, shopeePay, card];

export const GATEWAY_URL = 'https://gateway.example/pay';

export function sessionFixture(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  const id = overrides.id ?? 'cs_test_1';
  return {
    id,
    status: 'pending',
    amount: 89_000,
    currency: 'THB',
    methodId: promptPay.id,
    provider: 'ksher',
    expiresAt: '2026-01-01T01:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    next: { type: 'redirect', url: `${GATEWAY_URL}/${id}` },
    ...overrides,
  };
}

/** PromptPay through Ksher's C-scan-B API: the payer scans a QR code on this page. */
export const promptPayQr: PaymentMethod = {
  id: 'ksher.promptpay',
  provider: 'ksher',
  flow: 'qr',
  label: 'PromptPay',
  currencies: ['THB'],
  minAmount: 100,
  maxAmount: 5_000_000,
};

/** A valid EMVCo PromptPay payload (CRC checked) for 890.00 THB, as the sandbox would issue. */
export const QR_PAYLOAD =
  '00020101021229370016A0000006770101110113006681234567853037645406890.005802TH5909DEMO SHOP6007BANGKOK6304791D';

/**
 * The SVG checkout-server renders for QR_PAYLOAD (renderQrSvg), labelled with `label` so tests can
 * tell two QR codes apart.
 */
export function qrSvg(label = 'PromptPay QR'): string {
  return `<svg role="img" aria-label="${label}" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 41 41"><path fill="#ffffff" d="M0 0h41v41H0z"/><path stroke="#000000" d="M4 4.5h7m3 0h1m2 0h2m1 0h1m1 0h1m3 0h1m1 0h1m1 0h7M4 5.5h1m5 0h1m3 0h1m2 0h1m2 0h1m2 0h1m1 0h1m1 0h1m2 0h1m5 0h1M4 6.5h1m1 0h3m1 0h1m2 0h1m1 0h2m1 0h1m2 0h1m1 0h1m2 0h3m1 0h1m1 0h3m1 0h1M4 7.5h1m1 0h3m1 0h1m2 0h2m1 0h2m3 0h1m1 0h4m3 0h1m1 0h3m1 0h1M4 8.5h1m1 0h3m1 0h1m2 0h5m2 0h3m3 0h2m2 0h1m1 0h3m1 0h1M4 9.5h1m5 0h1m1 0h1m1 0h3m4 0h1m3 0h1m4 0h1m5 0h1M4 10.5h7m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h7M14 11.5h2m2 0h2m1 0h1m1 0h1m1 0h4M4 12.5h1m2 0h1m1 0h2m1 0h1m4 0h1m1 0h1m4 0h1m1 0h2m1 0h1m1 0h1M6 13.5h2m3 0h1m1 0h1m2 0h1m3 0h5m5 0h1m1 0h2m1 0h1M7 14.5h2m1 0h1m1 0h4m2 0h2m1 0h1m2 0h1m1 0h4m2 0h2m2 0h1M4 15.5h1m2 0h1m5 0h2m2 0h2m1 0h2m2 0h1m6 0h2m3 0h1M8 16.5h1m1 0h2m2 0h1m1 0h1m1 0h3m5 0h1m4 0h1m4 0h1M4 17.5h2m3 0h1m1 0h1m1 0h4m4 0h5m1 0h1m1 0h4m1 0h1M5 18.5h4m1 0h3m2 0h3m1 0h4m3 0h1m1 0h1m3 0h1M5 19.5h1m1 0h3m5 0h1m5 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1m3 0h1M4 20.5h1m1 0h2m2 0h1m4 0h4m1 0h2m1 0h3m1 0h1m1 0h1m1 0h1m3 0h2M5 21.5h3m1 0h1m1 0h3m4 0h1m2 0h4m4 0h2m2 0h1m1 0h1M5 22.5h1m1 0h1m2 0h1m1 0h1m2 0h2m2 0h2m4 0h1m2 0h1m1 0h1m3 0h1m1 0h1M5 23.5h3m3 0h1m3 0h2m1 0h2m3 0h2m6 0h3M4 24.5h3m1 0h1m1 0h1m2 0h1m6 0h1m2 0h1m1 0h2m1 0h1m4 0h2M9 25.5h1m1 0h1m1 0h2m2 0h1m2 0h1m2 0h1m2 0h1m1 0h6m1 0h1M4 26.5h2m1 0h1m1 0h2m1 0h1m1 0h2m1 0h1m1 0h1m1 0h3m1 0h1m2 0h4m3 0h2M5 27.5h3m4 0h1m2 0h1m1 0h1m1 0h1m2 0h1m2 0h1m1 0h1m2 0h1m5 0h1M4 28.5h1m1 0h1m2 0h2m1 0h1m3 0h3m2 0h1m2 0h1m2 0h6m1 0h3M12 29.5h2m1 0h1m1 0h9m1 0h2m3 0h4M4 30.5h7m3 0h2m6 0h1m3 0h3m1 0h1m1 0h2M4 31.5h1m5 0h1m1 0h1m1 0h2m1 0h3m2 0h2m1 0h2m1 0h1m3 0h2m2 0h1M4 32.5h1m1 0h3m1 0h1m3 0h2m2 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h6m1 0h1M4 33.5h1m1 0h3m1 0h1m1 0h1m3 0h1m1 0h2m3 0h3m3 0h2m4 0h2M4 34.5h1m1 0h3m1 0h1m2 0h1m1 0h1m2 0h1m1 0h5m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1m1 0h1M4 35.5h1m5 0h1m3 0h1m5 0h2m2 0h5m3 0h4M4 36.5h7m1 0h3m2 0h3m2 0h1m2 0h9"/></svg>`;
}

/** A pending QR session expiring `ttlMs` after `now` (default: the real clock). */
export function qrSessionFixture(
  overrides: Partial<CheckoutSession> = {},
  options: { now?: number; ttlMs?: number; next?: Partial<QrNextAction> } = {},
): CheckoutSession {
  const id = overrides.id ?? 'cs_qr_1';
  const now = options.now ?? Date.now();
  const expiresAt = new Date(now + (options.ttlMs ?? 10 * 60_000)).toISOString();
  return sessionFixture({
    id,
    methodId: promptPayQr.id,
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    expiresAt,
    next: {
      type: 'qr',
      svg: qrSvg(`PromptPay QR ${id}`),
      payload: QR_PAYLOAD,
      expiresAt,
      ...options.next,
    },
    ...overrides,
  });
}

export const ktpayCard: PaymentMethod = {
  id: 'ktpay.card',
  provider: 'ktpay',
  flow: 'redirect',
  label: 'Card (Ktpay)',
  currencies: ['KZT'],
};

export const KTPAY_WIDGET_ORIGIN = 'https://widget.ktpay.example';

/** A Ktpay session whose card widget is embedded in the checkout (`next.type === 'iframe'`). */
export function iframeSessionFixture(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return sessionFixture({
    amount: 1_500_050,
    currency: 'KZT',
    methodId: ktpayCard.id,
    provider: 'ktpay',
    next: {
      type: 'iframe',
      url: `${KTPAY_WIDGET_ORIGIN}/payment-card?hash=488c9a8b24d4f3f6ec5611dd37cefc6e4fdb389f`,
      origin: KTPAY_WIDGET_ORIGIN,
    },
    ...overrides,
  });
}
