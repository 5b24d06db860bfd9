import { createGatewaySandbox, type FaultSettings } from '@localpay/gateway-sandbox';

/** One call the handler made to the gateway, as the gateway saw it. */
export interface GatewayRequest {
  method: string;
  /** Relative to the Ksher base URL, e.g. `/api/v1/redirect/orders`. */
  path: string;
  params: Record<string, unknown>;
}

/**
 * The real Ksher emulator in-process (no port): the handler's `fetch` goes straight to
 * `sandbox.fetch`. Each call is logged so tests can see what went over the wire. The sandbox has no
 * webhook URL, so tests deliver webhooks themselves when they want one.
 */
export function createSandboxGateway(options: { token?: string } = {}) {
  const sandbox = createGatewaySandbox({
    publicUrl: 'http://gateway.test/sandbox',
    ksher: { merchantName: 'Test shop', ...(options.token && { token: options.token }) },
  });
  const basePath = new URL(sandbox.ksher.baseUrl).pathname;
  const requests: GatewayRequest[] = [];
  const lostAnswers: number[] = [];

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const params =
      request.method === 'GET'
        ? Object.fromEntries(url.searchParams)
        : ((await request.clone().json()) as Record<string, unknown>);
    requests.push({
      method: request.method,
      path: decodeURIComponent(url.pathname.slice(basePath.length)),
      params,
    });
    const response = await sandbox.fetch(request);
    const lost = lostAnswers.shift();
    // The gateway did the work but the answer never arrived (e.g. a proxy's 502).
    if (lost !== undefined) return Response.json({ code: lost }, { status: lost });
    return response;
  };

  return {
    sandbox,
    baseUrl: sandbox.ksher.baseUrl,
    token: sandbox.ksher.token,
    fetch: fetch as typeof globalThis.fetch,
    requests,
    /** Gateway orders created so far. */
    createdCount: () => sandbox.ksher.listOrders().length,
    order: (merchantOrderId: string) => sandbox.ksher.getOrder(merchantOrderId),
    pay: (merchantOrderId: string) => sandbox.ksher.pay(merchantOrderId),
    decline: (merchantOrderId: string) => sandbox.ksher.decline(merchantOrderId),
    expire: (merchantOrderId: string) => sandbox.ksher.expire(merchantOrderId),
    faults: (faults: FaultSettings) => sandbox.ksher.faults.set(faults),
    /** The next call reaches the gateway, but the handler gets HTTP `status` instead of the answer. */
    loseNextAnswer(status: number) {
      lostAnswers.push(status);
    },
    close: () => sandbox.close(),
  };
}

export type SandboxGateway = ReturnType<typeof createSandboxGateway>;
