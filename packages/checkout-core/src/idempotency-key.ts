type RandomSource = Partial<Pick<Crypto, 'randomUUID' | 'getRandomValues'>>;

/**
 * A fresh random key for one payment attempt (`Idempotency-Key`). Uses `crypto.randomUUID`, or
 * builds a v4 UUID from `getRandomValues` where randomUUID is missing (non-secure contexts, old
 * browsers). Never falls back to Math.random: a guessable or colliding key could replay another
 * attempt's session.
 */
export function createIdempotencyKey(source: RandomSource | undefined = globalThis.crypto): string {
  if (typeof source?.randomUUID === 'function') return source.randomUUID();
  if (typeof source?.getRandomValues !== 'function') {
    throw new Error('No secure random source (crypto.getRandomValues) is available');
  }
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
