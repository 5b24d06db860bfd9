import { request as httpRequest, type IncomingMessage } from 'node:http';
import { ksherWebhookUrl } from '@localpay/gateway-sandbox';
import { WEBHOOK_URL } from './bench-protocol.ts';
import { type BenchServer, startBenchServer } from './bench-server-process.ts';
import { formatMs, type Percentiles, percentiles } from './percentiles.ts';

export interface ConfirmationResult {
  openCheckouts: number;
  /** Webhook sent → `succeeded` read from that session's event stream, per session. */
  sse: Percentiles;
  /** GET /sessions/:id with the same streams open: what one poll costs. */
  get: Percentiles;
  /** 2 s polling: the status lands uniformly within a poll interval, then one GET. */
  polling: { mean: number; p95: number; p99: number };
}

const SHOP = 'https://shop.example.com';
const POLL_INTERVAL_MS = 2000;

function send(
  server: BenchServer,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${server.url}${path}`,
      { method, headers, agent: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Opens the session's event stream; `succeeded` resolves with the time the event was read. */
function openStream(server: BenchServer, sessionId: string) {
  let resolveSucceeded: (at: number) => void = () => {};
  const succeeded = new Promise<number>((resolve) => {
    resolveSucceeded = resolve;
  });
  return new Promise<{ succeeded: Promise<number>; close: () => void }>((resolve, reject) => {
    const request = httpRequest(
      `${server.url}/api/checkout/sessions/${sessionId}/events`,
      { headers: { accept: 'text/event-stream' }, agent: false },
      (response: IncomingMessage) => {
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          if (buffer.includes('"status":"succeeded"')) resolveSucceeded(at);
          // Only the latest partial event matters once a full one was checked.
          if (buffer.length > 4096) buffer = buffer.slice(-512);
        });
        resolve({ succeeded, close: () => request.destroy() });
      },
    );
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
    request.end();
  });
}

async function createSession(server: BenchServer, index: number): Promise<string> {
  const response = await send(
    server,
    'POST',
    '/api/checkout/sessions',
    JSON.stringify({
      methodId: 'ksher.promptpay',
      cart: { items: [{ sku: 'tea', quantity: 1 }] },
      returnUrl: `${SHOP}/order`,
    }),
    { 'content-type': 'application/json', 'idempotency-key': `confirm-${process.pid}-${index}` },
  );
  if (response.status !== 201)
    throw new Error(`create failed: ${response.status} ${response.body}`);
  return (JSON.parse(response.body) as { id: string }).id;
}

async function inBatches<T>(
  count: number,
  batch: number,
  run: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += batch) {
    const indexes = Array.from({ length: Math.min(batch, count - start) }, (_, i) => start + i);
    results.push(...(await Promise.all(indexes.map(run))));
  }
  return results;
}

/**
 * N checkouts wait on their event streams; then, one after another at `webhookRate`/s, each gets
 * its "Order Paid" webhook. Every stream stays open until its own session succeeds.
 */
export async function runConfirmationBench(
  openCheckouts: number,
  webhookRate: number,
): Promise<ConfirmationResult> {
  const server = await startBenchServer({ store: 'sqlite' });
  try {
    const ids = await inBatches(openCheckouts, 50, (index) => createSession(server, index));
    const streams = await inBatches(openCheckouts, 100, (index) =>
      openStream(server, ids[index] ?? ''),
    );
    const gets: number[] = [];
    for (const id of ids.slice(0, Math.min(ids.length, 500))) {
      const started = performance.now();
      await send(server, 'GET', `/api/checkout/sessions/${id}`);
      gets.push(performance.now() - started);
    }
    const { merchantOrderIds } = await server.request({ type: 'pay', sessionIds: ids }, 'paid');
    const latencies: Array<Promise<number>> = [];
    const gapMs = 1000 / webhookRate;
    const begin = performance.now();
    for (const [index, merchantOrderId] of merchantOrderIds.entries()) {
      // Paced against the start, so a slow webhook does not shift the schedule.
      const due = begin + index * gapMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const stream = streams[index];
      if (!stream) throw new Error('stream missing');
      const path = ksherWebhookUrl(WEBHOOK_URL, merchantOrderId, 'Order Paid', server.token).slice(
        SHOP.length,
      );
      const sent = performance.now();
      const delivered = send(server, 'GET', path).then((response) => {
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      });
      latencies.push(Promise.all([stream.succeeded, delivered]).then(([at]) => at - sent));
    }
    const measured = await Promise.all(latencies);
    // A session may only succeed through its webhook here: anything earlier would be a bad sample.
    if (measured.some((ms) => ms < 0)) throw new Error('a session succeeded before its webhook');
    const sse = percentiles(measured);
    for (const stream of streams) stream.close();
    const get = percentiles(gets);
    return {
      openCheckouts,
      sse,
      get,
      polling: {
        mean: POLL_INTERVAL_MS / 2 + get.mean,
        p95: 0.95 * POLL_INTERVAL_MS + get.p95,
        p99: 0.99 * POLL_INTERVAL_MS + get.p99,
      },
    };
  } finally {
    await server.stop();
  }
}

export function confirmationTable(results: ConfirmationResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.openCheckouts} | ${formatMs(r.sse.p50)} / ${formatMs(r.sse.p95)} / ${formatMs(r.sse.p99)} | ${formatMs(r.sse.mean)} | ${formatMs(r.get.p50)} / ${formatMs(r.get.p95)} | ${formatMs(r.polling.mean)} / ${formatMs(r.polling.p95)} | ${r.sse.p95 <= 100 ? 'met' : 'not met'} |`,
  );
  return [
    '| open checkouts | SSE p50 / p95 / p99 | SSE mean | one GET p50 / p95 | 2 s polling mean / p95 | p95 <= 100 ms |',
    '|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

if (import.meta.main) {
  const result = await runConfirmationBench(100, 100);
  console.log(confirmationTable([result]));
}
