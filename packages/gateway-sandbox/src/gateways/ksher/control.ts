import { Hono } from 'hono';
import { SandboxError } from '../../errors.ts';
import { type FaultSettings, invalidFaultField } from '../../faults.ts';
import { describeTestAuthCodes } from './auth-codes.ts';
import type { KsherSandbox } from './emulator.ts';
import { isReportDate } from './finance.ts';

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
 * JSON control API mounted at `{base}/_control`: inspect orders, drive their outcome, set faults,
 * read the webhook log and change the webhook URL. It is not signed: the sandbox is a test tool.
 */
export function createKsherControlApp(sandbox: KsherSandbox): Hono {
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

  app.get('/orders/:merchantOrderId', (c) => {
    const id = c.req.param('merchantOrderId');
    const order = sandbox.getOrder(id);
    if (!order) return c.json(controlError('not_found', `No order ${id}`), 404);
    return c.json({ order });
  });

  app.post('/orders/:merchantOrderId/pay', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(controlError('invalid_request', 'Body is not valid JSON'), 400);
    const channel = (body.value as { channel?: unknown } | null)?.channel;
    if (channel !== undefined && (typeof channel !== 'string' || channel === '')) {
      return c.json(controlError('invalid_request', 'channel must be a non-empty string'), 400);
    }
    const order = await sandbox.pay(c.req.param('merchantOrderId'), channel ? { channel } : {});
    return c.json({ order });
  });

  app.post('/orders/:merchantOrderId/decline', async (c) =>
    c.json({ order: await sandbox.decline(c.req.param('merchantOrderId')) }),
  );

  app.post('/orders/:merchantOrderId/expire', async (c) =>
    c.json({ order: await sandbox.expire(c.req.param('merchantOrderId')) }),
  );

  app.get('/auth-codes', (c) => c.json({ authCodes: describeTestAuthCodes() }));

  app.post('/finance/seed', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok || typeof body.value !== 'object' || body.value === null) {
      return c.json(controlError('invalid_request', 'Body must be a JSON object'), 400);
    }
    const { date, count, channel, amount } = body.value as Record<string, unknown>;
    const invalid = (field: string, rule: string) =>
      c.json(controlError('invalid_request', `${field} ${rule}`), 400);
    if (typeof date !== 'string' || !isReportDate(date)) return invalid('date', 'must be yyyymmdd');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) {
      return invalid('count', 'must be an integer from 1 to 1000');
    }
    if (typeof channel !== 'string' || !/^[a-z0-9_]+$/.test(channel)) {
      return invalid('channel', 'must be a channel name such as promptpay');
    }
    if (amount !== undefined && (!Number.isSafeInteger(amount) || (amount as number) < 1)) {
      return invalid('amount', 'must be a positive integer (minor units)');
    }
    const orders = sandbox.seedFinance({
      date,
      count,
      channel,
      ...(amount !== undefined && { amount: amount as number }),
    });
    return c.json({ orders }, 201);
  });

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

  app.get('/webhooks', (c) => c.json({ deliveries: sandbox.webhookDeliveries() }));

  app.put('/settings', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok || typeof body.value !== 'object' || body.value === null) {
      return c.json(controlError('invalid_request', 'Body must be a JSON object'), 400);
    }
    const value = body.value as { webhookUrl?: unknown };
    if ('webhookUrl' in value) {
      const webhookUrl = value.webhookUrl;
      // null or '' clears the setting, like emptying the field in the gateway portal.
      if (webhookUrl === null || webhookUrl === '') sandbox.configure({ webhookUrl: '' });
      else if (isHttpUrl(webhookUrl)) sandbox.configure({ webhookUrl: webhookUrl as string });
      else return c.json(controlError('invalid_request', 'webhookUrl must be an http(s) URL'), 400);
    }
    return c.json({ settings: { webhookUrl: sandbox.settings().webhookUrl ?? null } });
  });

  app.notFound((c) => c.json(controlError('not_found', 'Unknown control endpoint'), 404));
  return app;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
