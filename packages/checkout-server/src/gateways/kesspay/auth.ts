import { GatewayError } from '../../errors.ts';
import { fetchGatewayAnswer } from '../gateway-fetch.ts';

export type KesspayAuthMode = 'oauth' | 'basic';

/** Supplies the `Authorization` header of gateway calls. */
export interface KesspayAuth {
  readonly mode: KesspayAuthMode;
  /** Gateway path for this mode: `/api/mch/v2/gateway` (OAuth) or `/api/mch/v1/gateway` (Basic). */
  readonly gatewayPath: string;
  authorization(): Promise<string>;
  /** The gateway answered 401 to `authorization`: forget it so the next call authenticates again. */
  rejected(authorization: string): void;
}

export interface KesspayTokenOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
  /** Renew this long before `expires_in` runs out; default 300 (a 1800 s token is used for 1500 s). */
  refreshMarginSeconds?: number;
  onTokenCall?: (call: {
    status: number | 'timeout' | 'network_error';
    durationMs: number;
  }) => void | Promise<void>;
}

interface CachedToken {
  header: string;
  renewAt: number;
}

/**
 * v2 OAuth password grant (kesspay.md §1) with a cache. The token is renewed `refreshMarginSeconds`
 * before it expires, concurrent callers share one in-flight token request, and a 401 drops the
 * token. Renewal uses the password grant again, not the refresh_token grant: the refresh grant's
 * text is truncated in the docs (§1) and the password grant is what every source shows working.
 */
export function createKesspayOAuth(options: KesspayTokenOptions): KesspayAuth {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? (() => new Date());
  const marginMs = (options.refreshMarginSeconds ?? 300) * 1000;
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  async function requestToken(): Promise<CachedToken> {
    const started = performance.now();
    const record = (status: number | 'timeout' | 'network_error') =>
      options.onTokenCall?.({ status, durationMs: Math.round(performance.now() - started) });
    let response: Response;
    let text: string;
    try {
      ({ response, text } = await fetchGatewayAnswer(
        doFetch,
        `${baseUrl}/oauth/token`,
        {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'password',
            client_id: options.clientId,
            client_secret: options.clientSecret,
            username: options.username,
            password: options.password,
          }),
        },
        timeoutMs,
      ));
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      await record(timedOut ? 'timeout' : 'network_error');
      throw new GatewayError(
        'unavailable',
        timedOut
          ? `KessPay /oauth/token did not answer within ${timeoutMs} ms`
          : 'KessPay could not be reached',
      );
    }
    await record(response.status);
    if (response.status >= 500 || response.status === 429) {
      throw new GatewayError(
        'unavailable',
        `KessPay /oauth/token answered HTTP ${response.status}`,
        response.status,
      );
    }
    if (response.status !== 200) {
      // Laravel Passport answers 400/401 `invalid_grant`/`invalid_client` (§6, inferred).
      throw new GatewayError(
        'rejected',
        `KessPay refused the OAuth credentials (HTTP ${response.status}); check KESSPAY_CLIENT_ID, KESSPAY_CLIENT_SECRET, KESSPAY_USERNAME and KESSPAY_PASSWORD`,
        response.status,
      );
    }
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    const token = body?.access_token;
    if (typeof token !== 'string' || token === '' || /\s/.test(token)) {
      throw new GatewayError(
        'invalid_response',
        'KessPay /oauth/token answered without a token',
        200,
      );
    }
    // `expires_in` is a string in the doc example and a number elsewhere (§1); 1800 when absent.
    const raw = Number(body?.expires_in ?? 1800);
    const lifetimeMs = (Number.isFinite(raw) && raw > 0 ? raw : 1800) * 1000;
    return {
      header: `Bearer ${token}`,
      renewAt: now().getTime() + Math.max(lifetimeMs - marginMs, lifetimeMs / 2),
    };
  }

  return {
    mode: 'oauth',
    gatewayPath: '/api/mch/v2/gateway',
    async authorization() {
      if (cached && now().getTime() < cached.renewAt) return cached.header;
      if (!inflight) {
        const pending = requestToken().then(
          (token) => {
            cached = token;
            return token;
          },
          (error: unknown) => {
            throw error;
          },
        );
        inflight = pending;
        pending.then(
          () => {
            if (inflight === pending) inflight = undefined;
          },
          () => {
            if (inflight === pending) inflight = undefined;
          },
        );
      }
      return (await inflight).header;
    },
    rejected(authorization) {
      // Only the token that was refused: a newer one fetched meanwhile by another call stays.
      if (cached?.header === authorization) cached = undefined;
    },
  };
}

/**
 * Legacy v1 Basic auth (kesspay.md §1). Credentials are encoded as UTF-8; the C# sample uses
 * ISO-8859-1, which only differs for non-ASCII usernames or passwords.
 */
export function createKesspayBasicAuth(options: {
  username: string;
  password: string;
}): KesspayAuth {
  const header = `Basic ${Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64')}`;
  return {
    mode: 'basic',
    gatewayPath: '/api/mch/v1/gateway',
    authorization: async () => header,
    rejected: () => {},
  };
}
