import { Agent, request as httpRequest } from 'node:http';

export interface PacedRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface PacedResult {
  /** Client-side latency of each request, ms. */
  latencies: number[];
  statuses: number[];
  bodies: string[];
  errors: number;
  seconds: number;
}

/**
 * Open-loop load at a steady `rate`: request i is sent at start + i/rate whether or not earlier
 * ones have answered (so a slow server cannot slow the load down), over keep-alive connections.
 * autocannon's overallRate releases each second's budget as a burst, which measures queueing
 * behind that burst rather than the server at 500 req/s.
 */
export async function pacedLoad(
  baseUrl: string,
  count: number,
  rate: number,
  requestAt: (index: number) => PacedRequest,
): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = new Array(count);
  const statuses: number[] = new Array(count);
  const bodies: string[] = new Array(count);
  let errors = 0;
  const pending: Promise<void>[] = [];
  const begin = performance.now();
  for (let index = 0; index < count; index++) {
    const wait = begin + (index * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const spec = requestAt(index);
    pending.push(
      new Promise<void>((resolve) => {
        const sent = performance.now();
        const request = httpRequest(
          `${baseUrl}${spec.path}`,
          { method: spec.method, headers: spec.headers, agent },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => {
              text += chunk;
            });
            response.on('end', () => {
              latencies[index] = performance.now() - sent;
              statuses[index] = response.statusCode ?? 0;
              bodies[index] = text;
              resolve();
            });
          },
        );
        request.on('error', () => {
          errors += 1;
          resolve();
        });
        request.end(spec.body);
      }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - begin) / 1000;
  agent.destroy();
  return {
    latencies: latencies.filter((ms) => ms !== undefined),
    statuses,
    bodies,
    errors,
    seconds,
  };
}
