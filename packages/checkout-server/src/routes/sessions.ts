import { IDEMPOTENCY_HEADER } from '@localpay/checkout-core';
import type { Hono } from 'hono';
import { invalidRequest } from '../errors.ts';
import type { SessionService } from '../sessions/session-service.ts';
import { toCheckoutSession } from '../sessions/session-view.ts';

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
    // The size was checked by the security middleware (security.maxBodyBytes) before any read.
    const text = await c.req.text();
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
