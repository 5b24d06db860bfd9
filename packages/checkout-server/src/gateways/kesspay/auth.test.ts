import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors.ts';
import { createKesspayBasicAuth, createKesspayOAuth } from './auth.ts';

function tokenServer(options: { expiresIn?: unknown; status?: number } = {}) {
  const requests: Array<Record<string, unknown>> = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    expect(String(input)).toBe('https://kess.test/oauth/token');
    requests.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    if (gate) await gate;
    if (options.status && options.status !== 200) {
      return Response.json({ error: 'invalid_grant' }, { status: options.status });
    }
    return Response.json({
      token_type: 'Bearer',
      expires_in: options.expiresIn ?? '1800',
      access_token: `token-${requests.length}`,
      refresh_token: 'refresh',
    });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    requests,
    hold() {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    release() {
      gate = undefined;
      release?.();
    },
  };
}

const credentials = {
  baseUrl: 'https://kess.test/',
  clientId: '3f0c7a52-0000-4000-8000-000000000001',
  clientSecret: 'client<secret>{^$&|!~}',
  username: 'merchant@example.com',
  password: 'p&ss=word',
};

describe('KessPay OAuth token cache', () => {
  it('sends the password grant and reuses the token until shortly before expiry', async () => {
    const server = tokenServer();
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const auth = createKesspayOAuth({ ...credentials, fetch: server.fetch, now: () => clock.now });
    expect(auth.gatewayPath).toBe('/api/mch/v2/gateway');
    expect(await auth.authorization()).toBe('Bearer token-1');
    expect(server.requests[0]).toEqual({
      grant_type: 'password',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      username: credentials.username,
      password: credentials.password,
    });
    clock.now = new Date('2026-01-01T00:24:59Z');
    expect(await auth.authorization()).toBe('Bearer token-1');
    // 1800 s lifetime, renewed 300 s early.
    clock.now = new Date('2026-01-01T00:25:00Z');
    expect(await auth.authorization()).toBe('Bearer token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('accepts expires_in as a number and honours a custom margin', async () => {
    const server = tokenServer({ expiresIn: 600 });
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const auth = createKesspayOAuth({
      ...credentials,
      fetch: server.fetch,
      now: () => clock.now,
      refreshMarginSeconds: 60,
    });
    await auth.authorization();
    clock.now = new Date('2026-01-01T00:08:59Z');
    expect(await auth.authorization()).toBe('Bearer token-1');
    clock.now = new Date('2026-01-01T00:09:00Z');
    expect(await auth.authorization()).toBe('Bearer token-2');
  });

  it('concurrent callers share one token request', async () => {
    const server = tokenServer();
    const auth = createKesspayOAuth({ ...credentials, fetch: server.fetch });
    server.hold();
    const pending = Promise.all([auth.authorization(), auth.authorization(), auth.authorization()]);
    await Promise.resolve();
    server.release();
    expect(await pending).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-1']);
    expect(server.requests).toHaveLength(1);
  });

  it('drops only the refused token', async () => {
    const server = tokenServer();
    const auth = createKesspayOAuth({ ...credentials, fetch: server.fetch });
    const first = await auth.authorization();
    auth.rejected('Bearer something-else');
    expect(await auth.authorization()).toBe(first);
    auth.rejected(first);
    expect(await auth.authorization()).toBe('Bearer token-2');
  });

  it('a refused grant is a rejected GatewayError naming the variables, never the values', async () => {
    const server = tokenServer({ status: 401 });
    const auth = createKesspayOAuth({ ...credentials, fetch: server.fetch });
    const error = await auth.authorization().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).kind).toBe('rejected');
    expect((error as Error).message).toContain('KESSPAY_CLIENT_SECRET');
    expect((error as Error).message).not.toContain(credentials.clientSecret);
    // A failed fetch is not cached: the next call tries again.
    await auth.authorization().catch(() => undefined);
    expect(server.requests).toHaveLength(2);
  });
});

describe('KessPay Basic auth (legacy v1)', () => {
  it('encodes username:password and uses the v1 endpoint', async () => {
    const auth = createKesspayBasicAuth({ username: 'user', password: 'p&ss:word' });
    expect(auth.gatewayPath).toBe('/api/mch/v1/gateway');
    expect(await auth.authorization()).toBe(
      `Basic ${Buffer.from('user:p&ss:word').toString('base64')}`,
    );
  });
});
