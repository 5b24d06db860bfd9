import { decimalStringToMinor } from '@localpay/checkout-core';
import type { CheckoutHandler } from '@localpay/checkout-server';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { csrf } from 'hono/csrf';
import { backOfficeCss } from './back-office-css.ts';
import {
  cashierPage,
  layout,
  orderPage,
  ordersPage,
  settlementsPage,
  walletChannels,
} from './pages.ts';

export interface BackOfficeOptions {
  checkout: CheckoutHandler;
  /** HTTP Basic credentials; the back office handles money and must never be open. */
  username: string;
  password: string;
  /** Today in the merchant's time zone, for the default report date. */
  today?: () => string;
}

function bangkokToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}

/**
 * The merchant's back office for the demo: orders with their history, refunds, a B-scan-C cashier
 * and the Ksher settlement report. Server-rendered HTML forms (no script, so the shop's strict CSP
 * holds), behind Basic auth, state changes only by same-origin POST.
 */
export function createBackOffice(options: BackOfficeOptions): Hono {
  const { checkout } = options;
  const today = options.today ?? bangkokToday;
  const app = new Hono();

  app.get('/assets/admin.css', (c) =>
    c.body(backOfficeCss, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'max-age=300',
    }),
  );
  app.use(
    '*',
    basicAuth({ username: options.username, password: options.password, realm: 'Back office' }),
  );
  app.use('*', csrf());

  app.get('/', async (c) => {
    const orders = await checkout.listOrders({ limit: 100 });
    return c.html(layout('Orders', ordersPage(orders)));
  });

  app.get('/orders/:id', async (c) => {
    const order = await checkout.getOrder(c.req.param('id'));
    if (!order) return c.html(layout('Order not found', ordersPage([])), 404);
    const events = await checkout.listEvents(order.id);
    const notice = c.req.query('notice');
    return c.html(layout(`Order ${order.id}`, orderPage(order, events), notice ? { notice } : {}));
  });

  app.post('/orders/:id/refund', async (c) => {
    const id = c.req.param('id');
    const order = await checkout.getOrder(id);
    if (!order) return c.html(layout('Order not found', ordersPage([])), 404);
    const form = await c.req.parseBody();
    const typed = typeof form.amount === 'string' ? form.amount.trim() : '';
    try {
      const amount = typed === '' ? undefined : decimalStringToMinor(typed, order.currency);
      const refunded = await checkout.refund(id, amount === undefined ? {} : { amount });
      return c.redirect(
        `/admin/orders/${id}?notice=${encodeURIComponent(`Refund done: order is ${refunded.status}`)}`,
        303,
      );
    } catch (error) {
      const events = await checkout.listEvents(id);
      return c.html(
        layout(`Order ${id}`, orderPage(order, events), {
          problem: `Refund failed: ${messageOf(error)}`,
        }),
        400,
      );
    }
  });

  app.get('/cashier', (c) => c.html(layout('Cashier', cashierPage({}))));

  app.post('/cashier', async (c) => {
    const form = await c.req.parseBody();
    const values = {
      authCode: String(form.authCode ?? '').trim(),
      channel: String(form.channel ?? ''),
      amount: String(form.amount ?? '').trim(),
      description: String(form.description ?? '').trim(),
    };
    const page = (message: { notice?: string; problem?: string }, status: 200 | 400 | 502) =>
      c.html(layout('Cashier', cashierPage(values), message), status);
    if (!checkout.ksher) return page({ problem: 'Ksher is not configured' }, 400);
    const channel = walletChannels.find((known) => known === values.channel);
    if (!channel) return page({ problem: 'Choose a wallet' }, 400);
    let amount: number;
    try {
      amount = decimalStringToMinor(values.amount, 'THB');
    } catch (error) {
      return page({ problem: `Amount: ${messageOf(error)}` }, 400);
    }
    try {
      const order = await checkout.ksher.chargeWalletCode({
        authCode: values.authCode,
        channel,
        amount,
        ...(values.description && { description: values.description }),
      });
      return order.status === 'succeeded'
        ? page({ notice: `Paid: order ${order.id}` }, 200)
        : page(
            { problem: `Not paid (${order.failureReason ?? order.status}): order ${order.id}` },
            200,
          );
    } catch (error) {
      return page({ problem: `Charge failed: ${messageOf(error)}` }, 502);
    }
  });

  app.get('/settlements', async (c) => {
    if (!checkout.ksher)
      return c.html(
        layout('Settlements', settlementsPage({ date: today(), channel: '', channels: [] }), {
          problem: 'Ksher is not configured',
        }),
        400,
      );
    const date = c.req.query('date') ?? '';
    const requested = /^\d{4}-\d{2}-\d{2}$/.test(date);
    try {
      const channels = await checkout.ksher.finance.channels();
      const channel = c.req.query('channel') ?? channels[0] ?? '';
      if (!requested)
        return c.html(layout('Settlements', settlementsPage({ date: today(), channel, channels })));
      const [transactions, summary] = await Promise.all([
        checkout.ksher.finance.transactions(date),
        channel
          ? checkout.ksher.finance.settlementSummary(date, channel)
          : Promise.resolve(undefined),
      ]);
      return c.html(
        layout(
          'Settlements',
          settlementsPage({
            date,
            channel,
            channels,
            transactions: transactions as { total: number; items: Array<Record<string, unknown>> },
            ...(summary && { summary: summary as unknown as Record<string, unknown> }),
          }),
        ),
      );
    } catch (error) {
      return c.html(
        layout(
          'Settlements',
          settlementsPage({ date: requested ? date : today(), channel: '', channels: [] }),
          {
            problem: `Report failed: ${messageOf(error)}`,
          },
        ),
        502,
      );
    }
  });

  return app;
}
