import type { Hono } from 'hono';
import { invalidRequest } from '../errors.ts';
import type { SessionService } from '../sessions/session-service.ts';

/** `GET /methods?currency=THB`: an unknown currency lists nothing; a malformed one is a 400. */
export function registerMethodRoutes(app: Hono, service: SessionService): void {
  app.get('/methods', async (c) => {
    const currency = c.req.query('currency');
    if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) {
      throw invalidRequest([
        { field: 'currency', message: 'must be an ISO 4217 code such as THB' },
      ]);
    }
    // Adapters whose list comes from the gateway (KessPay getpaymentmethods) refresh their cache.
    await Promise.all(service.adapters().map((adapter) => adapter.refreshMethods?.()));
    return c.json({ methods: service.listMethods(currency?.toUpperCase()) });
  });
}
