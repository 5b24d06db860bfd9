import { describe, expect, it, vi } from 'vitest';
import { createCheckoutFlowStore } from './checkout-flow.ts';
import { CheckoutApiError, type CheckoutClient } from './client.ts';
import type { CheckoutSession, CreateSessionRequest } from './contract.ts';
import { sessionFixture } from './test-fixtures.ts';

function setup(answers: Array<CheckoutSession | Error>) {
  const calls: Array<{ request: CreateSessionRequest; key: string }> = [];
  let keys = 0;
  const client: CheckoutClient = {
    baseUrl: '/api/checkout',
    listMethods: vi.fn(),
    getSession: vi.fn(),
    cancelSession: vi.fn(),
    eventsUrl: (id) => id,
    async createSession(request, { idempotencyKey }) {
      calls.push({ request, key: idempotencyKey });
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected createSession');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const store = createCheckoutFlowStore({ client, createIdempotencyKey: () => `key-${++keys}` });
  return { store, calls };
}

const cart = { cart: { items: [{ sku: 'SCARF', quantity: 1 }] }, returnUrl: 'https://s.example/r' };

describe('checkout flow store', () => {
  it('goes select → creating → redirecting with one stable key', async () => {
    const { store, calls } = setup([sessionFixture()]);
    expect(store.getState().step).toBe('select');
    store.getState().selectMethod('ksher.promptpay');
    const pending = store.getState().startPayment(cart);
    expect(store.getState().step).toBe('creating');
    // A second click while creating does nothing.
    await expect(store.getState().startPayment(cart)).resolves.toBeNull();
    await pending;
    expect(store.getState().step).toBe('redirecting');
    expect(store.getState().session?.id).toBe('cs_test_1');
    expect(calls).toEqual([{ request: { ...cart, methodId: 'ksher.promptpay' }, key: 'key-1' }]);
    // Nor does a click once the session exists.
    await expect(store.getState().startPayment(cart)).resolves.toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('waits in awaiting for a QR or other in-page next action', async () => {
    const qr = sessionFixture({
      next: { type: 'qr', svg: '<svg/>', expiresAt: '2026-01-01T00:10:00.000Z' },
    });
    const { store } = setup([qr]);
    store.getState().selectMethod('ksher.promptpay');
    await store.getState().startPayment(cart);
    expect(store.getState().step).toBe('awaiting');
    store.getState().sessionUpdated({ id: qr.id, status: 'succeeded', updatedAt: 't' });
    expect(store.getState().step).toBe('final');
    expect(store.getState().session?.status).toBe('succeeded');
    store.getState().sessionUpdated({ id: qr.id, status: 'pending', updatedAt: 't2' });
    expect(store.getState().session?.status).toBe('succeeded');
  });

  it('retry reuses the key of the failed attempt; reset and a new method get a new key', async () => {
    const { store, calls } = setup([
      new CheckoutApiError(503, 'provider_unavailable', 'Gateway down'),
      new CheckoutApiError(0, 'network_error', 'offline'),
      sessionFixture(),
      sessionFixture({ id: 'cs_2' }),
    ]);
    store.getState().selectMethod('ksher.promptpay');
    await store.getState().startPayment(cart);
    expect(store.getState().step).toBe('error');
    expect(store.getState().error?.message).toBe('Gateway down');
    await store.getState().retry();
    expect(store.getState().error?.code).toBe('network_error');
    await store.getState().retry();
    expect(store.getState().step).toBe('redirecting');
    expect(calls.map((c) => c.key)).toEqual(['key-1', 'key-1', 'key-1']);

    store.getState().reset();
    expect(store.getState()).toMatchObject({
      step: 'select',
      session: null,
      idempotencyKey: null,
      methodId: 'ksher.promptpay',
    });
    await store.getState().startPayment(cart);
    expect(calls.at(-1)?.key).toBe('key-2');
  });

  it('changing the method after an error starts a new attempt', async () => {
    const { store, calls } = setup([
      new CheckoutApiError(400, 'invalid_request', 'Amount below minimum'),
      sessionFixture(),
    ]);
    store.getState().selectMethod('ksher.card');
    await store.getState().startPayment(cart);
    store.getState().selectMethod('ksher.promptpay');
    expect(store.getState()).toMatchObject({ step: 'select', error: null, idempotencyKey: null });
    await store.getState().startPayment(cart);
    expect(calls.map((c) => [c.request.methodId, c.key])).toEqual([
      ['ksher.card', 'key-1'],
      ['ksher.promptpay', 'key-2'],
    ]);
  });

  it('refuses to pay without a method and ignores method changes mid-payment', async () => {
    const { store, calls } = setup([sessionFixture()]);
    await store.getState().startPayment(cart);
    expect(store.getState().step).toBe('error');
    expect(calls).toHaveLength(0);
    store.getState().selectMethod('ksher.promptpay');
    const pending = store.getState().startPayment(cart);
    store.getState().selectMethod('ksher.card');
    expect(store.getState().methodId).toBe('ksher.promptpay');
    await pending;
  });

  it('a session that is already final goes straight to final; fail() shows an error', async () => {
    const { store } = setup([sessionFixture({ status: 'failed', next: undefined })]);
    store.getState().selectMethod('ksher.promptpay');
    await store.getState().startPayment(cart);
    expect(store.getState().step).toBe('final');
    store.getState().fail(new Error('boom'));
    expect(store.getState()).toMatchObject({ step: 'error' });
    expect(store.getState().error?.message).toBe('boom');
  });
});
