import { describe, expect, it, vi } from 'vitest';
import { CheckoutApiError, createCheckoutClient, toCheckoutApiError } from './client.ts';
import { sessionFixture } from './test-fixtures.ts';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function clientWith(
  response: Response | Error,
  options: { headers?: Record<string, string> } = {},
) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  return { fetch, client: createCheckoutClient({ baseUrl: '/api/checkout/', fetch, ...options }) };
}

async function rejection(promise: Promise<unknown>): Promise<CheckoutApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CheckoutApiError);
  return error as CheckoutApiError;
}

describe('createCheckoutClient', () => {
  it('lists methods for a currency', async () => {
    const method = {
      id: 'ksher.promptpay',
      provider: 'ksher',
      flow: 'redirect',
      label: 'PromptPay',
      currencies: ['THB'],
    };
    const { client, fetch } = clientWith(jsonResponse({ methods: [method] }), {
      headers: { 'X-CSRF': 't' },
    });
    expect(client.baseUrl).toBe('/api/checkout');
    await expect(client.listMethods('THB')).resolves.toEqual([method]);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/checkout/methods?currency=THB');
    expect(init?.method).toBe('GET');
    expect(init?.headers).toMatchObject({ Accept: 'application/json', 'X-CSRF': 't' });
  });

  it('creates a session with JSON body and the Idempotency-Key header', async () => {
    const session = sessionFixture();
    const { client, fetch } = clientWith(jsonResponse(session, 201));
    const request = {
      methodId: 'ksher.promptpay',
      cart: { items: [{ sku: 'A', quantity: 2 }] },
      currency: 'THB',
    };
    await expect(client.createSession(request, { idempotencyKey: 'key-1' })).resolves.toEqual(
      session,
    );
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/checkout/sessions');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Idempotency-Key': 'key-1',
    });
    expect(JSON.parse(String(init?.body))).toEqual(request);
  });

  it('refuses to create a session without an idempotency key', () => {
    const { client } = clientWith(jsonResponse({}));
    expect(() =>
      client.createSession({ methodId: 'm', cart: { items: [] } }, { idempotencyKey: '' }),
    ).toThrow(/idempotencyKey/);
  });

  it('encodes session ids in paths and in the events URL', async () => {
    const { client, fetch } = clientWith(jsonResponse(sessionFixture()));
    await client.getSession('a/b?c');
    await client.cancelSession('a/b?c').catch(() => undefined);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/checkout/sessions/a%2Fb%3Fc');
    expect(fetch.mock.calls[1]?.[0]).toBe('/api/checkout/sessions/a%2Fb%3Fc/cancel');
    expect(fetch.mock.calls[1]?.[1]?.method).toBe('POST');
    expect(client.eventsUrl('x y')).toBe('/api/checkout/sessions/x%20y/events');
  });

  it('resolves a relative base against the page when there is one', async () => {
    vi.stubGlobal('location', new URL('https://shop.example/checkout?x=1'));
    try {
      const { client, fetch } = clientWith(jsonResponse({ methods: [] }));
      await client.listMethods();
      expect(fetch.mock.calls[0]?.[0]).toBe('https://shop.example/api/checkout/methods');
      expect(client.eventsUrl('s1')).toBe('https://shop.example/api/checkout/sessions/s1/events');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('maps the contract error body to CheckoutApiError', async () => {
    const { client } = clientWith(
      jsonResponse(
        {
          error: {
            code: 'invalid_request',
            message: 'cart.items[0].quantity: must be an integer',
            details: { fields: ['cart.items[0].quantity'] },
          },
        },
        400,
      ),
    );
    const error = await rejection(client.getSession('s1'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('cart.items[0].quantity: must be an integer');
    expect(error.details).toEqual({ fields: ['cart.items[0].quantity'] });
    expect(error.retryable).toBe(false);
  });

  it('derives the code from the status when the error body is not the contract shape', async () => {
    const { client } = clientWith(new Response('<html>Bad gateway</html>', { status: 503 }));
    const error = await rejection(client.getSession('s1'));
    expect(error.status).toBe(503);
    expect(error.code).toBe('provider_unavailable');
    expect(error.retryable).toBe(true);
  });

  it('reports network failures as network_error with status 0', async () => {
    const { client } = clientWith(new TypeError('fetch failed'));
    const error = await rejection(client.listMethods('THB'));
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('passes aborts through untouched', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    const { client } = clientWith(abort);
    await expect(client.getSession('s1')).rejects.toBe(abort);
  });

  it('reports an unreadable success body as invalid_response', async () => {
    const { client } = clientWith(new Response('not json', { status: 200 }));
    expect((await rejection(client.getSession('s1'))).code).toBe('invalid_response');
    const { client: other } = clientWith(jsonResponse({ nope: true }));
    expect((await rejection(other.listMethods())).code).toBe('invalid_response');
  });
});

describe('clockOffsetMs', () => {
  it('measures the server clock from the Date header, also on error answers', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-01-01T00:00:00.000Z') });
    try {
      const ahead = new Response(JSON.stringify(sessionFixture()), {
        headers: { 'Content-Type': 'application/json', Date: 'Thu, 01 Jan 2026 00:01:30 GMT' },
      });
      const { client } = clientWith(ahead);
      expect(client.clockOffsetMs?.()).toBe(0);
      await client.getSession('cs_test_1');
      // 90 s ahead, plus half a second for the header's truncated seconds.
      expect(client.clockOffsetMs?.()).toBe(90_500);

      const behind = new Response('{}', {
        status: 404,
        headers: { Date: 'Wed, 31 Dec 2025 23:59:00 GMT' },
      });
      const second = clientWith(behind).client;
      await rejection(second.getSession('cs_test_1'));
      expect(second.clockOffsetMs?.()).toBe(-59_500);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays 0 without a readable Date header', async () => {
    const { client } = clientWith(
      new Response(JSON.stringify(sessionFixture()), { headers: { Date: 'yesterday-ish' } }),
    );
    await client.getSession('cs_test_1');
    expect(client.clockOffsetMs?.()).toBe(0);
  });
});

describe('toCheckoutApiError', () => {
  it('keeps CheckoutApiErrors and wraps anything else', () => {
    const original = new CheckoutApiError(409, 'conflict', 'busy');
    expect(toCheckoutApiError(original)).toBe(original);
    const wrapped = toCheckoutApiError(new Error('boom'));
    expect(wrapped.code).toBe('internal_error');
    expect(wrapped.message).toBe('boom');
  });
});
