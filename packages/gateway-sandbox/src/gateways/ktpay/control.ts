import type { Hono } from 'hono';
import { controlError, createControlRouter, registerFaultRoutes } from '../../control-api.ts';
import type { KtpaySandbox } from './emulator.ts';

/**
 * JSON control API at `{ktpay}/_control`, the same error shape and fault routes as the other
 * emulators': inspect payments (Ktpay's word: they are keyed by transaction hash), end them
 * (pay / decline / fail), set faults, read the callback log.
 */
export function createKtpayControlApp(sandbox: KtpaySandbox): Hono {
  const app = createControlRouter();

  app.get('/payments', (c) => c.json({ payments: sandbox.listPayments() }));

  app.get('/payments/:hash', (c) => {
    const hash = c.req.param('hash');
    const payment = sandbox.getPayment(hash);
    if (!payment) return c.json(controlError('not_found', `No payment ${hash}`), 404);
    return c.json({ payment });
  });

  app.post('/payments/:hash/pay', (c) => c.json({ payment: sandbox.pay(c.req.param('hash')) }));
  app.post('/payments/:hash/decline', (c) =>
    c.json({ payment: sandbox.decline(c.req.param('hash')) }),
  );
  app.post('/payments/:hash/fail', (c) => c.json({ payment: sandbox.fail(c.req.param('hash')) }));

  registerFaultRoutes(app, sandbox.faults);

  app.get('/callbacks', (c) => c.json({ deliveries: sandbox.callbackDeliveries() }));
  return app;
}
