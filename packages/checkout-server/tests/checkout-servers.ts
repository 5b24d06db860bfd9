import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CartItemInput } from '@localpay/checkout-core';
import {
  createGatewaySandbox,
  type GatewaySandbox,
  type GatewaySandboxOptions,
} from '@localpay/gateway-sandbox';
import { expect } from 'vitest';
import type { CheckoutOptions } from '../src/config.ts';
import type { KtpayOptions } from '../src/gateways/ktpay/config.ts';
import type { CheckoutHandler } from '../src/handler.ts';
import { serveCheckout } from '../src/node.ts';
import {
  createExposureRecorder,
  logLine,
  type NamedSecret,
  sandboxSecrets,
} from './secret-scan.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export type Json = Record<string, any>;

const unavailable = async (_request: Request) => new Response(null, { status: 503 });

/**
 * The gateway sandbox and a shop, each on 127.0.0.1 port 0, for end-to-end tests over real HTTP.
 * The shop serves whatever `route` is (tests point it at a checkout handler, or swap handlers);
 * `sandbox(shopUrl)` gives the sandbox its options, e.g. the webhook URL on the shop.
 */
export async function startSandboxAndShop(options: {
  tmpPrefix: string;
  /** Idempotency keys are `<keyPrefix>-1`, `<keyPrefix>-2`, … */
  keyPrefix: string;
  sandbox: (shopUrl: string) => Omit<GatewaySandboxOptions, 'publicUrl'>;
}) {
  const dir = mkdtempSync(join(tmpdir(), options.tmpPrefix));
  let sandboxFetch = unavailable;
  const sandboxServer = await serveCheckout((request) => sandboxFetch(request), { port: 0 });
  // Every response the shop sends is kept for the secret scan in close().
  const exposures = createExposureRecorder();
  const shopServer = await serveCheckout(
    async (request) =>
      exposures.recordResponse(
        `${request.method} ${new URL(request.url).pathname}`,
        await servers.route(request),
      ),
    { port: 0 },
  );
  const sandbox: GatewaySandbox = createGatewaySandbox({
    publicUrl: `${sandboxServer.url}/sandbox`,
    ...options.sandbox(shopServer.url),
  });
  sandboxFetch = (request) => sandbox.fetch(request);
  const api = `${shopServer.url}/api/checkout`;
  let keys = 0;

  const servers = {
    dir,
    sandbox,
    sandboxUrl: sandboxServer.url,
    shopUrl: shopServer.url,
    /** The checkout routes, mounted at `/api/checkout` on the shop. */
    api,
    route: unavailable,
    /** The shop's responses and (with shopHandlerOptions) its log lines. */
    exposures,
    /** Scanned for in close(); tests add the secrets they configure themselves. */
    secrets: sandboxSecrets(sandbox) as NamedSecret[],
    postSession(
      methodId: string,
      items: CartItemInput[],
      key = `${options.keyPrefix}-${++keys}`,
    ): Promise<Response> {
      return fetch(`${api}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ methodId, cart: { items } }),
      });
    },
    /** Creates a session and returns its body; throws unless it is 201. */
    async createSession(methodId: string, items: CartItemInput[]): Promise<Json> {
      const response = await servers.postSession(methodId, items);
      const body = (await response.json()) as Json;
      if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(body)}`);
      return body;
    },
    async getSession(id: string): Promise<Json> {
      return (await (await fetch(`${api}/sessions/${id}`)).json()) as Json;
    },
    cancelSession(id: string): Promise<Response> {
      return fetch(`${api}/sessions/${id}/cancel`, { method: 'POST' });
    },
    /**
     * Closes the sandbox, then `handlers`, then both servers, and removes `dir`; then fails if
     * any response or log line gave a configured secret away (secret-scan.ts).
     */
    async close(...handlers: CheckoutHandler[]) {
      sandbox.close();
      for (const handler of handlers) await handler.close();
      await shopServer.close();
      await sandboxServer.close();
      rmSync(dir, { recursive: true, force: true });
      const leaks = exposures.find(servers.secrets);
      if (leaks.length > 0) throw new Error(`Secrets given away: ${leaks.join('; ')}`);
    },
  };
  return servers;
}

export type SandboxAndShop = Awaited<ReturnType<typeof startSandboxAndShop>>;

/**
 * The handler options the end-to-end tests share: mounted at `/api/checkout` on the shop, quiet,
 * with no throttle on gateway queries. `fulfilled` collects paid session ids; `clock.offsetMs`,
 * when given, moves the handler's clock (not the sandbox's) to reach expiry times.
 */
export function shopHandlerOptions(
  servers: SandboxAndShop,
  fulfilled: string[],
  clock?: { offsetMs: number },
) {
  const options = {
    basePath: '/api/checkout',
    defaultReturnUrl: `${servers.shopUrl}/order`,
    syncIntervalMs: 0,
    heartbeatMs: 1000,
    // Quiet, but every line is kept for the secret scan.
    logger: {
      log: (level, message, fields) =>
        servers.exposures.record('log', logLine(level, message, fields)),
    },
    onSessionSucceeded: (order) => {
      fulfilled.push(order.id);
    },
  } satisfies Partial<CheckoutOptions>;
  if (clock === undefined) return options;
  return { ...options, now: () => new Date(Date.now() + clock.offsetMs) };
}

/** The handler's `ktpay` options for the sandbox's Ktpay emulator. */
export function sandboxKtpayOptions(
  sandbox: GatewaySandbox,
  options: Pick<KtpayOptions, 'callbackUrl' | 'callbackSecret'> & Partial<KtpayOptions>,
): KtpayOptions {
  const { apiUrl, widgetUrl, credentials } = sandbox.ktpay;
  return { apiUrl, widgetUrl, appId: credentials.appId, appKey: credentials.appKey, ...options };
}

/**
 * Loads a sandbox page and reads its form, as a payer's browser without JS would; `csp` is a
 * directive the page's Content-Security-Policy must contain.
 */
export async function loadPageForm(pageUrl: string, csp?: string) {
  const page = await fetch(pageUrl);
  expect(page.status).toBe(200);
  if (csp !== undefined) expect(page.headers.get('content-security-policy')).toContain(csp);
  const html = await page.text();
  // The sandbox HTML-escapes the action, so `&` in its query arrives as `&amp;`.
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  expect(action).toBeDefined();
  return { html, action: new URL(action as string, pageUrl) };
}

/** Reads a session's SSE response as it arrives: up to a pattern, or to its end. */
export function readEventStream(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    /** The text so far once it matches `pattern`, or all of it if the stream ends first. */
    async until(pattern: RegExp) {
      while (!pattern.test(text)) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
    async rest() {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += decoder.decode(value, { stream: true });
      }
    },
  };
}
