import { describe, expect, it } from 'vitest';
import { createJsonLogger, createRedactingLogger, type LogLevel } from './logger.ts';
import { createRedactor, REDACTED } from './redact.ts';

describe('createRedactor', () => {
  const secret = 'tok/en+with&odd chars=';
  const redact = createRedactor([secret, undefined]);

  it('replaces the raw secret and its URL-encoded and JSON-escaped forms', () => {
    const text = [
      `raw ${secret}`,
      `uri ${encodeURIComponent(secret)}`,
      `form ${new URLSearchParams({ t: secret }).toString()}`,
    ].join(' | ');
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain('tok%2Fen%2Bwith');
    expect(out.split(REDACTED)).toHaveLength(4);
  });

  it('leaves other text alone and ignores tiny secrets', () => {
    expect(createRedactor(['ab'])('abc ab')).toBe('abc ab');
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
});

describe('loggers', () => {
  const secret = 'a'.repeat(64);

  it('the JSON logger redacts messages, fields and error messages', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({
      redact: createRedactor([secret]),
      write: (l) => lines.push(l),
    });
    logger.log('error', `token ${secret}`, {
      error: new Error(`bad ${secret}`),
      nested: { secret },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'error',
      error: { name: 'Error' },
    });
  });

  it('a merchant logger only ever sees redacted values', () => {
    const seen: Array<[LogLevel, string, unknown]> = [];
    const logger = createRedactingLogger(
      { log: (level, message, fields) => seen.push([level, message, fields]) },
      createRedactor([secret]),
    );
    logger.log('warn', `x ${secret}`, { url: `https://x/?t=${secret}` });
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(seen[0]?.[0]).toBe('warn');
  });
});
