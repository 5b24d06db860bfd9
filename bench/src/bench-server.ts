/**
 * The server under test, in its own process so the load generator does not share its event loop:
 * createCheckoutHandler with the in-process Ksher emulator (zero injected latency) behind
 * serveCheckout on 127.0.0.1. The parent drives it over IPC (seed, pay, stats, stop).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CheckoutOptions,
  createCheckoutHandler,
  createInProcessSessionEvents,
  createPostgresOrderStore,
  createSqliteOrderStore,
  migratePostgres,
  type NewOrder,
  type OrderStore,
} from '@localpay/checkout-server';
import { serveCheckout } from '@localpay/checkout-server/node';
import { createGatewaySandbox } from '@localpay/gateway-sandbox';
import {
  answerParent,
  type BenchRequest,
  type ServerMessage,
  type ServerReply,
  WEBHOOK_URL,
} from './bench-protocol.ts';
import { createCpuMeter } from './process-cpu.ts';

interface Timing {
  gatewayMs: number;
}

const storeKind = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'sqlite';
const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
const schema = process.env.BENCH_SCHEMA ?? '';

const sandbox = createGatewaySandbox({
  publicUrl: 'http://gateway.test/sandbox',
  ksher: { merchantName: 'Bench shop' },
});

/** Gateway time of the request being handled, summed over its gateway calls. */
const currentTiming = new AsyncLocalStorage<Timing>();
const timedGatewayFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const started = performance.now();
  try {
    return await sandbox.fetch(new Request(input, init));
  } finally {
    const timing = currentTiming.getStore();
    if (timing) timing.gatewayMs += performance.now() - started;
  }
}) as typeof fetch;

const tempDir = mkdtempSync(join(tmpdir(), 'localpay-bench-'));
let store: OrderStore;
if (storeKind === 'postgres') {
  await migratePostgres({ connectionString: databaseUrl, schema });
  store = createPostgresOrderStore({ connectionString: databaseUrl, schema });
} else {
  // A file, as in production (`:memory:` would flatter SQLite).
  store = createSqliteOrderStore({ path: join(tempDir, 'orders.db') });
}

const options: CheckoutOptions = {
  basePath: '/api/checkout',
  store,
  resolveCart: (items) => ({
    currency: 'THB',
    lines: items.map((item) => ({
      sku: item.sku,
      name: 'Thai tea',
      quantity: item.quantity,
      unitAmount: 15_050,
    })),
  }),
  ksher: {
    baseUrl: sandbox.ksher.baseUrl,
    token: sandbox.ksher.token,
    webhookUrl: WEBHOOK_URL,
    channels: ['promptpay', 'card'],
    qrChannels: [],
  },
  // A merchant's hook that hands the order to a queue: the webhook pays for its claim and mark.
  onSessionSucceeded: async () => {},
  fetch: timedGatewayFetch,
  allowedReturnOrigins: ['https://shop.example.com'],
  sessionEvents: createInProcessSessionEvents(),
  // The load comes from one IP and one cart: the per-IP and per-cart limits would answer 429.
  security: { rateLimit: { perIp: 0, perCart: 0 } },
};
const handler = createCheckoutHandler(options);

function routeOf(request: Request): string | undefined {
  const path = new URL(request.url).pathname.slice('/api/checkout'.length);
  if (request.method === 'POST' && path === '/sessions') return 'POST /sessions';
  if (request.method === 'GET' && path === '/webhooks/ksher') return 'GET /webhooks/ksher';
  if (request.method === 'GET' && /^\/sessions\/[^/]+$/.test(path)) return 'GET /sessions/:id';
  return undefined;
}

const cpuSinceStats = createCpuMeter();

/** Per route: [handler ms, gateway ms] of each request since the last reset. */
let samples = new Map<string, Array<[number, number]>>();

const served = await serveCheckout(
  {
    async fetch(request) {
      const route = routeOf(request);
      if (!route) return handler.fetch(request);
      const timing: Timing = { gatewayMs: 0 };
      const started = performance.now();
      // The body is read inside the timing, so the handler's whole work is counted.
      const response = await currentTiming.run(timing, () => handler.fetch(request));
      const body = await response.arrayBuffer();
      const list = samples.get(route) ?? [];
      list.push([performance.now() - started, timing.gatewayMs]);
      samples.set(route, list);
      return new Response(body, { status: response.status, headers: response.headers });
    },
    shutdown: () => handler.shutdown(),
  },
  { port: 0, hostname: '127.0.0.1', shutdownTimeoutMs: 1000 },
);

/** Seeds `count` finished orders straight into the store, in parallel batches. */
async function seed(count: number, offset: number): Promise<void> {
  const batch = 500;
  const now = new Date();
  for (let start = 0; start < count; start += batch) {
    const orders: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const id = `seed_${offset + i}`;
      const order: NewOrder = {
        id,
        provider: 'ksher',
        methodId: 'ksher.promptpay',
        status: 'succeeded',
        amount: 15_050,
        currency: 'THB',
        lines: [{ sku: 'tea', name: 'Thai tea', quantity: 1, unitAmount: 15_050 }],
        merchantOrderId: `seed${offset + i}`,
        expiresAt: now.toISOString(),
        createdAt: now.toISOString(),
      };
      orders.push(store.insertOrder(order, { key: `seed-key-${offset + i}`, requestHash: 'seed' }));
    }
    await Promise.all(orders);
  }
}

async function answer(message: ServerMessage): Promise<ServerReply> {
  switch (message.type) {
    case 'stats': {
      const stats: Record<string, BenchRequest[]> = {};
      for (const [route, list] of samples) {
        stats[route] = list.map(([totalMs, gatewayMs]) => ({ totalMs, gatewayMs }));
      }
      samples = new Map();
      return { type: 'stats', stats, cpuMs: cpuSinceStats() };
    }
    case 'seed':
      await seed(message.count, message.offset);
      return { type: 'done' };
    case 'pay': {
      const merchantOrderIds: string[] = [];
      for (const id of message.sessionIds) {
        const order = await store.getOrder(id);
        if (!order) throw new Error(`no session ${id}`);
        await sandbox.ksher.pay(order.merchantOrderId);
        merchantOrderIds.push(order.merchantOrderId);
      }
      return { type: 'paid', merchantOrderIds };
    }
    case 'stop':
      await served.close();
      await handler.close();
      // The handler closes only a store it made; this one keeps its idle connections open.
      await store.close();
      rmSync(tempDir, { recursive: true, force: true });
      return { type: 'done' };
  }
}

answerParent(answer);
process.send?.({ type: 'ready', url: served.url, token: sandbox.ksher.token, seq: 0 });
