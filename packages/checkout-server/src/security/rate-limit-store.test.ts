import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from './rate-limit-store.ts';

const window = { windowMs: 1000, limit: 2 };

describe('createMemoryRateLimitStore', () => {
  it('allows `limit` attempts per sliding window and says when the next slot frees up', async () => {
    const store = createMemoryRateLimitStore();
    expect(await store.hit('a', { ...window, nowMs: 0 })).toEqual({ allowed: true });
    expect(await store.hit('a', { ...window, nowMs: 400 })).toEqual({ allowed: true });
    expect(await store.hit('a', { ...window, nowMs: 600 })).toEqual({
      allowed: false,
      retryAfterMs: 400,
    });
    // Other keys have their own window.
    expect(await store.hit('b', { ...window, nowMs: 600 })).toEqual({ allowed: true });
    // The first attempt has left the window; the refused one was never counted.
    expect(await store.hit('a', { ...window, nowMs: 1001 })).toEqual({ allowed: true });
    expect(await store.hit('a', { ...window, nowMs: 1002 })).toEqual({
      allowed: false,
      retryAfterMs: 398,
    });
  });

  it('forgets the least recently used keys past maxKeys', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 2 });
    const one = { windowMs: 1000, limit: 1, nowMs: 0 };
    await store.hit('a', one);
    await store.hit('b', one);
    await store.hit('c', one);
    // 'a' was dropped, so it starts afresh; 'c' is still counted.
    expect((await store.hit('a', one)).allowed).toBe(true);
    expect((await store.hit('c', one)).allowed).toBe(false);
  });
});
