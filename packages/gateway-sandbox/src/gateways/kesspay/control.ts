import type { Hono } from 'hono';
import { createControlApp } from '../../control-api.ts';
import type { KesspaySandbox } from './emulator.ts';

/**
 * The shared control API (orders, faults, notify log) plus token revocation, to exercise the
 * server's 401 handling.
 */
export function createKesspayControlApp(sandbox: KesspaySandbox): Hono {
  const app = createControlApp(
    { ...sandbox, deliveries: () => sandbox.notifyDeliveries() },
    {
      parsePayOptions: ({ bic }) => {
        if (bic === undefined) return {};
        if (typeof bic !== 'string' || !/^[A-Z0-9_]{2,32}$/.test(bic)) {
          return 'bic must be a code such as KHQR';
        }
        return { bic };
      },
    },
  );

  app.post('/tokens/revoke', (c) => {
    sandbox.revokeTokens();
    return c.json({ revoked: true });
  });

  return app;
}
