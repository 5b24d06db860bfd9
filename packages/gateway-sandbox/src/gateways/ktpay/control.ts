import { Hono } from 'hono';
import { SandboxError } from '../../errors.ts';
import { type FaultSettings, invalidFaultField } from '../../faults.ts';
import type { KtpaySandbox } from './emulator.ts';

function controlError(code: string, message: string) {
  return { error: { code, message } };
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await request.text();
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * JSON control API at `{ktpay}/_control`, the same shape as the other emulators': inspect
 * payments, end them (pay / decline / fail), set faults, read the callback log.
 */
export function createKtpayControlApp(sandbox: KtpaySandbox): Hono {
  const app = new Hono({ strict: false });

  app.onError((error, c) => {
    if (error instanceof SandboxError) {
      return c.json(
        controlError(error.code, error.message),
        error.code === 'not_found' ? 404 : 409,
      );
    }
    return c.json(controlError('internal_error', 'Unexpected sandbox error'), 500);
  });

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

  app.get('/faults', (c) => c.json({ faults: sandbox.faults.get() }));

  app.put('/faults', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(controlError('invalid_request', 'Body is not valid JSON'), 400);
    const field = invalidFaultField(body.value);
    if (field) return c.json(controlError('invalid_request', `Invalid fault field: ${field}`), 400);
    sandbox.faults.set(body.value as FaultSettings);
    return c.json({ faults: sandbox.faults.get() });
  });

  app.delete('/faults', (c) => {
    sandbox.faults.reset();
    return c.json({ faults: sandbox.faults.get() });
  });

  app.get('/callbacks', (c) => c.json({ deliveries: sandbox.callbackDeliveries() }));

  app.notFound((c) => c.json(controlError('not_found', 'Unknown control endpoint'), 404));
  return app;
}
