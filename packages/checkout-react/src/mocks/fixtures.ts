import type { CheckoutSession, PaymentMethod } from '@localpay/checkout-core';

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
