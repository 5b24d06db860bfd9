import type { Hono } from 'hono';
import type { OrderStore } from './store/order-store.ts';

export interface HealthRouteOptions {
  store: OrderStore;
  /** True once a graceful shutdown began: load balancers should stop sending traffic. */
  isShuttingDown: () => boolean;
}

/**
 * `GET /healthz`: the process answers (liveness). `GET /readyz`: the store answers and no
 * shutdown is under way (readiness); 503 otherwise. Neither says why beyond a short code, so
 * nothing about the database leaks.
 */
export function registerHealthRoutes(app: Hono, options: HealthRouteOptions): void {
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, noStore));
  app.get('/readyz', async (c) => {
    if (options.isShuttingDown()) {
      return c.json({ status: 'shutting_down' }, 503, noStore);
    }
    try {
      await storeReachable(options.store);
      return c.json({ status: 'ready' }, 200, noStore);
    } catch {
      return c.json({ status: 'store_unreachable' }, 503, noStore);
    }
  });
}

async function storeReachable(store: OrderStore): Promise<void> {
  if (store.ping) return store.ping();
  // A custom store without ping(): any read proves the connection.
  await store.getOrder('readiness-check');
}
