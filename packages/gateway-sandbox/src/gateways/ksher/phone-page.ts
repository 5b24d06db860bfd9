import { escapeHtml, htmlDocument, htmlResponse, payerActionForm, seeOther } from '../../html.ts';
import { formatThb, ksherChannelLabel } from './hosted-page.ts';
import type { KsherSandboxOrder } from './orders.ts';

/**
 * The payer's phone: `{base}/phone` lists open QR orders and resolves a scanned QR payload;
 * `{base}/phone/{merchantOrderId}` shows one order with Pay and Decline. Plain HTML forms, no
 * script, same stylesheet and CSP as the hosted payment page.
 */
export interface PhonePageContext {
  merchantName: string;
  cssUrl: string;
  /** Path of the list page, e.g. `/sandbox/ksher/phone`. */
  phonePath: string;
  listOrders(): KsherSandboxOrder[];
  findByQrPayload(payload: string): KsherSandboxOrder | undefined;
  getOrder(merchantOrderId: string): KsherSandboxOrder | undefined;
  pay(merchantOrderId: string): Promise<KsherSandboxOrder>;
  decline(merchantOrderId: string): Promise<KsherSandboxOrder>;
}

const BANNER = "Ksher sandbox: the payer's phone, test payments only";

/** Orders a wallet app can pay: QR (C scan B), mini-program and App orders. */
function payableOnPhone(order: KsherSandboxOrder): boolean {
  return order.type === 'cscanb' || order.type === 'miniapp' || order.type === 'app';
}

function orderPath(context: PhonePageContext, order: KsherSandboxOrder): string {
  return `${context.phonePath}/${encodeURIComponent(order.merchantOrderId)}`;
}

function listPage(context: PhonePageContext, notice?: string): string {
  const open = context
    .listOrders()
    .filter((order) => order.type === 'cscanb' && order.status === 'Available');
  const rows = open
    .map(
      (order) => `<tr>
<td><a href="${escapeHtml(orderPath(context, order))}">${escapeHtml(order.merchantOrderId)}</a></td>
<td>${escapeHtml(ksherChannelLabel(order.channel))}</td>
<td class="amount">${escapeHtml(formatThb(order.amount))}</td>
</tr>`,
    )
    .join('\n');
  const table =
    open.length > 0
      ? `<table>
<caption>Open QR orders</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Channel</th><th scope="col">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
      : '<p>No QR order is waiting for payment.</p>';
  return htmlDocument({
    title: 'Scan and pay (Ksher sandbox)',
    cssUrl: context.cssUrl,
    banner: BANNER,
    body: `<h1>Scan and pay</h1>
${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}
<form method="get" action="${escapeHtml(context.phonePath)}">
<label for="payload">Scanned QR content</label>
<input type="text" id="payload" name="payload" required autocomplete="off" spellcheck="false">
<div class="actions"><button type="submit" class="primary">Find payment</button></div>
</form>
${table}`,
  });
}

function describeState(order: KsherSandboxOrder): string {
  if (order.status === 'Paid') return 'Paid';
  if (order.status === 'Refunded') return 'Refunded';
  if (order.closeReason === 'expired') return 'Expired';
  if (order.closeReason === 'cancelled') return 'Cancelled by the merchant';
  return 'Declined';
}

function orderPage(context: PhonePageContext, order: KsherSandboxOrder): string {
  const amount = formatThb(order.amount);
  const summary = `<dl class="summary">
<dt>Merchant</dt><dd>${escapeHtml(context.merchantName)}</dd>
<dt>Amount</dt><dd class="amount">${escapeHtml(amount)}</dd>
<dt>Channel</dt><dd>${escapeHtml(ksherChannelLabel(order.channel))}</dd>
<dt>Order</dt><dd>${escapeHtml(order.merchantOrderId)}</dd>
</dl>`;
  const body =
    order.status === 'Available'
      ? `<h1>Pay ${escapeHtml(context.merchantName)}</h1>
${summary}
${payerActionForm({ action: orderPath(context, order), actions: ['pay', 'decline'] })}
<p class="hint">Pay marks the order paid and notifies the merchant. Decline fails it.</p>`
      : `<h1>Payment ${escapeHtml(describeState(order).toLowerCase())}</h1>
<p role="status">Order ${escapeHtml(order.merchantOrderId)}: ${escapeHtml(describeState(order))}.</p>
${summary}`;
  return htmlDocument({
    title: `${order.status === 'Available' ? `Pay ${amount}` : describeState(order)} (Ksher sandbox phone)`,
    cssUrl: context.cssUrl,
    banner: BANNER,
    body: `${body}
<p><a href="${escapeHtml(context.phonePath)}">All open QR orders</a></p>`,
  });
}

/** `rest` is the path after `{base}/phone`: '' for the list, `/{merchantOrderId}` for one order. */
export async function handlePhonePage(
  request: Request,
  rest: string,
  context: PhonePageContext,
): Promise<Response> {
  if (rest === '' || rest === '/') {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const payload = new URL(request.url).searchParams.get('payload');
    if (payload === null) return htmlResponse(listPage(context), 200);
    const order = context.findByQrPayload(payload.trim());
    if (!order) {
      return htmlResponse(listPage(context, 'No sandbox order matches this QR code.'), 404);
    }
    return seeOther(orderPath(context, order));
  }

  let merchantOrderId: string;
  try {
    merchantOrderId = decodeURIComponent(rest.slice(1));
  } catch {
    merchantOrderId = '';
  }
  const order = context.getOrder(merchantOrderId);
  if (!order || !payableOnPhone(order)) {
    return htmlResponse(listPage(context, 'No such QR, mini-program or App order.'), 404);
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    return htmlResponse(orderPage(context, order), 200);
  }
  if (request.method !== 'POST') {
    return new Response(null, { status: 405, headers: { allow: 'GET, HEAD, POST' } });
  }
  const form = await request.formData().catch(() => undefined);
  const choice = form?.get('action');
  if (choice !== 'pay' && choice !== 'decline') return htmlResponse(orderPage(context, order), 400);
  if (order.status !== 'Available') return htmlResponse(orderPage(context, order), 409);
  try {
    if (choice === 'pay') await context.pay(order.merchantOrderId);
    else await context.decline(order.merchantOrderId);
  } catch {
    // The merchant cancelled or the control API acted between our read and this post.
    const current = context.getOrder(merchantOrderId) ?? order;
    return htmlResponse(orderPage(context, current), 409);
  }
  return seeOther(orderPath(context, order));
}
