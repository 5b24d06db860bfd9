import { formatMoney } from '@localpay/checkout-core';
import type { OrderEvent, OrderRecord } from '@localpay/checkout-server';
import { html, raw } from 'hono/html';

type Html = ReturnType<typeof html>;

export function layout(title: string, body: Html, message?: { notice?: string; problem?: string }) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Siam Crafts back office</title>
    <link rel="stylesheet" href="/admin/assets/admin.css" />
  </head>
  <body>
    <header>
      <strong>Siam Crafts back office</strong>
      <nav aria-label="Back office">
        <a href="/admin">Orders</a> · <a href="/admin/cashier">Cashier</a> ·
        <a href="/admin/settlements">Settlements</a> · <a href="/">Shop</a>
      </nav>
    </header>
    <main>
      <h1>${title}</h1>
      ${message?.notice ? html`<p class="notice" role="status">${message.notice}</p>` : ''}
      ${message?.problem ? html`<p class="problem" role="alert">${message.problem}</p>` : ''}
      ${body}
    </main>
  </body>
</html>`;
}

const money = (amount: number, currency: string) => formatMoney(amount, currency, 'en');

export function ordersPage(orders: OrderRecord[]) {
  if (orders.length === 0) return html`<p>No orders yet.</p>`;
  return html`<table>
    <caption>Latest ${orders.length} orders</caption>
    <thead>
      <tr><th scope="col">Order</th><th scope="col">Created</th><th scope="col">Method</th>
      <th scope="col">Status</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Refunded</th></tr>
    </thead>
    <tbody>
      ${orders.map(
        (order) => html`<tr>
          <th scope="row"><a href="/admin/orders/${order.id}">${order.id}</a></th>
          <td>${order.createdAt.replace('T', ' ').slice(0, 19)}</td>
          <td>${order.methodId}</td>
          <td class="status">${order.status}</td>
          <td class="num">${money(order.amount, order.currency)}</td>
          <td class="num">${order.refundedAmount ? money(order.refundedAmount, order.currency) : ''}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function describeEvent(event: OrderEvent): string {
  const { payload } = event;
  if (event.type === 'status_changed') return `${payload.from} → ${payload.to} (${payload.source})`;
  if (event.type === 'gateway_call') {
    return `${payload.method ?? ''} ${payload.path ?? ''} → ${payload.status ?? ''}`.trim();
  }
  const { params: _params, ...rest } = payload;
  return Object.entries(rest)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export function orderPage(order: OrderRecord, events: OrderEvent[]) {
  const refundable = order.amount - order.refundedAmount;
  const canRefund =
    (order.status === 'succeeded' || order.status === 'partially_refunded') && refundable > 0;
  return html`<table>
      <caption>Order</caption>
      <tbody>
        <tr><th scope="row">Status</th><td class="status" data-testid="order-status">${order.status}</td></tr>
        <tr><th scope="row">Amount</th><td>${money(order.amount, order.currency)}</td></tr>
        <tr><th scope="row">Refunded</th><td>${money(order.refundedAmount, order.currency)}</td></tr>
        <tr><th scope="row">Method</th><td>${order.methodId}</td></tr>
        <tr><th scope="row">Gateway order id</th><td><code>${order.merchantOrderId}</code></td></tr>
        ${order.failureReason ? html`<tr><th scope="row">Reason</th><td>${order.failureReason}</td></tr>` : ''}
      </tbody>
    </table>
    <table>
      <caption>Lines</caption>
      <tbody>
        ${order.lines.map(
          (line) => html`<tr><th scope="row">${line.name} × ${line.quantity}</th>
            <td class="num">${money(line.unitAmount * line.quantity, order.currency)}</td></tr>`,
        )}
      </tbody>
    </table>
    ${
      canRefund
        ? html`<form method="post" action="/admin/orders/${order.id}/refund">
            <label>Refund amount (${order.currency})
              <span class="hint">Leave empty to refund everything left: ${money(refundable, order.currency)}</span>
              <input name="amount" inputmode="decimal" autocomplete="off" pattern="[0-9]+([.][0-9]{1,2})?" />
            </label>
            <button type="submit">Refund</button>
          </form>`
        : ''
    }
    <table>
      <caption>Status history and gateway events</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Details</th></tr></thead>
      <tbody>
        ${events.map(
          (event) => html`<tr>
            <td>${event.createdAt.replace('T', ' ').slice(0, 23)}</td>
            <td>${event.type}</td>
            <td><code>${describeEvent(event)}</code></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

export const walletChannels = ['alipay', 'wechat', 'linepay', 'airpay', 'truemoney'] as const;

export function cashierPage(values: {
  authCode?: string;
  channel?: string;
  amount?: string;
  description?: string;
}) {
  return html`<p>Scan or type the code shown in the customer's wallet app (B scan C). The charge is
      synchronous: the result shows at once.</p>
    <form method="post" action="/admin/cashier">
      <label>Wallet <select name="channel">
        ${walletChannels.map(
          (channel) =>
            html`<option value="${channel}" ${values.channel === channel ? raw('selected') : ''}>${channel}</option>`,
        )}
      </select></label>
      <label>Customer's payment code <input name="authCode" required inputmode="numeric" autocomplete="off" value="${values.authCode ?? ''}" /></label>
      <label>Amount (THB) <input name="amount" required inputmode="decimal" autocomplete="off" value="${values.amount ?? ''}" /></label>
      <label>Description <input name="description" maxlength="64" value="${values.description ?? 'Counter sale'}" /></label>
      <button type="submit">Charge</button>
    </form>`;
}

export interface SettlementView {
  date: string;
  channel: string;
  channels: string[];
  transactions?: { total: number; items: Array<Record<string, unknown>> };
  summary?: Record<string, unknown>;
}

export function settlementsPage(view: SettlementView) {
  return html`<form method="get" action="/admin/settlements">
      <label>Date <input type="date" name="date" required value="${view.date}" /></label>
      <label>Channel <span class="hint">for the settlement summary; transactions cover every channel</span>
        <select name="channel">
          ${view.channels.map(
            (channel) =>
              html`<option value="${channel}" ${view.channel === channel ? raw('selected') : ''}>${channel}</option>`,
          )}
        </select></label>
      <button type="submit">Show report</button>
    </form>
    ${
      view.summary
        ? html`<table><caption>Settlement summary, ${view.channel}, ${view.date}</caption><tbody>
            ${Object.entries(view.summary).map(
              ([key, value]) => html`<tr><th scope="row">${key}</th><td>${String(value)}</td></tr>`,
            )}
          </tbody></table>`
        : ''
    }
    ${
      view.transactions
        ? html`<table><caption>${view.transactions.total} transactions on ${view.date}</caption>
            <thead><tr><th scope="col">Time</th><th scope="col">Channel</th><th scope="col">Order</th>
            <th scope="col">Type</th><th scope="col" class="num">Amount</th></tr></thead>
            <tbody>
              ${view.transactions.items.map(
                (
                  item,
                ) => html`<tr><td>${String(item.transaction_time ?? '')}</td><td>${String(item.channel ?? '')}</td>
                  <td><code>${String(item.order_id ?? '')}</code></td><td>${String(item.type ?? '')}</td>
                  <td class="num">${String(item.amount ?? '')}</td></tr>`,
              )}
            </tbody></table>`
        : ''
    }`;
}
