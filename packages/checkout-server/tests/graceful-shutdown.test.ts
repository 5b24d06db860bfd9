import { afterEach, describe, expect, it } from 'vitest';
import { serveCheckout } from '../src/node.ts';
import { BASE, createHarness, type Harness } from './handler-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

describe('graceful shutdown of a served checkout handler', () => {
  it('ends open event streams with a retry hint and closes once they are done', async () => {
    h = createHarness({ heartbeatMs: 60_000 });
    const session = await h.createSession();
    const served = await serveCheckout(h.handler, { port: 0 });
    const response = await fetch(`${served.url}${BASE}/sessions/${session.id}/events`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: status')) {
      const { value } = await reader.read();
      text += decoder.decode(value, { stream: true });
    }
    const closing = served.close();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await closing;
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    expect(text.endsWith('retry: 1000\n: server shutting down\n\n')).toBe(true);
    expect(h.sessionEvents.subscriberCount()).toBe(0);
    // The handler itself still answers (e.g. from another server), but is no longer ready.
    expect((await h.request('GET', '/readyz')).status).toBe(503);
  });
});
