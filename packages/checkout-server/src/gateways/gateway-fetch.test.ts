import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchGatewayAnswer } from './gateway-fetch.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A loopback server that sends its headers and `first`, then holds the body open. */
async function stallingServer(first: string): Promise<string> {
  const stalling = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(first);
  });
  server = stalling;
  await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fetchGatewayAnswer', () => {
  it('answers with the response and its whole body', async () => {
    const answer = await fetchGatewayAnswer(
      async () => new Response('{"ok":true}', { status: 201 }),
      'https://gateway.test/orders',
      { method: 'POST' },
      1000,
    );
    expect(answer.response.status).toBe(201);
    expect(answer.text).toBe('{"ok":true}');
  });

  it('passes the request through, with its own signal', async () => {
    let seen: RequestInit | undefined;
    await fetchGatewayAnswer(
      async (_url, init) => {
        seen = init;
        return new Response('');
      },
      'https://gateway.test/orders',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
      1000,
    );
    expect(seen).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
  });

  it('ends the deadline with the answer, so nothing outlives the call', async () => {
    // AbortSignal.timeout, or a timer left running, would abort this signal 30 ms later.
    let signal: AbortSignal | undefined;
    await fetchGatewayAnswer(
      async (_url, init) => {
        signal = init?.signal ?? undefined;
        return new Response('done');
      },
      'https://gateway.test/orders',
      {},
      30,
    );
    await sleep(80);
    expect(signal?.aborted).toBe(false);
  });

  it('rejects with a TimeoutError when the gateway does not answer in time', async () => {
    const started = performance.now();
    const error = await fetchGatewayAnswer(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
      'https://gateway.test/orders',
      {},
      40,
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      message: expect.stringContaining('40 ms'),
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('counts reading the body against the deadline (real fetch, a body that stalls)', async () => {
    const url = await stallingServer('{"partial":');
    const error = await fetchGatewayAnswer(fetch, url, {}, 150).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });
});
