import { IDEMPOTENCY_HEADER } from '@localpay/checkout-core';
import type { Hono } from 'hono';
import { ApiError, invalidRequest } from '../errors.ts';
import type { SessionService } from '../sessions/session-service.ts';
import { toCheckoutSession } from '../sessions/session-view.ts';

const MAX_BODY_BYTES = 64 * 1024;

export function registerSessionRoutes(app: Hono, service: SessionService): void {
  app.post('/sessions', async (c) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || key.length === 0) {
      throw invalidRequest([{ field: IDEMPOTENCY_HEADER, message: 'header is required' }]);
    }
    if (key.length > 255 || !/^[\x21-\x7E]+$/.test(key)) {
      throw invalidRequest([
        { field: IDEMPOTENCY_HEADER, message: 'header must be 1-255 visible ASCII characters' },
      ]);
    }
    const tooLarge = new ApiError(
      413,
      'invalid_request',
      `The body must be at most ${MAX_BODY_BYTES} bytes`,
    );
    // Declared size first, so an oversized body is refused before it is read.
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw tooLarge;
    const text = await c.req.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw invalidRequest(
        [{ field: '', message: 'the body must be valid JSON' }],
        'Malformed JSON',
      );
    }
    const result = await service.createSession(body, key);
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(toCheckoutSession(result.order), result.status);
  });

  app.get('/sessions/:id', async (c) => {
    return c.json(toCheckoutSession(await service.getSession(c.req.param('id'))));
  });

  app.post('/sessions/:id/cancel', async (c) => {
    return c.json(toCheckoutSession(await service.cancelSession(c.req.param('id'))));
  });
}
