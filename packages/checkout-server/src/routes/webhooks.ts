import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SessionService } from '../sessions/session-service.ts';

/** One webhook route per gateway, at the path and method the gateway uses. */
export function registerWebhookRoutes(app: Hono, service: SessionService): void {
  for (const adapter of service.adapters()) {
    app.on(adapter.webhook.method, adapter.webhook.path, async (c) => {
      const outcome = await service.handleWebhook(adapter, c.req.raw);
      return c.json(outcome.body, outcome.status as ContentfulStatusCode);
    });
  }
}
