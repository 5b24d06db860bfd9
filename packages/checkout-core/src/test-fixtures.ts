import type { CheckoutSession } from './contract.ts';

/** A pending redirect session for tests; override any field. */
export function sessionFixture(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    id: 'cs_test_1',
    status: 'pending',
    amount: 89_000,
    currency: 'THB',
    methodId: 'ksher.promptpay',
    provider: 'ksher',
    expiresAt: '2026-01-01T01:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    next: { type: 'redirect', url: 'https://gateway.example/pay/1' },
    ...overrides,
  };
}
