import { describe, expect, it } from 'vitest';
import { createIdempotencyKey } from './idempotency-key.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createIdempotencyKey', () => {
  it('uses crypto.randomUUID and differs each time', () => {
    const a = createIdempotencyKey();
    expect(a).toMatch(UUID_V4);
    expect(createIdempotencyKey()).not.toBe(a);
  });

  it('builds a v4 UUID from getRandomValues when randomUUID is missing', () => {
    const key = createIdempotencyKey({
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
        (array as unknown as Uint8Array).fill(0xff);
        return array;
      },
    });
    expect(key).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(createIdempotencyKey({ getRandomValues: crypto.getRandomValues.bind(crypto) })).toMatch(
      UUID_V4,
    );
  });

  it('refuses to run without a secure random source', () => {
    expect(() => createIdempotencyKey({})).toThrow(/random source/);
  });
});
