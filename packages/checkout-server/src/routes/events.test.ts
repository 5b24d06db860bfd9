import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE, createHarness, type Harness, SHOP } from '../../tests/handler-harness.ts';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.handler.close();
  await h.store.close();
});

/** Reads an SSE body chunk by chunk until `until` matches the text so far. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  seen: { text: string },
  until: RegExp,
) {
  const decoder = new TextDecoder();
  while (!until.test(seen.text)) {
    const { done, value } = await reader.read();
    if (done) return false;
    seen.text += decoder.decode(value, { stream: true });
  }
  return true;
}

async function open(id: string, signal?: AbortSignal) {
  const response = await h.handler.fetch(
    new Request(`${SHOP}${BASE}/sessions/${id}/events`, signal ? { signal } : {}),
  );
  return response;
}

describe('GET /sessions/:id/events', () => {
  it('sends retry and the current status, then each change, and closes after a final one', async () => {
    const session = await h.createSession();
    const response = await open(session.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: '' };
    await readUntil(reader, seen, /"status":"pending"/);
    expect(seen.text.startsWith('retry: 3000\n\n')).toBe(true);
    expect(seen.text).toContain(`event: status\ndata: {"id":"${session.id}","status":"pending"`);

    await h.gateway.pay(session.id);
    await h.webhook(session.id, 'Order Paid');
    await readUntil(reader, seen, /"status":"succeeded"/);
    expect(await reader.read()).toMatchObject({ done: true });
    expect(h.sessionEvents.subscriberCount()).toBe(0);
  });

  it('sends one event and closes for a session that is already final', async () => {
    const session = await h.createSession();
    await h.request('POST', `/sessions/${session.id}/cancel`);
    const text = await (await open(session.id)).text();
    expect(text.match(/event: status/g)).toHaveLength(1);
    expect(text).toContain('"status":"cancelled"');
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const session = await h.createSession();
    const reader = ((await open(session.id)).body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: '' };
    expect(await readUntil(reader, seen, /: heartbeat\n\n/)).toBe(true);
    await reader.cancel();
  });

  it('resolves a lost webhook through the heartbeat re-check', async () => {
    const session = await h.createSession();
    const reader = ((await open(session.id)).body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: '' };
    await readUntil(reader, seen, /"status":"pending"/);
    await h.gateway.pay(session.id); // and no webhook at all
    expect(await readUntil(reader, seen, /"status":"succeeded"/)).toBe(true);
  });

  it('unsubscribes when the client goes away and when the handler closes', async () => {
    const session = await h.createSession();
    const reader = ((await open(session.id)).body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, { text: '' }, /pending/);
    expect(h.sessionEvents.subscriberCount()).toBe(1);
    await reader.cancel();
    await vi.waitFor(() => expect(h.sessionEvents.subscriberCount()).toBe(0));

    const second = ((await open(session.id)).body as ReadableStream<Uint8Array>).getReader();
    await readUntil(second, { text: '' }, /pending/);
    await h.handler.close();
    await vi.waitFor(() => expect(h.sessionEvents.subscriberCount()).toBe(0));
  });

  it('answers 404 before streaming for an unknown session', async () => {
    const response = await open('cs_nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
