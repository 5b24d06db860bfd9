import { describe, expect, it, vi } from 'vitest';
import { createCheckoutFlowStore } from './checkout-flow.ts';
import { CheckoutApiError, type CheckoutClient } from './client.ts';
import type { CheckoutSession, CreateSessionRequest } from './contract.ts';
import { sessionFixture } from './test-fixtures.ts';

function setup(
  answers: Array<CheckoutSession | Error>,
  server: { cancel?: CheckoutSession | Error; read?: CheckoutSession } = {},
) {
  const calls: Array<{ request: CreateSessionRequest; key: string }> = [];
  let keys = 0;
  const client: CheckoutClient = {
    baseUrl: '/api/checkout',
    listMethods: vi.fn(),
    getSession: vi.fn(async () => {
      if (!server.read) throw new Error('unexpected getSession');
      return server.read;
    }),
    cancelSession: vi.fn(async () => {
      if (!server.cancel) throw new Error('unexpected cancelSession');
      if (server.cancel instanceof Error) throw server.cancel;
      return server.cancel;
    }),
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
  return { store, calls, client };
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

  describe('restart', () => {
    const qr = (id: string, overrides: Partial<CheckoutSession> = {}) =>
      sessionFixture({
        id,
        next: { type: 'qr', svg: `<svg id="${id}"/>`, expiresAt: '2026-01-01T00:10:00.000Z' },
        ...overrides,
      });

    async function awaitingQr(
      answers: Array<CheckoutSession | Error>,
      server?: Parameters<typeof setup>[1],
    ) {
      const context = setup([qr('cs_1'), ...answers], server);
      context.store.getState().selectMethod('ksher.promptpay');
      await context.store.getState().startPayment(cart);
      return context;
    }

    it('after a server-side expiry: one new session, same body, new key, no cancel', async () => {
      const { store, calls, client } = await awaitingQr([qr('cs_2')]);
      store.getState().sessionUpdated({ id: 'cs_1', status: 'expired', updatedAt: 't' });
      expect(store.getState().step).toBe('final');
      const restarted = store.getState().restart();
      // A second press while the first runs creates nothing more.
      await expect(store.getState().restart()).resolves.toBeNull();
      await expect(restarted).resolves.toMatchObject({ id: 'cs_2' });
      expect(store.getState()).toMatchObject({ step: 'awaiting', idempotencyKey: 'key-2' });
      expect(store.getState().session?.id).toBe('cs_2');
      expect(calls).toEqual([
        { request: { ...cart, methodId: 'ksher.promptpay' }, key: 'key-1' },
        { request: { ...cart, methodId: 'ksher.promptpay' }, key: 'key-2' },
      ]);
      expect(client.cancelSession).not.toHaveBeenCalled();
    });

    it('after a local expiry: cancels the old session on the server first', async () => {
      const { store, calls, client } = await awaitingQr([qr('cs_2')], {
        cancel: qr('cs_1', { status: 'cancelled', next: undefined }),
      });
      await store.getState().restart();
      expect(client.cancelSession).toHaveBeenCalledWith('cs_1');
      expect(calls.map((c) => c.key)).toEqual(['key-1', 'key-2']);
      expect(store.getState().session?.id).toBe('cs_2');
    });

    it('shows a payment that landed meanwhile instead of creating a second session', async () => {
      const { store, calls, client } = await awaitingQr([], {
        cancel: new CheckoutApiError(409, 'conflict', 'Session is already succeeded'),
        read: qr('cs_1', { status: 'succeeded', next: undefined }),
      });
      await expect(store.getState().restart()).resolves.toBeNull();
      expect(client.getSession).toHaveBeenCalledWith('cs_1');
      expect(store.getState()).toMatchObject({ step: 'final' });
      expect(store.getState().session?.status).toBe('succeeded');
      expect(calls).toHaveLength(1);
    });

    it('does not create a session when the old one cannot be closed', async () => {
      const { store, calls } = await awaitingQr([], {
        cancel: new CheckoutApiError(0, 'network_error', 'offline'),
      });
      await expect(store.getState().restart()).resolves.toBeNull();
      expect(store.getState().step).toBe('error');
      expect(store.getState().error?.code).toBe('network_error');
      expect(calls).toHaveLength(1);
    });

    it('never restarts a paid session, nor before any session exists', async () => {
      const { store, calls } = setup([qr('cs_1', { status: 'succeeded', next: undefined })]);
      await expect(store.getState().restart()).resolves.toBeNull();
      store.getState().selectMethod('ksher.promptpay');
      await store.getState().startPayment(cart);
      await expect(store.getState().restart()).resolves.toBeNull();
      expect(calls).toHaveLength(1);
    });
  });
});
