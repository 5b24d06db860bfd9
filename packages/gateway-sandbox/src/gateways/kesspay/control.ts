import { Hono } from 'hono';
import { SandboxError } from '../../errors.ts';
import { type FaultSettings, invalidFaultField } from '../../faults.ts';
import type { KesspaySandbox } from './emulator.ts';

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
 * JSON control API at `{base}/_control`, the same shape as Ksher's: inspect orders, drive their
 * outcome, set faults, read the notify log, and revoke tokens (to exercise 401 handling).
 */
export function createKesspayControlApp(sandbox: KesspaySandbox): Hono {
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

  app.get('/orders', (c) => c.json({ orders: sandbox.listOrders() }));

  app.get('/orders/:outTradeNo', (c) => {
    const id = c.req.param('outTradeNo');
    const order = sandbox.getOrder(id);
    if (!order) return c.json(controlError('not_found', `No order ${id}`), 404);
    return c.json({ order });
  });

  app.post('/orders/:outTradeNo/pay', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(controlError('invalid_request', 'Body is not valid JSON'), 400);
    const bic = (body.value as { bic?: unknown } | null)?.bic;
    if (bic !== undefined && (typeof bic !== 'string' || !/^[A-Z0-9_]{2,32}$/.test(bic))) {
      return c.json(controlError('invalid_request', 'bic must be a code such as KHQR'), 400);
    }
    return c.json({ order: await sandbox.pay(c.req.param('outTradeNo'), bic ? { bic } : {}) });
  });

  app.post('/orders/:outTradeNo/decline', async (c) =>
    c.json({ order: await sandbox.decline(c.req.param('outTradeNo')) }),
  );

  app.post('/orders/:outTradeNo/expire', async (c) =>
    c.json({ order: await sandbox.expire(c.req.param('outTradeNo')) }),
  );

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

  app.get('/webhooks', (c) => c.json({ deliveries: sandbox.notifyDeliveries() }));

  app.post('/tokens/revoke', (c) => {
    sandbox.revokeTokens();
    return c.json({ revoked: true });
  });

  app.notFound((c) => c.json(controlError('not_found', 'Unknown control endpoint'), 404));
  return app;
}
