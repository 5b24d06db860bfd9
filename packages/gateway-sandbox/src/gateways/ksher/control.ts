import type { Hono } from 'hono';
import { controlError, createControlApp, readJson } from '../../control-api.ts';
import { isHttpUrl } from '../../urls.ts';
import { describeTestAuthCodes } from './auth-codes.ts';
import type { KsherSandbox } from './emulator.ts';
import { isReportDate } from './finance.ts';

/**
 * The shared control API (orders, faults, webhook log) plus Ksher's own: test auth codes, finance
 * seeding and the portal's webhook URL setting.
 */
export function createKsherControlApp(sandbox: KsherSandbox): Hono {
  const app = createControlApp(
    { ...sandbox, deliveries: () => sandbox.webhookDeliveries() },
    {
      parsePayOptions: ({ channel }) => {
        if (channel === undefined) return {};
        if (typeof channel !== 'string' || channel === '') {
          return 'channel must be a non-empty string';
        }
        return { channel };
      },
    },
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

  return app;
}
